"""End to end: the real CLI crawls the bundled ISPR sample through the real Scrapy engine into SQLite."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import expected, rows, run_cli
from tests.fixture_server import FixtureServer

SAMPLE = expected("ispr")
RELEASES = SAMPLE["releases"]
JUNK_COUNTS = {}
for reason in SAMPLE["junk"].values():
    JUNK_COUNTS[reason] = JUNK_COUNTS.get(reason, 0) + 1


def release_id(url: str) -> str:
    return re.search(r"id=(\d+)", url).group(1)


@pytest.fixture(scope="module")
def site():
    with FixtureServer("ispr") as server:
        yield server


@pytest.fixture(scope="module")
def first_crawl(site, tmp_path_factory):
    db = tmp_path_factory.mktemp("ispr") / "archive.db"
    result = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}")
    return db, result


def articles_by_id(db) -> dict[str, dict]:
    """Articles keyed by the id of the original release (whichever copy was fetched first)."""
    articles = {}
    for article in rows(db, "SELECT * FROM articles"):
        number = release_id(article["url"])
        articles[SAMPLE["reposts"].get(number, number)] = article
    return articles


def test_crawl_succeeds_and_reports_a_summary(first_crawl):
    _, result = first_crawl
    assert result.returncode == 0, result.stderr
    summary = result.stdout
    assert re.search(
        rf"ispr\s+ok\s+{len(RELEASES) + len(SAMPLE['reposts']) + len(SAMPLE['junk'])}\s+"
        rf"{len(RELEASES)}\s+{len(SAMPLE['reposts'])}\s+0\s+0\s+{len(SAMPLE['junk'])}",
        summary,
    ), summary


def test_every_valid_release_is_archived_exactly_once(first_crawl):
    db, _ = first_crawl
    assert sorted(articles_by_id(db)) == sorted(RELEASES)


@pytest.mark.parametrize("number", sorted(RELEASES))
def test_article_fields_match_the_page(first_crawl, number):
    db, _ = first_crawl
    article = articles_by_id(db)[number]
    want = RELEASES[number]
    got = {
        "title": article["title"],
        "published": article["published"],
        "place": article["dateline_place"],
        "pr_number": article["pr_number"],
        "service": article["service"],
        "language": article["language"],
        "body": article["body"].split("\n\n"),
    }
    assert got == want


def test_a_repost_is_one_article_with_two_copies(first_crawl):
    db, _ = first_crawl
    for repost, original in SAMPLE["reposts"].items():
        copies = rows(db, "SELECT url FROM copies WHERE article_id = ?", [articles_by_id(db)[original]["id"]])
        assert sorted(release_id(c["url"]) for c in copies) == sorted([original, repost])


def test_copies_and_revisions_cover_every_fetched_release(first_crawl):
    db, _ = first_crawl
    pages = len(RELEASES) + len(SAMPLE["reposts"])
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == pages
    assert rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"] == pages
    raw = rows(
        db, "SELECT length(raw_html) AS n FROM revisions WHERE raw_html IS NULL OR length(raw_html) < 100"
    )
    assert raw == []


def test_junk_is_counted_by_reason_and_never_stored(first_crawl):
    db, result = first_crawl
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert json.loads(run["dropped_by_reason"]) == JUNK_COUNTS
    stored = {release_id(c["url"]) for c in rows(db, "SELECT url FROM copies")}
    assert stored.isdisjoint(SAMPLE["junk"])
    for number, reason in SAMPLE["junk"].items():
        assert re.search(rf"dropped {reason}: \S+id={number}\b", result.stderr), (number, reason)


def test_robots_txt_is_obeyed_and_the_crawler_identifies_itself(site, first_crawl):
    requested = [path for path, _ in site.requests]
    assert "/robots.txt" in requested
    for number in SAMPLE["disallowed"]:
        assert f"/press-release-detail.php?id={number}" not in requested
    assert {agent for _, agent in site.requests} == {
        agent for _, agent in site.requests if "pressarchive" in agent
    }


def test_recrawl_changes_nothing_then_records_an_edit(site, first_crawl):
    db, _ = first_crawl
    again = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}")
    assert again.returncode == 0, again.stderr
    second = rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]
    pages = len(RELEASES) + len(SAMPLE["reposts"])
    assert (second["new"], second["copies_added"], second["updated"], second["unchanged"]) == (0, 0, 0, pages)
    assert rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"] == pages
    assert rows(db, "SELECT max(fetch_count) AS n FROM copies")[0]["n"] == 2

    site.set_sites("ispr-edited", "ispr")
    try:
        edited = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}")
    finally:
        site.set_sites("ispr")
    assert edited.returncode == 0, edited.stderr
    third = rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]
    assert (third["new"], third["updated"], third["unchanged"]) == (
        0,
        len(SAMPLE["edited"]),
        pages - len(SAMPLE["edited"]),
    )
    articles = articles_by_id(db)
    for number, change in SAMPLE["edited"].items():
        assert articles[number]["body"].split("\n\n") == change["body"]
        versions = rows(db, "SELECT body FROM revisions WHERE url LIKE ? ORDER BY id", [f"%id={number}"])
        assert [v["body"].split("\n\n") for v in versions] == [RELEASES[number]["body"], change["body"]]


def test_walking_ids_finds_the_same_releases(site, tmp_path):
    db = tmp_path / "ids.db"
    numbers = sorted(int(n) for n in [*RELEASES, *SAMPLE["junk"], *SAMPLE["reposts"]])
    result = run_cli(
        "crawl",
        "ispr",
        "--db",
        str(db),
        "--base-url",
        f"ispr={site.url}",
        "--ids",
        f"{numbers[0]}-{numbers[-1]}",
    )
    assert result.returncode == 0, result.stderr
    articles = articles_by_id(db)
    assert sorted(articles) == sorted(RELEASES)
    for number, article in articles.items():
        want = RELEASES[number]
        assert (article["title"], article["published"], article["body"].split("\n\n")) == (
            want["title"],
            want["published"],
            want["body"],
        )
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    gaps = numbers[-1] - numbers[0] + 1 - len(numbers) - len(SAMPLE["disallowed"])
    assert json.loads(run["dropped_by_reason"]) == {**JUNK_COUNTS, "not_found": gaps}
