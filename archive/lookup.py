"""What the archive already holds, for a spider deciding what to fetch: read-only, one source at a time.

Incremental crawling needs the spider to ask "is this release archived?", "what did the server call this
version (ETag)?", "which releases are due for a re-check?". Those questions are answered here, over a
connection that cannot write (`PRAGMA query_only`), so the spider's parsing never touches the archive and
every write still goes through the store pipeline in batches.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive.gaps import sequential_ids
from archive.runs import walked_every_listing
from archive.schema import open_archive


class KnownReleases:
    def __init__(self, db_path: str | Path, source: str):
        self.source = source
        open_archive(db_path).close()  # created or migrated first: `scrapy crawl` may name a new file
        self.db = sqlite3.connect(db_path, check_same_thread=False)
        self.db.execute("PRAGMA busy_timeout = 30000")
        self.db.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        self.db.close()

    def is_known(self, url: str) -> bool:
        """Whether a copy with this canonical URL is archived (withdrawn ones included)."""
        return self.db.execute("SELECT 1 FROM copies WHERE url = ?", [url]).fetchone() is not None

    def dropped_reason(self, url: str) -> str | None:
        """Why this page was dropped when last met (it is not a release), or None."""
        row = self.db.execute("SELECT reason FROM dropped_pages WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def validators(self, url: str) -> dict[str, str]:
        """Conditional-request headers for a known release or listing page ({} when the server sent none)."""
        row = self.db.execute("SELECT etag, last_modified FROM copies WHERE url = ?", [url]).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT etag, last_modified FROM listing_pages WHERE url = ?", [url]
            ).fetchone()
        etag, last_modified = row or (None, None)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def listing(self, url: str) -> tuple[list[str], list[str]] | None:
        """(release links, listing links) a listing page held when last fetched, for a 304 answer."""
        row = self.db.execute(
            "SELECT release_links, page_links FROM listing_pages WHERE url = ?", [url]
        ).fetchone()
        return (json.loads(row[0]), json.loads(row[1])) if row else None

    def due_for_recheck(self, days: int, limit: int) -> list[tuple[str, dict]]:
        """Known releases (and pages dropped as junk) not checked for `days` days, oldest check first, at
        most `limit`: the slow schedule that still sees edits, withdrawals and junk that became a release,
        without re-fetching everything every night.
        (URL as fetched, the listing hints it was first found with.)"""
        if limit <= 0:
            return []
        cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        cursor = self.db.execute(
            "SELECT url, hints FROM ("
            "  SELECT fetched_url AS url, hints, coalesce(last_checked, fetched_at) AS checked FROM copies"
            "  WHERE source = :source AND via = 'live'"
            "  UNION ALL SELECT url, hints, last_seen FROM dropped_pages WHERE source = :source"
            ") WHERE checked <= :cutoff ORDER BY checked, url LIMIT :limit",
            {"source": self.source, "cutoff": cutoff, "limit": limit},
        )
        return [(url, json.loads(hints or "{}")) for url, hints in cursor]

    def listings_complete(self) -> bool:
        """Whether the source's last finished run walked its listings to the end: it ended `ok`, or
        `partial` with every listing page read (only release pages lost, and those are fetched again).
        Only then may listings stop early: after an interrupted or failed run, or one that lost a listing
        page, releases deeper in the listings may never have been seen."""
        row = self.db.execute(
            "SELECT status, stats FROM crawl_runs WHERE source = ? AND status != 'running' "
            "ORDER BY id DESC LIMIT 1",
            [self.source],
        ).fetchone()
        return row is not None and walked_every_listing(row[0], row[1])

    def highest_id(self) -> int | None:
        """The highest of the site's own sequential release numbers among this source's copies."""
        return max(sequential_ids(self.db).get(self.source, ()), default=None)

    def lost_before(self, reasons) -> list[tuple[str, dict]]:
        """Pages dropped for a reason that may pass next time (a challenge, a timeout, a cut-off page),
        wherever they sit in the listings: each run asks for them again, so a loss is never final.
        (URL, the listing hints it was found with.)"""
        reasons = sorted(reasons)
        marks = ", ".join("?" * len(reasons))
        cursor = self.db.execute(
            f"SELECT url, hints FROM dropped_pages WHERE source = ? AND reason IN ({marks}) ORDER BY url",
            [self.source, *reasons],
        )
        return [(url, json.loads(hints or "{}")) for url, hints in cursor]


class NothingKnown:
    """The lookup of a spider run without an archive (a unit test, a dry run): every page is new."""

    def close(self) -> None:
        pass

    def is_known(self, url: str) -> bool:
        return False

    def dropped_reason(self, url: str) -> str | None:
        return None

    def validators(self, url: str) -> dict[str, str]:
        return {}

    def listing(self, url: str) -> None:
        return None

    def due_for_recheck(self, days: int, limit: int) -> list:
        return []

    def lost_before(self, reasons) -> list:
        return []

    def listings_complete(self) -> bool:
        return False

    def highest_id(self) -> None:
        return None
