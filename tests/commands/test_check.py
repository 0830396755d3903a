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
from tests.fake_wayback import FakeWayback


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


def test_a_challenged_source_is_told_what_to_try_and_what_the_wayback_machine_holds(tmp_path):
    """First a browser's fingerprint, then the Wayback fallback, with the captures its CDX index lists."""
    with FixtureServer("challenged") as challenged, FakeWayback() as wayback:
        for number, when in ((1, "20230101000000"), (1, "20240101000000"), (2, "20230101000000")):
            wayback.add(f"{challenged.url}/press-release/release-{number}/", when, b"<html>...</html>")
        wayback.add(f"{challenged.url}/press-release/release-3/", "20230101000000", b"", status=302)
        wayback.add(f"{challenged.url}/about/", "20230101000000", b"<html>about</html>")  # not a release
        registry = registry_file(tmp_path, {"guarded": ("challenged", challenged.url)})
        args = ("check", "--sources", registry, "guarded", "--set", f"WAYBACK_CDX_URL={wayback.cdx_url}")
        result = run_cli(*args)
        (report,) = json.loads(run_cli(*args, "--json").stdout)
        asked = [path for _, path in wayback.archive_requests("cdx")]
    assert result.returncode == 1
    assert report["challenge"] and (report["wayback_captures"], report["wayback_releases"]) == (4, 3)
    first, second = report["fixes"]
    assert first.startswith('impersonate = "chrome" in [sources.guarded]')
    assert second.startswith(
        "the Wayback Machine fallback: its CDX API holds 4 capture(s) of 3 release page(s)"
    )
    assert "(3 answered 200 with HTML)" in second and "--via wayback" in second
    assert (
        "Try: 1) impersonate" in result.stdout and "; then 2) the Wayback Machine fallback" in result.stdout
    )
    assert asked and all("matchType=prefix" in path for path in asked)


def test_a_site_on_this_machine_is_not_looked_up_in_the_public_archive(tmp_path):
    with FixtureServer("challenged") as challenged:
        registry = registry_file(tmp_path, {"guarded": ("challenged", challenged.url)})
        (report,) = json.loads(run_cli("check", "--sources", registry, "guarded", "--json").stdout)
    assert report["wayback_captures"] is None
    assert "a site on this machine is in no public archive" in report["fixes"][1]
