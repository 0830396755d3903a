"""What the Wayback Machine backfill and fallback need to know from the archive, and what they keep in it.

- Which release URLs are archived already, and as of when: a backfill skips them, and a fallback only
  takes a capture newer than the text the archive holds (an older capture would look like an edit).
- The resume key of every paged CDX listing (`wayback_cursors`), so an interrupted backfill continues
  where it stopped instead of listing from the beginning.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils


def archived_as_of(db: sqlite_utils.Database) -> dict[str, str]:
    """Canonical copy URL -> the time its stored text is known to be current, as a Wayback timestamp
    (YYYYMMDDhhmmss, UTC): the capture time for a copy last taken from a capture, else its latest fetch."""
    as_of = {}
    for url, via, captured, fetched_at in db.execute(
        "SELECT url, via, capture_timestamp, fetched_at FROM copies"
    ):
        if via == "wayback" and captured:
            as_of[url] = captured
        elif fetched_at:
            moment = datetime.fromisoformat(fetched_at)
            moment = moment.astimezone(UTC) if moment.tzinfo else moment
            as_of[url] = moment.strftime("%Y%m%d%H%M%S")
    return as_of


def load_cursor(db: sqlite_utils.Database, source: str, query: str) -> str | None:
    """The resume key where an unfinished listing stopped (None: start from the beginning)."""
    row = db.execute(
        "SELECT resume_key FROM wayback_cursors WHERE source = ? AND query = ? AND finished IS NULL",
        [source, query],
    ).fetchone()
    return row[0] if row else None


def save_cursor(
    db: sqlite_utils.Database, source: str, query: str, resume_key: str | None, finished: bool
) -> None:
    """Remember where a listing can resume (None: from its beginning). A finished listing is listed afresh
    next time, to find captures made since."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db.execute(
        "INSERT INTO wayback_cursors (source, query, resume_key, pages, started, updated, finished) "
        "VALUES (?, ?, ?, 1, ?, ?, ?) "
        "ON CONFLICT (source, query) DO UPDATE SET resume_key = excluded.resume_key, "
        "pages = CASE WHEN wayback_cursors.finished IS NULL THEN wayback_cursors.pages + 1 ELSE 1 END, "
        "started = CASE WHEN wayback_cursors.finished IS NULL THEN wayback_cursors.started ELSE ? END, "
        "updated = excluded.updated, finished = excluded.finished",
        [source, query, resume_key, now, now, now if finished else None, now],
    )
