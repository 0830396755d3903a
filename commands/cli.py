"""The `pressarchive` command: a thin layer over the crawlers, extraction and the archive library.

Every command lives in its own module and is one call of a library function. Errors the user can act on
(`archive.errors.PressArchiveError`: a bad registry entry, an unusable archive, a bad option) end as one
clear line and exit status 2; anything else is a bug, shown with its traceback, exit 70 (EX_SOFTWARE).
"""

from __future__ import annotations

import sys
import traceback

import click

from archive.errors import PressArchiveError
from commands.check import check
from commands.crawl import crawl
from commands.dedup import dedup
from commands.history import history
from commands.reextract import reextract
from commands.serve import serve
from commands.stats import stats

EX_USAGE = 2
EX_SOFTWARE = 70
COMMANDS = (crawl, stats, serve, check, reextract, dedup, history)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pressarchive")
def cli():
    """Archive official press releases (ISPR, Pakistan Navy, PAF, …) into a queryable SQLite file."""


for command in COMMANDS:
    cli.add_command(command)


def main():
    try:
        cli.main(prog_name="pressarchive", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PressArchiveError as exc:
        click.echo(f"pressarchive: {exc}", err=True)
        sys.exit(EX_USAGE)
    except Exception:
        traceback.print_exc()
        click.echo("pressarchive: internal error (a bug; please report it with the traceback)", err=True)
        sys.exit(EX_SOFTWARE)
