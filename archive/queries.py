"""Read-side questions researchers and the CLI ask of an archive."""

from __future__ import annotations

import itertools
import re

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


def archived_ids(db, source: str, id_pattern: str) -> list[int]:
    """The sequential ids (group 1 of `id_pattern`) of a source's archived copies, ascending.
    `db` is anything with `execute` (sqlite-utils or a plain sqlite3 connection)."""
    pattern = re.compile(id_pattern)
    urls = db.execute("SELECT url FROM copies WHERE source = ?", [source]).fetchall()
    return sorted({int(match.group(1)) for (url,) in urls if (match := pattern.search(url))})


def missing_ids(db, source: str, id_pattern: str) -> dict:
    """Ids inside the archived range that the archive has no copy of, as ranges [first, last]."""
    ids = archived_ids(db, source, id_pattern)
    gaps = [[low + 1, high - 1] for low, high in itertools.pairwise(ids) if high - low > 1]
    return {
        "source": source,
        "first": ids[0] if ids else None,
        "last": ids[-1] if ids else None,
        "archived": len(ids),
        "missing": sum(high - low + 1 for low, high in gaps),
        "ranges": gaps,
    }


def withdrawn_releases(db: sqlite_utils.Database, source: str | None = None) -> list[dict]:
    """Copies the sites took down (404 or soft-404 where a release was), with the text they had."""
    sql = (
        "SELECT c.source, c.url, c.withdrawn_at, c.article_id, a.title, a.published, "
        "a.withdrawn_at IS NOT NULL AS article_withdrawn "
        "FROM copies c JOIN articles a ON a.id = c.article_id WHERE c.withdrawn_at IS NOT NULL"
    )
    params = []
    if source:
        sql += " AND c.source = ?"
        params.append(source)
    return _rows(db, sql + " ORDER BY c.source, c.withdrawn_at, c.url", params)


def run_history(db: sqlite_utils.Database, per_source: int = 10) -> list[dict]:
    """The last `per_source` runs of every source, newest first within each source."""
    return _rows(
        db,
        "SELECT id, source, started, finished, status, listing_pages, skipped_pages, pages_fetched, "
        "not_modified, rechecked, new, updated, withdrawn, dropped, errors, message FROM ("
        "  SELECT *, row_number() OVER (PARTITION BY source ORDER BY id DESC) AS n FROM crawl_runs"
        ") WHERE n <= ? ORDER BY source, id DESC",
        [per_source],
    )
