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

from archive.queries import archived_ids
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

    def last_run_ok(self) -> bool:
        """Whether the source's last finished run ended `ok`. Only then may listings stop early: after an
        interrupted, failed or partial run, releases deeper in the listings may never have been fetched."""
        row = self.db.execute(
            "SELECT status FROM crawl_runs WHERE source = ? AND status != 'running' ORDER BY id DESC LIMIT 1",
            [self.source],
        ).fetchone()
        return row is not None and row[0] == "ok"

    def highest_id(self, id_pattern: str) -> int | None:
        """The highest sequential id among this source's archived URLs (group 1 of `id_pattern`)."""
        return max(archived_ids(self.db, self.source, id_pattern), default=None)
