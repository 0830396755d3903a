"""Storage stage: batches items into SQLite transactions and keeps the crawl_runs row for the run.

Batches keep writes fast on slow disks; a crawl killed mid-batch loses only the uncommitted pages, which
the next run fetches again and stores without duplicates (identity is resolved by URL and body hash).
"""

from __future__ import annotations

import logging
import sqlite3

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from archive.runs import run_summary
from archive.store import Archive

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE")
        self.batch = []
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        return pipeline

    def item_error(self, item, response, spider, failure):
        self.crawler.stats.inc_value("errors/item")

    def open_spider(self):
        spider = self.crawler.spider
        self.archive = Archive(self.path)
        self.run_id = self.archive.start_run(spider.source.key, spider.source.base_url)
        self.crawler.stats.set_value("archive/run_id", self.run_id)

    def process_item(self, item):
        if self.failed:
            return item  # the archive cannot take it; the run is stopping and ends as `error`
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the batch in one transaction, all or nothing. When the archive cannot take it (a full
        disk, an I/O error), the batch is rolled back and the crawl stops: more fetching would be lost."""
        batch, self.batch = self.batch, []
        if not batch or self.failed:
            return
        outcomes = []
        try:
            with self.archive.transaction():
                outcomes = [(self.archive.record(item), item.page.url) for item in batch]
        except sqlite3.Error as exc:
            self.failed = True
            self.crawler.stats.set_value("archive/error", f"{exc} ({len(batch)} page(s) not written)")
            logger.error("archive error: %s; stopping the crawl (%d page(s) not written)", exc, len(batch))
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_error"))
            return
        for outcome, url in outcomes:
            self.crawler.stats.inc_value(f"archive/{outcome}")
            logger.info("%s %s", outcome, url)

    def close_spider(self):
        self.flush()
        spider = self.crawler.spider
        summary = run_summary(
            self.crawler.stats.get_stats(),
            spider.source.key,
            spider.source.base_url,
            bool(getattr(spider, "ids", None)),
        )
        try:
            self.archive.finish_run(self.run_id, summary)
        except sqlite3.Error as exc:
            logger.error("archive error: %s; the run's row could not be finished", exc)
        finally:
            self.archive.close()
