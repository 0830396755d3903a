"""`pressarchive crawl`: run the spiders of the chosen sources into one archive, then say what happened.

The job (`run_crawl`) returns each source's `crawl_runs` row; the command prints them and turns them into
the exit status, so cron and monitoring learn from the status alone whether a run went well.
"""

from __future__ import annotations

import json
import logging
import sys

import click
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
)
from scrapy.spiderloader import get_spider_loader
from tabulate import tabulate
from twisted.internet.error import ConnectError, ConnectionLost, DNSLookupError, TCPTimedOutError

from archive.schema import open_archive
from commands.options import (
    apply_overrides,
    base_url_option,
    db_option,
    project_settings,
    select_sources,
    set_option,
    sources_option,
)
from crawlers.sources import is_loopback

NETWORK_ERRORS = (
    OSError,
    ConnectError,
    DNSLookupError,
    TimeoutError,
    TCPTimedOutError,
    ConnectionLost,
    DownloadFailedError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    DownloadCancelledError,
)
SUMMARY_COLUMNS = (
    ("source", None),
    ("status", "status"),
    ("pages", "pages_fetched"),
    ("new", "new"),
    ("copies", "copies_added"),
    ("updated", "updated"),
    ("unchanged", "unchanged"),
    ("dropped", "dropped"),
    ("by reason", "dropped_by_reason"),
    ("errors", "errors"),
)


class NetworkErrorsWithoutTracebacks(logging.Filter):
    """An unreachable site is an expected outcome worth one log line, not a Python traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info, record.exc_text = None, None
        return True


def crawl_settings(sources: dict, sources_files, db_path: str, overrides: tuple[str, ...], verbose: bool):
    """The project's Scrapy settings for this run: the archive, the log level, and --set overrides."""
    settings = project_settings(sources_files)
    settings.set("ARCHIVE_DB", db_path)
    settings.set("LOG_LEVEL", "INFO" if verbose else "WARNING")
    if all(is_loopback(s.base_url) for s in sources.values()):
        # A server on this machine (mirror, fixture site): no one to be polite to, so no delay.
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("AUTOTHROTTLE_ENABLED", False)
    return apply_overrides(settings, overrides)


def run_crawl(sources: dict, settings, spider_args: dict) -> list[tuple[str, dict]]:
    """Crawl every source in one Scrapy process; (source, crawl_runs row) for each, in order."""
    from scrapy.crawler import CrawlerProcess

    loader = get_spider_loader(settings)
    for name in sources:
        loader.load(name).check_arguments(**spider_args)
    db_path = settings.get("ARCHIVE_DB")
    open_archive(db_path).close()
    process = CrawlerProcess(settings)
    crawlers = {}
    for name, source in sources.items():
        crawlers[name] = process.create_crawler(loader.load(name))
        process.crawl(crawlers[name], source=source, **spider_args)
    for handler in logging.getLogger().handlers:  # Scrapy installs its handler as crawlers are made
        handler.addFilter(NetworkErrorsWithoutTracebacks())
    process.start()
    db = open_archive(db_path, create=False)
    try:
        return [(name, run_row(db, crawler)) for name, crawler in crawlers.items()]
    finally:
        db.close()


def run_row(db, crawler) -> dict:
    run_id = crawler.stats.get_value("archive/run_id")
    if not run_id:
        return {"status": "failed", "message": "the crawl did not start"}
    return db["crawl_runs"].get(run_id)


def summary_table(rows: list[tuple[str, dict]]) -> str:
    def cell(run: dict, column: str):
        if column == "dropped_by_reason":
            return ", ".join(f"{k} {v}" for k, v in json.loads(run.get(column) or "{}").items())
        return run.get(column)

    table = [[name] + [cell(run, column) for _, column in SUMMARY_COLUMNS[1:]] for name, run in rows]
    return tabulate(table, headers=[header for header, _ in SUMMARY_COLUMNS])


@click.command()
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@db_option
@base_url_option
@sources_option
@click.option("--ids", metavar="A-B", help="ISPR: walk detail ids A..B directly instead of the listings.")
@set_option
@click.option(
    "--via",
    type=click.Choice(["live", "wayback"]),
    default="live",
    show_default=True,
    help="wayback: backfill from the Wayback Machine's captures of releases not archived yet.",
)
@click.option(
    "--since", metavar="DATE", help="With --via wayback: captures made on or after DATE (2021-03-15)."
)
@click.option("--until", metavar="DATE", help="With --via wayback: captures made on or before DATE.")
@click.option("-v", "--verbose", is_flag=True, help="Log every page, not only problems.")
def crawl(source_names, db_path, base_urls, sources_files, ids, overrides, via, since, until, verbose):
    """Fetch new and changed releases into the archive.

    Crawls every registered source, or the SOURCEs named. Examples:

        pressarchive crawl ispr --db data/archive.db --ids 6400-6500

        pressarchive crawl ispr --via wayback --since 2020-01-01 --until 2024-12-31
    """
    sources = select_sources(source_names, base_urls, sources_files)
    settings = crawl_settings(sources, sources_files, db_path, overrides, verbose)
    arguments = {"ids": ids, "since": since, "until": until, "via": via if via != "live" else None}
    rows = run_crawl(
        sources, settings, {name: value for name, value in arguments.items() if value is not None}
    )
    click.echo(summary_table(rows))
    failed = [(name, run) for name, run in rows if run.get("status") != "ok"]
    for name, run in failed:
        click.echo(f"pressarchive: {name}: {run.get('message')}", err=True)
    sys.exit(1 if failed else 0)
