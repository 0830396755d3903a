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

import contextlib
import json
import os
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlite_utils

from archive.mentions import refresh_mentions
from archive.schema import open_archive

OUTCOMES = ("new", "copy", "updated", "unchanged")
SAME_TEXT = "same text (normalised body hash)"


@dataclass(frozen=True)
class Match:
    """An existing article that a new copy near-duplicates, with the matcher's score and reason."""

    article_id: int
    score: float
    reason: str


@dataclass(frozen=True)
class Placement:
    """What the dedup stage worked out about an article before it is stored (the archive cannot match
    texts itself: that is extraction's job, a layer above)."""

    match: Match | None = None
    official: bool = True  # published by ISPR or the service's own site
    band_keys: tuple[int, ...] = ()
    lsh_params: str | None = None
    extraction_version: str | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def primacy(published: str | None, url: str, official: bool = True) -> tuple:
    """Sort key of a statement's copies: an official publisher's copy (ISPR, the service's own site)
    first, then the earliest published, then URL in natural order (so for sequential ids, ?id=9214
    before ?id=9241), undated last."""
    natural = [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", url)]
    return (not official, published or "9999", natural)


def day_number(published: str | None) -> int:
    """A date as the LSH index stores it: days since 0001-01-01 (1 and up), 0 when undated."""
    return date.fromisoformat(published).toordinal() if published else 0


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

    def __init__(self, path, create: bool = True, max_bytes: int = 0):
        self.db: sqlite_utils.Database = open_archive(path, create=create)
        # 64 MiB of page cache instead of SQLite's 2 MiB: every stored copy adds its LSH band keys at
        # random places in the lsh_bands index, and a crawl's writes should not wait on the disk for them.
        self.db.execute("PRAGMA cache_size = -65536")
        if max_bytes > 0:
            # A quota: past it SQLite answers "database or disk is full", exactly as a full disk does.
            page_size = self.db.execute("PRAGMA page_size").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count = {max(1, max_bytes // page_size)}")

    @contextlib.contextmanager
    def transaction(self):
        """A write batch: `BEGIN IMMEDIATE` takes the write lock up front, so a second writer waits
        (busy_timeout) instead of failing at once with "database is locked" when a deferred
        transaction that has already read tries to upgrade to writing; all or nothing."""
        connection = self.db.conn
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if connection.in_transaction:  # a full disk may already have rolled it back
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

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

    def record(self, article, placement: Placement = Placement()) -> str:
        """Store one extracted article (an `extraction.Article`); returns one of OUTCOMES.

        Its mentions, when the enrich stage found them, replace the stored ones if those came from
        another text or another extractor version (so an upgrade re-enriches on the next crawl), and only
        when the article now carries this text (a near-duplicate copy that is not primary leaves them)."""
        outcome, article_id = self._record(article, placement)
        if article.mentions is not None:
            text = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", [article_id]).fetchone()
            if text[0] == article.content_hash:
                refresh_mentions(
                    self.db, article_id, article.mentions, article.entities_version, article.content_hash
                )
        return outcome

    def _record(self, article, placement: Placement) -> tuple[str, int]:
        page = article.page
        copy = self.db.execute(
            "SELECT id, article_id, content_hash FROM copies WHERE url = ?", [article.canonical_url]
        ).fetchone()
        if copy:
            return self._refetched(article, placement, *copy), copy[1]
        same_text = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [article.content_hash]
        ).fetchone()
        match = Match(same_text[0], 1.0, SAME_TEXT) if same_text else placement.match
        if match:
            article_id, outcome = match.article_id, "copy"
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
        copy_id = self._add_copy(article, article_id, match, placement.official)
        self._add_revision(article, article_id, copy_id, placement.extraction_version)
        self.index_copy(copy_id, placement.band_keys, placement.lsh_params, article.published)
        if match:
            self._settle(article_id, article, copy_id)
        self.db.execute("DELETE FROM dropped_pages WHERE url = ?", [article.canonical_url])
        return outcome, article_id

    def _add_copy(self, article, article_id: int, match: Match | None, official: bool) -> int:
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
                "match_score": match.score if match else None,
                "match_reason": match.reason if match else None,
                "official": int(official),
                "last_checked": page.fetched_at,
                "etag": page.etag,
                "last_modified": page.last_modified,
            },
        )

    def _refetched(self, article, placement: Placement, copy_id: int, article_id: int, known: str) -> str:
        """A page at a known URL: unchanged, or an edit of that copy (a revision, never a new statement,
        even when a figure changed)."""
        page = article.page
        self._checked(copy_id, page.fetched_at, page.etag, page.last_modified)
        # The copy says how its text was last obtained: live, or from a capture (and which).
        self.db.execute(
            "UPDATE copies SET fetched_url = ?, via = ?, capture_timestamp = ?, capture_url = ? WHERE id = ?",
            [page.url, *provenance(page).values(), copy_id],
        )
        if known == article.content_hash:
            return "unchanged"
        self._update("copies", copy_id, {"content_hash": article.content_hash, "title": article.title})
        self._update("articles", article_id, {"last_updated": page.fetched_at})
        self._add_revision(article, article_id, copy_id, placement.extraction_version)
        self.index_copy(copy_id, placement.band_keys, placement.lsh_params, article.published)
        self._settle(article_id, article, copy_id)
        return "updated"

    def _settle(self, article_id: int, article, copy_id: int) -> None:
        """After a copy joined or changed: the article takes that copy's fields if it is now the primary
        copy (see `primacy`), and in any case the earliest date among its copies."""
        rows = self.db.execute(
            "SELECT c.id, c.url, c.official, r.published FROM copies c "
            "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) "
            "WHERE c.article_id = ?",
            [article_id],
        ).fetchall()
        primary = min(rows, key=lambda row: primacy(row[3], row[1], row[2] != 0))
        if primary[0] == copy_id:
            fields = {**article_fields(article), "url": article.canonical_url, "source": article.page.source}
            self._update("articles", article_id, fields)
        self.settle_date(article_id)

    def index_copy(self, copy_id: int, band_keys, lsh_params: str | None, published: str | None) -> None:
        """Add a copy's MinHash LSH band keys. Keys of a copy's earlier text stay: they can only bring a
        candidate that the precise check then refuses, and removing them would need the old text's keys."""
        if not band_keys and lsh_params is None:
            return
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO lsh_bands (band_key, day, copy_id) VALUES (?, ?, ?)",
            [(key, day_number(published), copy_id) for key in band_keys],
        )
        self.db.execute("UPDATE copies SET lsh_params = ? WHERE id = ?", [lsh_params, copy_id])

    def _add_revision(self, article, article_id: int, copy_id: int, extraction_version: str | None) -> None:
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
                "extraction_version": extraction_version,
                **provenance(page),
            },
        )

    def refresh_copy(self, revision_id: int, copy_id: int, article, extraction_version: str) -> None:
        """A copy's newest revision re-extracted from its own stored HTML by a newer extractor: new text
        and version in place, so the page's next fetch is compared with what this extractor makes of it."""
        rewrite_revision(self.db, revision_id, copy_id, article, extraction_version)
        article_id = self.db.execute("SELECT article_id FROM copies WHERE id = ?", [copy_id]).fetchone()[0]
        self._settle(article_id, article, copy_id)

    def article_at(self, url: str) -> int | None:
        row = self.db.execute("SELECT article_id FROM copies WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def link_translation(self, article_id: int, other_id: int, reason: str) -> None:
        """Mark one of two articles as the other's translation: the non-English one points to the
        English one (or the later to the earlier)."""
        languages = dict(
            self.db.execute(
                "SELECT id, language FROM articles WHERE id IN (?, ?)", [article_id, other_id]
            ).fetchall()
        )
        original, translation = sorted((article_id, other_id), key=lambda i: (languages.get(i) != "en", i))
        self._update("articles", translation, {"translation_of": original, "translation_reason": reason})

    def split_off(self, copy_id: int) -> int:
        """A new article for a copy that re-matching found to be another statement: its own newest text
        and date, the other fields of the article it leaves; returns the new article's id."""
        self.db.execute(
            "INSERT INTO articles (title, body, published, language, service, pr_number, dateline_place, "
            "url, source, first_seen, last_updated, content_hash, raw_date, date_origin, extraction, "
            "word_count) SELECT r.title, r.body, r.published, a.language, a.service, a.pr_number, "
            "a.dateline_place, c.url, c.source, c.first_fetched, r.fetched_at, r.content_hash, r.raw_date, "
            "r.date_origin, a.extraction, a.word_count FROM copies c JOIN articles a ON a.id = c.article_id "
            "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) WHERE c.id = ?",
            [copy_id],
        )
        article_id = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        body = self.db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        self._update("articles", article_id, {"word_count": word_count(body)})
        self.move_copy(copy_id, article_id, None, None)
        return article_id

    def move_copy(self, copy_id: int, article_id: int, score: float | None, reason: str | None) -> None:
        """A copy (with all its revisions and band keys) now belongs to `article_id`."""
        self._update(
            "copies", copy_id, {"article_id": article_id, "match_score": score, "match_reason": reason}
        )
        self.db.execute("UPDATE revisions SET article_id = ? WHERE copy_id = ?", [article_id, copy_id])

    def drop_emptied(self, merged_into: dict[int, int]) -> int:
        """Delete the articles that lost all their copies to others, re-pointing translation links to the
        article each was merged into; returns how many were deleted."""
        for old, new in merged_into.items():
            self.db.execute("UPDATE articles SET translation_of = ? WHERE translation_of = ?", [new, old])
        cursor = self.db.execute("DELETE FROM articles WHERE id NOT IN (SELECT article_id FROM copies)")
        return cursor.rowcount

    def settle_date(self, article_id: int) -> None:
        """An article is dated by its earliest-dated copy (the newest revision of each); among copies of
        that date, by its primary copy's (then an official one's), whatever order they were stored in."""
        row = self.db.execute(
            "SELECT r.published, r.raw_date, r.date_origin FROM copies c "
            "JOIN revisions r ON r.id = (SELECT max(id) FROM revisions WHERE copy_id = c.id) "
            "JOIN articles a ON a.id = c.article_id WHERE c.article_id = ? AND r.published IS NOT NULL "
            "ORDER BY r.published, c.url != a.url, c.official = 0, c.url LIMIT 1",
            [article_id],
        ).fetchone()
        if row:
            self._update(
                "articles", article_id, dict(zip(("published", "raw_date", "date_origin"), row, strict=True))
            )

    def reset_index(self) -> None:
        """Forget every LSH band key (before re-indexing with other settings)."""
        self.db.execute("DELETE FROM lsh_bands")
        self.db.execute("UPDATE copies SET lsh_params = NULL")

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


def rewrite_revision(
    db: sqlite_utils.Database, revision_id: int, copy_id: int, article, extraction_version: str | None = None
) -> None:
    """A stored revision re-extracted from its own raw HTML: new text and fields, same fetch."""
    db["revisions"].update(
        revision_id,
        {
            "extraction_version": extraction_version,
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
