"""The generic spider: any official site listing releases on paginated index pages, from its registry entry.

It walks `start_paths`, follows links matching `next_pattern` (bounded by `max_pages`; Scrapy's duplicate
filter stops loops), and fetches every link matching `article_pattern` on the source's own host. It only
fetches: pages become articles in the pipeline through `extraction.process`, which `pressarchive reextract`
reuses on stored HTML, so a better extractor can rebuild the archive without the network.

Nightly runs are incremental. The spider asks the archive (`archive.lookup.KnownReleases`, read-only)
what it already holds: known releases are not fetched again; a category stops paging after
KNOWN_PAGES_STOP whole listing pages of known releases, once a run has read every listing page
(`archive.lookup.KnownReleases.listings_complete`; FULL_CRAWL, `--full`, walks everything, and so does
the run after an interrupted or failed one, or one that lost a listing page); every
page is asked for conditionally (ETag / Last-Modified, 304 = unchanged); and a bounded slice of known
releases, oldest check first, is re-fetched every RECHECK_DAYS so edits and withdrawals are still seen.
"""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy

from archive.errors import ConfigError
from archive.lookup import KnownReleases, NothingKnown
from archive.runs import LOST_REASONS
from crawlers.faults import failure_reason
from crawlers.sources import RegistryError, Source, load_registry
from crawlers.spiders.wayback import WaybackMixin, check_wayback_arguments
from extraction.listing import listing_dates, listing_links
from extraction.normalise import canonical_url
from extraction.page import Page
from extraction.process import page_rejection
from pipelines.items import DroppedPage, ListingSeen, NotModified

# Pages dropped for these reasons may be releases next time (a challenge passes, an error clears, a cut
# page comes whole), so they are fetched again; pages dropped for other reasons (PDF, soft-404, no release
# text) wait for re-checks.
RETRY_REASONS = LOST_REASONS | {"empty", "malformed"}
# Reasons a page is refused in the downloader on purpose (not a network failure, so not an error).
DOWNLOAD_DROPS = ("offsite_redirect", "redirect_loop", "too_large", "decompression_limit")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def meta_of(response) -> dict:
    """The request's meta; {} for a response built without one (a saved page in a test)."""
    return response.request.meta if response.request is not None else {}


def header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class GenericSpider(WaybackMixin, scrapy.Spider):
    name = "generic"
    walks_ids = False  # whether `-a ids=A-B` (CLI --ids) means anything to this spider
    walking_ids = False  # this run walks ids instead of listings

    @classmethod
    def check_arguments(cls, ids: str | None = None, **wayback) -> None:
        """Refuse bad spider arguments before any request (the CLI calls this up front)."""
        if ids is not None:
            cls.check_ids(ids)
        try:
            check_wayback_arguments(**wayback)
        except ValueError as error:
            raise ConfigError(str(error)) from None

    @classmethod
    def check_ids(cls, ids: str) -> None:
        raise ConfigError(f"--ids walks sequential detail ids, which {cls.name!r} does not have")

    def __init__(
        self,
        *args,
        source: Source | None = None,
        base_url: str | None = None,
        via: str | None = None,
        since: str | None = None,
        until: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.source = source
        self.base_url_override = base_url
        self.listing_requests = 0
        self.listings_requested: set[str] = set()
        self.listings_skipped: set[str] = set()
        self.stop_early = False
        self.wayback_arguments = (via, since, until)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.source is None:
            registry = load_registry(*crawler.settings.getlist("SOURCES_FILES"))
            if spider.name not in registry:
                raise RegistryError(f"no source named {spider.name!r} in the registry")
            spider.source = registry[spider.name]
        if spider.base_url_override:
            spider.source = spider.source.with_base_url(spider.base_url_override)
        settings = crawler.settings
        path = settings.get("ARCHIVE_DB")
        spider.known = KnownReleases(path, spider.source.key) if path else NothingKnown()
        spider.full = settings.getbool("FULL_CRAWL")
        spider.known_pages_stop = max(1, settings.getint("KNOWN_PAGES_STOP"))
        spider.recheck = (settings.getint("RECHECK_DAYS"), settings.getint("RECHECK_LIMIT"))
        # Where redirects may lead (crawlers.middlewares.RedirectGuard) and how big a release may be.
        spider.hosts = spider.source.hosts
        spider.release_maxsize = settings.getint("RELEASE_MAXSIZE")
        spider.setup_wayback(*spider.wayback_arguments)
        return spider

    def closed(self, reason):
        self.known.close()

    async def start(self):
        if self.via == "wayback":
            for request in self.wayback_start():
                yield request
            return
        self.stop_early = not self.full and self.known.listings_complete()
        if not self.full and not self.stop_early:
            self.logger.info(
                "walking every listing page: the last run of %s did not walk them all", self.source.key
            )
            self.crawler.stats.set_value("listing/walked_all", 1)
        for url in self.source.start_urls:
            if request := self.listing_request(url, {}):
                yield request
        for request in self.recheck_requests():
            yield request
        if not self.full:  # a full walk meets them on the listings
            for url, hints in self.known.lost_before(RETRY_REASONS):
                yield self.release_request(url, hints)

    def recheck_requests(self):
        """The known releases due for their slow re-check, with the hints they were first found with."""
        for url, hints in self.known.due_for_recheck(*self.recheck):
            yield self.release_request(url, hints, recheck=True)

    def is_known(self, request: scrapy.Request) -> bool:
        return self.known.is_known(canonical_url(request.url))

    def seen_before(self, request: scrapy.Request) -> str | None:
        """How a link was met before: "archived", the reason it was dropped as junk, or None (never)."""
        url = canonical_url(request.url)
        return "archived" if self.known.is_known(url) else self.known.dropped_reason(url)

    def count_skipped_listings(self) -> None:
        skipped = self.listings_skipped - self.listings_requested
        self.crawler.stats.set_value("pages/skipped_listing", len(skipped))

    def listing_request(self, url: str, hints: dict[str, str], stale: int = 0) -> scrapy.Request | None:
        """A request for a listing page, or None once `max_pages` have been asked for: the bound counts
        pages requested, not pages parsed, since each parsed page can link several new ones."""
        if self.listing_requests >= self.source.max_pages:
            self.crawler.stats.inc_value("listing/over_max_pages")
            return None
        self.listing_requests += 1
        self.listings_requested.add(url)
        if url in self.listings_skipped:
            self.count_skipped_listings()
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            headers=self.known.validators(url),
            cb_kwargs={"hints": hints, "stale": stale},
            meta={"page_kind": "listing"},
        )

    def release_url(self, url: str) -> str:
        """The one URL a release is fetched and archived under (subclasses: e.g. ISPR's id)."""
        return url

    def release_request(self, url: str, hints: dict[str, str], **meta) -> scrapy.Request:
        return scrapy.Request(
            self.release_url(url),
            callback=self.parse_release,
            errback=self.on_error,
            headers=self.known.validators(canonical_url(self.release_url(url))),
            cb_kwargs={"hints": hints},
            meta={"page_kind": "release", "download_maxsize": self.release_maxsize, **meta},
        )

    def listing_hints(self, response, hints: dict[str, str]) -> dict[str, str]:
        """What every release linked from this listing page shares (subclasses: e.g. a category)."""
        return hints

    def read_listing(self, response, hints: dict[str, str]):
        """(release links, listing links, the page's text) of a listing page, from the page or, on a 304,
        from what the archive remembers of it; None when the page is unusable."""
        if response.status == 304 and (remembered := self.known.listing(response.url)):
            self.crawler.stats.inc_value("listing/not_modified")
            return (*remembered, "")
        page = self.response_page(response, response.url, hints)
        problem = page_rejection(page)
        if problem:
            self.crawler.stats.inc_value(f"listing/{problem}")
            self.crawler.stats.inc_value(f"dropped/{problem}")
            self.crawler.stats.inc_value("listing/lost")
            self.logger.warning(
                "listing page unusable (%s): %s (HTTP %s)", problem, response.url, response.status
            )
            return None
        return (*listing_links(page.html, response.url, self.source), page.html)

    def parse_listing(self, response, hints: dict[str, str], stale: int = 0):
        self.crawler.stats.inc_value("pages/listing")
        links = self.read_listing(response, hints)
        if links is None:
            return
        releases, pages, html = links
        if response.status == 200 and (header(response, "ETag") or header(response, "Last-Modified")):
            yield ListingSeen(
                self.source.key,
                response.url,
                now(),
                header(response, "ETag"),
                header(response, "Last-Modified"),
                releases,
                pages,
            )
        hints = self.listing_hints(response, hints)
        self.crawler.stats.inc_value("listing/release_links", len(releases))
        dates = listing_dates(html, response.url, releases)
        requests = [
            self.release_request(url, {**hints, **self.listed(dates, url), "listing_url": response.url})
            for url in releases
        ]
        seen = [self.seen_before(request) for request in requests]
        yield from (
            request
            for request, before in zip(requests, seen, strict=True)
            if self.full or before is None or before in RETRY_REASONS
        )
        # A whole page of links met before: the newer ones come first, so the rest are older.
        stale = stale + 1 if requests and None not in seen else 0
        if stale >= self.known_pages_stop and self.stop_early:
            self.listings_skipped.update(pages)
            self.count_skipped_listings()
            return
        for url in pages:
            if request := self.listing_request(url, hints, stale):
                yield request

    @staticmethod
    def listed(dates: dict[str, str], url: str) -> dict[str, str]:
        """The date the listing printed beside a release's link, as a hint extraction checks against."""
        return {"listing_date": dates[url]} if dates.get(url) else {}

    def response_page(self, response, url: str, hints: dict[str, str], **provenance) -> Page:
        """The fetched page as extraction takes it, under the release URL it stands for, decoded by
        `extraction.decode`."""
        return Page(
            source=self.source.key,
            url=url,
            status=response.status,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            raw=response.body,
            encoding="",
            fetched_at=now(),
            hints=hints,
            # set by DeclaredLengthMiddleware
            lengths=meta_of(response).get("lengths"),
            etag=header(response, "ETag"),
            last_modified=header(response, "Last-Modified"),
            **provenance,
        )

    def parse_release(self, response, hints: dict[str, str]):
        stats = self.crawler.stats
        stats.inc_value("pages/fetched")
        if meta_of(response).get("recheck"):
            stats.inc_value("pages/rechecked")
        if response.status == 304:
            stats.inc_value("pages/not_modified")
            yield NotModified(self.source.key, canonical_url(response.url), now())
            return
        page = self.response_page(response, response.url, hints)
        # A page that refuses us may still be had, honestly labelled, from the Wayback Machine.
        yield self.wayback_lookup(response.url, hints, refused=page) if self.refused(response) else page

    def on_error(self, failure):
        """Every page the downloader gave up on is counted under the reason it was lost."""
        stats = self.crawler.stats
        reason, skipped = failure_reason(failure)
        if skipped:
            # Not an error: robots.txt forbids the page, and we obey.
            stats.inc_value(f"skipped/{reason}")
            self.logger.info("skipped %s: %s", failure.request.url, failure.getErrorMessage())
            if failure.request.callback == self.parse_release:
                # Remembered like junk, so the listing it sits on does not look new every night.
                hints = failure.request.cb_kwargs.get("hints", {})
                yield DroppedPage(self.source.key, canonical_url(failure.request.url), now(), reason, hints)
            return
        stats.inc_value(f"dropped/{reason}")
        url = failure.request.meta.get("redirect_urls", [failure.request.url])[0]  # the link as found
        if failure.request.meta.get("page_kind") == "listing":
            stats.inc_value(f"listing/{reason}")
            stats.inc_value("listing/lost")
        else:
            stats.inc_value("download/lost")  # a release page that never reached extraction
            # Remembered under its reason, so the next run asks for it again (`lost_before`).
            hints = failure.request.cb_kwargs.get("hints", {})
            yield DroppedPage(self.source.key, canonical_url(url), now(), reason, hints)
        # One line per lost page, worded like the pipeline's drops: "dropped <reason>: <url> (<detail>)".
        detail = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        if reason in DOWNLOAD_DROPS:
            self.logger.warning("dropped %s: %s (%s)", reason, url, detail)
            return
        stats.inc_value("errors/download")
        stats.inc_value(f"errors/download/{failure.type.__name__}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", detail)
        self.logger.error("dropped %s: %s (could not fetch it: %s)", reason, url, detail)
