"""`pressarchive gaps`: what the archive is missing or lost: ids never archived inside the archived range
(sources with sequential ids, like ISPR) and releases the sites withdrew."""

from __future__ import annotations

import json

import click
from tabulate import tabulate

from archive.gaps import as_ranges, missing_ids, withdrawn_copies
from archive.schema import open_archive
from commands.options import db_option


def find_gaps(db_path: str, source: str | None = None) -> dict:
    """{"missing_ids": {source: {low, high, missing}}, "withdrawn": [copies]} for one source or all."""
    db = open_archive(db_path, create=False)
    try:
        missing = missing_ids(db)
        withdrawn = withdrawn_copies(db)
    finally:
        db.close()
    if source:
        missing = {name: span for name, span in missing.items() if name == source}
        withdrawn = [copy for copy in withdrawn if copy["source"] == source]
    return {"missing_ids": missing, "withdrawn": withdrawn}


@click.command()
@click.argument("source", required=False)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the gaps as JSON.")
def gaps(source, db_path, as_json):
    """Ids missing inside the archived range (sequential-id sources) and withdrawn releases.

    Missing ids are candidates for a backfill (`crawl ispr --ids A-B`): releases the listings never
    showed, or ids the site skipped. Withdrawn releases keep their last text. Example:

        pressarchive gaps ispr --db data/archive.db
    """
    found = find_gaps(db_path, source)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    for name, span in found["missing_ids"].items():
        listed = f": {as_ranges(span['missing'])}" if span["missing"] else ""
        click.echo(f"{name}: ids {span['low']}-{span['high']}, {len(span['missing'])} missing{listed}")
    withdrawn = found["withdrawn"]
    click.echo(f"{len(withdrawn)} withdrawn release page(s)" + (":" if withdrawn else ""))
    if withdrawn:
        table = [[c["source"], c["withdrawn_at"], c["article_id"], c["url"]] for c in withdrawn]
        click.echo(tabulate(table, headers=["source", "withdrawn", "article", "url"]))
