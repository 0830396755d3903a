"""The generic spider: any official site listing releases on paginated index pages, from its registry entry.

It walks `start_paths`, follows links matching `next_pattern` (bounded by `max_pages`; Scrapy's duplicate
filter stops loops), and fetches every link matching `article_pattern` on the source's own host. It only
fetches: pages become articles in the pipeline through `extraction.process`, which `pressarchive reextract`
reuses on stored HTML, so a better extractor can rebuild the archive without the network.
"""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy

from archive.errors import ConfigError
from crawlers.faults import failure_reason
from crawlers.sources import RegistryError, Source, load_registry
from extraction.listing import listing_links
from extraction.page import Page
from extraction.process import page_rejection

# Reasons a page is refused in the downloader on purpose (not a network failure, so not an error).
DOWNLOAD_DROPS = ("offsite_redirect", "redirect_loop", "too_large", "decompression_limit")


class GenericSpider(scrapy.Spider):
    name = "generic"
    walks_ids = False  # whether `-a ids=A-B` (CLI --ids) means anything to this spider

    @classmethod
    def check_arguments(cls, ids: str | None = None) -> None:
        """Refuse bad spider arguments before any request (the CLI calls this up front)."""
        if ids is not None:
            raise ConfigError(f"--ids walks sequential detail ids, which {cls.name!r} does not have")

    def __init__(self, *args, source: Source | None = None, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.base_url_override = base_url
        self.listing_requests = 0

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
        # Where redirects may lead (crawlers.middlewares.RedirectGuard) and how big a release may be.
        spider.hosts = spider.source.hosts
        spider.release_maxsize = crawler.settings.getint("RELEASE_MAXSIZE")
        return spider

    async def start(self):
        for url in self.source.start_urls:
            request = self.listing_request(url, {})
            if request:
                yield request

    def listing_request(self, url: str, hints: dict[str, str]) -> scrapy.Request | None:
        """A request for a listing page, or None once `max_pages` have been asked for: the bound counts
        pages requested, not pages parsed, since each parsed page can link several new ones."""
        if self.listing_requests >= self.source.max_pages:
            self.crawler.stats.inc_value("listing/over_max_pages")
            return None
        self.listing_requests += 1
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={"hints": hints},
            meta={"page_kind": "listing"},
        )

    def release_request(self, url: str, hints: dict[str, str]) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_release,
            errback=self.on_error,
            cb_kwargs={"hints": hints},
            meta={"page_kind": "release", "download_maxsize": self.release_maxsize},
        )

    def listing_hints(self, response, hints: dict[str, str]) -> dict[str, str]:
        """What every release linked from this listing page shares (subclasses: e.g. a category)."""
        return hints

    def parse_listing(self, response, hints: dict[str, str]):
        self.crawler.stats.inc_value("pages/listing")
        page = self.page(response, hints)
        problem = page_rejection(page)
        if problem:
            self.crawler.stats.inc_value(f"listing/{problem}")
            self.crawler.stats.inc_value(f"dropped/{problem}")
            self.logger.warning(
                "listing page unusable (%s): %s (HTTP %s)", problem, response.url, response.status
            )
            return
        hints = self.listing_hints(response, hints)
        releases, pages = listing_links(page.html, response.url, self.source)
        self.crawler.stats.inc_value("listing/release_links", len(releases))
        for url in releases:
            yield self.release_request(url, {**hints, "listing_url": response.url})
        for url in pages:
            request = self.listing_request(url, hints)
            if request:
                yield request

    def page(self, response, hints: dict[str, str]) -> Page:
        """The response as extraction sees it: raw bytes, decoded by `extraction.decode`."""
        return Page(
            source=self.source.key,
            url=response.url,
            status=response.status,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            raw=response.body,
            encoding="",
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            hints=hints,
        )

    def parse_release(self, response, hints: dict[str, str]):
        self.crawler.stats.inc_value("pages/fetched")
        yield self.page(response, hints)

    def on_error(self, failure):
        """Every page the downloader gave up on is counted under the reason it was lost."""
        stats = self.crawler.stats
        reason, skipped = failure_reason(failure)
        if skipped:
            # Not an error: robots.txt forbids the page, and we obey.
            stats.inc_value(f"skipped/{reason}")
            self.logger.info("skipped %s: %s", failure.request.url, failure.getErrorMessage())
            return
        stats.inc_value(f"dropped/{reason}")
        if failure.request.meta.get("page_kind") == "listing":
            stats.inc_value(f"listing/{reason}")
        # One line per lost page, worded like the pipeline's drops: "dropped <reason>: <url> (<detail>)".
        detail = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        url = failure.request.meta.get("redirect_urls", [failure.request.url])[0]  # the link as found
        if reason in DOWNLOAD_DROPS:
            self.logger.warning("dropped %s: %s (%s)", reason, url, detail)
            return
        stats.inc_value("errors/download")
        stats.inc_value(f"errors/download/{failure.type.__name__}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", detail)
        self.logger.error("dropped %s: %s (could not fetch it: %s)", reason, url, detail)
