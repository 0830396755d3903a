"""Folding another archive (a crawl worker's shard) into this one: what a shard knows besides its
revisions, which `pressarchive merge` replays through the crawl's own store path.

Every write here is idempotent: merging a shard a second time changes nothing. Rows are matched by what
identifies them in any archive (a run by source, start and process; a page by URL), never by row id.
"""

from __future__ import annotations

import sqlite_utils

from archive.queries import rows
from archive.store import Archive

RUN_KEY = ("source", "started", "pid")


def has_revision(db: sqlite_utils.Database, url: str, fetched_at: str) -> bool:
    """Whether the fetch of `url` at `fetched_at` is already a revision here (merged before)."""
    found = db.execute(
        "SELECT 1 FROM revisions WHERE url = ? AND fetched_at = ? LIMIT 1", [url, fetched_at]
    ).fetchone()
    return found is not None


def copy_fetched_at(db: sqlite_utils.Database, url: str) -> str | None:
    row = db.execute("SELECT fetched_at FROM copies WHERE url = ?", [url]).fetchone()
    return row[0] if row else None


def shard_copies(shard: sqlite_utils.Database) -> list[dict]:
    return rows(
        shard,
        "SELECT url, first_fetched, fetched_at, last_checked, fetch_count, etag, last_modified, "
        "withdrawn_at FROM copies ORDER BY id",
    )


def extreme(pick, *values):
    """The min or max of the values that are known (None when none is)."""
    known = [value for value in values if value is not None]
    return pick(known) if known else None


def absorb_fetches(archive: Archive, shard_copy: dict) -> bool:
    """A copy here takes what the shard knows of its fetches beyond its revisions: the earliest first
    fetch, the latest fetch and check (with that check's validators), a withdrawal seen last, and the
    larger fetch count (a lower bound when two shards fetched one page; never counted twice).
    Whether the copy changed."""
    db = archive.db
    target = rows(
        db,
        "SELECT id, first_fetched, fetched_at, last_checked, fetch_count, withdrawn_at FROM copies "
        "WHERE url = ?",
        [shard_copy["url"]],
    )
    if not target:
        return False
    mine, theirs = target[0], shard_copy
    # Withdrawn in the shard after anything seen here: the site took it down since.
    gone = theirs["withdrawn_at"]
    withdrawn = bool(gone) and not mine["withdrawn_at"] and gone > (mine["fetched_at"] or "")
    if withdrawn:
        archive.withdraw(theirs["url"], theirs["withdrawn_at"])
    newer = (theirs["last_checked"] or "") > (mine["last_checked"] or "")
    after = {
        "first_fetched": extreme(min, mine["first_fetched"], theirs["first_fetched"]),
        "fetched_at": extreme(max, mine["fetched_at"], theirs["fetched_at"]),
        "last_checked": extreme(max, mine["last_checked"], theirs["last_checked"]),
        "fetch_count": extreme(max, mine["fetch_count"], theirs["fetch_count"]),
    }
    before = {key: mine[key] for key in after}
    if before == after and not newer and not withdrawn:
        return False
    db.execute(
        "UPDATE copies SET first_fetched = ?, fetched_at = ?, last_checked = ?, fetch_count = ?, "
        "etag = CASE WHEN ? THEN coalesce(?, etag) ELSE etag END, "
        "last_modified = CASE WHEN ? THEN coalesce(?, last_modified) ELSE last_modified END WHERE id = ?",
        [*after.values(), newer, theirs["etag"], newer, theirs["last_modified"], mine["id"]],
    )
    return True


def copy_runs(db: sqlite_utils.Database, shard: sqlite_utils.Database) -> int:
    """The shard's finished crawl runs not yet here; a run still `running` waits for the next merge (it is
    being crawled, or was killed and its next crawl will mark it abandoned)."""
    columns = [c.name for c in db["crawl_runs"].columns if c.name != "id"]
    shared = [c.name for c in shard["crawl_runs"].columns if c.name in columns]
    added = 0
    for run in rows(shard, "SELECT * FROM crawl_runs WHERE status != 'running' ORDER BY id"):
        known = db.execute(
            "SELECT 1 FROM crawl_runs WHERE source IS ? AND started IS ? AND pid IS ?",
            [run[key] for key in RUN_KEY],
        ).fetchone()
        if known:
            continue
        names = ", ".join(f"[{name}]" for name in shared)
        db.execute(
            f"INSERT INTO crawl_runs ({names}) VALUES ({', '.join('?' for _ in shared)})",
            [run[name] for name in shared],
        )
        added += 1
    return added


def merge_dropped(db: sqlite_utils.Database, shard: sqlite_utils.Database) -> int:
    """The shard's junk pages: one row per URL with the earliest first and latest last sighting (the
    reason and hints of the latest), skipped where a release was stored here since it was last met."""
    merged = 0
    for page in rows(shard, "SELECT * FROM dropped_pages ORDER BY url"):
        fetched = copy_fetched_at(db, page["url"])
        if fetched is not None and fetched >= page["last_seen"]:
            continue
        cursor = db.execute(
            "INSERT INTO dropped_pages (url, source, reason, hints, first_seen, last_seen, times) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "reason = CASE WHEN excluded.last_seen > last_seen THEN excluded.reason ELSE reason END, "
            "hints = CASE WHEN excluded.last_seen > last_seen THEN excluded.hints ELSE hints END, "
            "first_seen = min(first_seen, excluded.first_seen), "
            "last_seen = max(last_seen, excluded.last_seen), times = max(times, excluded.times) "
            "WHERE excluded.first_seen < first_seen OR excluded.last_seen > last_seen "
            "OR excluded.times > times",
            [page[key] for key in ("url", "source", "reason", "hints", "first_seen", "last_seen", "times")],
        )
        merged += cursor.rowcount
    return merged


def merge_listings(db: sqlite_utils.Database, shard: sqlite_utils.Database) -> int:
    """The shard's listing pages, where it read them later than this archive did."""
    columns = ("url", "source", "fetched_at", "etag", "last_modified", "release_links", "page_links")
    merged = 0
    for page in rows(shard, f"SELECT {', '.join(columns)} FROM listing_pages ORDER BY url"):
        updates = ", ".join(f"{name} = excluded.{name}" for name in columns[1:])
        cursor = db.execute(
            f"INSERT INTO listing_pages ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates} WHERE excluded.fetched_at > listing_pages.fetched_at",
            [page[name] for name in columns],
        )
        merged += cursor.rowcount
    return merged
