"""Writing releases into the archive: one article per statement, a copy per place, a revision per version.

- A new body at a new URL is a new article, with its first copy and revision.
- The same body (by normalised hash) at another URL is another copy of the existing article; the
  article's URL, source and fields are those of its earliest copy (by date, then URL), so the archive
  does not depend on the order the crawl met them in.
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


def primacy(published: str | None, url: str) -> tuple:
    """Sort key of a statement's copies: earliest published first, then URL in natural order (so for
    sequential ids, ?id=9214 before ?id=9241), undated last."""
    return (published or "9999", [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", url)])


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
    """The writer side of an archive file; callers group `record()` calls in `transaction()`.

    sqlite-utils commits every write statement unless a transaction is explicitly open, so batches use
    `atomic()` (an explicit BEGIN): a crawl killed mid-batch then leaves nothing half-written.
    """

    def __init__(self, path):
        self.db: sqlite_utils.Database = open_archive(path)

    def transaction(self):
        return self.db.atomic()

    def close(self) -> None:
        self.db.close()

    def _insert(self, table: str, row: dict) -> int:
        columns = ", ".join(f"[{name}]" for name in row)
        marks = ", ".join("?" for _ in row)
        return self.db.execute(
            f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values())
        ).lastrowid

    def _update(self, table: str, row_id: int, row: dict) -> None:
        assignments = ", ".join(f"[{name}] = ?" for name in row)
        self.db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*row.values(), row_id])

    def record(self, page) -> str:
        """Store one page that passed the pipeline; returns one of OUTCOMES."""
        copy = self.db.execute(
            "SELECT id, article_id, content_hash FROM copies WHERE url = ?", [page.canonical_url]
        ).fetchone()
        if copy:
            copy_id, article_id, known_hash = copy
            self.db.execute(
                "UPDATE copies SET fetched_at = ?, fetch_count = fetch_count + 1, fetched_url = ? "
                "WHERE id = ?",
                [page.fetched_at, page.url, copy_id],
            )
            if known_hash == page.content_hash:
                return "unchanged"
            self._update("copies", copy_id, {"content_hash": page.content_hash, "title": page.title})
            self._update("articles", article_id, {**article_fields(page), "last_updated": page.fetched_at})
            self._add_revision(page, article_id, copy_id)
            return "updated"
        same_text = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [page.content_hash]
        ).fetchone()
        if same_text:
            article_id, outcome = same_text[0], "copy"
            published, url = self.db.execute(
                "SELECT published, url FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if primacy(page.published, page.canonical_url) < primacy(published, url):
                # The earliest copy stands for the statement, whatever order the crawl met them in.
                self._update(
                    "articles",
                    article_id,
                    {**article_fields(page), "url": page.canonical_url, "source": page.source},
                )
        else:
            article_id = self._insert(
                "articles",
                {
                    **article_fields(page),
                    "url": page.canonical_url,
                    "source": page.source,
                    "first_seen": page.fetched_at,
                    "last_updated": page.fetched_at,
                },
            )
            outcome = "new"
        copy_id = self._insert(
            "copies",
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
            },
        )
        self._add_revision(page, article_id, copy_id)
        return outcome

    def _add_revision(self, page, article_id: int, copy_id: int) -> None:
        self._insert(
            "revisions",
            {
                "article_id": article_id,
                "copy_id": copy_id,
                "url": page.canonical_url,
                "fetched_at": page.fetched_at,
                "content_hash": page.content_hash,
                "title": page.title,
                "body": page.body,
                "published": page.published,
                "raw_date": page.raw_date,
                "date_origin": page.date_origin,
                "raw_html": zlib.compress(page.raw, 6),
                "encoding": page.encoding,
                "http_status": page.status,
                "content_type": page.content_type,
            },
        )

    def start_run(self, source: str, base_url: str) -> int:
        with self.transaction():
            return self._insert(
                "crawl_runs", {"source": source, "base_url": base_url, "started": now(), "status": "running"}
            )

    def finish_run(self, run_id: int, summary: dict) -> None:
        with self.transaction():
            self._update("crawl_runs", run_id, {**summary, "finished": now()})
