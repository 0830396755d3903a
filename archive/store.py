"""Writing releases into the archive: one article per statement, a copy per place, a revision per version.

- A new body at a new URL is a new article, with its first copy and revision.
- The same body (by normalised hash) at another URL is another copy of the existing article; the
  article's URL, source and fields are those of its earliest copy (by date, then URL), so the archive
  does not depend on the order the crawl met them in.
- A changed body at a known URL is a new revision of that copy, and the article takes the new text.
- An unchanged re-fetch (or a 304 Not Modified) only moves the copy's `fetched_at`, `fetch_count` and
  `last_checked`.
- A known URL that now answers 404 or a soft-404 is withdrawn: `withdrawn_at` on the copy, and on the
  article once every copy is gone. Nothing is deleted; the last text stays. A copy that comes back is
  no longer withdrawn.

Every revision keeps the page's raw HTML, zlib-compressed, so articles can be rebuilt offline.
"""

from __future__ import annotations

import json
import os
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

    def __init__(self, path, max_bytes: int = 0):
        self.db: sqlite_utils.Database = open_archive(path)
        if max_bytes > 0:
            # A quota: past it SQLite answers "database or disk is full", exactly as a full disk does.
            page_size = self.db.execute("PRAGMA page_size").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count = {max(1, max_bytes // page_size)}")

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
        """Store one extracted article (an `extraction.Article`); returns one of OUTCOMES."""
        page = article.page
        copy = self.db.execute(
            "SELECT id, article_id, content_hash FROM copies WHERE url = ?", [article.canonical_url]
        ).fetchone()
        if copy:
            copy_id, article_id, known_hash = copy
            self._checked(copy_id, page.fetched_at, page.etag, page.last_modified)
            self.db.execute("UPDATE copies SET fetched_url = ? WHERE id = ?", [page.url, copy_id])
            if known_hash == article.content_hash:
                return "unchanged"
            self._update("copies", copy_id, {"content_hash": article.content_hash, "title": article.title})
            self._update("articles", article_id, {**article_fields(article), "last_updated": page.fetched_at})
            self._add_revision(article, article_id, copy_id)
            return "updated"
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
        self.db.execute("DELETE FROM dropped_pages WHERE url = ?", [article.canonical_url])
        return outcome

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
                "via": page.via,
                "capture_timestamp": page.capture_timestamp,
                "content_hash": article.content_hash,
                "hints": json.dumps(page.hints, sort_keys=True),
                "last_checked": page.fetched_at,
                "etag": page.etag,
                "last_modified": page.last_modified,
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
            },
        )

    def _checked(self, copy_id: int, at: str, etag: str | None, last_modified: str | None) -> None:
        """The copy answered (200 or 304): it was seen at `at`, it is not withdrawn, and these are the
        validators to send next time."""
        self.db.execute(
            "UPDATE copies SET fetched_at = ?, last_checked = ?, fetch_count = fetch_count + 1, "
            "withdrawn_at = NULL, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) "
            "WHERE id = ?",
            [at, at, etag, last_modified, copy_id],
        )
        self.db.execute(
            "UPDATE articles SET withdrawn_at = NULL WHERE withdrawn_at IS NOT NULL "
            "AND id = (SELECT article_id FROM copies WHERE id = ?)",
            [copy_id],
        )

    def not_modified(self, url: str, at: str) -> str:
        """A 304 for a known copy: unchanged, as a full fetch with the same text would be."""
        copy = self.db.execute("SELECT id FROM copies WHERE url = ?", [url]).fetchone()
        if copy:
            self._checked(copy[0], at, None, None)
        return "unchanged"

    def withdraw(self, url: str, at: str) -> str:
        """A known copy now answers 404 or a soft-404; the article follows when all its copies are gone."""
        copy = self.db.execute(
            "SELECT id, article_id, withdrawn_at FROM copies WHERE url = ?", [url]
        ).fetchone()
        if copy is None:
            return "gone_unknown"
        copy_id, article_id, already = copy
        self.db.execute("UPDATE copies SET last_checked = ? WHERE id = ?", [at, copy_id])
        if already:
            return "still_withdrawn"
        self.db.execute("UPDATE copies SET withdrawn_at = ? WHERE id = ?", [at, copy_id])
        self.db.execute(
            "UPDATE articles SET withdrawn_at = ? WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM copies WHERE article_id = ? AND withdrawn_at IS NULL)",
            [at, article_id, article_id],
        )
        return "withdrawn"

    def remember_drop(self, dropped) -> str:
        """A page that is not a release: when it was first and last met, why, and how often."""
        self.db.execute(
            "INSERT INTO dropped_pages (url, source, reason, hints, first_seen, last_seen, times) "
            "VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (url) DO UPDATE SET reason = excluded.reason, "
            "last_seen = excluded.last_seen, times = times + 1",
            [
                dropped.url,
                dropped.source,
                dropped.reason,
                json.dumps(dropped.hints, sort_keys=True),
                dropped.fetched_at,
                dropped.fetched_at,
            ],
        )
        return "dropped"

    def remember_listing(self, listing) -> None:
        """A listing page's validators and links, so a 304 next time still tells what it lists."""
        self.db.execute(
            "INSERT OR REPLACE INTO listing_pages "
            "(url, source, fetched_at, etag, last_modified, release_links, page_links) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                listing.url,
                listing.source,
                listing.fetched_at,
                listing.etag,
                listing.last_modified,
                json.dumps(listing.release_links),
                json.dumps(listing.page_links),
            ],
        )

    def start_run(self, source: str, base_url: str) -> int:
        with self.transaction():
            return self._insert(
                "crawl_runs",
                {
                    "source": source,
                    "base_url": base_url,
                    "started": now(),
                    "status": "running",
                    "pid": os.getpid(),
                },
            )

    def abandon_stale_runs(self) -> list[dict]:
        """Rows left `running` by a crawl that was killed (SIGKILL, power loss). Only called while
        holding the archive lock, so no live crawl can own them."""
        with self.transaction():
            # Rewriting the schema version changes nothing but fails at once on a read-only archive.
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            self.db.execute(f"PRAGMA user_version = {int(version)}")
            stale = [
                dict(zip(("id", "source", "started", "pid"), row, strict=True))
                for row in self.db.execute(
                    "SELECT id, source, started, pid FROM crawl_runs WHERE status = 'running'"
                )
            ]
            for run in stale:
                self._update(
                    "crawl_runs",
                    run["id"],
                    {
                        "status": "abandoned",
                        "message": (
                            f"left running by a crawl that stopped without finishing (pid {run['pid']}, "
                            f"killed or out of power); what it had stored is kept"
                        ),
                    },
                )
        return stale

    def history(self, source: str, limit: int = 10) -> list[dict]:
        """The source's last finished healthy runs, newest first: what its usual figures are."""
        cursor = self.db.execute(
            "SELECT * FROM crawl_runs WHERE source = ? AND status IN ('ok', 'partial') "
            "ORDER BY id DESC LIMIT ?",
            [source, limit],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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
