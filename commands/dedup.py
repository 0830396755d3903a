"""`pressarchive dedup`: re-run near-duplicate matching over an existing archive.

For archives made before near-duplicate matching, or after its thresholds changed: every copy is matched
again (`pipelines.dedup.regroup`), and the command prints each merge (a copy joining another article) and
each split (a copy leaving an article for one of its own) and each language version it links, then
applies them all in one transaction, or nothing with --dry-run.
"""

from __future__ import annotations

from collections import Counter

import click

from archive.lock import archive_lock
from archive.store import Archive
from commands.options import db_option
from extraction.similarity import Settings
from pipelines.dedup import Move, NearDuplicates, regroup


def describe(move: Move) -> str:
    if move.to_article is None:
        return f"split: {move.url} leaves article {move.from_article} for a new article"
    return (
        f"merge: {move.url} (article {move.from_article}) into article {move.to_article}: "
        f"{move.reason} (score {move.score:.2f})"
    )


class _DryRunRollbackError(Exception):
    """Raised to leave the transaction by rolling it back."""


def dedup_archive(path, dry_run: bool = False, window_days: int = 3, echo=print) -> Counter:
    """Re-match every copy; print and (unless `dry_run`) apply the merges and splits. Counts of what
    happened (or would). Holds the archive's lock, as a crawl does (a crawl places copies by the same
    matches this re-decides)."""
    with archive_lock(path):
        return _dedup(path, dry_run, window_days, echo)


def _dedup(path, dry_run: bool, window_days: int, echo) -> Counter:
    archive = Archive(path, create=False)
    counts: Counter = Counter()
    try:
        with archive.transaction():
            dedup = NearDuplicates(archive, Settings(window_days=window_days))
            counts["indexed"] = dedup.index_missing()
            planned = regroup(archive, dedup.settings)
            for move in planned:
                if move.to_article != move.from_article:
                    counts["splits" if move.to_article is None else "merges"] += 1
                    echo(describe(move))
                else:
                    counts["explained"] += 1
            if not dry_run:
                counts["articles_removed"] = apply(archive, planned)
            counts["links"] = dedup.link_all(echo)
            if dry_run:
                raise _DryRunRollbackError
    except _DryRunRollbackError:
        pass
    finally:
        archive.close()
    return counts


def apply(archive: Archive, planned: list[Move]) -> int:
    created: dict[int, int] = {}
    merged_into: dict[int, int] = {}
    touched: set[int] = set()
    for move in planned:
        target = move.to_article if move.to_article is not None else created.get(move.cluster)
        if target is None:
            created[move.cluster] = target = archive.split_off(move.copy_id)
        else:
            archive.move_copy(move.copy_id, target, move.score, move.reason)
        if target != move.from_article:
            merged_into[move.from_article] = target
        touched.update((target, move.from_article))
    removed = archive.drop_emptied(merged_into)
    for article_id in touched:
        archive.settle_date(article_id)
    return removed


@click.command()
@db_option
@click.option("--dry-run", is_flag=True, help="Print the merges and splits without changing the archive.")
@click.option("--window", "window_days", default=3, show_default=True, help="Date window in days (±).")
def dedup(db_path, dry_run, window_days):
    """Re-run near-duplicate matching over an existing archive: print every merge and split, then apply
    them in one transaction. Example: pressarchive dedup --db data/archive.db --dry-run"""
    counts = dedup_archive(db_path, dry_run, window_days, echo=click.echo)
    verb = "would be" if dry_run else "done"
    click.echo(
        f"{counts['merges']} merges, {counts['splits']} splits, {counts['links']} translation links {verb}; "
        f"{counts['indexed']} copies indexed, {counts['articles_removed']} articles removed"
    )
