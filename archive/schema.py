"""The archive's tables, indexes and migrations.

`PRAGMA user_version` holds the schema version, so an archive file made by an older pressarchive is
brought up to date in place when opened; each migration is one function, applied in order, in a
transaction. Table and column names here are relied on by researchers' queries and other tools.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from archive.errors import ArchiveError

__all__ = ["SCHEMA_VERSION", "ArchiveError", "open_archive"]


def _v1(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "body": str,
            "published": str,
            "language": str,
            "service": str,
            "pr_number": str,
            "dateline_place": str,
            "url": str,
            "source": str,
            "first_seen": str,
            "last_updated": str,
            "content_hash": str,
            "raw_date": str,
            "date_origin": str,
            "extraction": str,
            "word_count": int,
        },
        pk="id",
    )
    db["copies"].create(
        {
            "id": int,
            "article_id": int,
            "source": str,
            "url": str,
            "fetched_url": str,
            "title": str,
            "first_fetched": str,
            "fetched_at": str,
            "fetch_count": int,
            "via": str,
            "capture_timestamp": str,
            "content_hash": str,
            "hints": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"url", "article_id"},
        defaults={"via": "live", "fetch_count": 1},
    )
    db["revisions"].create(
        {
            "id": int,
            "article_id": int,
            "copy_id": int,
            "url": str,
            "fetched_at": str,
            "content_hash": str,
            "title": str,
            "body": str,
            "published": str,
            "raw_date": str,
            "date_origin": str,
            "raw_html": bytes,
            "encoding": str,
            "http_status": int,
            "content_type": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("copy_id", "copies", "id")],
    )
    db["crawl_runs"].create(
        {
            "id": int,
            "source": str,
            "base_url": str,
            "started": str,
            "finished": str,
            "status": str,
            "listing_pages": int,
            "pages_fetched": int,
            "new": int,
            "copies_added": int,
            "updated": int,
            "unchanged": int,
            "dropped": int,
            "dropped_by_reason": str,
            "errors": int,
            "message": str,
            "stats": str,
        },
        pk="id",
    )
    db["copies"].create_index(["url"], unique=True)
    db["copies"].create_index(["article_id"])
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["source", "published"])
    db["articles"].create_index(["service"])
    db["articles"].create_index(["language"])
    db["revisions"].create_index(["article_id"])
    db["revisions"].create_index(["url", "fetched_at"])
    db["crawl_runs"].create_index(["source", "started"])
    db["articles"].enable_fts(
        ["title", "body"], fts_version="FTS5", create_triggers=True, tokenize="unicode61"
    )


def _v3(db: sqlite_utils.Database) -> None:
    """Unattended daily runs: withdrawals, conditional-request validators, the re-check schedule, the
    listing pages already seen, the junk already met (not fetched again every night), and what each run
    found (to tell a changed site from a quiet day)."""
    for column in ("withdrawn_at", "last_checked", "etag", "last_modified"):
        db["copies"].add_column(column, str)
    db["articles"].add_column("withdrawn_at", str)
    for column, kind in (
        ("pid", int),
        ("release_links", int),
        ("skipped_pages", int),
        ("not_modified", int),
        ("rechecked", int),
        ("withdrawn", int),
        ("coverage", str),
    ):
        db["crawl_runs"].add_column(column, kind)
    db["listing_pages"].create(
        {
            "url": str,
            "source": str,
            "fetched_at": str,
            "etag": str,
            "last_modified": str,
            "release_links": str,
            "page_links": str,
        },
        pk="url",
    )
    db["dropped_pages"].create(
        {
            "url": str,
            "source": str,
            "reason": str,
            "hints": str,
            "first_seen": str,
            "last_seen": str,
            "times": int,
        },
        pk="url",
    )
    db["dropped_pages"].create_index(["source", "last_seen"])
    db.execute("UPDATE copies SET last_checked = fetched_at")
    db["copies"].create_index(["source", "last_checked"])
    db["crawl_runs"].create_index(["status"])


def _v6(db: sqlite_utils.Database) -> None:
    """A year column for Datasette's facets (computed, so it can never disagree with `published`), and
    the indexes the dashboard and facet queries need on large archives."""
    db.execute(
        "ALTER TABLE articles ADD COLUMN year TEXT GENERATED ALWAYS AS (substr(published, 1, 4)) VIRTUAL"
    )
    db["articles"].create_index(["year"], if_not_exists=True)
    db["articles"].create_index(["published", "service"], if_not_exists=True)
    db["copies"].create_index(["source"], if_not_exists=True)
    db["revisions"].create_index(["copy_id"], if_not_exists=True)


# Schema version -> the migration that reaches it. Numbers are reserved per feature so that work on
# several features can land in any order (a gap is simply skipped).
MIGRATIONS = {1: _v1, 3: _v3, 6: _v6}
SCHEMA_VERSION = max(MIGRATIONS)


def open_archive(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """The archive at `path`, created or migrated to the current schema, in WAL mode."""
    path = Path(path)
    if not create and not path.exists():
        raise ArchiveError(f"{path}: no such archive (run `pressarchive crawl --db {path}` first)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA busy_timeout = 30000")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except (OSError, sqlite_utils.db.sqlite3.DatabaseError) as exc:
        raise ArchiveError(f"{path}: cannot open as an SQLite archive: {exc}") from None
    if version > SCHEMA_VERSION:
        raise ArchiveError(
            f"{path}: schema version {version} is newer than this pressarchive ({SCHEMA_VERSION})"
        )
    if version == 0 and db.table_names() and "articles" not in db.table_names():
        raise ArchiveError(f"{path}: an SQLite file, but not a pressarchive archive")
    try:
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        for number, migration in sorted(MIGRATIONS.items()):
            if number <= version:
                continue
            with db.atomic():
                migration(db)
                db.execute(f"PRAGMA user_version = {number}")
    except sqlite_utils.db.sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: cannot prepare the archive: {exc}") from None
    return db
