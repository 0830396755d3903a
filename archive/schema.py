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


def _v2(db: sqlite_utils.Database) -> None:
    """Near-duplicates, translations and extraction versions (issue 8).

    - `copies.match_score` / `match_reason`: why a copy belongs to its article (NULL for the copy that
      founded it); `copies.official`: 1 when the source is the statement's official publisher (ISPR, or
      the service's own site), which makes it the primary copy before any earlier unofficial one;
      `copies.lsh_params`: the MinHash settings its band keys were made with (NULL: not indexed yet).
    - `lsh_bands`: the MinHash LSH index, (band key, day) -> copy, so a crawl finds near-duplicate
      candidates within its date window with one indexed range lookup per band, however big the archive
      (`day` is the copy's date as a day number, 0 when undated).
    - `articles.translation_of` / `translation_reason`: an Urdu (or other) version of an English release.
    - `revisions.extraction_version`: the extractor that produced the stored text (NULL: before v2).
    """
    copies, articles, revisions = db["copies"], db["articles"], db["revisions"]
    copies.add_column("match_score", float)
    copies.add_column("match_reason", str)
    copies.add_column("official", int)
    copies.add_column("lsh_params", str)
    # An articles.id, deliberately without a FOREIGN KEY clause: adding one makes sqlite-utils rebuild the
    # table (dropping the FTS triggers), and a self-reference breaks data-package exports' validation.
    articles.add_column("translation_of", int)
    articles.add_column("translation_reason", str)
    revisions.add_column("extraction_version", str)
    db.execute(
        "CREATE TABLE lsh_bands (band_key INTEGER NOT NULL, day INTEGER NOT NULL, copy_id INTEGER NOT NULL "
        "REFERENCES copies(id), PRIMARY KEY (band_key, day, copy_id)) WITHOUT ROWID"
    )
    articles.create_index(["translation_of"])
    articles.create_index(["pr_number"])
    revisions.create_index(["copy_id"], if_not_exists=True)
    # Copies founded before v2 are official when their source is ISPR or a service's site: every source
    # registered so far is one, so existing archives keep today's earliest-copy rule.
    db.execute("UPDATE copies SET official = 1")


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


def _v4(db: sqlite_utils.Database) -> None:
    """Wayback Machine provenance on every version (a copy can be fetched live one day and from a capture
    the next), and the resume point of each paged CDX listing, so an interrupted backfill continues."""
    db["copies"].add_column("capture_url", str)
    for name in ("via", "capture_timestamp", "capture_url"):
        db["revisions"].add_column(name, str)
    db.execute("UPDATE revisions SET via = 'live' WHERE via IS NULL")
    db["wayback_cursors"].create(
        {
            "source": str,
            "query": str,
            "resume_key": str,
            "pages": int,
            "started": str,
            "updated": str,
            "finished": str,
        },
        pk=("source", "query"),
        defaults={"pages": 0},
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
# several features can land in any order: which migrations an archive has had is recorded one by one
# (table `schema_migrations`), so a lower number that lands later is still applied.
MIGRATIONS = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6}
SCHEMA_VERSION = max(MIGRATIONS)
# The migrations released before they were recorded one by one: an archive without the record has had
# those of them up to its `user_version`.
UNRECORDED = (1, 5, 6)


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
        applied = applied_migrations(db, version)
    except (OSError, sqlite_utils.db.sqlite3.DatabaseError) as exc:
        raise ArchiveError(f"{path}: cannot open as an SQLite archive: {exc}") from None
    if version > SCHEMA_VERSION or not applied <= set(MIGRATIONS):
        raise ArchiveError(
            f"{path}: schema version {version} is newer than this pressarchive ({SCHEMA_VERSION})"
        )
    if version == 0 and db.table_names() and "articles" not in db.table_names():
        raise ArchiveError(f"{path}: an SQLite file, but not a pressarchive archive")
    try:
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db, applied)
    except sqlite_utils.db.sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: cannot prepare the archive: {exc}") from None
    return db


def applied_migrations(db: sqlite_utils.Database, version: int) -> set[int]:
    """The migrations this archive has had."""
    if "schema_migrations" in db.table_names():
        return {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
    return {number for number in UNRECORDED if number <= version}


def _migrate(db: sqlite_utils.Database, applied: set[int]) -> None:
    """Each missing migration in number order, each in its own transaction with its record. An archive
    that is up to date is not written at all (opening it must not contend with a crawl's writes)."""
    if "schema_migrations" in db.table_names() and applied >= set(MIGRATIONS):
        return
    with db.atomic():
        db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT)")
        db.conn.executemany(
            "INSERT OR IGNORE INTO schema_migrations VALUES (?, NULL)", [(number,) for number in applied]
        )
    for number, migration in sorted(MIGRATIONS.items()):
        if number in applied:
            continue
        with db.atomic():
            migration(db)
            db.execute("INSERT INTO schema_migrations VALUES (?, datetime('now'))", (number,))
            db.execute(f"PRAGMA user_version = {max(applied | {number})}")
        applied.add(number)


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
