"""The generic spider: any official site listing releases on paginated index pages, from its registry entry.

It walks `start_paths`, follows links matching `next_pattern` (bounded by `max_pages`; Scrapy's duplicate
filter stops loops), and fetches every link matching `article_pattern` on the source's own host. It only
fetches: pages become articles in the pipeline through `extraction.process`, which `pressarchive reextract`
reuses on stored HTML, so a better extractor can rebuild the archive without the network.

Nightly runs are incremental. The spider asks the archive (`archive.lookup.KnownReleases`, read-only)
what it already holds: known releases are not fetched again; a category stops paging after
KNOWN_PAGES_STOP whole listing pages of known releases, once a run has ended `ok` (FULL_CRAWL, `--full`,
walks everything, and so does the run after an interrupted, failed or partial one); every
page is asked for conditionally (ETag / Last-Modified, 304 = unchanged); and a bounded slice of known
releases, oldest check first, is re-fetched every RECHECK_DAYS so edits and withdrawals are still seen.
"""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from archive.errors import ConfigError
from archive.lookup import KnownReleases
from crawlers.sources import RegistryError, Source, load_registry
from extraction.listing import listing_links
from extraction.normalise import canonical_url
from extraction.page import Page
from extraction.validate import page_problem
from pipelines.items import DroppedPage, ListingSeen, NotModified

# Pages dropped for these reasons may be releases next time (a challenge passes, an error clears), so they
# are fetched again; pages dropped for other reasons (PDF, soft-404, no release text) wait for re-checks.
RETRY_REASONS = ("challenge", "http_error", "empty", "malformed")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class GenericSpider(scrapy.Spider):
    name = "generic"
    walks_ids = False  # whether `-a ids=A-B` (CLI --ids) means anything to this spider
    id_pattern: str | None = None  # group 1 = the sequential id in a release URL, for sources that have one
    walking_ids = False  # this run walks ids instead of listings

    @classmethod
    def check_arguments(cls, ids: str | None = None) -> None:
        """Refuse bad spider arguments before any request (the CLI calls this up front)."""
        if ids is not None:
            raise ConfigError(f"--ids walks sequential detail ids, which {cls.name!r} does not have")

    def __init__(self, *args, source: Source | None = None, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.base_url_override = base_url
        self.listing_pages = 0
        self.listings_requested: set[str] = set()
        self.listings_skipped: set[str] = set()
        self.stop_early = False

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
        spider.known = KnownReleases(settings.get("ARCHIVE_DB"), spider.source.key)
        spider.full = settings.getbool("FULL_CRAWL")
        spider.known_pages_stop = max(1, settings.getint("KNOWN_PAGES_STOP"))
        spider.recheck = (settings.getint("RECHECK_DAYS"), settings.getint("RECHECK_LIMIT"))
        return spider

    def closed(self, reason):
        self.known.close()

    async def start(self):
        self.stop_early = not self.full and self.known.last_run_ok()
        if not self.full and not self.stop_early:
            self.logger.info("walking every listing page: the last run of %s did not end ok", self.source.key)
            self.crawler.stats.set_value("listing/walked_all", 1)
        for url in self.source.start_urls:
            yield self.listing_request(url, {})
        for request in self.recheck_requests():
            yield request

    def recheck_requests(self):
        """The known releases due for their slow re-check, with the hints they were first found with."""
        for url, hints in self.known.due_for_recheck(*self.recheck):
            yield self.release_request(url, hints, recheck=True)

    def is_known(self, request: scrapy.Request) -> bool:
        return self.known.is_known(canonical_url(request.url))

    def seen_before(self, request: scrapy.Request) -> str | None:
        """ "archived", the reason the page was dropped when last met, or None for a link never met."""
        url = canonical_url(request.url)
        return "archived" if self.known.is_known(url) else self.known.dropped_reason(url)

    def count_skipped_listings(self) -> None:
        skipped = self.listings_skipped - self.listings_requested
        self.crawler.stats.set_value("pages/skipped_listing", len(skipped))

    def listing_request(self, url: str, hints: dict[str, str], stale: int = 0) -> scrapy.Request:
        self.listings_requested.add(url)
        if url in self.listings_skipped:
            self.count_skipped_listings()
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            headers=self.known.validators(url),
            cb_kwargs={"hints": hints, "stale": stale},
        )

    def release_request(self, url: str, hints: dict[str, str], **meta) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_release,
            errback=self.on_error,
            headers=self.known.validators(canonical_url(url)),
            cb_kwargs={"hints": hints},
            meta=meta,
        )

    def listing_hints(self, response, hints: dict[str, str]) -> dict[str, str]:
        """What every release linked from this listing page shares (subclasses: e.g. a category)."""
        return hints

    def read_listing(self, response):
        """(release links, listing links) of a listing page, from the page or, on a 304, from what the
        archive remembers of it; None when the page is unusable."""
        if response.status == 304 and (remembered := self.known.listing(response.url)):
            self.crawler.stats.inc_value("listing/not_modified")
            return remembered
        if not isinstance(response, TextResponse):
            problem = "not_html"
        else:
            problem = page_problem(
                response.status,
                response.headers.get("Content-Type", b"").decode(),
                response.body,
                response.text,
            )
        if problem:
            self.crawler.stats.inc_value(f"listing/{problem}")
            self.logger.warning(
                "listing page unusable (%s): %s (HTTP %s)", problem, response.url, response.status
            )
            return None
        return listing_links(response.text, response.url, self.source)

    def parse_listing(self, response, hints: dict[str, str], stale: int = 0):
        self.listing_pages += 1
        self.crawler.stats.inc_value("pages/listing")
        links = self.read_listing(response)
        if links is None:
            return
        releases, pages = links
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
        requests = [self.release_request(url, {**hints, "listing_url": response.url}) for url in releases]
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
        if self.listing_pages < self.source.max_pages:
            for url in pages:
                yield self.listing_request(url, hints, stale)

    def parse_release(self, response, hints: dict[str, str]):
        stats = self.crawler.stats
        stats.inc_value("pages/fetched")
        if response.meta.get("recheck"):
            stats.inc_value("pages/rechecked")
        if response.status == 304:
            stats.inc_value("pages/not_modified")
            yield NotModified(self.source.key, canonical_url(response.url), now())
            return
        yield Page(
            source=self.source.key,
            url=response.url,
            status=response.status,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            raw=response.body,
            encoding=response.encoding if isinstance(response, TextResponse) else "utf-8",
            fetched_at=now(),
            hints=hints,
            etag=header(response, "ETag"),
            last_modified=header(response, "Last-Modified"),
        )

    def on_error(self, failure):
        stats = self.crawler.stats
        if failure.check(IgnoreRequest):
            # Not an error: robots.txt forbids the page, and we obey.
            stats.inc_value("skipped/robots_txt")
            self.logger.info("skipped %s: %s", failure.request.url, failure.getErrorMessage())
            if failure.request.callback == self.parse_release:
                # Remembered like junk, so the listing it sits on does not look new every night.
                hints = failure.request.cb_kwargs.get("hints", {})
                yield DroppedPage(
                    self.source.key, canonical_url(failure.request.url), now(), "robots_txt", hints
                )
            return
        stats.inc_value("errors/download")
        stats.inc_value(f"errors/download/{failure.type.__name__}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", f"{failure.type.__name__}: {failure.getErrorMessage()}")
        self.logger.error("could not fetch %s: %s", failure.request.url, failure.getErrorMessage())
