"""Read-side questions researchers and the CLI ask of an archive."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

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


# A revision with what is needed to extract its page again (see pipelines.dedup.stored_page).
STORED_PAGE = (
    "r.id AS revision_id, r.article_id, r.copy_id, r.extraction_version, r.content_hash, c.source, "
    "c.fetched_url, c.hints, c.via, c.official, c.capture_timestamp, r.raw_html, r.encoding, "
    "r.http_status, r.content_type, r.fetched_at"
)


def latest_revisions(db: sqlite_utils.Database, source: str | None = None) -> list[dict]:
    """The newest stored revision of every copy (what reextract rebuilds from)."""
    sql = (
        f"SELECT {STORED_PAGE} FROM revisions r JOIN copies c ON c.id = r.copy_id "
        "JOIN articles a ON a.id = r.article_id "
        "WHERE r.id IN (SELECT max(id) FROM revisions GROUP BY copy_id)"
    )
    params: list = []
    if source:
        sql += " AND c.source = ?"
        params.append(source)
    return rows(db, sql + " ORDER BY r.id", params)


def revisions_oldest_first(db: sqlite_utils.Database) -> Iterator[dict]:
    """Every revision with what is needed to extract its page again, in the order it was fetched (read
    lazily: a shard's raw HTML need not fit in memory)."""
    cursor = db.execute(
        f"SELECT {STORED_PAGE}, r.url FROM revisions r JOIN copies c ON c.id = r.copy_id "
        "ORDER BY r.fetched_at, r.id"
    )
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def newest_revision_at(db: sqlite_utils.Database, url: str) -> dict | None:
    """The newest revision of the copy at `url` (canonical), with what is needed to extract it again."""
    found = rows(
        db,
        f"SELECT {STORED_PAGE} FROM copies c "
        "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) "
        "WHERE c.url = ?",
        [url],
    )
    return found[0] if found else None


def near_candidates(
    db: sqlite_utils.Database,
    band_keys: list[int],
    language: str | None,
    published: str | None,
    window_days: int,
    limit: int = 50,
) -> list[dict]:
    """Copies sharing at least one LSH band key with a text, in the same language and, when both are
    dated, within the date window; most shared bands first. Undated copies are always candidates (the
    matcher is stricter with them)."""
    if not band_keys:
        return []
    marks = ", ".join("?" for _ in band_keys)
    if published:
        day = date.fromisoformat(published).toordinal()
        # Two range seeks per band key on the (band_key, day) primary key: the window, and undated copies.
        matches = (
            f"SELECT copy_id FROM lsh_bands WHERE band_key IN ({marks}) AND day BETWEEN ? AND ? UNION ALL "
            f"SELECT copy_id FROM lsh_bands WHERE band_key IN ({marks}) AND day = 0"
        )
        params = [*band_keys, day - window_days, day + window_days, *band_keys]
    else:
        matches, params = f"SELECT copy_id FROM lsh_bands WHERE band_key IN ({marks})", list(band_keys)
    return rows(
        db,
        "SELECT c.id AS copy_id, c.article_id, r.body, r.published, a.language, a.pr_number, m.shared "
        f"FROM (SELECT copy_id, count(*) AS shared FROM ({matches}) GROUP BY copy_id) m "
        "JOIN copies c ON c.id = m.copy_id JOIN articles a ON a.id = c.article_id "
        "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) "
        "WHERE a.language IS ? ORDER BY m.shared DESC, c.id LIMIT ?",
        [*params, language, limit],
    )


def translation_candidates(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """Articles in another language that could be this one's translation: the same PR number, or the
    same date and service. The unary `+` keeps SQLite from looking `o` up by `translation_of IS NULL`
    (true of nearly every article: a scan of the table per call, quadratic over `pressarchive dedup`):
    it seeks by the PR number and (published, service) indexes instead."""
    return rows(
        db,
        "SELECT o.id, o.body, o.language, o.published, o.pr_number FROM articles a JOIN articles o "
        "ON o.id != a.id AND coalesce(o.language, '') != coalesce(a.language, '') "
        "AND ((o.pr_number IS NOT NULL AND o.pr_number = a.pr_number) "
        "OR (o.published = a.published AND o.service IS a.service)) "
        "WHERE a.id = ? AND +o.translation_of IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM articles t WHERE t.translation_of = o.id) ORDER BY o.id",
        [article_id],
    )


def unlinked_articles(db: sqlite_utils.Database) -> list[dict]:
    """Articles not linked to a version in another language, in either direction, oldest first."""
    return rows(
        db,
        "SELECT id, body, language, published, pr_number FROM articles a WHERE translation_of IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM articles t WHERE t.translation_of = a.id) ORDER BY id",
    )


def copies_to_index(db: sqlite_utils.Database, lsh_params: str, limit: int = 1000) -> list[dict]:
    """Up to `limit` copies whose LSH band keys were not made with `lsh_params` (older schema versions,
    changed settings), with the text to make them from."""
    return rows(
        db,
        "SELECT c.id AS copy_id, r.body, r.published FROM copies c "
        "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) "
        "WHERE c.lsh_params IS NOT ? ORDER BY c.id LIMIT ?",
        [lsh_params, limit],
    )


def copies_for_matching(db: sqlite_utils.Database) -> list[dict]:
    """Every copy with its newest text and what matching compares (for `pressarchive dedup`)."""
    return rows(
        db,
        "SELECT c.id AS copy_id, c.article_id, c.url, c.source, c.official, c.match_reason, "
        "r.content_hash, r.body, r.published, a.language, a.pr_number FROM copies c "
        "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) "
        "JOIN articles a ON a.id = c.article_id ORDER BY c.id",
    )


def article_versions(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """Every revision of every copy of an article, oldest first; `is_edit` when it replaced an earlier
    revision of the same copy (an edit on the site, not another place the statement was published)."""
    return rows(
        db,
        "SELECT r.id, r.fetched_at, r.url, r.title, r.body, r.published, r.extraction_version, c.source, "
        "EXISTS (SELECT 1 FROM revisions p WHERE p.copy_id = r.copy_id AND p.id < r.id) AS is_edit "
        "FROM revisions r JOIN copies c ON c.id = r.copy_id WHERE r.article_id = ? "
        "ORDER BY r.fetched_at, r.id",
        [article_id],
    )


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


def run_history(db: sqlite_utils.Database, per_source: int = 10) -> list[dict]:
    """The last `per_source` runs of every source, newest first within each source."""
    return rows(
        db,
        "SELECT id, source, started, finished, status, listing_pages, skipped_pages, pages_fetched, "
        "not_modified, rechecked, new, updated, withdrawn, dropped, errors, message FROM ("
        "  SELECT *, row_number() OVER (PARTITION BY source ORDER BY id DESC) AS n FROM crawl_runs"
        ") WHERE n <= ? ORDER BY source, id DESC",
        [per_source],
    )
