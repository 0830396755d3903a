"""Storage stage: batches items into SQLite transactions and keeps the crawl_runs row for the run.

Batches keep writes fast on slow disks; a crawl killed mid-batch loses only the uncommitted pages, which
the next run fetches again and stores without duplicates (identity is resolved by URL, body hash and
near-duplicate matching, see pipelines/dedup.py).
"""

from __future__ import annotations

import logging

from scrapy import signals

from archive.runs import run_summary
from archive.store import Archive
from extraction.similarity import Settings
from pipelines.dedup import NearDuplicates

logger = logging.getLogger(__name__)


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
        return pipeline

    def item_error(self, item, response, spider, failure):
        self.crawler.stats.inc_value("errors/item")

    def open_spider(self):
        spider = self.crawler.spider
        self.archive = Archive(self.path)
        window = self.crawler.settings.getint("DEDUP_WINDOW_DAYS")
        self.dedup = NearDuplicates(self.archive, Settings(window_days=window))
        with self.archive.transaction():
            indexed = self.dedup.index_missing()
        if indexed:
            logger.info("indexed %d stored copies for near-duplicate matching", indexed)
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
                placement = self.dedup.place(item, self.crawler.spider.source)
                outcome = self.archive.record(item, placement)
                self.crawler.stats.inc_value(f"archive/{outcome}")
                logger.info("%s %s", outcome, item.page.url)
                if outcome == "copy" and placement.match:
                    logger.info(
                        "near-duplicate of article %s: %s", placement.match.article_id, placement.match.reason
                    )
                if outcome == "new" and self.dedup.link_translation(item):
                    self.crawler.stats.inc_value("archive/translations")
        self.batch = []

    def close_spider(self):
        self.flush()
        spider = self.crawler.spider
        summary = run_summary(
            self.crawler.stats.get_stats(),
            spider.source.key,
            spider.source.base_url,
            bool(getattr(spider, "ids", None)),
        )
        self.archive.finish_run(self.run_id, summary)
        self.archive.close()
