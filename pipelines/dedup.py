"""Dedup stage: which statement a fetched article belongs to, decided before the store writes it.

The store stage runs it for each item inside its batch transaction, so a re-post met in the same batch as
its original is seen. For a page at a known URL it only makes sure the stored text was made by today's
extractor (re-extracting the stored HTML if not), so the store's comparison sees real edits on the site
and never an extractor upgrade. For a new URL it asks the archive for near-duplicate candidates (LSH band
keys, same language, within the date window) and confirms each with `extraction.similarity.compare`.
A new article in one language is then linked to its version in another (`translation_of`).
"""

from __future__ import annotations

import json
import logging
import zlib
from dataclasses import dataclass, replace

from archive import queries
from archive.store import SAME_TEXT, Archive, Match, Placement, primacy
from extraction import Article, Page, process
from extraction.similarity import DEFAULTS, Release, Settings, band_keys, compare, translation_reason
from extraction.version import extraction_version

logger = logging.getLogger(__name__)


def lsh_params(settings: Settings) -> str:
    """Names the settings band keys were made with; keys made otherwise are rebuilt."""
    return f"minhash-affine32-seed8-{settings.num_perm}p-{settings.bands}x{settings.rows}-shingle3"


def stored_page(row: dict) -> Page:
    """The page as it was fetched, from a stored revision (raw HTML and fetch metadata)."""
    return Page(
        source=row["source"],
        url=row["fetched_url"],
        status=row["http_status"],
        content_type=row["content_type"] or "",
        raw=zlib.decompress(row["raw_html"]),
        encoding="",  # decoded afresh: a better decoder, like a better extractor, applies to old pages
        fetched_at=row["fetched_at"],
        via=row["via"],
        hints=json.loads(row["hints"] or "{}"),
        capture_timestamp=row.get("capture_timestamp"),
    )


def is_official(source, article: Article) -> bool:
    """ISPR publishes for every service; a service's own site (its registry `service`) for itself."""
    return getattr(source, "rules", None) == "ispr" or (
        source.service is not None and source.service == article.service
    )


def release(row_or_article) -> Release:
    if isinstance(row_or_article, Article):
        a = row_or_article
        return Release(a.body, a.language, a.published, a.pr_number)
    row = row_or_article
    return Release(row["body"], row["language"], row["published"], row["pr_number"])


class NearDuplicates:
    """The dedup stage over one open archive; the store stage calls it inside its batch transaction."""

    def __init__(self, archive: Archive, settings: Settings = DEFAULTS):
        self.archive = archive
        self.settings = settings
        self.params = lsh_params(settings)
        self.version = extraction_version()

    def index_missing(self) -> int:
        """Give band keys to copies stored without them (an archive from before near-duplicate matching)
        or with other settings; returns how many copies were indexed."""
        db = self.archive.db
        if db.execute("SELECT 1 FROM copies WHERE lsh_params != ? LIMIT 1", [self.params]).fetchone():
            self.archive.reset_index()
        indexed = 0
        while missing := queries.copies_to_index(db, self.params):  # a thousand at a time: bounded memory
            for row in missing:
                keys = band_keys(row["body"], self.settings)
                self.archive.index_copy(row["copy_id"], keys, self.params, row["published"])
            indexed += len(missing)
        return indexed

    def place(self, article: Article, source) -> Placement:
        """Where the store should put `article`: its band keys, whether its source is official, and the
        existing article it near-duplicates (if its URL is new)."""
        keys = tuple(band_keys(article.body, self.settings))
        placement = Placement(
            official=is_official(source, article),
            band_keys=keys,
            lsh_params=self.params,
            extraction_version=self.version,
        )
        if self.refresh(article.canonical_url, source):
            return placement
        return replace(placement, match=self.best_match(article, keys))

    def store(self, article: Article, source) -> tuple[str, Placement, tuple[int, str] | None]:
        """Store one extracted article the way every crawl does (the store stage, and `merge` replaying a
        shard): placed, recorded, and when new linked to its version in another language.
        Returns (outcome, placement, translation link or None)."""
        placement = self.place(article, source)
        outcome = self.archive.record(article, placement)
        linked = self.link_translation(article) if outcome == "new" else None
        return outcome, placement, linked

    def refresh(self, url: str, source) -> bool:
        """Whether `url` is a stored copy; one stored by another extractor version is re-extracted from its
        HTML first, so only a real edit looks like one (and a 304 still brings the text up to date)."""
        known = queries.newest_revision_at(self.archive.db, url)
        if not known or known["extraction_version"] == self.version:
            return bool(known)
        again = process(stored_page(known), source)
        if isinstance(again, Article):
            self.archive.refresh_copy(known["revision_id"], known["copy_id"], again, self.version)
        return True

    def best_match(self, article: Article, keys) -> Match | None:
        candidates = queries.near_candidates(
            self.archive.db, list(keys), article.language, article.published, self.settings.window_days
        )
        best = None
        this = release(article)
        for row in candidates:
            decision = compare(this, release(row), self.settings)
            logger.debug("candidate copy %s: %s", row["copy_id"], decision.reason)
            if decision.duplicate and (best is None or decision.score > best.score):
                best = Match(row["article_id"], decision.score, decision.reason)
        return best

    def link_translation(self, article: Article) -> tuple[int, str] | None:
        """Link a newly stored article with its version in another language, if there is one."""
        return self.link(self.archive.article_at(article.canonical_url), release(article))

    def link(self, article_id: int, this: Release) -> tuple[int, str] | None:
        """(the other article, why) once linked, or None."""
        for row in queries.translation_candidates(self.archive.db, article_id):
            reason = translation_reason(this, release(row))
            if reason:
                self.archive.link_translation(article_id, row["id"], reason)
                return row["id"], reason
        return None

    def link_all(self, echo) -> int:
        """Link every unlinked pair of language versions in the archive (for `pressarchive dedup`)."""
        linked: set[int] = set()
        for row in queries.unlinked_articles(self.archive.db):
            found = None if row["id"] in linked else self.link(row["id"], release(row))
            if found:
                echo(f"link: article {row['id']} ({row['language']}) and article {found[0]}: {found[1]}")
                linked.update((row["id"], found[0]))
        return len(linked) // 2


@dataclass(frozen=True)
class Move:
    """One copy's place after re-matching: `to_article` is None for a new article of its own."""

    copy_id: int
    url: str
    from_article: int
    to_article: int | None
    cluster: int  # index of the cluster (statement) the copy belongs to
    score: float | None
    reason: str | None


def regroup(archive: Archive, settings: Settings = DEFAULTS) -> list[Move]:
    """Re-match every copy of an archive; the moves that would make one article per statement.

    Copies are taken in primacy order (official first, then earliest, then URL): each joins the statement
    of the first earlier copy's cluster whose *primary* copy it duplicates (or that has its exact text),
    else starts a statement of its own. Comparing with primaries, never with any member, keeps a chain
    of near-duplicates from bridging two different events.
    """
    copies = queries.copies_for_matching(archive.db)
    copies.sort(key=lambda c: primacy(c["published"], c["url"], c["official"] != 0))
    cluster_of: dict[int, int] = {}
    primaries: list[dict] = []
    by_hash: dict[str, int] = {}
    placed: list[tuple[dict, int, float | None, str | None]] = []
    for copy in copies:
        cluster, score, reason = by_hash.get(copy["content_hash"]), 1.0, SAME_TEXT
        if cluster is None:
            cluster, score, reason = best_cluster(archive, copy, cluster_of, primaries, settings)
        if cluster is None:
            cluster, score, reason = len(primaries), None, None
            primaries.append(copy)
        cluster_of[copy["copy_id"]] = cluster
        by_hash.setdefault(copy["content_hash"], cluster)
        placed.append((copy, cluster, score, reason))
    return moves(placed, primaries)


def best_cluster(archive, copy, cluster_of, primaries, settings):
    keys = band_keys(copy["body"], settings)
    found = queries.near_candidates(
        archive.db, keys, copy["language"], copy["published"], settings.window_days, limit=200
    )
    best = (None, None, None)
    for cluster in sorted({cluster_of[row["copy_id"]] for row in found if row["copy_id"] in cluster_of}):
        decision = compare(release(copy), release(primaries[cluster]), settings)
        if decision.duplicate and (best[1] is None or decision.score > best[1]):
            best = (cluster, decision.score, decision.reason)
    return best


def moves(placed, primaries) -> list[Move]:
    """Each cluster keeps the article of its primary copy, unless an earlier cluster already has it."""
    target: dict[int, int | None] = {}
    claimed: set[int] = set()
    for cluster, primary in enumerate(primaries):
        article = primary["article_id"]
        target[cluster] = None if article in claimed else article
        claimed.add(article)
    return [
        Move(copy["copy_id"], copy["url"], copy["article_id"], target[cluster], cluster, score, reason)
        for copy, cluster, score, reason in placed
        if target[cluster] != copy["article_id"]
        or (copy["copy_id"] != primaries[cluster]["copy_id"] and copy["match_reason"] is None)
    ]
