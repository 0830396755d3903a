"""Writing releases into the archive: one article per statement, a copy per place, a revision per version.

- A new body at a new URL is a new article, with its first copy and revision.
- The same body (by normalised hash) at another URL is another copy of the existing article.
- A changed body at a known URL is a new revision of that copy, and the article takes the new text.
- An unchanged re-fetch only moves the copy's `fetched_at` and `fetch_count`.

Every revision keeps the page's raw HTML, zlib-compressed, so articles can be rebuilt offline.
"""

from __future__ import annotations

import json
import re
import zlib
from datetime import UTC, datetime

import sqlite_utils

from archive.schema import open_archive

OUTCOMES = ("new", "copy", "updated", "unchanged")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def article_fields(page) -> dict:
    """The article columns that come from one fetched and extracted page."""
    return {
        "title": page.title,
        "body": page.body,
        "published": page.published,
        "language": page.language,
        "service": page.service,
        "pr_number": page.pr_number,
        "dateline_place": page.dateline_place,
        "content_hash": page.content_hash,
        "raw_date": page.raw_date,
        "date_origin": page.date_origin,
        "extraction": json.dumps(page.methods, sort_keys=True),
        "word_count": word_count(page.body),
    }


class Archive:
    """The writer side of an archive file; callers group `record()` calls in `transaction()`."""

    def __init__(self, path):
        self.db: sqlite_utils.Database = open_archive(path)

    def transaction(self):
        return self.db.conn

    def close(self) -> None:
        self.db.close()

    def record(self, page) -> str:
        """Store one page that passed the pipeline; returns one of OUTCOMES."""
        copy = self.db.execute(
            "SELECT id, article_id, content_hash FROM copies WHERE url = ?", [page.canonical_url]
        ).fetchone()
        if copy:
            copy_id, article_id, known_hash = copy
            if known_hash == page.content_hash:
                self.db.execute(
                    "UPDATE copies SET fetched_at = ?, fetch_count = fetch_count + 1 WHERE id = ?",
                    [page.fetched_at, copy_id],
                )
                return "unchanged"
            self.db["copies"].update(
                copy_id,
                {
                    "content_hash": page.content_hash,
                    "title": page.title,
                    "fetched_at": page.fetched_at,
                    "fetched_url": page.url,
                },
            )
            self.db.execute("UPDATE copies SET fetch_count = fetch_count + 1 WHERE id = ?", [copy_id])
            self.db["articles"].update(article_id, {**article_fields(page), "last_updated": page.fetched_at})
            self._add_revision(page, article_id, copy_id)
            return "updated"
        same_text = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [page.content_hash]
        ).fetchone()
        if same_text:
            article_id, outcome = same_text[0], "copy"
        else:
            article_id = (
                self.db["articles"]
                .insert(
                    {
                        **article_fields(page),
                        "url": page.canonical_url,
                        "source": page.source,
                        "first_seen": page.fetched_at,
                        "last_updated": page.fetched_at,
                    }
                )
                .last_pk
            )
            outcome = "new"
        copy_id = (
            self.db["copies"]
            .insert(
                {
                    "article_id": article_id,
                    "source": page.source,
                    "url": page.canonical_url,
                    "fetched_url": page.url,
                    "title": page.title,
                    "first_fetched": page.fetched_at,
                    "fetched_at": page.fetched_at,
                    "fetch_count": 1,
                    "via": page.via,
                    "content_hash": page.content_hash,
                    "hints": json.dumps(page.hints, sort_keys=True),
                }
            )
            .last_pk
        )
        self._add_revision(page, article_id, copy_id)
        return outcome

    def _add_revision(self, page, article_id: int, copy_id: int) -> None:
        self.db["revisions"].insert(
            {
                "article_id": article_id,
                "copy_id": copy_id,
                "url": page.canonical_url,
                "fetched_at": page.fetched_at,
                "content_hash": page.content_hash,
                "title": page.title,
                "body": page.body,
                "published": page.published,
                "raw_html": zlib.compress(page.raw, 6),
                "encoding": page.encoding,
                "http_status": page.status,
                "content_type": page.content_type,
            }
        )

    def start_run(self, source: str, base_url: str) -> int:
        with self.transaction():
            return (
                self.db["crawl_runs"]
                .insert({"source": source, "base_url": base_url, "started": now(), "status": "running"})
                .last_pk
            )

    def finish_run(self, run_id: int, summary: dict) -> None:
        with self.transaction():
            self.db["crawl_runs"].update(run_id, {**summary, "finished": now()})
