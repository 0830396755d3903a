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

from archive.mentions import refresh_mentions
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


def provenance(page) -> dict:
    """Where a page's bytes came from: the live site, or a Wayback Machine capture (when, and its URL)."""
    return {"via": page.via, "capture_timestamp": page.capture_timestamp, "capture_url": page.capture_url}


def article_fields(article) -> dict:
    """The article columns that come from one fetched and extracted page (an `extraction.Article`)."""
    return {
        "title": article.title,
        "body": article.body,
        "published": article.published,
        "language": article.language,
        "service": article.service,
        "pr_number": article.pr_number,
        "dateline_place": article.dateline_place,
        "content_hash": article.content_hash,
        "raw_date": article.raw_date,
        "date_origin": article.date_origin,
        "extraction": json.dumps(article.methods, sort_keys=True),
        "word_count": word_count(article.body),
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

    def record(self, article) -> str:
        """Store one extracted article (an `extraction.Article`); returns one of OUTCOMES.

        Its mentions, when the enrich stage found them, replace the stored ones if those came from
        another text or another extractor version (so an upgrade re-enriches on the next crawl)."""
        outcome, article_id = self._record(article)
        if article.mentions is not None:
            refresh_mentions(
                self.db, article_id, article.mentions, article.entities_version, article.content_hash
            )
        return outcome

    def _record(self, article) -> tuple[str, int]:
        page = article.page
        copy = self.db.execute(
            "SELECT id, article_id, content_hash FROM copies WHERE url = ?", [article.canonical_url]
        ).fetchone()
        if copy:
            copy_id, article_id, known_hash = copy
            # The copy says how its text was last obtained: live, or from a capture (and which).
            self.db.execute(
                "UPDATE copies SET fetched_at = ?, fetch_count = fetch_count + 1, fetched_url = ?, via = ?, "
                "capture_timestamp = ?, capture_url = ? WHERE id = ?",
                [page.fetched_at, page.url, *provenance(page).values(), copy_id],
            )
            if known_hash == article.content_hash:
                return "unchanged", article_id
            self._update("copies", copy_id, {"content_hash": article.content_hash, "title": article.title})
            self._update("articles", article_id, {**article_fields(article), "last_updated": page.fetched_at})
            self._add_revision(article, article_id, copy_id)
            return "updated", article_id
        same_text = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [article.content_hash]
        ).fetchone()
        if same_text:
            article_id, outcome = same_text[0], "copy"
            published, url = self.db.execute(
                "SELECT published, url FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if primacy(article.published, article.canonical_url) < primacy(published, url):
                # The earliest copy stands for the statement, whatever order the crawl met them in.
                self._update(
                    "articles",
                    article_id,
                    {**article_fields(article), "url": article.canonical_url, "source": page.source},
                )
        else:
            article_id = self._insert(
                "articles",
                {
                    **article_fields(article),
                    "url": article.canonical_url,
                    "source": page.source,
                    "first_seen": page.fetched_at,
                    "last_updated": page.fetched_at,
                },
            )
            outcome = "new"
        copy_id = self._add_copy(article, article_id)
        self._add_revision(article, article_id, copy_id)
        return outcome, article_id

    def _add_copy(self, article, article_id: int) -> int:
        page = article.page
        return self._insert(
            "copies",
            {
                "article_id": article_id,
                "source": page.source,
                "url": article.canonical_url,
                "fetched_url": page.url,
                "title": article.title,
                "first_fetched": page.fetched_at,
                "fetched_at": page.fetched_at,
                "fetch_count": 1,
                **provenance(page),
                "content_hash": article.content_hash,
                "hints": json.dumps(page.hints, sort_keys=True),
            },
        )

    def _add_revision(self, article, article_id: int, copy_id: int) -> None:
        page = article.page
        self._insert(
            "revisions",
            {
                "article_id": article_id,
                "copy_id": copy_id,
                "url": article.canonical_url,
                "fetched_at": page.fetched_at,
                "content_hash": article.content_hash,
                "title": article.title,
                "body": article.body,
                "published": article.published,
                "raw_date": article.raw_date,
                "date_origin": article.date_origin,
                "raw_html": zlib.compress(page.raw, 6),
                "encoding": page.encoding,
                "http_status": page.status,
                "content_type": page.content_type,
                **provenance(page),
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


def rewrite_revision(db: sqlite_utils.Database, revision_id: int, copy_id: int, article) -> None:
    """A stored revision re-extracted from its own raw HTML: new text and fields, same fetch."""
    db["revisions"].update(
        revision_id,
        {
            "title": article.title,
            "body": article.body,
            "published": article.published,
            "raw_date": article.raw_date,
            "date_origin": article.date_origin,
            "content_hash": article.content_hash,
        },
    )
    db["copies"].update(copy_id, {"content_hash": article.content_hash, "title": article.title})


def rewrite_article(db: sqlite_utils.Database, article_id: int, primary) -> bool:
    """An article takes the fields of its primary copy (see `primacy`); whether anything changed."""
    after = {**article_fields(primary), "url": primary.canonical_url, "source": primary.page.source}
    before = db["articles"].get(article_id)
    if all(before[key] == value for key, value in after.items()):
        return False
    db["articles"].update(article_id, after)
    return True
