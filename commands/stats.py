"""`pressarchive stats`: what an archive holds, at a glance."""

from __future__ import annotations

import json

import click
from tabulate import tabulate

from archive.queries import archive_stats, run_history
from archive.schema import open_archive
from commands.options import db_option


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--runs", "runs", is_flag=True, help="Show the recent crawl runs of every source instead.")
@click.option(
    "--limit", default=10, show_default=True, type=click.IntRange(min=1), help="With --runs: runs per source."
)
def stats(db_path, as_json, runs, limit):
    """Counts by source, service, year and language; the date range; the last crawl per source.

    Reads while a crawl writes (it does not take the crawl lock). Example:

        pressarchive stats --runs --db data/archive.db
    """
    db = open_archive(db_path, create=False)
    try:
        figures = {"runs": run_history(db, limit)} if runs else archive_stats(db)
    finally:
        db.close()
    if runs:
        show_runs(figures["runs"], as_json)
        return
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


RUN_COLUMNS = (
    "source",
    "started",
    "status",
    "listing_pages",
    "skipped_pages",
    "pages_fetched",
    "not_modified",
    "rechecked",
    "new",
    "updated",
    "withdrawn",
    "dropped",
    "errors",
    "message",
)


def show_runs(runs: list[dict], as_json: bool) -> None:
    """Recent runs per source, newest first: a status column to scan, the message to act on."""
    if as_json:
        click.echo(json.dumps(runs, indent=2, ensure_ascii=False))
        return
    if not runs:
        click.echo("no crawl runs yet")
        return
    table = [[run[c] if c != "message" else (run[c] or "")[:70] for c in RUN_COLUMNS] for run in runs]
    headers = [c.replace("_", " ").replace("pages fetched", "pages") for c in RUN_COLUMNS]
    click.echo(tabulate(table, headers=headers))
