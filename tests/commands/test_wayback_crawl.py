"""End to end: the Wayback Machine fallback for refused pages and the `--via wayback` backfill, through the
real CLI and Scrapy engine, against the ISPR sample site and a fake Wayback Machine, both on 127.0.0.1."""

from __future__ import annotations

import json
import re
import statistics
import zlib
from itertools import pairwise

import pytest

from commands.serve import served
from commands.site_server import FixtureServer, file_name_for
from extraction.validate import CHALLENGE_MARKERS
from tests.commands.test_crawl_ispr import articles_by_id, as_manifest, junk_counts, release_id
from tests.commands.test_serve import get
from tests.conftest import FIXTURES, copy_archive, crawl_outcome, expected, rows, run_cli, saved_page
from tests.fake_wayback import FakeWayback

SAMPLE = expected("ispr")
# The sample's challenged 6503 and 6516 (no good capture) and its cut-off 6522 stay lost: a `partial` run.
ISPR_EXIT = crawl_outcome(SAMPLE)[1]
RELEASES = sorted(SAMPLE["releases"])
# A third of the releases answer with a Cloudflare challenge (6496 among them: it is edited later).
GUARDED = [number for index, number in enumerate(RELEASES) if index % 3 == 1]
CHALLENGE = (FIXTURES / "sites" / "challenged" / "index.html").read_bytes()
SOFT_404 = b"<html><head><title>Record not found</title></head><body><p>Record not found</p></body></html>"
DETAIL = "/press-release-detail.php?id={}"
GOOD, NEWER, NEWEST = "20230514093012", "20240102030405", "20250101000000"


def guarded_site(tmp_path, numbers) -> str:
    """A site folder stacked over the sample: these release pages now answer 403 with a challenge."""
    folder = tmp_path / "guarded"
    folder.mkdir()
    for number in numbers:
        (folder / file_name_for(DETAIL.format(number))).write_bytes(CHALLENGE)
    headers = {"Content-Type": "text/html; charset=UTF-8", "cf-mitigated": "challenge"}
    config = {
        "status": {DETAIL.format(n): 403 for n in numbers},
        "headers": {DETAIL.format(n): headers for n in numbers},
    }
    (folder / "_server.json").write_text(json.dumps(config))
    return str(folder)


def capture_guarded(wayback: FakeWayback, site_url: str, numbers) -> None:
    """What the Archive holds of each guarded page: one good capture, and around it what makes choosing
    hard: the same capture listed twice, a newer redirect, newer challenge pages, a soft-404, a PDF."""
    for position, number in enumerate(numbers):
        original = site_url + DETAIL.format(number)
        body = saved_page("ispr", DETAIL.format(number))
        wayback.add(original, GOOD, body)
        wayback.add(original, GOOD, body)  # the index lists some captures twice
        wayback.add(original, NEWER, b"", status=302)
        if position % 2 == 0:
            wayback.add(original, NEWEST, CHALLENGE)  # the Archive met the challenge too, answered 200
        if position % 4 == 1:
            wayback.add(original, NEWEST, SOFT_404)
        if position % 4 == 3:
            wayback.add(original, NEWER[:-1] + "9", b"%PDF-1.4", mimetype="application/pdf")


def crawl(db, site_url: str, *extra: str):
    return run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site_url}", *extra)


def stored_html(db) -> list[str]:
    return [
        zlib.decompress(r["raw_html"]).decode("utf-8", "replace")
        for r in rows(db, "SELECT raw_html FROM revisions")
    ]


@pytest.fixture(scope="module")
def guarded_crawl(tmp_path_factory):
    """The sample crawled while a third of its release pages challenge us; the site stays up."""
    tmp = tmp_path_factory.mktemp("guarded")
    with FakeWayback() as wayback, FixtureServer(guarded_site(tmp, GUARDED), "ispr") as site:
        capture_guarded(wayback, site.url, GUARDED)
        # 6503 is challenged on the live sample too; the Archive only ever met the challenge.
        wayback.add(site.url + DETAIL.format(6503), GOOD, CHALLENGE)
        result = crawl(tmp / "archive.db", site.url, *wayback.settings(delay=0.02))
        yield tmp / "archive.db", result, site, wayback


def test_every_release_is_archived_when_a_third_of_the_pages_challenge_us(guarded_crawl):
    db, result, _, _ = guarded_crawl
    assert result.returncode == ISPR_EXIT, result.stderr
    articles = articles_by_id(db, SAMPLE)
    assert sorted(articles) == RELEASES
    wrong = {n: as_manifest(a) for n, a in articles.items() if as_manifest(a) != SAMPLE["releases"][n]}
    assert wrong == {}


def test_recovered_copies_say_they_came_from_a_capture(guarded_crawl):
    db, _, site, wayback = guarded_crawl
    copies = {release_id(c["url"]): c for c in rows(db, "SELECT * FROM copies")}
    for number in GUARDED:
        copy = copies[number]
        assert copy["url"] == site.url + DETAIL.format(number)
        assert (copy["via"], copy["capture_timestamp"]) == ("wayback", GOOD)
        assert copy["capture_url"] == f"{wayback.capture_base}{GOOD}id_/{site.url}{DETAIL.format(number)}"
    live = [c for n, c in copies.items() if n not in GUARDED]
    assert live and all(c["via"] == "live" and c["capture_timestamp"] is None for c in live)
    revisions = rows(
        db, "SELECT via, capture_timestamp FROM revisions WHERE url LIKE ?", ["%id=" + GUARDED[0]]
    )
    assert revisions == [{"via": "wayback", "capture_timestamp": GOOD}]


def test_challenge_captures_are_never_stored_and_unrecovered_pages_keep_their_reason(guarded_crawl):
    db, result, _, wayback = guarded_crawl
    assert not any(CHALLENGE_MARKERS.search(html[:30000]) for html in stored_html(db))
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert run["status"] == crawl_outcome(SAMPLE)[0]
    assert json.loads(run["dropped_by_reason"]) == junk_counts(SAMPLE)
    assert re.search(r"dropped challenge: \S+id=6503\b", result.stderr)
    stats = json.loads(run["stats"])
    assert stats["wayback/fallback/challenge"] == len(GUARDED) + 2  # and 6503, 6516 of the sample
    assert stats["wayback/bad_capture/challenge"] >= len(GUARDED) // 2
    assert stats["wayback/bad_capture/soft_404"] >= 1
    fetched = [path for _, path in wayback.archive_requests("web")]
    assert not any(f"{NEWER}id_" in path for path in fetched)  # the index said: not a 200 page


def test_a_later_live_fetch_is_another_fetch_of_the_same_copy(guarded_crawl, tmp_path):
    db, _, site, wayback = guarded_crawl
    db = copy_archive(db, tmp_path)
    before = rows(db, "SELECT count(*) AS n FROM copies")[0]["n"]
    site.set_sites("ispr-edited", "ispr")  # the challenge is gone, and 6496 has been edited since
    try:
        result = crawl(db, site.url, "--full", *wayback.settings(delay=0.02))
    finally:
        site.set_sites("ispr")
    assert result.returncode == ISPR_EXIT, result.stderr
    run = rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]
    assert (run["new"], run["copies_added"], run["updated"]) == (0, 0, len(SAMPLE["edited"]))
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == before
    copies = {release_id(c["url"]): c for c in rows(db, "SELECT * FROM copies")}
    assert all(copies[n]["via"] == "live" and copies[n]["fetch_count"] == 2 for n in GUARDED)
    versions = rows(db, "SELECT via FROM revisions WHERE url LIKE ? ORDER BY id", ["%id=6496"])
    assert [v["via"] for v in versions] == ["wayback", "live"]


def test_fallback_none_drops_refused_pages_without_asking_the_archive(tmp_path):
    registry = tmp_path / "sources.toml"
    entry = (ROOT_REGISTRY.read_text().split("[sources.ispr]")[1]).split("\n[")[0]
    registry.write_text(f'[sources.ispr]{entry}\nfallback = "none"\n')
    numbers = GUARDED[:3]
    with FakeWayback() as wayback, FixtureServer(guarded_site(tmp_path, numbers), "ispr") as site:
        capture_guarded(wayback, site.url, numbers)
        result = crawl(tmp_path / "a.db", site.url, "--sources", str(registry), *wayback.settings(delay=0.02))
        assert wayback.archive_requests() == []
    run = rows(tmp_path / "a.db", "SELECT * FROM crawl_runs")[-1]
    assert json.loads(run["dropped_by_reason"])["challenge"] == 2 + len(numbers)
    assert result.returncode == ISPR_EXIT, result.stderr


def test_the_archive_throttle_holds_when_the_site_delay_is_dropped(tmp_path):
    """Loopback targets get no site delay; the Archive still gets at most one request a second."""
    numbers = GUARDED[:2]
    with FakeWayback() as wayback, FixtureServer(guarded_site(tmp_path, numbers), "ispr") as site:
        capture_guarded(wayback, site.url, numbers)
        result = crawl(tmp_path / "a.db", site.url, *wayback.settings())
    assert result.returncode == ISPR_EXIT, result.stderr
    times = [t for t, _ in wayback.archive_requests()]
    assert len(times) >= 6
    gaps = [b - a for a, b in pairwise(times)]
    # Times are taken on arrival at the fake: on a busy machine a request that leaves on time can arrive
    # a few tenths of a second late, and the next one then looks early. The median gap is immune to that;
    # no gap comes anywhere near the milliseconds the unthrottled site requests are apart.
    assert statistics.median(gaps) >= 0.97, gaps
    assert min(gaps) >= 0.6, gaps
    site_times = sorted(t for t, _, _ in site.timed_requests)
    assert min(b - a for a, b in pairwise(site_times)) < 0.5  # no site delay
    agents = {
        headers.get("User-Agent", "")
        for _, path, headers in wayback.timed_requests
        if path.startswith("/cdx/")
    }
    assert len(agents) == 1 and agents.pop().startswith("pressarchive/")


def test_429_and_503_from_the_archive_back_off_exponentially(tmp_path):
    numbers = GUARDED[:1]
    with FakeWayback() as wayback, FixtureServer(guarded_site(tmp_path, numbers), "ispr") as site:
        capture_guarded(wayback, site.url, numbers)
        wayback.script = [("/cdx/", 429), ("/cdx/", 503), ("/cdx/", 429)]
        result = crawl(tmp_path / "a.db", site.url, "--ids", numbers[0], *wayback.settings(delay=0.2))
    assert result.returncode == 0, result.stderr
    times = [t for t, _ in wayback.archive_requests("cdx")]
    assert len(times) == 4
    gaps = [b - a for a, b in pairwise(times)]
    assert all(gap >= want * 0.9 for gap, want in zip(gaps, (0.4, 0.8, 1.6), strict=True)), gaps
    copy = rows(tmp_path / "a.db", "SELECT via FROM copies")
    assert copy == [{"via": "wayback"}]


ROOT_REGISTRY = FIXTURES.parents[1] / "crawlers" / "sources.toml"


def test_datasette_lists_the_wayback_releases_with_links_to_their_captures(guarded_crawl, tmp_path):
    db, _, site, wayback = guarded_crawl
    served_db = copy_archive(db, tmp_path)
    with served(served_db) as (base, _):
        page, _ = get(base, f"/{served_db.stem}/wayback_releases")
        number = GUARDED[0]
        article_id = rows(served_db, "SELECT article_id FROM copies WHERE url LIKE ?", [f"%id={number}"])
        release, _ = get(base, f"/{served_db.stem}/articles/{article_id[0]['article_id']}")
    capture = f"{wayback.capture_base}{GOOD}id_/{site.url}{DETAIL.format(number)}"
    assert f'href="{capture}"' in page  # the stored capture URL, rendered as a link
    assert (
        page.count(f'href="{wayback.capture_base}')
        == rows(served_db, "SELECT count(*) AS n FROM revisions WHERE via = 'wayback'")[0]["n"]
    )
    assert 'class="wayback-link"' in release and GOOD in release
