"""`pressarchive merge`: fold the archives that several crawl workers wrote (shards) into one.

Each worker (a Scrapyd job, another machine) crawls into an archive of its own, since SQLite has one
writer. Merging replays every revision of every shard named, oldest first across all of them, through
the crawl's own store path: the stored page is extracted again (`extraction.process`, as `reextract`
does), enriched, placed by the near-duplicate matcher and recorded (`NearDuplicates.store`). So the
merged archive holds what one crawl meeting those pages in that order would have stored: one article
per statement, every copy with its match reason, every revision with its fetch time, raw HTML and
provenance. A revision already here (same URL, same fetch time) is skipped, so merging is idempotent.
Then the shards' runs, junk pages, listing pages and fetch times beyond their revisions come along.
"""

from __future__ import annotations

import heapq
import itertools
import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import click

from archive.errors import ArchiveError, ConfigError
from archive.lock import ArchiveLockedError, archive_lock
from archive.queries import revisions_oldest_first
from archive.runs import EXIT_STATUS
from archive.schema import open_for_reading
from archive.shards import (
    absorb_fetches,
    copy_fetched_at,
    copy_runs,
    has_revision,
    merge_dropped,
    merge_listings,
    shard_copies,
)
from archive.store import Archive
from commands.options import sources_option
from crawlers.sources import load_registry
from extraction import Rejection, process
from pipelines.dedup import NearDuplicates, stored_page
from pipelines.enrich import EnrichPipeline

BATCH = 200  # revisions per transaction: a killed merge keeps what it finished, and the next one skips it
SUMMARY = ("revisions", "new", "copy", "updated", "unchanged", "skipped", "out_of_order", "rejected")


def check_shard(path: Path, into: Path) -> None:
    """A shard must be an existing pressarchive archive other than the target; checked before anything is
    written, so a mistake leaves the target as it was."""
    if not path.is_file():
        raise ArchiveError(f"{path}: no such shard")
    if into.exists() and os.path.samefile(path, into):
        raise ConfigError(f"{path}: a shard cannot be merged into itself (--into {into})")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: cannot open as an SQLite archive: {exc}") from None
    if not {"articles", "copies", "revisions"} <= names:
        raise ArchiveError(f"{path}: not a pressarchive archive (no articles, copies and revisions)")


def shard_sources(shards, registry: dict) -> dict:
    """The registry entry of every source the shards hold pages of; their pages are extracted with the
    rules they were crawled with, so a source missing from the registry stops the merge before it starts."""
    names = set()
    for shard in shards:
        names.update(row[0] for row in shard.execute("SELECT DISTINCT source FROM copies"))
    unknown = sorted(names - set(registry))
    if unknown:
        raise ConfigError(
            f"the shards hold pages of source {unknown[0]!r}, which is not in the registry; "
            "pass the registry file they were crawled with (--sources FILE)"
        )
    return {name: registry[name] for name in names}


def merge_archives(shards, into, sources_files: tuple[str, ...] = (), echo=print) -> Counter:
    """Merge every shard into the archive `into` (created if missing); totals of what happened.
    Echoes one summary line per shard. Raises ArchiveLockedError when a crawl holds the target."""
    into = Path(into)
    paths = [Path(shard) for shard in shards]
    for path in paths:
        check_shard(path, into)
    registry = load_registry(*sources_files)
    opened = [open_for_reading(path) for path in paths]
    try:
        sources = shard_sources(opened, registry)
        with archive_lock(into):
            archive = Archive(into)
            try:
                counts = replay(archive, opened, sources)
                for shard, count in zip(opened, counts, strict=True):
                    with archive.transaction():
                        count.update(fold_in(archive, shard))
            finally:
                archive.close()
    finally:
        for shard in opened:
            shard.close()
    for path, count in zip(paths, counts, strict=True):
        echo(f"{path}: " + ", ".join(f"{key.replace('_', ' ')} {count[key]}" for key in summary_keys(count)))
    return sum(counts, Counter())


def summary_keys(count: Counter) -> list[str]:
    """The main counts always, the others when not zero."""
    always = ("revisions", "new", "copy", "updated", "unchanged", "skipped", "runs")
    extra = sorted(key for key in count if key not in SUMMARY and key != "runs")
    return [key for key in (*SUMMARY, "runs", *extra) if key in always or count[key]]


def replay(archive: Archive, shards, sources: dict) -> list[Counter]:
    """Every shard's revisions, in fetch order across all of them, through the crawl's store path."""
    dedup = NearDuplicates(archive)
    with archive.transaction():
        dedup.index_missing()
    counts = [Counter() for _ in shards]
    streams = [in_fetch_order(index, shard) for index, shard in enumerate(shards)]
    ordered = heapq.merge(*streams, key=lambda item: item[0])
    enrich = EnrichPipeline()
    while batch := list(itertools.islice(ordered, BATCH)):
        with archive.transaction():
            for _, index, row in batch:
                outcome = replay_revision(dedup, enrich, row, sources[row["source"]])
                counts[index]["revisions"] += 1
                counts[index][outcome] += 1
    return counts


def in_fetch_order(index: int, shard):
    """A shard's revisions, each keyed for interleaving with the other shards' (ties: command-line order)."""
    for row in revisions_oldest_first(shard):
        yield (row["fetched_at"], index, row["revision_id"]), index, row


def replay_revision(dedup: NearDuplicates, enrich: EnrichPipeline, row: dict, source) -> str:
    """One stored fetch, stored again here as the crawl would have stored it; its outcome."""
    db = dedup.archive.db
    if has_revision(db, row["url"], row["fetched_at"]):
        return "skipped"
    if (copy_fetched_at(db, row["url"]) or "") > row["fetched_at"]:
        # Fetched here later already: storing the older text now would pass it off as the newest.
        return "out_of_order"
    article = process(stored_page(row), source)
    if isinstance(article, Rejection):
        return f"rejected_{article.reason}"
    outcome, _, _ = dedup.store(enrich.process_item(article), source)
    return outcome


def fold_in(archive: Archive, shard) -> Counter:
    """What a shard knows besides its revisions: fetch times, runs, junk pages, listing pages."""
    counts = Counter()
    for copy in shard_copies(shard):
        counts["fetches_updated"] += absorb_fetches(archive, copy)
    counts["runs"] = copy_runs(archive.db, shard)
    counts["dropped_pages"] = merge_dropped(archive.db, shard)
    counts["listing_pages"] = merge_listings(archive.db, shard)
    return counts


@click.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="SHARD...")
@click.option(
    "--into",
    "into",
    required=True,
    type=click.Path(dir_okay=False),
    help="The archive to merge into (created if missing).",
)
@sources_option
def merge(shards, into, sources_files):
    """Merge archives written by several crawl workers (shards) into one, with the crawl's own dedup
    rules: the same archive as one crawl of the same pages. Idempotent: a shard merged again changes
    nothing. Prints one line per shard. Exit status: 0 ok, 2 a shard or the target cannot be used,
    4 a crawl holds the target. Example: pressarchive merge shards/a.db shards/b.db --into data/archive.db
    """
    try:
        merge_archives(shards, into, sources_files, echo=click.echo)
    except ArchiveLockedError as exc:
        click.echo(f"pressarchive: {exc}", err=True)
        sys.exit(EXIT_STATUS["locked"])
