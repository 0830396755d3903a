"""Running unattended: the crawl lock, signals, a full disk, layout alarms, id walks, gaps and run history,
through the real CLI against sites served on 127.0.0.1 (each case bounded in time)."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from archive.lock import archive_lock, lock_path
from archive.schema import open_archive
from commands.gaps import gaps
from commands.site_server import FixtureServer, resolve_site
from commands.stats import stats
from tests.conftest import ROOT, copy_archive, crawl_outcome, expected, rows, run_cli

SAMPLE = expected("ispr")
PAGES = len(SAMPLE["releases"]) + len(SAMPLE["reposts"])

# The ISPR sample serves some releases as bot challenges or cut off: every crawl of it is `partial`.
ISPR_STATUS, ISPR_EXIT = crawl_outcome(expected("ispr"))


def crawl_args(db, server, *extra):
    return ["crawl", "ispr", "--db", str(db), "--base-url", f"ispr={server.url}", *extra]


def start_crawl(*args, **popen):
    return subprocess.Popen(
        [sys.executable, "-c", "from commands.cli import main; main()", *args],
        cwd=ROOT,
        text=True,
        **({"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | popen),
    )


def wait_for(condition, timeout: float = 60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def slow_site():
    with FixtureServer("ispr", delay=0.15) as server:
        yield server


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stop_signal_stores_the_batch_records_interrupted_and_stops_fetching(
    tmp_path, slow_site, signum, status
):
    db = tmp_path / "a.db"
    crawl = start_crawl(*crawl_args(db, slow_site, "--set", "ARCHIVE_BATCH_SIZE=5"))
    wait_for(lambda: len(slow_site.requests) >= 20)
    crawl.send_signal(signum)
    at_signal = len(slow_site.requests)
    _, err = crawl.communicate(timeout=30)
    assert crawl.returncode == status, err
    assert len(slow_site.requests) - at_signal <= 2  # what was already in flight, nothing new
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert run["status"] == "interrupted"
    assert signal.Signals(signum).name in run["message"] and signal.Signals(signum).name in err
    stored = rows(db, "SELECT count(*) AS n FROM copies")[0]["n"]
    assert 0 < stored < PAGES
    assert stored == run["new"] + run["copies_added"]  # the batch in progress was written, and counted
    assert "Traceback" not in err and "pages fetched" not in err  # no progress line when not a terminal
    slow_site.delay = 0
    again = run_cli(*crawl_args(db, slow_site))  # walks every listing page: the last run did not finish
    assert again.returncode == ISPR_EXIT, again.stderr
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == PAGES


def test_a_second_crawl_exits_4_at_once_naming_the_first_while_readers_go_on(tmp_path, slow_site):
    db = tmp_path / "a.db"
    first = start_crawl(*crawl_args(db, slow_site))
    try:
        wait_for(lambda: lock_path(db).exists() and lock_path(db).read_text() and len(slow_site.requests) > 3)
        began = time.time()
        second = run_cli(*crawl_args(db, slow_site, "--json"))
        assert time.time() - began < 15
        assert second.returncode == 4, second.stderr
        assert f"pid {first.pid}, started 20" in second.stderr
        assert json.loads(second.stdout)["status"] == "locked"
        assert run_cli("stats", "--db", str(db), "--runs").returncode == 0  # readers take no lock
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert [r["status"] for r in rows(db, "SELECT status FROM crawl_runs")] == ["interrupted"]


def test_a_killed_crawl_is_marked_abandoned_by_the_next_run(tmp_path, slow_site):
    db = tmp_path / "a.db"
    crawl = start_crawl(*crawl_args(db, slow_site))
    wait_for(lambda: len(slow_site.requests) >= 10)
    crawl.kill()
    crawl.communicate(timeout=30)
    assert rows(db, "SELECT status FROM crawl_runs") == [{"status": "running"}]
    slow_site.delay = 0
    again = run_cli(*crawl_args(db, slow_site))
    assert again.returncode == ISPR_EXIT, again.stderr
    first, second = rows(db, "SELECT * FROM crawl_runs ORDER BY id")
    assert (first["status"], second["status"]) == ("abandoned", ISPR_STATUS)
    assert f"pid {crawl.pid}" in first["message"]
    assert "was abandoned" in again.stderr


def test_a_full_disk_ends_the_run_as_error_without_half_written_batches(tmp_path, serve):
    db = tmp_path / "a.db"
    open_archive(db).close()
    empty = db.stat().st_size
    site = serve("ispr")
    # A quota just above the empty archive: SQLite then answers "database or disk is full", as a full disk.
    quota = f"ARCHIVE_MAX_BYTES={empty + 96 * 1024}"
    result = run_cli(*crawl_args(db, site, "--set", quota, "--set", "ARCHIVE_BATCH_SIZE=5"))
    assert result.returncode == 2, result.stderr
    assert "database or disk is full" in result.stderr and "not written" in result.stderr
    assert "Traceback" not in result.stderr and "<html" not in result.stderr.lower()
    assert rows(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    copies, revisions = (rows(db, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("copies", "revisions"))
    assert 0 < copies == revisions < PAGES
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert run["status"] == "error" and "database or disk is full" in run["message"]
    assert copies == run["new"] + run["copies_added"]  # what the run counted as stored is all there is
    log = (tmp_path / "logs" / "pressarchive.log").read_text()
    assert "database or disk is full" in log and "<html" not in log.lower()
    again = run_cli(*crawl_args(db, site))
    assert again.returncode == crawl_outcome(expected("ispr"))[1], again.stderr
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == PAGES


def test_a_site_whose_listings_lose_their_links_raises_a_layout_alarm(tmp_path, ispr_archive, serve):
    db = copy_archive(ispr_archive, tmp_path)
    changed = tmp_path / "ispr-redesigned"
    shutil.copytree(resolve_site("ispr"), changed)
    for listing in changed.glob("press-release-archive.php*"):
        listing.write_text(listing.read_text().replace("press-release-detail.php", "news/view.php"))
    result = run_cli(*crawl_args(db, serve(changed)))
    assert result.returncode == 3, result.stderr
    message = re.search(r"pressarchive: ispr: layout alarm: (.*)", result.stderr).group(1)
    assert re.match(r"found no release links on \d+ listing page\(s\), usually \d+", message)
    assert rows(db, "SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1") == [{"status": "alarm"}]


def test_an_open_id_walk_resumes_after_the_highest_archived_id(tmp_path, ispr_archive, serve):
    db = copy_archive(ispr_archive, tmp_path)
    site = serve("ispr")
    highest = max(int(n) for n in [*SAMPLE["releases"], *SAMPLE["reposts"]])
    result = run_cli(*crawl_args(db, site, "--ids", "new", "--missing-ids", "4"))
    assert result.returncode == 0, result.stderr
    walked = [path for path, _ in site.requests if "detail" in path]
    assert walked == [f"/press-release-detail.php?id={highest + n}" for n in range(1, 5)]
    run = rows(db, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]
    assert (run["status"], run["dropped"]) == ("ok", 0)  # ids past the newest are not junk
    fresh = run_cli(*crawl_args(tmp_path / "new.db", site, "--ids", "new"))
    assert fresh.returncode == 2 and "no ispr ids archived yet" in fresh.stderr


def test_gaps_lists_missing_ids_inside_the_archived_range(ispr_archive):
    result = CliRunner().invoke(gaps, ["ispr", "--db", str(ispr_archive), "--json"])
    assert result.exit_code == 0, result.output
    span = json.loads(result.output)["missing_ids"]["ispr"]
    archived = sorted(int(n) for n in [*SAMPLE["releases"], *SAMPLE["reposts"]])
    assert (span["low"], span["high"]) == (archived[0], archived[-1])
    missing = span["missing"]
    assert missing == [n for n in range(archived[0], archived[-1]) if n not in archived]
    text = CliRunner().invoke(gaps, ["--db", str(ispr_archive)])
    assert f"{len(missing)} missing" in text.output and "0 withdrawn" in text.output


def test_stats_runs_shows_each_sources_recent_runs(ispr_archive):
    result = CliRunner().invoke(stats, ["--db", str(ispr_archive), "--runs", "--json"])
    assert result.exit_code == 0, result.output
    assert [(r["source"], r["status"]) for r in json.loads(result.output)] == [("ispr", ISPR_STATUS)]
    text = CliRunner().invoke(stats, ["--db", str(ispr_archive), "--runs"])
    assert re.search(rf"ispr\s+20\S+\s+{ISPR_STATUS}\s", text.output), text.output


def test_progress_shows_on_a_terminal_only(tmp_path):
    with FixtureServer("ispr", delay=0.03) as site:
        controller, terminal = pty.openpty()
        crawl = start_crawl(*crawl_args(tmp_path / "a.db", site), stdout=subprocess.DEVNULL, stderr=terminal)
        os.close(terminal)
        chunks = []
        reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: _read(controller), b"")))
        reader.start()
        assert crawl.wait(timeout=120) == ISPR_EXIT
        reader.join(timeout=10)
        os.close(controller)
    shown = b"".join(chunks).decode(errors="replace")
    assert re.search(r"\d+ pages fetched, \d+ new, \d+ dropped; current: ispr", shown), shown[-500:]


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # the terminal closed with the process
        return b""


@pytest.mark.parametrize("command", ["reextract", "dedup", "enrich"])
def test_every_writing_command_takes_the_lock(tmp_path, ispr_archive, command):
    """A re-extraction, re-match or enrichment beside a crawl would re-decide the rows the crawl writes:
    like a second crawl, it exits 4 at once, naming the holder, and changes nothing."""
    db = copy_archive(ispr_archive, tmp_path)
    before = db.read_bytes()
    with archive_lock(db) as owner:
        result = run_cli(command, "--db", str(db))
    assert result.returncode == 4, result.stderr
    assert f"pid {owner['pid']}" in result.stderr and "being written by another run" in result.stderr
    assert db.read_bytes() == before
    assert run_cli(command, "--db", str(db)).returncode == 0
