"""The generic spider: any official site listing releases on paginated index pages, from its registry entry.

It walks `start_paths`, follows links matching `next_pattern` (bounded by `max_pages`; Scrapy's duplicate
filter stops loops), and fetches every link matching `article_pattern` on the source's own host. It only
fetches: pages become articles in the pipeline through `extraction.process`, which `pressarchive reextract`
reuses on stored HTML, so a better extractor can rebuild the archive without the network.
"""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from archive.errors import ConfigError
from crawlers.sources import RegistryError, Source, load_registry
from crawlers.spiders.wayback import WaybackMixin, check_wayback_arguments
from extraction.listing import listing_links
from extraction.page import Page
from extraction.validate import page_problem


class GenericSpider(WaybackMixin, scrapy.Spider):
    name = "generic"
    walks_ids = False  # whether `-a ids=A-B` (CLI --ids) means anything to this spider

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
        self.listing_pages = 0
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
        spider.setup_wayback(*spider.wayback_arguments)
        return spider

    async def start(self):
        if self.via == "wayback":
            for request in self.wayback_start():
                yield request
            return
        for url in self.source.start_urls:
            yield self.listing_request(url, {})

    def listing_request(self, url: str, hints: dict[str, str]) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_listing, errback=self.on_error, cb_kwargs={"hints": hints}
        )

    def release_url(self, url: str) -> str:
        """The one URL a release is fetched and archived under (subclasses: e.g. ISPR's id)."""
        return url

    def release_request(self, url: str, hints: dict[str, str]) -> scrapy.Request:
        return scrapy.Request(
            self.release_url(url),
            callback=self.parse_release,
            errback=self.on_error,
            cb_kwargs={"hints": hints},
        )

    def listing_hints(self, response, hints: dict[str, str]) -> dict[str, str]:
        """What every release linked from this listing page shares (subclasses: e.g. a category)."""
        return hints

    def parse_listing(self, response, hints: dict[str, str]):
        self.listing_pages += 1
        self.crawler.stats.inc_value("pages/listing")
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
            return
        hints = self.listing_hints(response, hints)
        releases, pages = listing_links(response.text, response.url, self.source)
        self.crawler.stats.inc_value("listing/release_links", len(releases))
        for url in releases:
            yield self.release_request(url, {**hints, "listing_url": response.url})
        if self.listing_pages < self.source.max_pages:
            for url in pages:
                yield self.listing_request(url, hints)

    def parse_release(self, response, hints: dict[str, str]):
        self.crawler.stats.inc_value("pages/fetched")
        # A page that refuses us may still be had, honestly labelled, from the Wayback Machine.
        if self.refused(response):
            yield self.wayback_lookup(
                response.url, hints, refused=self.response_page(response, response.url, hints)
            )
        else:
            yield self.response_page(response, response.url, hints)

    def response_page(self, response, url: str, hints: dict[str, str], **provenance) -> Page:
        """The fetched page as extraction takes it, under the release URL it stands for."""
        return Page(
            source=self.source.key,
            url=url,
            status=response.status,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            raw=response.body,
            encoding=response.encoding if isinstance(response, TextResponse) else "utf-8",
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            hints=hints,
            **provenance,
        )

    def on_error(self, failure):
        stats = self.crawler.stats
        if failure.check(IgnoreRequest):
            # Not an error: robots.txt forbids the page, and we obey.
            stats.inc_value("skipped/robots_txt")
            self.logger.info("skipped %s: %s", failure.request.url, failure.getErrorMessage())
            return
        stats.inc_value("errors/download")
        stats.inc_value(f"errors/download/{failure.type.__name__}")
        if not stats.get_value("errors/first"):
            stats.set_value("errors/first", f"{failure.type.__name__}: {failure.getErrorMessage()}")
        self.logger.error("could not fetch %s: %s", failure.request.url, failure.getErrorMessage())
