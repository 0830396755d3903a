"""The `pressarchive` command: a thin layer over the crawlers, extraction and the archive library.

Every command lives in its own module and is one call of a library function. Errors the user can act on
(`archive.errors.PressArchiveError`: a bad registry entry, an unusable archive, a bad option) end as one
clear line and exit status 2; anything else is a bug, shown with its traceback, exit 70 (EX_SOFTWARE).
"""

from __future__ import annotations

import importlib
import sys
import traceback

import click

from archive.errors import PressArchiveError
from archive.lock import ArchiveLockedError
from archive.runs import EXIT_STATUS

EX_USAGE = 2
EX_SOFTWARE = 70
# Command name -> the module holding it (a click command of the same name). Modules load only when their
# command runs, so `stats` or `serve` never pay for importing Scrapy and the extractors.
COMMANDS = {
    "crawl": "commands.crawl",
    "stats": "commands.stats",
    "serve": "commands.serve",
    "check": "commands.check",
    "reextract": "commands.reextract",
    "dedup": "commands.dedup",
    "history": "commands.history",
    "gaps": "commands.gaps",
    "enrich": "commands.enrich",
    "export": "commands.export",
    "merge": "commands.merge",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        return getattr(importlib.import_module(COMMANDS[name]), name.replace("-", "_"))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pressarchive")
def cli():
    """Archive official press releases (ISPR, Pakistan Navy, PAF, …) into a queryable SQLite file."""


def main():
    try:
        cli.main(prog_name="pressarchive", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ArchiveLockedError as exc:
        click.echo(f"pressarchive: {exc}", err=True)
        sys.exit(EXIT_STATUS["locked"])
    except PressArchiveError as exc:
        click.echo(f"pressarchive: {exc}", err=True)
        sys.exit(EX_USAGE)
    except Exception:
        traceback.print_exc()
        click.echo("pressarchive: internal error (a bug; please report it with the traceback)", err=True)
        sys.exit(EX_SOFTWARE)
