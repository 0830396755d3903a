"""End to end: the sample sites of every source crawled into one archive by the real CLI give one article
per statement, with every copy (near-duplicates included, each with its score and reason) and every
English–Urdu pair linked.

`newsdesk` is an unofficial site that re-posts three ISPR sample releases its own way (an intro and the
headline line, a paragraph cut, a typo) and carries two other statements in the same formulaic words
(an operation in another district, another visitor calling on the same chief). `ispr-urdu` adds the
Urdu version of an English sample release, under the same PR number.
"""

from __future__ import annotations

import re

import pytest

from commands.site_server import FixtureServer
from tests.conftest import crawl_outcome, expected, rows, run_cli

COPIED = {  # newsdesk page -> the ISPR release it re-posts
    "coas-visits-troops-in-north-waziristan": "6501",
    "security-forces-operation-in-bannu": "6541",
    "corps-commanders-review-security": "6496",
}
OTHERS = ["security-forces-operation-in-kurram", "jordanian-army-chief-calls-on-coas"]
NEWSDESK = """[sources.newsdesk]
name = "Newsdesk (unofficial re-posts)"
base_url = "{url}"
start_paths = ["/press/"]
article_pattern = "/press/[a-z0-9-]+$"
language = "en"
"""


def crawl(*args, code: int = 0):
    result = run_cli("crawl", *args)
    assert result.returncode == code, result.stderr
    return result


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("every-source")
    db = str(folder / "archive.db")
    with FixtureServer("ispr") as ispr:
        crawl("ispr", "--db", db, "--base-url", f"ispr={ispr.url}", code=crawl_outcome(expected("ispr"))[1])
        for site in ("paknavy", "paf"):
            with FixtureServer(site) as server:
                crawl(site, "--db", db, "--base-url", f"{site}={server.url}")
        with FixtureServer("newsdesk") as server:
            registry = folder / "newsdesk.toml"
            registry.write_text(NEWSDESK.format(url=server.url), encoding="utf-8")
            crawl("--sources", str(registry), "newsdesk", "--db", db)
        ispr.set_sites("ispr-urdu", "ispr")  # later, on the same host: the Urdu version appears
        crawl("ispr", "--db", db, "--base-url", f"ispr={ispr.url}", "--ids", "6545-6549")
    return db


def article_at(db, pattern: str) -> dict:
    copy = rows(db, "SELECT * FROM copies WHERE url LIKE ?", [f"%{pattern}"])
    assert len(copy) == 1, pattern
    return {**rows(db, "SELECT * FROM articles WHERE id = ?", [copy[0]["article_id"]])[0], "copy": copy[0]}


def test_one_article_per_statement_across_every_source(archive):
    statements = (
        len(expected("ispr")["releases"])
        + len(expected("paknavy")["articles"])
        + len(expected("paf")["articles"])
        + len(OTHERS)
        + 1  # the Urdu version: another article, linked
    )
    assert rows(archive, "SELECT count(*) AS n FROM articles")[0]["n"] == statements


def test_re_posts_elsewhere_join_the_official_release_with_score_and_reason(archive):
    for page, number in COPIED.items():
        copy = article_at(archive, f"/press/{page}")
        release = article_at(archive, f"id={number}")
        assert copy["id"] == release["id"], page
        assert copy["copy"]["official"] == 0 and copy["copy"]["match_score"] >= 0.6
        assert copy["copy"]["match_reason"].startswith("same statement: text overlap"), copy["copy"]
        assert re.search(rf"id={number}$", release["url"]), "the official copy stays primary"


def test_statements_in_the_same_words_stay_apart(archive):
    for page in OTHERS:
        article = article_at(archive, f"/press/{page}")
        assert article["url"].endswith(page) and article["copy"]["match_reason"] is None


def test_the_urdu_version_is_linked_to_the_english_release(archive):
    urdu, english = article_at(archive, "id=6549"), article_at(archive, "id=6545")
    assert urdu["id"] != english["id"] and urdu["language"] == "ur"
    assert urdu["translation_of"] == english["id"]
    assert urdu["translation_reason"] == "same PR number (262/2024-ISPR)"


def test_every_copy_and_version_is_kept(archive):
    pages = len(expected("ispr")["releases"]) + len(expected("ispr")["reposts"])
    pages += sum(len(expected(s)["articles"]) + len(expected(s)["reposts"]) for s in ("paknavy", "paf"))
    pages += len(COPIED) + len(OTHERS) + 1
    assert rows(archive, "SELECT count(*) AS n FROM copies")[0]["n"] == pages
    assert rows(archive, "SELECT count(*) AS n FROM revisions")[0]["n"] == pages
