"""Read-side questions researchers and the CLI ask of an archive."""

from __future__ import annotations

import sqlite_utils


def rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def counts_by(db: sqlite_utils.Database, scope: str = "SELECT id FROM articles") -> dict[str, list[dict]]:
    """Articles per source, service, year and language, among the article ids `scope` selects."""
    return {
        column: rows(
            db,
            f"SELECT coalesce({expr}, '(none)') AS {column}, count(*) AS articles FROM articles "
            f"WHERE id IN ({scope}) GROUP BY 1 ORDER BY 1",
        )
        for column, expr in (
            ("source", "source"),
            ("service", "service"),
            ("year", "substr(published, 1, 4)"),
            ("language", "language"),
        )
    }


def date_range(db: sqlite_utils.Database, scope: str = "SELECT id FROM articles") -> dict:
    first, last, undated = db.execute(
        f"SELECT min(published), max(published), sum(published IS NULL) FROM articles WHERE id IN ({scope})"
    ).fetchone()
    return {"first": first, "last": last, "undated": undated or 0}


def archive_stats(db: sqlite_utils.Database) -> dict:
    """Totals, counts by source/service/year/language, the date range, and the last crawl per source."""
    totals = {table: db[table].count for table in ("articles", "copies", "revisions", "crawl_runs")}
    runs = rows(
        db,
        "SELECT source, started, finished, status, pages_fetched, new, copies_added, updated, unchanged, "
        "dropped, errors, message FROM crawl_runs "
        "WHERE id IN (SELECT max(id) FROM crawl_runs GROUP BY source) "
        "ORDER BY source",
    )
    return {
        "totals": totals,
        "date_range": date_range(db),
        "by": counts_by(db),
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
    return rows(db, sql + " ORDER BY r.id", params)


def collection_by_source(db: sqlite_utils.Database, scope: str = "SELECT id FROM articles") -> list[dict]:
    """How each source's copies of the `scope` articles were collected: live or from the Wayback Machine,
    when they were fetched, and the crawl runs of that source (with its latest base URL)."""
    return rows(
        db,
        "SELECT c.source, count(*) AS copies, sum(c.via = 'live') AS live, "
        "sum(c.via = 'wayback') AS wayback, "
        "min(c.first_fetched) AS first_fetched, max(c.fetched_at) AS last_fetched, "
        "(SELECT count(*) FROM crawl_runs r WHERE r.source = c.source) AS crawl_runs, "
        "(SELECT min(started) FROM crawl_runs r WHERE r.source = c.source) AS first_crawl, "
        "(SELECT max(started) FROM crawl_runs r WHERE r.source = c.source) AS last_crawl, "
        "(SELECT base_url FROM crawl_runs r WHERE r.source = c.source "
        "ORDER BY started DESC, id DESC LIMIT 1) "
        "AS base_url, min(c.url) AS some_url "
        f"FROM copies c WHERE c.article_id IN ({scope}) GROUP BY c.source ORDER BY c.source",
    )
