"""The `pressarchive` command: a thin layer over the crawlers and the archive library.

Every failure a user can cause (a bad registry entry, an unreadable database, an unreachable site) ends
as one clear line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import click
import yaml
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
)
from scrapy.spiderloader import get_spider_loader
from tabulate import tabulate
from twisted.internet.error import ConnectError, ConnectionLost, DNSLookupError, TCPTimedOutError

from archive.queries import archive_stats
from archive.schema import ArchiveError, open_archive
from crawlers.sources import RegistryError, load_registry
from crawlers.spiders.ispr import parse_id_ranges

DEFAULT_DB = "data/archive.db"
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
METADATA = Path(__file__).with_name("metadata.yml")


def project_settings(sources_files: tuple[str, ...] = ()):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("SOURCES_FILES", list(sources_files))
    return settings


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkErrorsWithoutTracebacks(logging.Filter):
    """An unreachable site is an expected outcome worth one log line, not a Python traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info, record.exc_text = None, None
        return True


def parse_base_urls(values: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for value in values:
        key, sep, url = value.partition("=")
        if not sep or not key or not url:
            raise click.BadParameter(f"expected SOURCE=URL, got {value!r}", param_hint="--base-url")
        overrides[key.strip()] = url.strip()
    return overrides


def select_sources(source_names, base_urls, sources_files) -> dict:
    """The registry entries named (all when none are), with --base-url overrides applied."""
    registry = load_registry(*sources_files)
    names = list(source_names) or list(registry)
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise click.UsageError(f"unknown source {unknown[0]!r}; known: {', '.join(registry)}")
    overrides = parse_base_urls(base_urls)
    stray = [n for n in overrides if n not in names]
    if stray:
        raise click.UsageError(f"--base-url names {stray[0]!r}, which is not being crawled")
    return {n: registry[n].with_base_url(overrides[n]) if n in overrides else registry[n] for n in names}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pressarchive")
def cli():
    """Archive official press releases (ISPR, Pakistan Navy, PAF, …) into a queryable SQLite file."""


db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite archive file.",
)
base_url_option = click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="SOURCE=URL",
    help="Use URL as SOURCE's base_url (a mirror or test server). Repeatable.",
)
sources_option = click.option(
    "--sources",
    "sources_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra registry file (same format as crawlers/sources.toml) adding or overriding sources.",
)


@cli.command()
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@db_option
@base_url_option
@sources_option
@click.option("--ids", metavar="A-B", help="ISPR: walk detail ids A..B directly instead of the listings.")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting for this run, e.g. --set DOWNLOAD_DELAY=5. Repeatable.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every page, not only problems.")
def crawl(source_names, db_path, base_urls, sources_files, ids, overrides, verbose):
    """Fetch new and changed releases into the archive.

    Crawls every registered source, or the SOURCEs named. Example:

        pressarchive crawl ispr --db data/archive.db --ids 6400-6500
    """
    from scrapy.crawler import CrawlerProcess

    sources = select_sources(source_names, base_urls, sources_files)
    names = list(sources)
    settings = project_settings(sources_files)
    loader = get_spider_loader(settings)
    if ids:
        if not all(loader.load(n).walks_ids for n in names):
            raise click.UsageError("--ids walks ISPR detail ids; crawl only `ispr` with it")
        try:
            parse_id_ranges(ids)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--ids") from None
    settings.set("ARCHIVE_DB", db_path)
    settings.set("LOG_LEVEL", "INFO" if verbose else "WARNING")
    if all(is_loopback(s.base_url) for s in sources.values()):
        # A server on this machine (mirror, fixture site): no one to be polite to, so no delay.
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("AUTOTHROTTLE_ENABLED", False)
    for override in overrides:
        name, sep, value = override.partition("=")
        if not sep or not name.isupper():
            raise click.BadParameter(
                f"expected NAME=VALUE with an upper-case setting name, got {override!r}", param_hint="--set"
            )
        settings.set(name, value, priority="cmdline")
    open_archive(db_path).close()

    process = CrawlerProcess(settings)
    crawlers = {}
    for name, source in sources.items():
        crawler = process.create_crawler(loader.load(name))
        crawlers[name] = crawler
        kwargs = {"source": source}
        if ids:
            kwargs["ids"] = ids
        process.crawl(crawler, **kwargs)
    for handler in logging.getLogger().handlers:  # Scrapy installs its handler as crawlers are made
        handler.addFilter(NetworkErrorsWithoutTracebacks())
    process.start()

    db = open_archive(db_path, create=False)
    rows = []
    for name, crawler in crawlers.items():
        run_id = crawler.stats.get_value("archive/run_id")
        run = (
            db["crawl_runs"].get(run_id)
            if run_id
            else {"status": "failed", "message": "the crawl did not start"}
        )
        rows.append((name, run))
    db.close()
    click.echo(
        tabulate(
            [
                [
                    name,
                    run.get("status"),
                    run.get("pages_fetched"),
                    run.get("new"),
                    run.get("copies_added"),
                    run.get("updated"),
                    run.get("unchanged"),
                    run.get("dropped"),
                    ", ".join(
                        f"{k} {v}" for k, v in json.loads(run.get("dropped_by_reason") or "{}").items()
                    ),
                    run.get("errors"),
                ]
                for name, run in rows
            ],
            headers=[
                "source",
                "status",
                "pages",
                "new",
                "copies",
                "updated",
                "unchanged",
                "dropped",
                "by reason",
                "errors",
            ],
        )
    )
    failed = [(name, run) for name, run in rows if run.get("status") != "ok"]
    for name, run in failed:
        click.echo(f"pressarchive: {name}: {run.get('message')}", err=True)
    sys.exit(1 if failed else 0)


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db_path, as_json):
    """Counts by source, service, year and language; the date range; the last crawl per source."""
    db = open_archive(db_path, create=False)
    figures = archive_stats(db)
    db.close()
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    totals = figures["totals"]
    click.echo(
        f"{totals['articles']} articles, {totals['copies']} copies, {totals['revisions']} revisions "
        f"in {db_path}"
    )
    span = figures["date_range"]
    click.echo(f"published {span['first']} to {span['last']} ({span['undated']} undated)\n")
    for column, rows in figures["by"].items():
        click.echo(tabulate([[r[column], r["articles"]] for r in rows], headers=[column, "articles"]) + "\n")
    runs = figures["last_crawl"]
    if runs:
        click.echo("last crawl per source:")
        click.echo(
            tabulate(
                [
                    [
                        r["source"],
                        r["started"],
                        r["status"],
                        r["pages_fetched"],
                        r["new"],
                        r["updated"],
                        r["dropped"],
                        r["errors"],
                    ]
                    for r in runs
                ],
                headers=["source", "started", "status", "pages", "new", "updated", "dropped", "errors"],
            )
        )


def datasette_metadata(db_path: str) -> dict:
    """archive/metadata.yml with its database block renamed to the file's stem, as Datasette names it."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    metadata["databases"] = {Path(db_path).stem: metadata["databases"]["archive"]}
    return metadata


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path, host, port):
    """Browse and search the archive in Datasette (read-only), with facets, full-text search and
    canned queries. Example: pressarchive serve --db data/demo.db"""
    db = open_archive(db_path, create=False)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(datasette_metadata(db_path), handle)
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "datasette",
                "serve",
                db_path,
                "--metadata",
                handle.name,
                "--host",
                host,
                "--port",
                str(port),
                "--setting",
                "default_page_size",
                "50",
                "--setting",
                "sql_time_limit_ms",
                "5000",
            ],
            check=False,
        )
    except KeyboardInterrupt:
        completed = subprocess.CompletedProcess([], 0)
    finally:
        os.unlink(handle.name)
    sys.exit(completed.returncode)


@cli.command()
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@base_url_option
@sources_option
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for each page.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def check(source_names, base_urls, sources_files, timeout, as_json):
    """Check the live sites: can each source still be crawled, and if not, why and what to fix.

    Per source: robots.txt, the first listing page (release links found?), one release (title, date,
    text extracted?). Exits 1 when any source is BROKEN. Example: pressarchive check paknavy paf
    """
    from archive.check import check_sources

    sources = select_sources(source_names, base_urls, sources_files)
    settings = project_settings(sources_files)
    loader = get_spider_loader(settings)
    reports = check_sources(
        list(sources.values()), {n: loader.load(n) for n in sources}, settings.get("USER_AGENT"), timeout
    )
    if as_json:
        click.echo(json.dumps([asdict(r) for r in reports], indent=2, ensure_ascii=False))
    else:
        click.echo(
            tabulate(
                [
                    [
                        r.source,
                        "yes" if r.reachable else "no",
                        r.links,
                        (r.title or "")[:40],
                        r.published or "",
                        r.body_chars,
                        "yes" if r.challenge else "no",
                        r.verdict,
                    ]
                    for r in reports
                ],
                headers=[
                    "source",
                    "reachable",
                    "links",
                    "title",
                    "date",
                    "body chars",
                    "challenge",
                    "verdict",
                ],
            )
        )
        for r in reports:
            for note in r.notes:
                click.echo(f"{r.source}: note: {note}")
            if r.verdict != "OK":
                click.echo(f"{r.source}: BROKEN: {r.reason}. Try: {r.fix}.")
    sys.exit(1 if any(r.verdict != "OK" for r in reports) else 0)


@cli.command()
@db_option
@click.option("--source", help="Only this source's articles.")
@sources_option
def reextract(db_path, source, sources_files):
    """Re-run extraction over the raw HTML stored with every revision (no network), e.g. after an
    extractor improves."""
    from archive.reextract import reextract as run

    counts = run(db_path, source, sources_files)
    click.echo(
        ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in sorted(counts.items()))
        or "nothing to re-extract"
    )


# Until the command layer has its own group (issue 6), the export command joins this one.
from commands.export import export  # noqa: E402

cli.add_command(export)


def main():
    try:
        cli.main(prog_name="pressarchive", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (RegistryError, ArchiveError, ValueError, OSError, socket.gaierror) as exc:
        click.echo(f"pressarchive: {exc}", err=True)
        sys.exit(2)
