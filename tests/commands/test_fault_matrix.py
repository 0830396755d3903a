"""The fault matrix: a small site served with one fault at a time, crawled through the real CLI.

For every fault: the archive holds exactly the valid releases (no junk, no duplicates, integrity and FTS
in sync), every lost page is counted under its true reason, retries are bounded, the run and exit
status are right, and the crawl ends in bounded time.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections import Counter

import pytest

from commands.fault_server import FAULTS, RATE_LIMIT_WAIT, FaultServer
from commands.site_server import FixtureServer
from tests.conftest import rows, run_cli

RELEASES = {f"/press/r{n}" for n in range(1, 25)}
SECOND_PAGE = {"/press/r5"}  # the releases only the second listing page links
LISTINGS = ("/press/", "/press/?page=2")
RETRIES = 1
# What each fault costs: the reason the page is counted under, or None when the page must still be
# archived (and read correctly).
OUTCOME = {
    "status_500": "http_error",
    "status_502": "http_error",
    "status_503": "http_error",
    "status_429": "http_error",
    "reset": "connection_lost",
    "hang": "timeout",
    "drip": "timeout",
    "truncated": "truncated",
    "challenge": "challenge",
    "offsite": "offsite_redirect",
    "loop": "redirect_loop",
    "loop_pair": "redirect_loop",
    "oversized": "too_large",
    "oversized_stream": "too_large",
    "gzip_bomb": "decompression_limit",
    "cp1256": None,
    "cp1252": None,
    "wrong_charset": None,
    "utf16": None,
    "binary": "undecodable",
}
RETRIED = {"status_500", "status_502", "status_503", "status_429", "reset", "hang", "drip", "truncated"}
# The page each encoding fault is applied to, and text that proves it was read right.
READ_RIGHT = {
    "cp1256": ("/press/r3", "پاک بحريہ کے سربراہ"),
    "cp1252": ("/press/r2", "Señor García and the Naïve Cadets"),
    "wrong_charset": ("/press/r6", "PNS Tippu Sultan Hosts Señor Núñez"),
    "utf16": ("/press/r1", "Naval Chief Visits Coastal Command"),
}
# One crawl meets every fault, each on its own release; 429 gets a crawl of its own, because obeying its
# Retry-After slows the whole site down for the rest of the run.
SEPARATE = ("status_429",)
TOGETHER = [fault for fault in FAULTS if fault not in SEPARATE]
OTHER_PAGES = sorted(RELEASES - SECOND_PAGE - {target for target, _ in READ_RIGHT.values()}, key=len)


def targets(faults) -> dict[str, str]:
    """Each fault's release: the encoding faults on the page written for them, the others in turn."""
    spare = iter(OTHER_PAGES)
    return {fault: READ_RIGHT[fault][0] if fault in READ_RIGHT else next(spare) for fault in faults}


SOURCES = """[sources.faults]
name = "Navy News"
base_url = "{url}"
start_paths = ["/press/"]
article_pattern = "/press/r\\\\d+$"
next_pattern = "/press/\\\\?page=\\\\d+$"
"""


def crawl(server, tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text(SOURCES.format(url=server.url), encoding="utf-8")
    db = tmp_path / "archive.db"
    started = time.monotonic()
    result = run_cli(
        "crawl",
        "faults",
        "--sources",
        str(registry),
        "--db",
        str(db),
        "--set",
        "DOWNLOAD_TIMEOUT=1",
        "--set",
        f"RETRY_TIMES={RETRIES}",
        timeout=60,
    )
    return result, db, time.monotonic() - started


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def assert_archive_sound(db, expected: set[str]) -> None:
    """Exactly the expected releases, once each; SQLite and the full-text index agree with the rows."""
    copies = [path_of(r["url"]) for r in rows(db, "SELECT url FROM copies")]
    assert sorted(copies) == sorted(expected)
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(expected)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        (indexed,) = connection.execute("SELECT count(*) FROM articles_fts").fetchone()
        assert indexed == len(expected)
    finally:
        connection.close()


@pytest.fixture(scope="module")
def offsite():
    """The same site on another host (127.0.0.2), where an off-site redirect lands."""
    with FixtureServer("faults", host="127.0.0.2") as server:
        yield server


def crawl_with_faults(faults: dict[str, str], offsite_server, folder):
    """Crawl the site with `faults` (target -> fault): the run row, the CLI's result, the seconds taken,
    the requests per target, and the reason each dropped URL was logged under."""
    with FaultServer("faults", faults=faults, offsite_url=offsite_server.url, hang=5) as server:
        result, db, seconds = crawl(server, folder)
        requests = Counter(path for path, _ in server.requests)
    logged = {path_of(url): reason for reason, url in re.findall(r"dropped (\w+): (\S+)", result.stderr)}
    return {
        "db": db,
        "result": result,
        "seconds": seconds,
        "requests": requests,
        "logged": logged,
        "run": rows(db, "SELECT * FROM crawl_runs")[-1],
    }


@pytest.fixture(scope="module")
def together(offsite, tmp_path_factory):
    plan = targets(TOGETHER)
    return plan, crawl_with_faults(
        {target: fault for fault, target in plan.items()}, offsite, tmp_path_factory.mktemp("all")
    )


@pytest.fixture(scope="module")
def rate_limited(offsite, tmp_path_factory):
    plan = {"status_429": "/press/r4"}
    return plan, crawl_with_faults(
        {target: fault for fault, target in plan.items()}, offsite, tmp_path_factory.mktemp("429")
    )


def test_every_fault_has_an_expected_outcome():
    assert set(OUTCOME) == set(FAULTS) == set(TOGETHER) | set(SEPARATE)


def test_the_crawl_with_every_fault_archives_exactly_the_valid_releases(together):
    plan, crawled = together
    lost = {target for fault, target in plan.items() if OUTCOME[fault]}
    assert_archive_sound(crawled["db"], RELEASES - lost)
    expected = Counter(OUTCOME[fault] for fault in plan if OUTCOME[fault])
    assert json.loads(crawled["run"]["dropped_by_reason"]) == dict(expected)
    assert (crawled["run"]["status"], crawled["result"].returncode) == ("partial", 1)
    assert "Traceback" not in crawled["result"].stderr
    assert crawled["seconds"] < 60


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault(fault, together, rate_limited, offsite):
    plan, crawled = rate_limited if fault in SEPARATE else together
    target, reason = plan[fault], OUTCOME[fault]
    if reason is None:
        assert target not in crawled["logged"]
        title, body = rows(
            crawled["db"], "SELECT title, body FROM articles WHERE url LIKE ?", [f"%{target}"]
        )[0].values()
        assert READ_RIGHT[fault][1] in title + body
    else:
        assert crawled["logged"].get(target) == reason, crawled["result"].stderr
        assert not rows(crawled["db"], "SELECT id FROM copies WHERE url LIKE ?", [f"%{target}"])
        assert f"{reason} " in crawled["run"]["message"]
    assert crawled["requests"][target] == (1 + RETRIES if fault in RETRIED else 1)  # retries bounded
    assert offsite.requests == []


def test_a_rate_limited_page_is_retried_after_the_wait_it_asks_for(rate_limited):
    _, crawled = rate_limited
    assert_archive_sound(crawled["db"], RELEASES - {"/press/r4"})
    assert (crawled["run"]["status"], crawled["result"].returncode) == ("partial", 1)
    assert crawled["seconds"] >= RATE_LIMIT_WAIT


@pytest.mark.parametrize("fault", ["gzip_bomb", "status_503", "oversized"])
def test_a_fault_on_the_second_listing_page(fault, tmp_path, offsite):
    big = 20 * 1024 * 1024  # past the listing limit (DOWNLOAD_MAXSIZE), not only the release one
    with FaultServer("faults", faults={LISTINGS[1]: fault}, offsite_url=offsite.url, oversize=big) as server:
        result, db, _ = crawl(server, tmp_path)
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert_archive_sound(db, RELEASES - SECOND_PAGE)
    assert json.loads(run["dropped_by_reason"]) == {OUTCOME[fault]: 1}
    assert (run["status"], result.returncode) == ("partial", 1)


def test_a_bombed_first_listing_page_is_named_not_unreachable(tmp_path, offsite):
    big = 20 * 1024 * 1024
    with FaultServer(
        "faults", faults={LISTINGS[0]: "gzip_bomb"}, offsite_url=offsite.url, oversize=big
    ) as server:
        result, db, _ = crawl(server, tmp_path)
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert json.loads(run["dropped_by_reason"]) == {"decompression_limit": 1}
    assert run["status"] == "failed" and result.returncode == 1
    assert "decompression_limit" in run["message"] and "no response" not in run["message"]


def test_random_faults_with_a_fixed_seed(tmp_path, offsite):
    """Faults drawn at random (replayable by seed) across listings and releases: the same accounting."""
    quick = tuple(f for f in FAULTS if f not in ("hang", "drip", "status_429"))
    server = FaultServer("faults", rate=0.3, seed=36, random_faults=quick, offsite_url=offsite.url)
    with server:
        result, db, seconds = crawl(server, tmp_path)
    drawn = {target: server.fault_for(target) for target in (*LISTINGS, *RELEASES)}
    assert drawn[LISTINGS[0]] is None, "pick a seed that leaves the first listing page alone"
    reachable = RELEASES - (SECOND_PAGE if OUTCOME.get(drawn[LISTINGS[1]]) else set())
    lost = {t for t in reachable if drawn[t] and OUTCOME[drawn[t]]}
    assert lost and len(set(drawn.values())) > 3, f"seed too tame: {drawn}"
    assert_archive_sound(db, reachable - lost)
    expected: dict[str, int] = {}
    for target in lost | ({LISTINGS[1]} if reachable != RELEASES else set()):
        expected[OUTCOME[drawn[target]]] = expected.get(OUTCOME[drawn[target]], 0) + 1
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert json.loads(run["dropped_by_reason"]) == expected
    assert (run["status"], result.returncode) == ("partial", 1)
    assert seconds < 40
