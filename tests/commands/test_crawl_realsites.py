"""End to end: the failure classes real official sites taught (issue 7), each reproduced by a small saved
site in the markup those sites use (WordPress, Drupal, Joomla, Kentico, ASP.NET), crawled by the real CLI.

1. silent loss: scripts after </html>, no </body></html> at all (kept), a response cut inside a tag
   (dropped), and a source whose every release is dropped (an alarm, exit status 3);
2. timestamps with their own offset; 3. month-first numeric dates, settled by the URL and the listing;
4. pages without a date (copyright, "page modified", visitor counter, countdown) and "Posted On" lines;
5. the lead paragraph its meta description repeats; 6. letterheads, sign-off initials, end markers and
counters; 7. "To read the lawsuit, click here."; 8. soft hyphens, zero-width and no-break spaces.
"""

from __future__ import annotations

import json
from contextlib import ExitStack

import pytest

from commands.site_server import FixtureServer
from extraction.dates import normalise_date
from tests.conftest import crawl_outcome, expected, registry_file, rows, run_cli

SITES = [
    "realsite-tails",  # class 1
    "realsite-offsets",  # class 2
    "realsite-dayorder",  # class 3
    "realsite-nodate",  # class 4
    "realsite-lead",  # class 5
    "realsite-furniture",  # class 6
    "realsite-clickhere",  # class 7
    "realsite-invisible",  # class 8
]


def key_of(site: str) -> str:
    return site.replace("-", "_")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Every site crawled in one run of the CLI, each on its own server, into one archive."""
    folder = tmp_path_factory.mktemp("realsites")
    db = folder / "archive.db"
    with ExitStack() as stack:
        servers = {site: stack.enter_context(FixtureServer(site)) for site in SITES}
        registry = registry_file(folder, {key_of(site): (site, servers[site].url) for site in SITES})
        result = run_cli("crawl", "--sources", registry, *map(key_of, SITES), "--db", str(db))
    return db, result


def test_the_crawl_succeeds_and_says_what_it_lost(crawled):
    """Every site ends as its saved pages say: `ok`, or `partial` where a release was cut off in transit."""
    db, result = crawled
    outcomes = {key_of(site): crawl_outcome(expected(site)) for site in SITES}
    assert result.returncode == max(code for _, code in outcomes.values()), result.stderr
    statuses = {r["source"]: r["status"] for r in rows(db, "SELECT source, status FROM crawl_runs")}
    assert statuses == {key: status for key, (status, _) in outcomes.items()}


@pytest.mark.parametrize("site", SITES)
def test_fields_match_the_pages(crawled, site):
    db, _ = crawled
    manifest = expected(site)
    stored = {
        r["url"].split("/", 3)[3]: r
        for r in rows(db, "SELECT * FROM articles WHERE source = ?", (key_of(site),))
    }
    got = {
        "/" + path: {"title": r["title"], "published": r["published"], "body": r["body"].split("\n\n")}
        for path, r in stored.items()
    }
    want = {
        path: {
            "title": article["title"],
            "published": article["published"] and normalise_date(article["published"]).iso,
            "body": article["body"],
        }
        for path, article in manifest["articles"].items()
    }
    assert got == want


@pytest.mark.parametrize("site", SITES)
def test_junk_is_dropped_by_reason_and_furniture_never_stored(crawled, site):
    db, _ = crawled
    manifest = expected(site)
    run = rows(db, "SELECT dropped_by_reason FROM crawl_runs WHERE source = ?", (key_of(site),))[0]
    reasons: dict[str, int] = {}
    for reason in manifest["junk"].values():
        reasons[reason] = reasons.get(reason, 0) + 1
    assert json.loads(run["dropped_by_reason"]) == reasons
    texts = [
        r["title"] + "\n" + r["body"]
        for r in rows(db, "SELECT title, body FROM articles WHERE source = ?", (key_of(site),))
    ]
    assert [phrase for phrase in manifest["boilerplate"] for text in texts if phrase in text] == []


def test_a_source_whose_releases_are_all_dropped_raises_an_alarm(tmp_path):
    """Every release page of the site is an embedded PDF viewer with no text: each is dropped, so the
    run is an alarm with the reason in its message and exit status 3, never a quiet `ok`."""
    db = tmp_path / "archive.db"
    with FixtureServer("realsite-alarm") as server:
        registry = registry_file(tmp_path, {"realsite_alarm": ("realsite-alarm", server.url)})
        result = run_cli("crawl", "--sources", registry, "realsite_alarm", "--db", str(db))
    assert result.returncode == 3, result.stderr
    run = rows(db, "SELECT status, message FROM crawl_runs")[0]
    assert run["status"] == "alarm"
    assert "3 of 3 new release pages dropped" in run["message"]
    assert "no_body" in run["message"]
    assert "realsite_alarm: layout alarm: 3 of 3 new release pages dropped" in result.stderr
