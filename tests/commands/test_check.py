"""`pressarchive check` against local fixture sites: working, redesigned, challenged and unreachable."""

from __future__ import annotations

import json
import socket
import time

import pytest
from click.testing import CliRunner

from commands.cli import cli
from commands.fault_server import FaultServer
from commands.site_server import FixtureServer
from tests.conftest import registry_file, run_cli


def check(*args: str):
    """`pressarchive check ARGS`, in-process."""
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.mark.parametrize("site", ["paknavy", "paf"])
def test_a_working_source_is_ok(site):
    with FixtureServer(site) as server:
        result = check(site, "--base-url", f"{site}={server.url}", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    (report,) = json.loads(result.stdout)
    assert report["verdict"] == "OK" and report["reachable"] and not report["challenge"]
    assert report["links"] > 0 and report["title"] and report["published"] and report["body_chars"] > 200


def test_broken_challenged_and_unreachable_sources_are_reported_with_a_fix(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    with (
        FixtureServer("broken") as broken,
        FixtureServer("challenged") as challenged,
        FixtureServer("paf") as ok,
    ):
        registry = registry_file(
            tmp_path,
            {
                "redesigned": ("broken", broken.url),
                "guarded": ("challenged", challenged.url),
                "gone": ("paf", f"http://127.0.0.1:{dead}"),
                "fine": ("paf", ok.url),
            },
        )
        started = time.monotonic()
        result = check("--sources", registry, "redesigned", "guarded", "gone", "fine")
        elapsed = time.monotonic() - started
        as_json = check("--sources", registry, "redesigned", "guarded", "gone", "fine", "--json")
    assert result.exit_code == 1
    assert elapsed < 60
    reports = {r["source"]: r for r in json.loads(as_json.stdout)}
    assert {k: r["verdict"] for k, r in reports.items()} == {
        "redesigned": "BROKEN",
        "guarded": "BROKEN",
        "gone": "BROKEN",
        "fine": "OK",
    }
    assert reports["redesigned"]["links"] == 0 and "article_pattern" in reports["redesigned"]["reason"]
    assert reports["guarded"]["challenge"] and "bot challenge" in reports["guarded"]["reason"]
    assert not reports["gone"]["reachable"] and "cannot reach" in reports["gone"]["reason"]
    for line in (
        "redesigned: BROKEN: no links match article_pattern",
        "guarded: BROKEN: blocked by a bot challenge",
        "gone: BROKEN: cannot reach",
    ):
        assert line in result.stdout
    assert "Try: " in result.stdout


def test_the_timeout_is_per_page_not_per_read():
    """A server that drips the listing page one byte every 2 s: `--timeout 3` ends the page after 3 s,
    not after a whole page's worth of 2-second reads (issue 10, item 10)."""
    with FaultServer("paknavy", faults={"/press-releases/": "drip"}, drip_interval=2) as server:
        started = time.monotonic()
        result = run_cli(
            "check", "paknavy", "--base-url", f"paknavy={server.url}", "--timeout", "3", "--json", timeout=60
        )
        seconds = time.monotonic() - started
    (report,) = json.loads(result.stdout)
    assert report["verdict"] == "BROKEN" and "no complete page within 3 s" in report["reason"]
    assert result.returncode == 1 and seconds < 15
