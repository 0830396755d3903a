"""`pressarchive stats`: what an archive holds, at a glance."""

from __future__ import annotations

import json

import click
from tabulate import tabulate

from archive.queries import archive_stats
from archive.schema import open_for_reading
from commands.options import db_option


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db_path, as_json):
    """Counts by source, service, year and language; the date range; the last crawl per source."""
    db = open_for_reading(db_path)
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
