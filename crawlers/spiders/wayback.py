"""The Wayback Machine request flow every spider shares: the per-page fallback and the `--via wayback`
backfill. It only fetches; choosing captures is `crawlers.wayback`'s pure functions, and the pages it
yields are processed like live ones.

- Fallback: a release page that answers with a bot challenge, or 403/429 after the retries, makes the
  spider ask the CDX index for captures of that URL and fetch the newest good one (`id_` form). A
  capture that is itself a challenge or soft-404 is skipped for the next older one. When none is usable,
  the live page goes on to be dropped with its own reason, as without the fallback.
- Backfill: the CDX index lists every captured URL under the source (collapsed by URL key), page by
  page; each release not archived yet goes through the same lookup. The resume key of each page is
  kept in the archive (`wayback_cursors`), so an interrupted backfill continues where it stopped.

Politeness toward the Internet Archive (its own throttle, backoff on 429/503) is
`crawlers.middlewares.WaybackMiddleware`'s job: every request here carries `meta["wayback"]`.
"""

from __future__ import annotations

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from archive.schema import open_archive
from archive.wayback import archived_as_of, load_cursor
from crawlers.sources import is_loopback
from crawlers.wayback import (
    Capture,
    CdxError,
    capture_timestamp_of,
    capture_url,
    cdx_query,
    date_bound,
    good_candidates,
    on_base_host,
    parse_cdx,
    resume_at,
)
from extraction.normalise import canonical_url
from extraction.page import Page
from extraction.validate import CHALLENGE_MARKERS, page_problem
from pipelines.store import wayback_cursor

VIA = ("live", "wayback")
# Statuses that mean "not for you" rather than "not there": a capture may still hold the page.
REFUSED_STATUSES = (403, 429)
# Lookups and captures go before the next CDX listing page, so a page's releases are done before the
# cursor moves on.
LOOKUP_PRIORITY, LISTING_PRIORITY = 1, -1


def check_wayback_arguments(via: str | None = None, since: str | None = None, until: str | None = None):
    """Refuse bad `--via/--since/--until` values before any request (raises ValueError)."""
    if via is not None and via not in VIA:
        raise ValueError(f"--via must be one of {', '.join(VIA)}, got {via!r}")
    if (since or until) and via != "wayback":
        raise ValueError("--since/--until limit capture dates, so they need --via wayback")
    bounds = [
        date_bound(value, option) for value, option in ((since, "--since"), (until, "--until")) if value
    ]
    if since and until and bounds[0] > bounds[1][: len(bounds[0])]:
        raise ValueError(f"--since {since} is after --until {until}")


class WaybackMixin:
    """Mixed into GenericSpider; needs `self.source`, `self.release_url()`, `self.response_page()` and the
    crawler."""

    # How one release's captures are looked up: the exact URL, or (for sites whose links carry extra
    # parameters, like ISPR's &lang=en) every URL it begins, keeping those `release_url` maps to it.
    lookup_match_type = "exact"

    def setup_wayback(self, via: str | None, since: str | None, until: str | None) -> None:
        self.via = via or "live"
        self.since = date_bound(since, "--since") if since else None
        self.until = date_bound(until, "--until") if until else None
        settings = self.crawler.settings
        self.cdx_url = settings.get("WAYBACK_CDX_URL")
        self.capture_base = settings.get("WAYBACK_CAPTURE_URL")
        self.cdx_page_size = settings.getint("WAYBACK_CDX_PAGE_SIZE")
        self.max_captures = settings.getint("WAYBACK_MAX_CAPTURES")
        self._archived: dict[str, str] | None = None
        self.wayback_seen: set[str] = set()

    def archived(self) -> dict[str, str]:
        """Release URL -> when its stored text was current, read once when first needed."""
        if self._archived is None:
            db = open_archive(self.crawler.settings.get("ARCHIVE_DB"))
            try:
                self._archived = archived_as_of(db)
            finally:
                db.close()
        return self._archived

    # The per-page fallback.

    def refused(self, response) -> bool:
        """Whether a release page refused us in a way a capture can make up for."""
        if self.source.fallback != "wayback":
            return False
        if is_loopback(self.source.base_url) and not is_loopback(self.cdx_url):
            return False  # a page on this machine is in no public archive
        if response.status in REFUSED_STATUSES:
            return True
        return isinstance(response, TextResponse) and bool(CHALLENGE_MARKERS.search(response.text[:30000]))

    def wayback_lookup(
        self, url: str, hints: dict, refused: Page | None = None, spelling: str | None = None
    ) -> scrapy.Request:
        """Ask the CDX index for captures of one release URL (as the index spells it, when a listing
        said); only captures newer than the archive's text count (an older one would look like an edit)."""
        after = self.archived().get(canonical_url(url))
        if refused is not None:
            self.crawler.stats.inc_value(f"wayback/fallback/{page_problem_of(refused)}")
            self.logger.info("%s refused us (HTTP %s); asking the Wayback Machine", url, refused.status)
        match_type = self.lookup_match_type
        return self.wayback_request(
            cdx_query(
                self.cdx_url,
                spelling or url,
                match_type=match_type,
                since=max(filter(None, (self.since, after)), default=None),
                until=self.until,
            ),
            self.parse_wayback_index,
            {"url": url, "hints": hints, "refused": refused, "after": after},
            LOOKUP_PRIORITY,
        )

    def wayback_request(self, url: str, callback, cb_kwargs: dict, priority: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.wayback_failed,
            cb_kwargs=cb_kwargs,
            meta={"wayback": True},
            priority=priority,
        )

    def parse_wayback_index(self, response, url: str, hints: dict, refused: Page | None, after: str | None):
        self.crawler.stats.inc_value("wayback/cdx_queries")
        captures = self.cdx_rows(response)
        if captures is None:
            yield from self.wayback_gave_up(url, refused, "the CDX index did not answer")
            return
        if self.lookup_match_type == "prefix":
            captures = [c for c in captures if self.is_capture_of(c, url)]
        candidates = good_candidates(captures, after=after, since=self.since, until=self.until)
        if not candidates:
            self.crawler.stats.inc_value("wayback/no_capture")
            yield from self.wayback_gave_up(url, refused, f"no good capture among {len(captures)}")
            return
        yield self.capture_request(url, hints, refused, candidates[: self.max_captures])

    def is_capture_of(self, capture: Capture, url: str) -> bool:
        """Whether a capture from a prefix lookup is of this release (not of a longer id, say)."""
        return canonical_url(self.release_url(on_base_host(capture.original, self.source.base_url))) == (
            canonical_url(url)
        )

    def cdx_rows(self, response) -> list | None:
        """The captures in a CDX answer, or None (counted as an error) when it is not one."""
        try:
            if response.status != 200:
                raise CdxError(f"HTTP {response.status}")
            return parse_cdx(response.body)[0]
        except CdxError as error:
            self.wayback_error(f"CDX query {response.url} failed: {error}")
            return None

    def capture_request(self, url: str, hints: dict, refused: Page | None, candidates: list):
        capture = candidates[0]
        return self.wayback_request(
            capture_url(self.capture_base, capture.timestamp, capture.original),
            self.parse_capture,
            {
                "url": url,
                "hints": hints,
                "refused": refused,
                "candidates": candidates,
            },
            LOOKUP_PRIORITY,
        )

    def parse_capture(self, response, url: str, hints: dict, refused: Page | None, candidates: list):
        """A capture is used only if it passes the same page validation as a live page."""
        stats = self.crawler.stats
        stats.inc_value("wayback/captures_fetched")
        page = self.capture_page(response, url, hints, candidates[0].timestamp)
        problem = page_problem(page.status, page.content_type, page.raw, page.html)
        if problem:
            stats.inc_value(f"wayback/bad_capture/{problem}")
            self.logger.info("capture %s is unusable (%s)", response.url, problem)
            if len(candidates) > 1:
                yield self.capture_request(url, hints, refused, candidates[1:])
            else:
                yield from self.wayback_gave_up(url, refused, "every good-looking capture was unusable")
            return
        stats.inc_value("wayback/pages")
        if refused is None:
            stats.inc_value("pages/fetched")
        yield page

    def capture_page(self, response, url: str, hints: dict, requested: str) -> Page:
        """The capture as a page of the original release URL, with where and when it was captured (a
        redirect to the nearest capture names the one actually served)."""
        timestamp = capture_timestamp_of(response.url, self.capture_base) or requested
        return self.response_page(
            response, url, hints, via="wayback", capture_timestamp=timestamp, capture_url=response.url
        )

    def wayback_gave_up(self, url: str, refused: Page | None, why: str):
        """No usable capture: a refused live page is dropped with its own reason, as without a fallback."""
        self.crawler.stats.inc_value("wayback/unrecovered")
        self.logger.warning("no usable Wayback capture of %s: %s", url, why)
        if refused is not None:
            yield refused

    def wayback_failed(self, failure):
        request = failure.request
        if failure.check(IgnoreRequest):
            self.crawler.stats.inc_value("skipped/robots_txt")
        else:
            self.wayback_error(f"{request.url}: {failure.type.__name__}: {failure.getErrorMessage()}")
        kwargs = request.cb_kwargs
        if "url" not in kwargs:
            return  # a listing page: the next backfill resumes from it
        candidates = kwargs.get("candidates", [])[1:]
        if candidates:
            yield self.capture_request(kwargs["url"], kwargs["hints"], kwargs["refused"], candidates)
        else:
            yield from self.wayback_gave_up(kwargs["url"], kwargs["refused"], "the Wayback Machine failed")

    def wayback_error(self, message: str) -> None:
        stats = self.crawler.stats
        stats.inc_value("errors/download")
        stats.inc_value("errors/wayback")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", message)
        self.logger.error("Wayback Machine: %s", message)

    # The backfill.

    @classmethod
    def wayback_prefix(cls, source) -> str:
        """What the CDX listing covers: the whole site (subclasses narrow it to their release pages)."""
        return source.base_url.rstrip("/") + "/"

    def wayback_start(self):
        query = cdx_query(
            self.cdx_url,
            self.wayback_prefix(self.source),
            match_type="prefix",
            collapse="urlkey",
            since=self.since,
            until=self.until,
            limit=self.cdx_page_size,
        )
        db = open_archive(self.crawler.settings.get("ARCHIVE_DB"))
        try:
            resume_key = load_cursor(db, self.source.key, query)
        finally:
            db.close()
        if resume_key:
            self.logger.warning("resuming the Wayback listing of %s where it stopped", self.source.key)
        yield self.listing_page(query, resume_key, None)

    def listing_page(self, query: str, resume_key: str | None, previous: str | None) -> scrapy.Request:
        url = resume_at(query, resume_key)
        kwargs = {"query": query, "resume_key": resume_key, "previous": previous}
        request = self.wayback_request(url, self.parse_wayback_listing, kwargs, LISTING_PRIORITY)
        return request.replace(dont_filter=True)

    def parse_wayback_listing(self, response, query: str, resume_key: str | None, previous: str | None):
        stats = self.crawler.stats
        stats.inc_value("pages/listing")
        try:
            if response.status != 200:
                raise CdxError(f"HTTP {response.status}")
            captures, next_key = parse_cdx(response.body)
        except CdxError as error:
            self.wayback_error(f"CDX listing {response.url} failed: {error}")
            return
        releases = [
            url
            for url in (on_base_host(capture.original, self.source.base_url) for capture in captures)
            if self.source.is_article(url)
        ]
        stats.inc_value("listing/release_links", len(releases))
        yield from self.wayback_releases(releases)
        # The cursor stays a page behind: releases of the previous page may still be in flight.
        self.crawler.signals.send_catch_log(
            wayback_cursor, source=self.source.key, query=query, resume_key=previous, finished=not next_key
        )
        if next_key:
            yield self.listing_page(query, next_key, resume_key)

    def wayback_releases(self, spellings):
        """A lookup for each release not archived yet (and not already asked for in this crawl), under
        the first spelling the index gave for it (the index matches URLs exactly, extra parameters and
        all, while the archive knows the release by its one URL)."""
        archived = self.archived()
        for spelling in spellings:
            url = self.release_url(spelling)
            key = canonical_url(url)
            if key in self.wayback_seen:
                continue
            self.wayback_seen.add(key)
            if key in archived:
                self.crawler.stats.inc_value("wayback/already_archived")
                continue
            yield self.wayback_lookup(url, {}, spelling=spelling)


def page_problem_of(page: Page) -> str:
    return page_problem(page.status, page.content_type, page.raw, page.html) or "refused"
