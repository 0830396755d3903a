"""Read-side questions researchers and the CLI ask of an archive."""

from __future__ import annotations

import sqlite_utils


def _rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def archive_stats(db: sqlite_utils.Database) -> dict:
    """Totals, counts by source/service/year/language, the date range, and the last crawl per source."""
    by = {
        column: _rows(
            db,
            f"SELECT coalesce({expr}, '(none)') AS {column}, count(*) AS articles FROM articles "
            f"GROUP BY 1 ORDER BY 1",
        )
        for column, expr in (
            ("source", "source"),
            ("service", "service"),
            ("year", "substr(published, 1, 4)"),
            ("language", "language"),
        )
    }
    totals = {table: db[table].count for table in ("articles", "copies", "revisions", "crawl_runs")}
    first, last, undated = db.execute(
        "SELECT min(published), max(published), sum(published IS NULL) FROM articles"
    ).fetchone()
    runs = _rows(
        db,
        "SELECT source, started, finished, status, pages_fetched, new, copies_added, updated, unchanged, "
        "dropped, errors, message FROM crawl_runs "
        "WHERE id IN (SELECT max(id) FROM crawl_runs GROUP BY source) "
        "ORDER BY source",
    )
    return {
        "totals": totals,
        "date_range": {"first": first, "last": last, "undated": undated or 0},
        "by": by,
        "last_crawl": runs,
    }


def latest_revisions(db: sqlite_utils.Database, source: str | None = None) -> list[dict]:
    """The newest stored revision of every copy (what reextract rebuilds from)."""
    sql = (
        "SELECT r.id AS revision_id, r.article_id, r.copy_id, c.source, c.fetched_url, c.hints, c.via, "
        "c.capture_timestamp, r.raw_html, r.encoding, r.http_status, r.content_type, r.fetched_at "
        "FROM revisions r JOIN copies c ON c.id = r.copy_id JOIN articles a ON a.id = r.article_id "
        "WHERE r.id IN (SELECT max(id) FROM revisions GROUP BY copy_id)"
    )
    params: list = []
    if source:
        sql += " AND c.source = ?"
        params.append(source)
    return _rows(db, sql + " ORDER BY r.id", params)
