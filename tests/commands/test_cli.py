"""The `pressarchive` command: errors and killed crawls as cron meets them (the real CLI in a subprocess),
and stats, reextract and serve in-process through click's CliRunner."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from commands import serve as serve_module
from commands.cli import COMMANDS, cli
from commands.serve import free_port, served
from commands.site_server import FixtureServer
from tests.conftest import ROOT, copy_archive, crawl_outcome, expected, rows, run_cli

SAMPLE = expected("ispr")


def test_an_unreachable_site_fails_clearly_and_writes_no_articles(tmp_path):
    db = tmp_path / "a.db"
    port = free_port()  # nothing listens there
    result = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr=http://127.0.0.1:{port}")
    assert result.returncode == 1
    assert f"pressarchive: ispr: could not reach http://127.0.0.1:{port} (" in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 0
    assert rows(db, "SELECT status FROM crawl_runs") == [{"status": "failed"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "nosuchsite"], "unknown source 'nosuchsite'"),
        (["crawl", "ispr", "--base-url", "ispr"], "expected SOURCE=URL"),
        (["crawl", "ispr", "--base-url", "ispr=ftp://x"], "base_url must be an http(s) URL"),
        (["crawl", "ispr", "--base-url", "other=http://127.0.0.1:9"], "not being crawled"),
        (["crawl", "ispr", "--ids", "9-3"], "runs backwards"),
        (["stats", "--db", "/nonexistent/dir/a.db"], "no such archive"),
    ],
)
def test_usage_and_configuration_errors_exit_2_with_one_line(tmp_path, args, message):
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_sources_file_names_file_source_and_key(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[sources.x]\nname = "X"\nbase_url = "http://127.0.0.1:9"\nstart_paths = ["/"]\n'
        'article_pattern = "(unclosed"\n'
    )
    result = run_cli("crawl", "--sources", str(bad), "x", "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert f"{bad}: [sources.x]: article_pattern is not a valid regular expression" in result.stderr
    assert not (tmp_path / "a.db").exists()


def invoke(*args: str):
    """A command run in-process, as `pressarchive ARGS` would run it."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0, command
    assert "Usage: " in result.stdout and len(result.stdout.splitlines()) > 4, command
    assert "Example:" in result.stdout, f"{command}'s help has no 'Example:'"
    assert "pressarchive " + command in result.stdout.split("Example:", 1)[1], command


def test_stats_counts_by_source_service_year_and_language(ispr_archive):
    result = invoke("stats", "--db", str(ispr_archive), "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    releases = SAMPLE["releases"].values()
    assert figures["totals"]["articles"] == len(SAMPLE["releases"])
    by_service = {r["service"]: r["articles"] for r in figures["by"]["service"]}
    assert by_service == {
        s: sum(1 for r in releases if r["service"] == s) for s in ("army", "navy", "airforce")
    }
    by_language = {r["language"]: r["articles"] for r in figures["by"]["language"]}
    assert by_language == {lang: sum(1 for r in releases if r["language"] == lang) for lang in ("en", "ur")}
    by_year = {r["year"]: r["articles"] for r in figures["by"]["year"]}
    assert sum(by_year.values()) == len(SAMPLE["releases"])
    assert figures["date_range"]["first"] == min(r["published"] for r in releases)
    assert figures["last_crawl"][0]["status"] == crawl_outcome(SAMPLE)[0]
    text = invoke("stats", "--db", str(ispr_archive))
    assert f"{len(SAMPLE['releases'])} articles" in text.stdout and "last crawl per source" in text.stdout


def test_reextract_rebuilds_articles_from_stored_html(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    before = rows(db, "SELECT id, title, body, published FROM articles ORDER BY id")
    connection = sqlite3.connect(db)
    connection.execute("UPDATE articles SET body = 'stale text', title = 'stale', published = NULL")
    connection.commit()
    connection.close()
    result = invoke("reextract", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert f"articles changed: {len(before)}" in result.stdout
    assert rows(db, "SELECT id, title, body, published FROM articles ORDER BY id") == before
    assert invoke("reextract", "--db", str(db)).stdout.count("articles unchanged") == 1


def test_serve_hands_datasette_the_archive_with_its_metadata(ispr_archive, tmp_path, monkeypatch):
    db = copy_archive(ispr_archive, tmp_path)
    launched = {}

    def fake_datasette(command):
        """Datasette as serve starts it: the command line, and the metadata file while it exists."""
        launched["file"] = Path(command[command.index("--metadata") + 1])
        launched["command"] = command
        launched["metadata"] = json.loads(launched["file"].read_text(encoding="utf-8"))
        return 0

    monkeypatch.setattr(serve_module, "run_datasette", fake_datasette)
    result = invoke("serve", "--db", str(db), "--port", "8123")
    assert result.exit_code == 0, result.stderr
    command = launched["command"]
    assert command[1:6] == ["-m", "datasette", "serve", "-i", str(db)]  # immutable: never written
    assert command[command.index("--port") + 1] == "8123"
    assert command[command.index("--host") + 1] == "127.0.0.1"
    metadata = launched["metadata"]
    assert metadata["title"].startswith("pressarchive")
    assert list(metadata["databases"]) == [db.stem]  # the database block named as Datasette names the file
    assert metadata["databases"][db.stem]["tables"]["articles"]["columns"]["published"]
    assert f"serving {db} at http://127.0.0.1:8123/" in result.stderr
    assert not launched["file"].exists()  # the temporary metadata file is cleaned up


def test_serve_runs_a_read_only_datasette_with_search(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    with served(db) as (base, _):

        def get(path):
            with urllib.request.urlopen(base + path, timeout=10) as response:
                return json.loads(response.read())

        metadata = get("/-/metadata.json")
        assert metadata["title"].startswith("pressarchive")
        assert metadata["databases"]["archive"]["tables"]["articles"]["columns"]["published"]
        found = get("/archive/articles.json?_search=Waziristan&_shape=array&_col=title")
        titles = {r["title"] for r in found}
        want = {
            r["title"]
            for r in SAMPLE["releases"].values()
            if "Waziristan" in " ".join(r["body"]) + r["title"]
        }
        assert titles == want and titles
        canned = get("/archive/reposted_releases.json?_shape=array")
        assert [r["copies"] for r in canned] == [2] * len(SAMPLE["reposts"])
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "/archive.json?sql=DELETE+FROM+articles", timeout=10)
        assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(SAMPLE["releases"])


def test_a_killed_crawl_is_completed_by_the_next_run_without_duplicates(tmp_path):
    db = tmp_path / "a.db"
    with FixtureServer("ispr", delay=0.05) as site:
        args = [
            "crawl",
            "ispr",
            "--db",
            str(db),
            "--base-url",
            f"ispr={site.url}",
            "--set",
            "ARCHIVE_BATCH_SIZE=5",
        ]
        crawl = subprocess.Popen(
            [sys.executable, "-c", "from commands.cli import main; main()", *args],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while crawl.poll() is None and time.time() < deadline:
            with contextlib.suppress(sqlite3.OperationalError):  # the schema may not be there yet
                if db.exists() and rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"] > 0:
                    break
            time.sleep(0.05)
        crawl.kill()
        crawl.wait()
        assert rows(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        partial = rows(db, "SELECT count(*) AS n FROM copies")[0]["n"]
        assert partial < len(SAMPLE["releases"]) + len(SAMPLE["reposts"])
        site.delay = 0
        again = run_cli(*args)
    assert again.returncode == crawl_outcome(SAMPLE)[1], again.stderr
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(SAMPLE["releases"])
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == len(SAMPLE["releases"]) + len(
        SAMPLE["reposts"]
    )
    assert (
        rows(db, "SELECT count(DISTINCT url) AS n FROM revisions")[0]["n"]
        == rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"]
    )
