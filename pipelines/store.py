"""Storage stage: batches items into SQLite transactions and keeps the crawl_runs row for the run.

Batches keep writes fast on slow disks; a crawl killed mid-batch loses only the uncommitted pages, which
the next run fetches again and stores without duplicates (identity is resolved by URL, body hash and
near-duplicate matching, see pipelines/dedup.py).
When the archive cannot be written (disk full, read-only file) the batch is rolled back whole, the crawl
stops asking for pages, and the run ends as `error` with the reason.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from archive.runs import BODY_MIN_CHARS, run_summary
from archive.store import Archive
from archive.wayback import save_cursor
from extraction.normalise import canonical_url
from extraction.similarity import Settings
from pipelines.dedup import NearDuplicates
from pipelines.items import DroppedPage, ListingSeen, NotModified, Withdrawn
from pipelines.process import PageDropped

logger = logging.getLogger(__name__)
WRITE_ERRORS = (sqlite3.DatabaseError, OSError)

# Sent by a spider when a paged Wayback listing may resume from a key (source, query, resume_key,
# finished). The pipeline commits what it holds first, so a resumed backfill never skips a stored page.
wayback_cursor = object()


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE")
        self.max_bytes = crawler.settings.getint("ARCHIVE_MAX_BYTES")
        self.batch = []
        self.archive = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        # The run is recorded once the spider is closed, when Scrapy knows why it closed.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.save_wayback_cursor, signal=wayback_cursor)
        return pipeline

    def save_wayback_cursor(self, source: str, query: str, resume_key: str | None, finished: bool) -> None:
        self.flush()
        with self.archive.transaction():
            save_cursor(self.archive.db, source, query, resume_key, finished)

    def item_error(self, item, response, spider, failure):
        self.crawler.stats.inc_value("errors/item")

    def item_dropped(self, item, response, exception, spider):
        if isinstance(exception, PageDropped):
            page = exception.page
            self.process_item(
                DroppedPage(
                    page.source, canonical_url(page.url), page.fetched_at, exception.reason, page.hints
                )
            )

    def open_spider(self):
        spider = self.crawler.spider
        self.archive = Archive(self.path, max_bytes=self.max_bytes)
        window = self.crawler.settings.getint("DEDUP_WINDOW_DAYS")
        self.dedup = NearDuplicates(self.archive, Settings(window_days=window))
        with self.archive.transaction():
            indexed = self.dedup.index_missing()
        if indexed:
            logger.info("indexed %d stored copies for near-duplicate matching", indexed)
        self.run_id = self.archive.start_run(spider.source.key, spider.source.base_url)
        self.crawler.stats.set_value("archive/run_id", self.run_id)

    def process_item(self, item):
        if self.crawler.stats.get_value("archive/error"):
            return item  # the crawl is stopping; nothing more can be written
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def write(self, item) -> str | None:
        """Store one item; the outcome counted in stats (new, copy, updated, unchanged, withdrawn)."""
        if isinstance(item, NotModified):
            self.dedup.refresh(item.url, self.crawler.spider.source)
            return self.archive.not_modified(item.url, item.fetched_at)
        if isinstance(item, Withdrawn):
            return self.archive.withdraw(item.url, item.fetched_at)
        if isinstance(item, DroppedPage):
            self.archive.remember_drop(item)
            return None
        if isinstance(item, ListingSeen):
            self.archive.remember_listing(item)
            return None
        return self.store_article(item)

    def store_article(self, article) -> str:
        """An article joins its statement (same URL, same text, or a near-duplicate) or founds one."""
        outcome, placement, linked = self.dedup.store(article, self.crawler.spider.source)
        if outcome == "copy" and placement.match:
            logger.info(
                "near-duplicate of article %s: %s", placement.match.article_id, placement.match.reason
            )
        if outcome == "new":
            self.count_coverage(article)
        if linked:
            self.crawler.stats.inc_value("archive/translations")
        return outcome

    def count_coverage(self, article) -> None:
        """Which fields a new article has, for the layout alarm (a field that stops being found)."""
        stats = self.crawler.stats
        stats.inc_value("coverage/new")
        present = {
            "date": article.published,
            "title": article.title,
            "body": len(article.body) > BODY_MIN_CHARS,
            "pr_number": article.pr_number,
        }
        for name, value in present.items():
            stats.inc_value(f"coverage/{name}", 1 if value else 0)

    def flush(self) -> None:
        if not self.batch:
            return
        stats = self.crawler.stats
        try:
            with self.archive.transaction():
                outcomes = [(self.write(item), item) for item in self.batch]
        except WRITE_ERRORS as exc:
            self.fail(exc, len(self.batch))
            return
        finally:
            self.batch = []
        for outcome, item in outcomes:
            if outcome:
                stats.inc_value(f"archive/{outcome}")
                logger.info("%s %s", outcome, getattr(getattr(item, "page", item), "url", ""))

    def fail(self, exc: Exception, pages: int) -> None:
        """The archive refused a write: say why in one line and stop fetching what cannot be stored."""
        message = f"cannot write to {self.path}: {exc} ({pages} item(s) not written)"
        self.crawler.stats.set_value("archive/error", message)
        logger.error("%s; stopping the crawl", message)
        engine = self.crawler.engine
        if engine and engine.spider:
            deferred_from_coro(engine.close_spider_async(reason="archive_error"))

    def close_spider(self):
        self.flush()

    def finish(self, summary: dict) -> None:
        """Write the run's row; on a full disk, at least its status and message (no stats), and failing
        even that, leave it `running` for the next run to mark abandoned."""
        try:
            self.archive.finish_run(self.run_id, {k: v for k, v in summary.items() if k != "id"})
            return
        except WRITE_ERRORS as exc:
            logger.error("cannot record the run in %s: %s", self.path, exc)
            if summary["status"] != "error":
                summary.update(status="error", message=f"cannot record the run in {self.path}: {exc}")
        with contextlib.suppress(*WRITE_ERRORS):
            self.archive.finish_run(self.run_id, {"status": "error", "message": summary["message"]})

    def spider_closed(self, spider, reason):
        if self.archive is None:
            return
        stats = self.crawler.stats
        run = {
            "source": spider.source.key,
            "base_url": spider.source.base_url,
            # Id walks and Wayback backfills have no listing pages of the site to judge it by.
            "walked_ids": spider.walking_ids or getattr(spider, "via", "live") == "wayback",
            "reason": reason,
        }
        try:
            history = self.archive.history(spider.source.key)
        except WRITE_ERRORS:
            history = []
        summary = {**run_summary(stats.get_stats(), run, history), "id": self.run_id}
        try:
            self.finish(summary)
        finally:
            self.archive.close()
        stats.set_value("archive/summary", summary)
