"""`pressarchive export`: a dataset researchers can cite and check, from the archive."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from archive.export import (
    FORMATS,
    INCLUDES,
    ExportRequest,
    Selection,
    export_archive,
    parse_choices,
    parse_created,
    parse_day,
    quiet,
)
from commands.options import db_option


@contextmanager
def progress_bar(total: int):
    with click.progressbar(length=total, label="exporting", file=sys.stderr) as bar:
        yield bar.update


def split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated options and comma-separated lists alike: --source ispr --source paf, or --source ispr,paf."""
    return tuple(value.strip() for item in values for value in item.split(",") if value.strip())


@click.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder to write.")
@click.option(
    "--format", "formats", default=",".join(FORMATS), show_default=True, help="Data formats, comma-separated."
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only articles published on or before this date.")
@click.option(
    "--source", "sources", multiple=True, help="Only articles first seen at this source. Repeatable."
)
@click.option(
    "--service", "services", multiple=True, help="Only this service (army, navy, airforce). Repeatable."
)
@click.option("--language", "languages", multiple=True, help="Only this language (en, ur, …). Repeatable.")
@click.option(
    "--include",
    default="",
    metavar=",".join(INCLUDES),
    help="Related tables to add, filtered to the articles.",
)
@click.option("--warc", is_flag=True, help="Also write the raw captures as captures.warc.gz.")
@click.option("--created", metavar="TIMESTAMP", help="Creation time to record (ISO 8601); default now.")
@click.option("--force", is_flag=True, help="Replace OUT if it exists and is not empty.")
@db_option
def export(out, formats, since, until, sources, services, languages, include, warc, created, force, db_path):
    """Write a citable, checkable dataset: CSV/JSONL/Parquet files, datapackage.json, a README.md
    datasheet, CITATION.cff and SHA256SUMS (and the raw pages as WARC with --warc).

    A selection that matches no article is refused and nothing is written. Example:

        pressarchive export --out release-2024 --since 2024-01-01 --until 2024-12-31
    """
    request = ExportRequest(
        out=out,
        formats=parse_choices(formats, FORMATS, "format") or FORMATS,
        include=parse_choices(include, INCLUDES, "include"),
        selection=Selection(
            parse_day(since, "--since"),
            parse_day(until, "--until"),
            *map(split, (sources, services, languages)),
        ),
        warc=warc,
        created=parse_created(created),
        force=force,
    )
    result = export_archive(db_path, request, progress_bar if sys.stderr.isatty() else quiet)
    click.echo(
        f"{result.out}: {', '.join(f'{n} {table}' for table, n in result.rows.items())}"
        + (f", {result.captures} captures" if warc else "")
        + f" in {len(result.files)} data file(s); check with `sha256sum -c SHA256SUMS` inside it"
    )
