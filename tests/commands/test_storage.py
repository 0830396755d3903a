"""Read-only and broken storage (issue 10, items 7 and 8): a read-only archive is refused up front, an
archive on read-only media can still be read, a full disk ends the run clearly without a half-written
batch, write batches take the write lock up front, and no page's HTML ever reaches a log line."""

from __future__ import annotations

import logging
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from archive.schema import open_archive
from archive.store import Archive
from commands.serve import free_port
from commands.site_server import FixtureServer
from extraction import Page
from pipelines.process import DropLogFormatter
from tests.archive.test_store import page
from tests.conftest import ROOT, copy_archive, rows

# Root ignores file permissions; these tests drop that power (CAP_DAC_OVERRIDE) for the command they run.
NO_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--inh-caps=-all"]


def pressarchive(*args, preexec_fn=None, timeout=120, wait=True):
    """The CLI as an ordinary user runs it: without root's power to write what is read-only."""
    prefix = NO_OVERRIDES if os.geteuid() == 0 else []
    if prefix and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: read-only files cannot be made")
    command = [*prefix, sys.executable, "-c", "from commands.cli import main; main()", *args]
    options = {"cwd": ROOT, "preexec_fn": preexec_fn, "text": True}
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False, **options)


@pytest.fixture
def read_only_media(ispr_archive, tmp_path):
    """The sample archive in a folder nothing may write: the file and the folder are read-only."""
    folder = tmp_path / "media"
    folder.mkdir()
    db = copy_archive(ispr_archive, folder)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    yield db
    folder.chmod(stat.S_IRWXU)


def one_error_line(result, fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("pressarchive:")]
    assert len(lines) == 1 and fragment in lines[0], result.stderr


def test_a_read_only_archive_file_is_refused_before_any_request(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    with FixtureServer("ispr") as server:
        result = pressarchive("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={server.url}")
    one_error_line(result, "read-only")
    assert server.requests == []


def test_reading_commands_work_on_read_only_media(read_only_media):
    result = pressarchive("stats", "--db", str(read_only_media))
    assert result.returncode == 0, result.stderr
    assert "articles, " in result.stdout and "in " + str(read_only_media) in result.stdout
    assert sorted(p.name for p in read_only_media.parent.iterdir()) == [read_only_media.name]


def test_reextract_on_read_only_media_says_why_it_cannot(read_only_media):
    one_error_line(pressarchive("reextract", "--db", str(read_only_media)), "read-only")


def test_serve_works_on_read_only_media(read_only_media):
    port = free_port()
    process = pressarchive("serve", "--db", str(read_only_media), "--port", str(port), wait=False)
    try:
        answer = wait_for(f"http://127.0.0.1:{port}/{read_only_media.stem}/articles.json?_size=1")
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert '"rows"' in answer


def wait_for(url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_a_full_disk_ends_the_run_as_error_with_exit_2_and_no_half_batch(tmp_path):
    """The files the crawl may write are capped (RLIMIT_FSIZE, as a full disk behaves to SQLite)."""
    db = tmp_path / "full.db"
    open_archive(db).close()  # the empty archive fits; the crawl's writes do not, well before its end
    limit = db.stat().st_size + 150 * 1024

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with FixtureServer("ispr") as server:
        result = pressarchive(
            "crawl", "ispr", "--db", str(db), "--base-url", f"ispr={server.url}",
            "--set", "ARCHIVE_BATCH_SIZE=5", preexec_fn=small_disk,
        )  # fmt: skip
        fetched = len(server.requests)
    one_error_line(result, "cannot write to")
    run = rows(db, "SELECT status, new, message FROM crawl_runs")[-1]
    assert run["status"] == "error" and "not written" in run["message"]
    articles = rows(db, "SELECT count(*) AS n FROM articles")[0]["n"]
    # Whole batches only (a batch also holds junk and listing records, so it is no multiple of 5 articles):
    # what was counted is what is there, and every copy has its revision.
    assert 0 < articles == run["new"] < 47
    assert rows(db, "SELECT count(*) AS n FROM copies WHERE id NOT IN (SELECT copy_id FROM revisions)") == [
        {"n": 0}
    ]
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    connection.close()
    assert fetched < 60  # it stopped fetching instead of losing the rest too


def test_write_batches_take_the_write_lock_up_front(tmp_path):
    """A batch that reads before it writes, while another writer commits: with a deferred transaction the
    upgrade fails at once ("database is locked", whatever busy_timeout says); with BEGIN IMMEDIATE the
    other writer simply waits its turn."""
    path = tmp_path / "a.db"
    first = Archive(path)
    errors = []

    def other_writer():
        second = Archive(path)  # its own connection, in its own thread, as another crawl would have
        try:
            with second.transaction():
                second.record(
                    page("https://example.org/b", "<p>" + "Another statement entirely. " * 5 + "</p>")
                )
        except sqlite3.Error as exc:
            errors.append(exc)
        finally:
            second.close()

    with first.transaction():
        first.db.execute("SELECT count(*) FROM copies").fetchone()  # the batch reads first
        writer = threading.Thread(target=other_writer)
        writer.start()
        time.sleep(0.5)
        first.record(page("https://example.org/a", "<p>" + "A statement about the navy. " * 5 + "</p>"))
    writer.join(timeout=30)
    assert errors == []
    assert {r["url"] for r in rows(path, "SELECT url FROM copies")} == {
        "https://example.org/a",
        "https://example.org/b",
    }


def test_no_log_line_carries_a_pages_html():
    secret = b"<html><body><p>SECRET-PAGE-TEXT</p></body></html>"
    fetched = Page("ispr", "https://example.org/r/1", 200, "text/html", secret, "", "")
    assert "SECRET-PAGE-TEXT" not in repr(fetched)
    entry = DropLogFormatter().item_error(fetched, ValueError("boom"), None)
    assert entry["level"] == logging.ERROR
    assert (
        "SECRET" not in entry["msg"] % entry["args"]
        and "https://example.org/r/1" in entry["msg"] % entry["args"]
    )
