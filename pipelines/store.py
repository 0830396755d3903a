"""Storage stage: batches items into SQLite transactions and keeps the crawl_runs row for the run.

Batches keep writes fast on slow disks; a crawl killed mid-batch loses only the uncommitted pages, which
the next run fetches again and stores without duplicates (identity is resolved by URL and body hash).
"""

from __future__ import annotations

import logging

from scrapy import signals

from archive.runs import run_summary
from archive.store import Archive
from archive.wayback import save_cursor

logger = logging.getLogger(__name__)

# Sent by a spider when a paged Wayback listing may resume from a key (source, query, resume_key,
# finished). The pipeline commits what it holds first, so a resumed backfill never skips a stored page.
wayback_cursor = object()


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE")
        self.batch = []

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        crawler.signals.connect(pipeline.save_wayback_cursor, signal=wayback_cursor)
        return pipeline

    def save_wayback_cursor(self, source: str, query: str, resume_key: str | None, finished: bool) -> None:
        self.flush()
        with self.archive.transaction():
            save_cursor(self.archive.db, source, query, resume_key, finished)

    def item_error(self, item, response, spider, failure):
        self.crawler.stats.inc_value("errors/item")

    def open_spider(self):
        spider = self.crawler.spider
        self.archive = Archive(self.path)
        self.run_id = self.archive.start_run(spider.source.key, spider.source.base_url)
        self.crawler.stats.set_value("archive/run_id", self.run_id)

    def process_item(self, item):
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        with self.archive.transaction():
            for item in self.batch:
                outcome = self.archive.record(item)
                self.crawler.stats.inc_value(f"archive/{outcome}")
                logger.info("%s %s", outcome, item.page.url)
        self.batch = []

    def close_spider(self):
        self.flush()
        spider = self.crawler.spider
        summary = run_summary(
            self.crawler.stats.get_stats(),
            spider.source.key,
            spider.source.base_url,
            # Id walks and Wayback backfills have no listing pages of the site to judge it by.
            bool(getattr(spider, "ids", None)) or getattr(spider, "via", "live") == "wayback",
        )
        self.archive.finish_run(self.run_id, summary)
        self.archive.close()
