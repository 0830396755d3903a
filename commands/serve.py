"""`pressarchive serve`: the archive in Datasette, with our metadata (descriptions, facets, queries)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import yaml

import archive
from archive.schema import open_archive
from commands.options import db_option

METADATA = Path(archive.__file__).with_name("metadata.yml")


def datasette_metadata(db_path: str) -> dict:
    """archive/metadata.yml with its database block renamed to the file's stem, as Datasette names it."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    metadata["databases"] = {Path(db_path).stem: metadata["databases"]["archive"]}
    return metadata


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path, host, port):
    """Browse and search the archive in Datasette (read-only), with facets, full-text search and
    canned queries. Example: pressarchive serve --db data/demo.db"""
    db = open_archive(db_path, create=False)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(datasette_metadata(db_path), handle)
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "datasette",
                "serve",
                db_path,
                "--metadata",
                handle.name,
                "--host",
                host,
                "--port",
                str(port),
                "--setting",
                "default_page_size",
                "50",
                "--setting",
                "sql_time_limit_ms",
                "5000",
            ],
            check=False,
        )
    except KeyboardInterrupt:
        completed = subprocess.CompletedProcess([], 0)
    finally:
        os.unlink(handle.name)
    sys.exit(completed.returncode)
