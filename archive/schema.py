"""The archive's tables, indexes and migrations.

`PRAGMA user_version` holds the schema version, so an archive file made by an older pressarchive is
brought up to date in place when opened; each migration is one function, applied in order, in a
transaction. Table and column names here are relied on by researchers' queries and other tools.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from archive.errors import ArchiveError

__all__ = ["SCHEMA_VERSION", "ArchiveError", "open_archive", "open_for_reading"]


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


ENGAGEMENTS_VIEW = """
CREATE VIEW engagements AS
SELECT a.id AS article_id,
       a.published,
       f.country_code AS foreign_country,
       f.person AS foreign_person,
       f.appointment AS foreign_appointment,
       p.person AS pakistani_person,
       p.appointment AS pakistani_appointment,
       coalesce(
           (SELECT v.normalized FROM mentions v WHERE v.article_id = a.id AND v.role = 'venue' LIMIT 1),
           a.dateline_place
       ) AS place,
       a.title,
       a.url
FROM articles a
JOIN mentions f ON f.article_id = a.id AND f.role = 'foreign_principal'
JOIN mentions p ON p.article_id = a.id AND p.role = 'pakistani_principal'
"""


def _v5(db: sqlite_utils.Database) -> None:
    """Who met whom: the mentions found in each article, the version that found them, and the
    engagements view (one row per article where a foreign principal meets a Pakistani one)."""
    db["mentions"].create(
        {
            "id": int,
            "article_id": int,
            "kind": str,
            "text": str,
            "normalized": str,
            "rank": str,
            "country_code": str,
            "start": int,
            "end": int,
            "appointment": str,
            "person": str,
            "role": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "kind"},
    )
    db["enrichment"].create(
        {"article_id": int, "version": str, "content_hash": str, "enriched_at": str, "mentions": int},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["mentions"].create_index(["article_id"])
    db["mentions"].create_index(["kind", "normalized"])
    db["mentions"].create_index(["country_code"])
    db["mentions"].create_index(["role"])
    db.execute(ENGAGEMENTS_VIEW)


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
MIGRATIONS = {1: _v1, 5: _v5, 6: _v6}
SCHEMA_VERSION = max(MIGRATIONS)


def _writable(path: Path) -> bool:
    """Whether SQLite can write the archive: the file, and its folder (where the WAL and -shm live)."""
    return (not path.exists() or os.access(path, os.W_OK)) and os.access(path.parent, os.W_OK)


def open_archive(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """The archive at `path`, created or migrated to the current schema, in WAL mode, for writing.

    A read-only file or folder is refused here, before any request, rather than by the first write."""
    path = Path(path)
    if not create and not path.exists():
        raise ArchiveError(f"{path}: no such archive (run `pressarchive crawl --db {path}` first)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot create its folder: {exc.strerror}") from None
    if not _writable(path):
        raise ArchiveError(
            f"{path}: the archive is read-only (the file or its folder cannot be written); "
            "writing needs both (reading commands such as `stats` and `serve` work as they are)"
        )
    try:
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


def open_for_reading(path: str | Path) -> sqlite_utils.Database:
    """The archive for a command that only reads it (`stats`, `serve`).

    A writable archive is opened as for writing (an older schema is brought up to date). One on read-only
    media is opened read-only, and immutable when its write-ahead log cannot be used there (SQLite needs
    to create a `-shm` file next to it): what the last writer checkpointed is what is read."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"{path}: no such archive (run `pressarchive crawl --db {path}` first)")
    if _writable(path):
        return open_archive(path, create=False)
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            break
        except sqlite3.DatabaseError as exc:
            connection.close()
            error = exc
    else:
        raise ArchiveError(f"{path}: cannot open as an SQLite archive: {error}")
    if "articles" not in names or version != SCHEMA_VERSION:
        connection.close()
        raise ArchiveError(
            f"{path}: a read-only file that is not an archive of this pressarchive's schema "
            f"(version {version}, expected {SCHEMA_VERSION}); upgrade it where it can be written"
        )
    return sqlite_utils.Database(connection)
