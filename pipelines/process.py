"""The extraction stage: one call to `extraction.process` per fetched page.

A rejected page is an expected outcome of crawling slow, guarded government sites, not a crash: it is
counted under `dropped/<reason>`, logged as one line with its URL, and never stored. A refused date is
counted under `dates/<reason>`; the article is kept without a date, with the raw string.
"""

from __future__ import annotations

import logging

from scrapy import logformatter
from scrapy.exceptions import DropItem

from extraction import Rejection, process

logger = logging.getLogger(__name__)


class ProcessPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, page):
        stats = self.crawler.stats
        stats.inc_value("pages/release")
        outcome = process(page, self.crawler.spider.source)
        if isinstance(outcome, Rejection):
            stats.inc_value(f"dropped/{outcome.reason}")
            raise DropItem(f"{outcome.reason}: {page.url} ({outcome.detail})")
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

    def item_error(self, item, exception, response, spider=None):
        """The page's URL, not the item: Scrapy's default logs the whole item, HTML and all."""
        page = getattr(item, "page", item)
        return {
            "level": logging.ERROR,
            "msg": "error processing %(url)s",
            "args": {"url": getattr(page, "url", type(item).__name__)},
        }
