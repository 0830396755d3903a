"""Shared test helpers: fixture sites served on 127.0.0.1, the real CLI in a subprocess, saved pages."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from archive.runs import LOST_REASONS
from commands.site_server import FixtureServer, file_name_for, resolve_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def expected(site: str) -> dict:
    return json.loads((FIXTURES / "expected" / f"{site}.json").read_text(encoding="utf-8"))


def crawl_outcome(manifest: dict) -> tuple[str, int]:
    """The run status and exit status a crawl of a saved site ends with: a site that serves some
    releases as bot challenges or server errors loses them, and a run that lost pages is never ok."""
    lost = set(manifest.get("junk", {}).values()) & LOST_REASONS
    return ("partial", 1) if lost else ("ok", 0)


def registry_file(tmp_path, sites: dict[str, str]) -> str:
    """A registry file with each fixture site's manifest entry at its served URL."""
    lines = []
    for key, (site, url) in sites.items():
        entry = expected(site)["source"]
        lines.append(f"[sources.{key}]")
        lines.append(f"name = {json.dumps(entry['name'])}")
        lines.append(f'base_url = "{url}"')
        lines.append(f"start_paths = {json.dumps(entry['start_paths'])}")
        for name in ("article_pattern", "next_pattern", "service", "language", "timezone", "date_order"):
            if name in entry:
                lines.append(f"{name} = {json.dumps(entry[name])}")
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def saved_page(site: str, target: str) -> bytes:
    return (resolve_site(site) / file_name_for(target)).read_bytes()


def saved_response(site: str, target: str, base: str = "http://127.0.0.1:8101") -> HtmlResponse:
    """A Scrapy response built from a saved page, with the URL it would have been served at."""
    return HtmlResponse(url=base + target, body=saved_page(site, target), encoding="utf-8")


def run_cli(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    """The real `pressarchive` command in a subprocess, as cron would run it."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    return subprocess.run(
        [sys.executable, "-c", "from commands.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )


def rows(db_path, sql: str, params=()) -> list[dict]:
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(sql, params)]
    finally:
        connection.close()


@pytest.fixture(scope="session")
def ispr_archive(tmp_path_factory):
    """The ISPR sample crawled once into an archive; copy it before changing it."""
    db = tmp_path_factory.mktemp("ispr-archive") / "archive.db"
    with FixtureServer("ispr") as server:
        result = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={server.url}")
    assert result.returncode == crawl_outcome(expected("ispr"))[1], result.stderr
    return db


def copy_archive(db, tmp_path):
    """A private copy of an archive (WAL content included: SQLite's backup API sees it)."""
    target = tmp_path / db.name
    source, destination = sqlite3.connect(db), sqlite3.connect(target)
    source.backup(destination)
    source.close()
    destination.close()
    return target


@pytest.fixture
def serve():
    """Start fixture servers: `server = serve("ispr")`; all are stopped after the test."""
    servers = []

    def start(*sites):
        server = FixtureServer(*sites).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
