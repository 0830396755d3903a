"""End to end: `pressarchive crawl SOURCE --via wayback` backfills, from a fake Wayback Machine's index,
releases the live site no longer lists; the paged listing resumes where an interrupted run stopped."""

from __future__ import annotations

import json
import re

import pytest

from commands.site_server import FixtureServer, file_name_for, resolve_site
from tests.commands.test_crawl_ispr import articles_by_id, as_manifest, release_id
from tests.conftest import copy_archive, crawl_outcome, expected, rows, run_cli, saved_page
from tests.fake_wayback import FakeWayback

SAMPLE = expected("ispr")
RELEASES = sorted(SAMPLE["releases"])
GONE = ["6480", "6481", "6483"]  # the oldest releases: the live listings no longer show them
OLD_ONLY = ["6484", "6485"]  # captured in 2019 only
DETAIL = "/press-release-detail.php?id={}"
SOFT_404 = b"<html><head><title>Record not found</title></head><body><p>Record not found</p></body></html>"


def site_without(tmp_path, numbers) -> str:
    """The sample as it is today: these releases are gone from its listings and answer 404."""
    folder = tmp_path / "today"
    folder.mkdir()
    for listing in resolve_site("ispr").glob("press-release-archive.php*"):
        html = listing.read_text(encoding="utf-8")
        for number in numbers:
            html = re.sub(rf"<a [^>]*id={number}\b[^>]*>.*?</a>", "", html, flags=re.S)
        (folder / listing.name).write_text(html, encoding="utf-8")
    for number in numbers:
        (folder / file_name_for(DETAIL.format(number))).write_text(
            "<html><body><h1>Not Found</h1></body></html>"
        )
    (folder / "_server.json").write_text(json.dumps({"status": {DETAIL.format(n): 404 for n in numbers}}))
    return str(folder)


def capture_sample(wayback: FakeWayback, site_url: str) -> None:
    """The Archive's captures of the sample's release pages, as it spells them: some with extra query
    parameters, one id only as a soft-404, two only in 2019, and pages outside the release pattern."""
    for position, number in enumerate([*RELEASES, "6530"]):
        extra = "&lang=en" if position % 5 == 0 else ""
        when = "20190305101010" if number in OLD_ONLY else f"2023{position % 12 + 1:02d}05101010"
        wayback.add(site_url + DETAIL.format(number) + extra, when, saved_page("ispr", DETAIL.format(number)))
    wayback.add(site_url + DETAIL.format(6513), "20230101000000", SOFT_404)
    wayback.add(site_url + "/press-release-detail.php?id=latest", "20230101000000", b"<html>x</html>")
    wayback.add(site_url + "/index.php", "20230101000000", saved_page("ispr", "/"))


@pytest.fixture(scope="module")
def today(tmp_path_factory):
    """A live crawl of the site as it is today (without GONE), once; tests copy its archive."""
    tmp = tmp_path_factory.mktemp("today")
    with FixtureServer(site_without(tmp, GONE), "ispr") as site:
        result = run_cli("crawl", "ispr", "--db", str(tmp / "live.db"), "--base-url", f"ispr={site.url}")
        assert result.returncode == crawl_outcome(SAMPLE)[1], result.stderr  # the sample loses 3 pages
        yield site, tmp / "live.db"


def backfill(db, site_url: str, wayback: FakeWayback, *extra: str):
    return run_cli(
        "crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site_url}", "--via", "wayback",
        *wayback.settings(delay=0.01), "--set", "WAYBACK_CDX_PAGE_SIZE=6", *extra,
    )  # fmt: skip


def test_backfill_adds_only_the_releases_the_archive_lacks(today, tmp_path):
    site, live = today
    db = copy_archive(live, tmp_path)
    assert sorted(articles_by_id(db, SAMPLE)) == sorted(set(RELEASES) - set(GONE))
    with FakeWayback() as wayback:
        capture_sample(wayback, site.url)
        result = backfill(db, site.url, wayback)
    assert result.returncode == 0, result.stderr
    articles = articles_by_id(db, SAMPLE)
    assert sorted(articles) == RELEASES
    for number in GONE:
        assert as_manifest(articles[number]) == SAMPLE["releases"][number]
    wayback_copies = rows(db, "SELECT url, via, capture_timestamp FROM copies WHERE via = 'wayback'")
    assert sorted(release_id(c["url"]) for c in wayback_copies) == GONE
    assert all(
        c["capture_timestamp"] and c["url"].endswith(DETAIL.format(release_id(c["url"])))
        for c in wayback_copies
    )
    looked_up = {
        m.group(1) for _, p in wayback.archive_requests("cdx") if (m := re.search(r"id%3D(\d+)&", p))
    }
    assert looked_up.isdisjoint(set(RELEASES) - set(GONE))  # archived releases cost the Archive nothing
    listings = [p for _, p in wayback.archive_requests("cdx") if "collapse=urlkey" in p]
    assert len(listings) > 3 and all("matchType=prefix" in p for p in listings)
    assert not any("/index.php" in p for _, p in wayback.archive_requests("web"))
    cursor = rows(db, "SELECT * FROM wayback_cursors")
    assert len(cursor) == 1 and cursor[0]["finished"]


def test_since_and_until_limit_the_capture_dates(tmp_path):
    db = tmp_path / "a.db"
    with FakeWayback() as wayback, FixtureServer("ispr") as site:
        capture_sample(wayback, site.url)
        result = backfill(db, site.url, wayback, "--since", "2021-01", "--until", "2024")
    assert result.returncode == 0, result.stderr
    archived = set(articles_by_id(db, SAMPLE))
    assert archived == set(RELEASES) - set(OLD_ONLY)
    assert all("from=202101" in p and "to=2024" in p for _, p in wayback.archive_requests("cdx"))
    stamps = [r["capture_timestamp"] for r in rows(db, "SELECT capture_timestamp FROM copies")]
    assert all("202101" <= stamp < "2025" for stamp in stamps)


def test_an_interrupted_backfill_resumes_where_it_stopped(tmp_path):
    db = tmp_path / "a.db"
    listings = []

    def fail_fifth_listing_page(path):
        if "collapse=urlkey" in path:
            listings.append(path)
            return 500 if len(listings) == 5 else None
        return None

    with FakeWayback() as wayback, FixtureServer("ispr") as site:
        capture_sample(wayback, site.url)
        wayback.refuse = fail_fifth_listing_page
        first = backfill(db, site.url, wayback)
        stopped = len(articles_by_id(db, SAMPLE))
        cursor = rows(db, "SELECT resume_key, finished FROM wayback_cursors")
        wayback.refuse = None
        before = len(wayback.archive_requests("cdx"))
        second = backfill(db, site.url, wayback)
        resumed = [p for _, p in wayback.archive_requests("cdx")[before:] if "collapse=urlkey" in p]
        pages = -(-len({c.key for c in wayback.captures if "detail.php" in c.key}) // 6)
    assert first.returncode == 1 and "CDX listing" in first.stderr
    assert 0 < stopped < len(RELEASES)
    assert cursor[0]["resume_key"] and not cursor[0]["finished"]
    assert second.returncode == 0, second.stderr
    # Not from the beginning: from the page before the one that failed (its releases may have been in
    # flight), so two pages are not listed again.
    assert resumed[0].endswith(f"&resumeKey={cursor[0]['resume_key']}")
    assert len(resumed) == pages - 2
    assert sorted(articles_by_id(db, SAMPLE)) == RELEASES
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == len(RELEASES) + 1  # and the re-post
    assert rows(db, "SELECT finished FROM wayback_cursors")[0]["finished"]


def test_a_generic_source_backfills_its_article_pattern_from_a_site_prefix(tmp_path):
    sample = expected("paknavy")
    db = tmp_path / "a.db"
    with FakeWayback() as wayback, FixtureServer("paknavy") as site:
        for position, path in enumerate(sample["articles"]):
            wayback.add(site.url + path, f"2024{position % 9 + 1:02d}01000000", saved_page("paknavy", path))
        for path in ("/press-releases/", "/press-releases/page/2/", "/"):
            wayback.add(site.url + path, "20240101000000", saved_page("paknavy", path))
        result = run_cli(
            "crawl", "paknavy", "--db", str(db), "--base-url", f"paknavy={site.url}", "--via", "wayback",
            *wayback.settings(delay=0.01),
        )  # fmt: skip
        fetched = [p for _, p in wayback.archive_requests("web")]
        assert site.requests == []  # a backfill never touches the live site
    assert result.returncode == 0, result.stderr
    assert len(fetched) == len(sample["articles"])
    assert all("/press-release/" in p for p in fetched)
    copies = rows(db, "SELECT url, via FROM copies")
    assert {c["via"] for c in copies} == {"wayback"}
    assert sorted(c["url"].removeprefix(site.url) for c in copies) == sorted(sample["articles"])


def test_ids_through_the_wayback_machine_skip_the_listing(tmp_path):
    db = tmp_path / "a.db"
    with FakeWayback() as wayback, FixtureServer("ispr") as site:
        capture_sample(wayback, site.url)
        # A longer id that a prefix lookup of ?id=6480 also lists, captured newer: not 6480's.
        wayback.add(
            site.url + DETAIL.format(64801), "20250101000000", saved_page("ispr", DETAIL.format(6545))
        )
        result = backfill(db, site.url, wayback, "--ids", "6480-6483")
        listed = [p for _, p in wayback.archive_requests("cdx") if "collapse=urlkey" in p]
    assert result.returncode == 0, result.stderr
    assert listed == [] and site.requests == []
    # 6480 was captured only as …?id=6480&lang=en: found all the same, and archived as …?id=6480.
    assert sorted(articles_by_id(db, SAMPLE)) == ["6480", "6481", "6483"]
    assert as_manifest(articles_by_id(db, SAMPLE)["6480"]) == SAMPLE["releases"]["6480"]
    assert rows(db, "SELECT url FROM copies WHERE url LIKE '%6480%'")[0]["url"].endswith("?id=6480")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2021"], "need --via wayback"),
        (["--via", "wayback", "--since", "2021-13-01"], "not a calendar date"),
        (["--via", "wayback", "--until", "yesterday"], "--until must be a date"),
        (["--via", "wayback", "--since", "2024", "--until", "2021"], "is after --until"),
        (["--via", "archive"], "'archive' is not one of"),
    ],
)
def test_bad_wayback_options_exit_2_with_one_line(tmp_path, args, message):
    result = run_cli("crawl", "ispr", "--db", str(tmp_path / "a.db"), *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
