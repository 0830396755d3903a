"""`pressarchive crawl`: run the spiders of the chosen sources into one archive, then say what happened.

The job (`run_crawl`) takes the archive's lock, marks runs a killed crawl left `running` as abandoned,
crawls, and returns each source's `crawl_runs` row; the command prints them (a table, or one JSON object
with --json) and turns them into the exit status (`archive.runs.exit_status`), so cron and monitoring
learn from the status alone whether a run went well.
"""

from __future__ import annotations

import json
import logging
import sqlite3
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

from archive.errors import ArchiveError, ConfigError
from archive.lock import ArchiveLockedError, archive_lock
from archive.lookup import KnownReleases
from archive.runs import EXIT_STATUS, SEVERITY, exit_status
from archive.store import Archive
from commands.options import (
    apply_overrides,
    base_url_option,
    db_option,
    project_settings,
    select_sources,
    set_option,
    sources_option,
)
from commands.running import GracefulStop, Progress, log_to_file
from crawlers.sources import is_loopback
from crawlers.spiders.ispr import RESUME

logger = logging.getLogger("pressarchive.crawl")

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
    ("withdrawn", "withdrawn"),
    ("rechecked", "rechecked"),
    ("listings skipped", "skipped_pages"),
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


def resolve_ids(cls, ids: str | None, db_path: str, source: str) -> str | None:
    """`--ids new`: an open walk from the highest id archived for the source."""
    if ids is None or ids.strip() != RESUME:
        return ids
    if not cls.walks_ids:
        raise ConfigError(f"--ids walks sequential detail ids, which {source!r} does not have")
    known = KnownReleases(db_path, source)
    try:
        highest = known.highest_id()
    finally:
        known.close()
    if highest is None:
        raise ConfigError(f"--ids new: no {source} ids archived yet; give a start instead, e.g. --ids 6400-")
    return f"{highest + 1}-"


def run_crawl(sources: dict, settings, spider_args: dict) -> dict:
    """Crawl every source in one Scrapy process, holding the archive's lock.

    Returns {"runs": [(source, crawl_runs row)], "abandoned": [rows marked abandoned], "signal": number
    of the stop signal received or None}. Raises ArchiveLockedError when another crawl holds the archive.
    """
    from scrapy.crawler import CrawlerProcess

    loader = get_spider_loader(settings)
    for name in sources:
        loader.load(name).check_arguments(**spider_args)
    db_path = settings.get("ARCHIVE_DB")
    with archive_lock(db_path):
        abandoned = claim_archive(db_path)
        process = CrawlerProcess(settings)
        crawlers = {}
        for name, source in sources.items():
            cls = loader.load(name)
            args = {**spider_args, "ids": resolve_ids(cls, spider_args.get("ids"), db_path, name)}
            crawlers[name] = process.create_crawler(cls)
            process.crawl(crawlers[name], source=source, **{k: v for k, v in args.items() if v is not None})
        log_file = log_to_file(db_path)
        for handler in logging.getLogger().handlers:  # Scrapy installs its handler as crawlers are made
            handler.addFilter(NetworkErrorsWithoutTracebacks())
        stop, progress = GracefulStop(process, crawlers), Progress(crawlers)
        stop.install()
        progress.start()
        try:
            process.start(install_signal_handlers=False)
        finally:
            stop.restore()
            progress.stop()
        runs = [(name, run_row(crawler)) for name, crawler in crawlers.items()]
        for name, run in runs:
            logger.info("%s: %s %s", name, run["status"], run.get("message") or "")
        logging.getLogger().removeHandler(log_file)
        log_file.close()
    return {"runs": runs, "abandoned": abandoned, "signal": stop.signal_number}


def claim_archive(db_path: str) -> list[dict]:
    """With the lock held: mark runs left `running` by killed crawls as abandoned (which also proves the
    archive is writable before any request is made)."""
    try:
        archive = Archive(db_path)
        try:
            return archive.abandon_stale_runs()
        finally:
            archive.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{db_path}: cannot write to the archive ({exc}); nothing was fetched") from None


def run_row(crawler) -> dict:
    summary = crawler.stats.get_value("archive/summary")
    if summary:
        return summary
    problem = crawler.stats.get_value("archive/error") or "the crawl did not start (see the log)"
    return {"status": "error", "message": problem}


def summary_table(rows: list[tuple[str, dict]]) -> str:
    def cell(run: dict, column: str):
        if column == "dropped_by_reason":
            return ", ".join(f"{k} {v}" for k, v in json.loads(run.get(column) or "{}").items())
        return run.get(column)

    table = [[name] + [cell(run, column) for _, column in SUMMARY_COLUMNS[1:]] for name, run in rows]
    return tabulate(table, headers=[header for header, _ in SUMMARY_COLUMNS])


def as_document(run: dict) -> dict:
    """A run for --json: its counts with the JSON columns decoded, without Scrapy's raw stats."""
    decoded = {key: json.loads(run[key]) for key in ("dropped_by_reason", "coverage") if run.get(key)}
    return {key: value for key, value in run.items() if key != "stats"} | decoded


def report(result: dict, as_json: bool) -> int:
    """Print what happened (JSON on stdout with --json, people's text on stderr then) and return the
    exit status."""
    runs = result["runs"]
    code = exit_status([run["status"] for _, run in runs], result["signal"])
    human = sys.stderr if as_json else sys.stdout
    for run in result["abandoned"]:
        click.echo(f"pressarchive: {run['source']}: the run started {run['started']} was abandoned", err=True)
    click.echo(summary_table(runs), file=human)
    for name, run in runs:
        if run.get("status") != "ok":
            click.echo(f"pressarchive: {name}: {run.get('message')}", err=True)
    if as_json:
        document = {
            "status": max((run["status"] for _, run in runs), key=SEVERITY.index, default="ok"),
            "exit_status": code,
            "abandoned": result["abandoned"],
            "runs": [{"source": name} | as_document(run) for name, run in runs],
        }
        click.echo(json.dumps(document, ensure_ascii=False, default=str))
    return code


def count_option(name: str, default: int, minimum: int, help_text: str):
    return click.option(
        name,
        type=click.IntRange(min=minimum),
        default=default,
        show_default=True,
        metavar="N",
        help=help_text,
    )


@click.command()
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@db_option
@base_url_option
@sources_option
@click.option(
    "--ids",
    metavar="A-B|A-|new",
    help="ISPR: walk detail ids A..B (or from A onwards, or on from the highest archived id with `new`, "
    "until --missing-ids ids in a row are missing) instead of the listings.",
)
@click.option("--full", is_flag=True, help="Re-walk every listing page and re-fetch every release.")
@count_option(
    "--known-pages", 1, 1, "Stop paging a category after N whole listing pages of archived releases."
)
@count_option(
    "--recheck-days", 30, 0, "Re-fetch known releases last checked N days ago or more (edits, withdrawals)."
)
@count_option("--recheck-limit", 100, 0, "At most N re-checks per source and run, oldest check first.")
@count_option("--missing-ids", 25, 1, "An open-ended --ids walk stops after N missing ids in a row.")
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
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as one JSON object on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Log every page, not only problems.")
def crawl(
    source_names, db_path, base_urls, sources_files, ids, overrides, via, since, until, as_json, verbose,
    **incremental,
):  # fmt: skip
    """Fetch new and changed releases into the archive.

    Crawls every registered source, or the SOURCEs named. Only one crawl of an archive runs at a time
    (a second one exits 4 at once). Exit status: 0 ok, 1 some pages failed, 2 usage, configuration or
    archive error, 3 layout alarm, 4 locked by another run, 130/143 interrupted. Example:

        pressarchive crawl ispr --db data/archive.db --ids 6400-6500

        pressarchive crawl ispr --via wayback --since 2020-01-01 --until 2024-12-31
    """
    sources = select_sources(source_names, base_urls, sources_files)
    settings = crawl_settings(sources, sources_files, db_path, overrides, verbose)
    for name, value in incremental_settings(**incremental).items():
        settings.set(name, value, priority="cmdline")
    try:
        arguments = {"ids": ids, "since": since, "until": until, "via": via if via != "live" else None}
        result = run_crawl(sources, settings, {k: v for k, v in arguments.items() if v is not None})
    except ArchiveLockedError as exc:
        click.echo(f"pressarchive: {exc}", err=True)
        if as_json:
            message = str(exc)
            click.echo(
                json.dumps({"status": "locked", "exit_status": EXIT_STATUS["locked"], "message": message})
            )
        sys.exit(EXIT_STATUS["locked"])
    sys.exit(report(result, as_json))


def incremental_settings(full, known_pages, recheck_days, recheck_limit, missing_ids) -> dict:
    return {
        "FULL_CRAWL": full,
        "KNOWN_PAGES_STOP": known_pages,
        "RECHECK_DAYS": recheck_days,
        "RECHECK_LIMIT": recheck_limit,
        "MISSING_IDS_STOP": missing_ids,
    }
