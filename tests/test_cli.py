"""The `pressarchive` command as users and cron run it: errors, stats, reextract, serve, killed crawls."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

from commands.site_server import FixtureServer
from tests.conftest import ROOT, copy_archive, expected, rows, run_cli

SAMPLE = expected("ispr")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def test_every_command_has_help():
    for command in ("crawl", "stats", "serve", "reextract", "check", "enrich", "export"):
        result = run_cli(command, "--help")
        assert result.returncode == 0, command
        assert "Usage: " in result.stdout and len(result.stdout.splitlines()) > 4, command


def test_stats_counts_by_source_service_year_and_language(ispr_archive):
    result = run_cli("stats", "--db", str(ispr_archive), "--json")
    assert result.returncode == 0, result.stderr
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
    assert figures["last_crawl"][0]["status"] == "ok"
    text = run_cli("stats", "--db", str(ispr_archive))
    assert f"{len(SAMPLE['releases'])} articles" in text.stdout and "last crawl per source" in text.stdout


def test_reextract_rebuilds_articles_from_stored_html(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    before = rows(db, "SELECT id, title, body, published FROM articles ORDER BY id")
    connection = sqlite3.connect(db)
    connection.execute("UPDATE articles SET body = 'stale text', title = 'stale', published = NULL")
    connection.commit()
    connection.close()
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert f"articles changed: {len(before)}" in result.stdout
    assert rows(db, "SELECT id, title, body, published FROM articles ORDER BY id") == before
    assert run_cli("reextract", "--db", str(db)).stdout.count("articles unchanged") == 1


def test_serve_runs_a_read_only_datasette_with_search(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    port = free_port()
    server = subprocess.Popen(
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
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None, server.stderr.read().decode()
                time.sleep(0.3)

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
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


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
    assert again.returncode == 0, again.stderr
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(SAMPLE["releases"])
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == len(SAMPLE["releases"]) + len(
        SAMPLE["reposts"]
    )
    assert (
        rows(db, "SELECT count(DISTINCT url) AS n FROM revisions")[0]["n"]
        == rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"]
    )
