"""The extraction stage: one call to `extraction.process` per fetched page.

A rejected page is an expected outcome of crawling slow, guarded government sites, not a crash: it is
counted under `dropped/<reason>`, logged as one line with its URL, and never stored. A refused date is
counted under `dates/<reason>`; the article is kept without a date, with the raw string.

A 404 or soft-404 at a URL the archive already holds is not junk but news: the site withdrew the release.
It goes on to the store as a `Withdrawn` item instead of being dropped.
"""

from __future__ import annotations

import logging

from scrapy import logformatter
from scrapy.exceptions import DropItem

from extraction import Rejection, process
from extraction.normalise import canonical_url
from pipelines.items import DroppedPage, ListingSeen, NotModified, Withdrawn

WITHDRAWN_REASONS = ("not_found", "soft_404")

logger = logging.getLogger(__name__)


class PageDropped(DropItem):
    """A page that is not a release, with the reason; the store remembers it (`dropped_pages`)."""

    def __init__(self, page, reason: str, detail: str):
        super().__init__(f"{reason}: {page.url} ({detail})")
        self.page, self.reason = page, reason


class ProcessPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, page):
        if isinstance(page, (NotModified, ListingSeen, DroppedPage)):
            return page  # nothing to extract: the store records them as they are
        stats = self.crawler.stats
        stats.inc_value("pages/release")
        spider = self.crawler.spider
        outcome = process(page, spider.source)
        if isinstance(outcome, Rejection):
            url = canonical_url(page.url)
            if outcome.reason in WITHDRAWN_REASONS and spider.known.is_known(url):
                logger.warning("withdrawn (%s): %s", outcome.reason, page.url)
                return Withdrawn(page.source, url, page.fetched_at, outcome.reason)
            stats.inc_value(f"dropped/{outcome.reason}")
            if spider.known.dropped_reason(url):
                stats.inc_value("pages/dropped_again")  # known junk: no sign that the site changed
            raise PageDropped(page, outcome.reason, outcome.detail)
        if outcome.date_problem:
            stats.inc_value(f"dates/{outcome.date_problem}")
            logger.warning(
                "no publication date for %s: %s (raw %r from %s)",
                page.url,
                outcome.date_problem,
                outcome.raw_date,
                outcome.date_origin,
            )
        return outcome


class DropLogFormatter(logformatter.LogFormatter):
    """One line per dropped page (the default prints the whole item, raw HTML included)."""

    def dropped(self, item, exception, response, spider=None):
        return {"level": logging.WARNING, "msg": "dropped %(reason)s", "args": {"reason": exception}}
