"""End to end: the real CLI crawls the bundled ISPR sample through the real Scrapy engine into SQLite."""

from __future__ import annotations

import json
import re

import pytest

from commands.site_server import FixtureServer
from tests.conftest import expected, rows, run_cli

SITES = [
    "ispr",
    "ispr-variant",
    "ispr-variant2",
    "ispr-variant3",
]  # the bundled sample, and siblings in its markup family


def release_id(url: str) -> str:
    return re.search(r"id=(\d+)", url).group(1)


def junk_counts(sample) -> dict[str, int]:
    counts = {}
    for reason in sample["junk"].values():
        counts[reason] = counts.get(reason, 0) + 1
    return counts


@pytest.fixture(scope="module", params=SITES)
def site(request):
    with FixtureServer(request.param) as server:
        server.name = request.param
        server.sample = expected(request.param)
        yield server


@pytest.fixture(scope="module")
def first_crawl(site, tmp_path_factory):
    db = tmp_path_factory.mktemp(site.name) / "archive.db"
    result = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}")
    return db, result, site.sample


def articles_by_id(db, sample) -> dict[str, dict]:
    """Articles keyed by the id of the original release (whichever copy was fetched first)."""
    articles = {}
    for article in rows(db, "SELECT * FROM articles"):
        number = release_id(article["url"])
        articles[sample["reposts"].get(number, number)] = article
    return articles


def as_manifest(article: dict) -> dict:
    return {
        "title": article["title"],
        "published": article["published"],
        "place": article["dateline_place"],
        "pr_number": article["pr_number"],
        "service": article["service"],
        "language": article["language"],
        "body": article["body"].split("\n\n"),
    }


def test_crawl_succeeds_and_reports_a_summary(first_crawl):
    _, result, sample = first_crawl
    assert result.returncode == 0, result.stderr
    releases, reposts, junk = len(sample["releases"]), len(sample["reposts"]), len(sample["junk"])
    summary = rf"ispr\s+ok\s+{releases + reposts + junk}\s+{releases}\s+{reposts}\s+0\s+0\s+{junk}\s"
    assert re.search(summary, result.stdout), result.stdout


def test_every_valid_release_is_archived_exactly_once(first_crawl):
    db, _, sample = first_crawl
    assert sorted(articles_by_id(db, sample)) == sorted(sample["releases"])


def test_article_fields_match_the_pages(first_crawl):
    db, _, sample = first_crawl
    articles = articles_by_id(db, sample)
    wrong = {
        number: {k: (v, want[k]) for k, v in as_manifest(articles[number]).items() if v != want[k]}
        for number, want in sample["releases"].items()
        if as_manifest(articles[number]) != want
    }
    assert wrong == {}


def test_a_repost_is_one_article_with_two_copies(first_crawl):
    db, _, sample = first_crawl
    articles = articles_by_id(db, sample)
    for repost, original in sample["reposts"].items():
        copies = rows(db, "SELECT url FROM copies WHERE article_id = ?", [articles[original]["id"]])
        assert sorted(release_id(c["url"]) for c in copies) == sorted([original, repost])


def test_copies_and_revisions_cover_every_fetched_release(first_crawl):
    db, _, sample = first_crawl
    pages = len(sample["releases"]) + len(sample["reposts"])
    assert rows(db, "SELECT count(*) AS n FROM copies")[0]["n"] == pages
    assert rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"] == pages
    short = "SELECT id FROM revisions WHERE raw_html IS NULL OR length(raw_html) < 100"
    assert rows(db, short) == []


def test_junk_is_counted_by_reason_and_never_stored(first_crawl):
    db, result, sample = first_crawl
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    assert json.loads(run["dropped_by_reason"]) == junk_counts(sample)
    stored = {release_id(c["url"]) for c in rows(db, "SELECT url FROM copies")}
    assert stored.isdisjoint(sample["junk"])
    for number, reason in sample["junk"].items():
        assert re.search(rf"dropped {reason}: \S+id={number}\b", result.stderr), (number, reason)


def test_robots_txt_is_obeyed_and_the_crawler_identifies_itself(site, first_crawl):
    requested = [path for path, _ in site.requests]
    assert "/robots.txt" in requested
    for number in site.sample["disallowed"]:
        assert not any(f"id={number}" in path for path in requested)
    agents = {agent for _, agent in site.requests}
    assert len(agents) == 1 and agents.pop().startswith("pressarchive/")


def test_recrawl_changes_nothing_then_records_an_edit(site, first_crawl):
    db, _, sample = first_crawl
    pages = len(sample["releases"]) + len(sample["reposts"])
    start = len(site.requests)
    again = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}")
    assert again.returncode == 0, again.stderr
    second = rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]
    assert (second["new"], second["copies_added"], second["updated"], second["withdrawn"]) == (0, 0, 0, 0)
    # Incremental: the entry listings and robots.txt, plus only junk that may pass next time (a challenge).
    retried = {
        n
        for n, reason in sample["junk"].items()
        if reason in ("challenge", "http_error", "empty", "malformed")
    }
    fetched = {path for path, _ in site.requests[start:]}
    details = {p for p in fetched if "detail" in p}
    assert details <= {f"/press-release-detail.php?id={n}" for n in retried}
    assert len(fetched) - len(details) <= 3 + 2
    assert second["skipped_pages"] > 0
    full = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}", "--full")
    assert full.returncode == 0, full.stderr
    third = rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]
    assert (third["new"], third["updated"], third["unchanged"], third["not_modified"]) == (0, 0, pages, pages)
    assert rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"] == pages
    assert rows(db, "SELECT max(fetch_count) AS n FROM copies")[0]["n"] == 2
    if not sample["edited"]:
        return
    site.set_sites(f"{site.name}-edited", site.name)
    try:
        # Every known release is due for its re-check when the interval is 0 days.
        edited = run_cli(
            "crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}", "--recheck-days", "0"
        )
    finally:
        site.set_sites(site.name)
    assert edited.returncode == 0, edited.stderr
    fourth = rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]
    changed = len(sample["edited"])
    assert (fourth["new"], fourth["updated"], fourth["unchanged"]) == (0, changed, pages - changed)
    assert fourth["rechecked"] >= pages
    articles = articles_by_id(db, sample)
    for number, change in sample["edited"].items():
        assert articles[number]["body"].split("\n\n") == change["body"]
        versions = rows(db, "SELECT body FROM revisions WHERE url LIKE ? ORDER BY id", [f"%id={number}"])
        assert [v["body"].split("\n\n") for v in versions] == [
            sample["releases"][number]["body"],
            change["body"],
        ]


def test_walking_ids_finds_the_same_releases(site, tmp_path):
    """The backfill path: no listings, so services come from breadcrumbs or the text itself."""
    sample = site.sample
    db = tmp_path / "ids.db"
    numbers = sorted(int(n) for n in [*sample["releases"], *sample["junk"], *sample["reposts"]])
    ids = f"{numbers[0]}-{numbers[-1]}"
    result = run_cli("crawl", "ispr", "--db", str(db), "--base-url", f"ispr={site.url}", "--ids", ids)
    assert result.returncode == 0, result.stderr
    articles = articles_by_id(db, sample)
    assert sorted(articles) == sorted(sample["releases"])
    wrong = {n: as_manifest(a) for n, a in articles.items() if as_manifest(a) != sample["releases"][n]}
    assert wrong == {}
    run = rows(db, "SELECT * FROM crawl_runs")[-1]
    gaps = numbers[-1] - numbers[0] + 1 - len(numbers) - len(sample["disallowed"])
    assert json.loads(run["dropped_by_reason"]) == {**junk_counts(sample), "not_found": gaps}
