"""`pressarchive serve`: the archive in Datasette, read-only, with our metadata, dashboard and templates.

The file is served immutable (`-i`): Datasette never writes to it and trusts it not to change, which also
makes it fast. Any write-ahead log is folded into the file first (when we may write), so what is served
is everything the last crawl committed. Datasette runs as a child process; a SIGTERM or Ctrl-C reaches it,
and the temporary folder with the metadata and templates is removed in every case.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import click
import yaml
from datasette.utils import to_css_class

import archive
from archive.errors import ArchiveError
from archive.schema import open_for_reading
from commands.options import db_option

DATASETTE_FILES = Path(archive.__file__).with_name("datasette")
METADATA = Path(archive.__file__).with_name("metadata.yml")
METADATA_DB = "archive"  # how metadata.yml names the database; Datasette names it after the file's stem
# Facets are chosen in metadata.yml; Datasette's own suggestions scan every column of a large table on
# each page view (defaults: suggest_facets on, 1 s SQL limit).
SETTINGS = {
    "default_page_size": 50,
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
    "suggest_facets": "off",
}


def datasette_metadata(db_path: str | Path) -> dict:
    """archive/metadata.yml with the database named as Datasette names it: the file's stem (also in
    the front page's links and the dashboard's charts)."""
    name = Path(db_path).stem
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    metadata["databases"] = {name: metadata["databases"][METADATA_DB]}
    metadata["description_html"] = metadata["description_html"].replace("{db}", name)
    for dashboard in metadata.get("plugins", {}).get("datasette-dashboards", {}).values():
        for chart in dashboard.get("charts", {}).values():
            if chart.get("db") == METADATA_DB:
                chart["db"] = name
    return metadata


def prepare(db_path: Path, folder: Path) -> list[str]:
    """Write the metadata and the templates named for this database into `folder`; Datasette's options."""
    name = db_path.stem
    (folder / "metadata.json").write_text(json.dumps(datasette_metadata(db_path)), encoding="utf-8")
    templates = folder / "templates"
    templates.mkdir()
    for template in (DATASETTE_FILES / "templates").glob("row-*.html"):
        table = template.stem.removeprefix("row-")
        shutil.copy(template, templates / f"row-{to_css_class(name)}-{to_css_class(table)}.html")
    options = ["--metadata", str(folder / "metadata.json"), "--template-dir", str(templates)]
    options += ["--plugins-dir", str(DATASETTE_FILES)]
    for setting, value in SETTINGS.items():
        options += ["--setting", setting, str(value)]
    return options


def fold_wal(db_path: Path) -> None:
    """Checkpoint the write-ahead log into the file, so an immutable reader sees every committed page.
    A file we may not write (read-only media) is served as it is."""
    db = open_for_reading(db_path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        pass
    finally:
        db.close()


def run_datasette(command: list[str]) -> int:
    """Run Datasette as a child and pass SIGTERM/SIGINT on to it, so it never outlives us."""
    child = subprocess.Popen(command)

    def forward(signum, _frame):
        child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child.poll() is None:
            child.kill()
            child.wait()


def serve_archive(db_path: str | Path, host: str, port: int) -> int:
    """Serve the archive until Datasette stops; its exit status (0 after a clean SIGTERM or Ctrl-C)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise ArchiveError(f"{db_path}: no such archive (run `pressarchive crawl --db {db_path}` first)")
    fold_wal(db_path)
    with tempfile.TemporaryDirectory(prefix="pressarchive-serve-") as folder:
        options = prepare(db_path, Path(folder))
        command = [sys.executable, "-m", "datasette", "serve", "-i", str(db_path), *options]
        status = run_datasette([*command, "--host", host, "--port", str(port)])
    return 0 if status in (-signal.SIGTERM, -signal.SIGINT) else status


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(db, timeout: float = 60):
    """Run `pressarchive serve --db db` on a free loopback port, as a user would, for tests and
    benchmarks: yield (base URL, process) once it answers; SIGTERM it afterwards."""
    port = free_port()
    # Datasette's log goes to a file, not a pipe: nobody reads a pipe while it serves, and its tracebacks
    # of refused queries (locals included) fill a pipe's 64 KiB within a few requests and freeze it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from commands.cli import main; main()",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise AssertionError(f"serve did not start: {log.read().decode()}") from None
                    time.sleep(0.2)
            yield base, process
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=20)


@click.command()
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind; keep the default for local use."
)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db_path, host, port):
    """Browse and search the archive in Datasette (read-only): a dashboard, facets, full-text search,
    canned questions and readable releases.

    Example: pressarchive serve --db data/demo.db
    """
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    sys.exit(serve_archive(db_path, host, port))
