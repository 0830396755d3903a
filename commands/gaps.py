"""`pressarchive gaps`: what the archive is missing or lost: ids never archived inside the archived range
(sources with sequential ids, like ISPR) and releases the sites withdrew."""

from __future__ import annotations

import json

import click
from scrapy.spiderloader import get_spider_loader
from tabulate import tabulate

from archive.queries import missing_ids, withdrawn_releases
from archive.schema import open_archive
from commands.options import db_option, project_settings, sources_option
from crawlers.sources import load_registry


def find_gaps(db_path: str, source: str | None, sources_files=()) -> dict:
    """{"missing_ids": [per sequential-id source], "withdrawn": [withdrawn copies]} for one source or all."""
    registry = load_registry(*sources_files)
    if source is not None and source not in registry:
        raise click.UsageError(f"unknown source {source!r}; known: {', '.join(registry)}")
    loader = get_spider_loader(project_settings(sources_files))
    db = open_archive(db_path, create=False)
    try:
        sequential = [
            missing_ids(db, name, loader.load(name).id_pattern)
            for name in ([source] if source else registry)
            if loader.load(name).id_pattern
        ]
        return {"missing_ids": sequential, "withdrawn": withdrawn_releases(db, source)}
    finally:
        db.close()


def id_ranges(ranges: list[list[int]], limit: int = 40) -> str:
    shown = [str(low) if low == high else f"{low}-{high}" for low, high in ranges[:limit]]
    more = f", … ({len(ranges) - limit} more ranges)" if len(ranges) > limit else ""
    return ", ".join(shown) + more


@click.command()
@click.argument("source", required=False)
@db_option
@sources_option
@click.option("--json", "as_json", is_flag=True, help="Print the gaps as JSON.")
def gaps(source, db_path, sources_files, as_json):
    """Ids missing inside the archived range (sequential-id sources) and withdrawn releases.

    Missing ids are candidates for a backfill (`crawl ispr --ids A-B`): releases the listings never
    showed, or ids the site skipped. Example:

        pressarchive gaps ispr --db data/archive.db
    """
    found = find_gaps(db_path, source, sources_files)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    for span in found["missing_ids"]:
        if not span["archived"]:
            click.echo(f"{span['source']}: no ids archived yet")
            continue
        click.echo(
            f"{span['source']}: ids {span['first']}-{span['last']}, {span['archived']} archived, "
            f"{span['missing']} missing" + (f": {id_ranges(span['ranges'])}" if span["ranges"] else "")
        )
    withdrawn = found["withdrawn"]
    click.echo(f"\n{len(withdrawn)} withdrawn release page(s)" + (":" if withdrawn else ""))
    if withdrawn:
        table = [
            [r["source"], r["withdrawn_at"], r["published"], r["url"], (r["title"] or "")[:60]]
            for r in withdrawn
        ]
        click.echo(tabulate(table, headers=["source", "withdrawn", "published", "url", "title"]))
