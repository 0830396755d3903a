"""`pressarchive enrich`: find who met whom in every article of an existing archive.

New and edited articles are enriched as they are crawled; this command covers articles stored before
that stage existed, or found by an older extractor version (each article's `enrichment` row records the
version and the text its mentions came from). Running it again changes nothing; `--force` redoes all.
"""

from __future__ import annotations

from collections import Counter

import click

from archive.lock import archive_lock
from archive.mentions import articles_to_enrich, replace_mentions
from archive.schema import open_archive
from commands.options import db_option
from extraction.entities import VERSION, extract_mentions

BATCH = 200  # articles per transaction: a killed run keeps what it finished


def enrich_archive(db_path, force: bool = False) -> Counter:
    """Enrich every article not yet enriched by this version from its current text (all if `force`).
    Holds the archive's lock, as a crawl does (a crawl's enrich stage writes the same rows)."""
    with archive_lock(db_path):
        return _enrich(db_path, force)


def _enrich(db_path, force: bool) -> Counter:
    db = open_archive(db_path, create=False)
    counts: Counter = Counter()
    try:
        pending = list(articles_to_enrich(db, VERSION, force))
        counts["articles"] = db["articles"].count
        for first in range(0, len(pending), BATCH):
            with db.atomic():
                for article in pending[first : first + BATCH]:
                    rows = [m.row() for m in extract_mentions(article["body"] or "", article["language"])]
                    replace_mentions(db, article["id"], rows, VERSION, article["content_hash"])
                    counts["enriched"] += 1
                    counts["mentions"] += len(rows)
        counts["engagements"] = db.execute("SELECT count(*) FROM engagements").fetchone()[0]
    finally:
        db.close()
    counts["already_current"] = counts["articles"] - counts["enriched"]
    return counts


@click.command()
@db_option
@click.option("--force", is_flag=True, help="Enrich every article again, even those already current.")
def enrich(db_path, force):
    """Find people, ranks, appointments, countries and places in every article, and the engagements
    (foreign principal meets Pakistani principal) they make. Idempotent: articles already enriched by
    this version are skipped unless --force. Example: pressarchive enrich --db data/archive.db"""
    counts = enrich_archive(db_path, force)
    click.echo(
        f"{counts['enriched']} articles enriched ({counts['mentions']} mentions), "
        f"{counts['already_current']} already current; {counts['engagements']} engagements in {db_path} "
        f"(extractor {VERSION})"
    )
