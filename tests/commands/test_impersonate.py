"""A source with `impersonate = "chrome"` is fetched through scrapy-impersonate (curl_cffi presenting a
browser's TLS and HTTP/2 fingerprint and its headers), politely: robots.txt, the same delays, a From
header with the registry's contact. Against the local sample site, through the normal pipeline."""

from __future__ import annotations

import json

import pytest

from commands.site_server import FixtureServer
from crawlers.sources import RegistryError, load_registry
from tests.conftest import expected, rows, run_cli

CONTACT = "archive-team@example.org"


def registry(tmp_path, url: str, **extra: str) -> str:
    """The shipped paknavy entry at `url`, with `extra` keys."""
    shipped = load_registry()["paknavy"]
    lines = [
        "[sources.paknavy]",
        f"name = {json.dumps(shipped.name)}",
        f'base_url = "{url}"',
        f"start_paths = {json.dumps(list(shipped.start_paths))}",
        f"article_pattern = {json.dumps(shipped.article_pattern)}",
        f"next_pattern = {json.dumps(shipped.next_pattern)}",
        f'service = "{shipped.service}"',
        *(f"{key} = {json.dumps(value)}" for key, value in extra.items()),
    ]
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@pytest.fixture(scope="module")
def impersonated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("impersonate")
    with FixtureServer("paknavy") as site:
        sources = registry(tmp, site.url, impersonate="chrome", contact=CONTACT)
        result = run_cli("crawl", "--sources", sources, "paknavy", "--db", str(tmp / "a.db"))
        yield result, tmp / "a.db", site.timed_requests


def test_the_impersonated_crawl_archives_the_site_like_a_plain_one(impersonated):
    result, db, _ = impersonated
    assert result.returncode == 0, result.stderr
    manifest = expected("paknavy")
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(manifest["articles"])
    stats = json.loads(rows(db, "SELECT stats FROM crawl_runs")[-1]["stats"])
    assert stats["impersonate/request_bytes"] > 0  # every byte went through curl_cffi


def test_every_request_presents_the_browser_and_says_who_runs_the_crawl(impersonated):
    _, _, requests = impersonated
    assert requests[0][1] == "/robots.txt"  # still asked first, and obeyed
    for _, path, sent in requests:
        headers = {name.lower(): value for name, value in sent.items()}  # curl sends lower-case names
        assert "Chrome/" in headers["user-agent"], path
        assert "Chrome" in headers.get("sec-ch-ua", ""), path
        assert headers["from"] == CONTACT, path


def test_without_impersonate_scrapy_fetches_as_pressarchive(tmp_path):
    with FixtureServer("paknavy") as site:
        sources = registry(tmp_path, site.url, contact=CONTACT)
        result = run_cli("crawl", "--sources", sources, "paknavy", "--db", str(tmp_path / "a.db"))
    assert result.returncode == 0, result.stderr
    agents = {headers["User-Agent"] for _, _, headers in site.timed_requests}
    assert len(agents) == 1 and agents.pop().startswith("pressarchive/")
    assert {headers["From"] for _, _, headers in site.timed_requests} == {CONTACT}
    assert not any("sec-ch-ua" in headers for _, _, headers in site.timed_requests)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"impersonate": "netscape"}, "impersonate must be one of chrome, edge, safari, firefox"),
        ({"fallback": "google-cache"}, "fallback must be one of wayback, none"),
        ({"contact": "call us"}, "contact must be an e-mail address"),
    ],
)
def test_bad_fetching_keys_are_refused_with_file_source_and_key(tmp_path, extra, message):
    path = registry(tmp_path, "https://www.paknavy.gov.pk", **extra)
    with pytest.raises(RegistryError, match=message) as error:
        load_registry(path)
    assert "[sources.paknavy]" in str(error.value)


def test_shipped_sources_fall_back_to_the_wayback_machine():
    assert {source.fallback for source in load_registry().values()} == {"wayback"}


def test_check_fetches_an_impersonating_source_the_way_the_crawl_does(tmp_path):
    with FixtureServer("paknavy") as site:
        sources = registry(tmp_path, site.url, impersonate="chrome", contact=CONTACT)
        result = run_cli("check", "--sources", sources, "paknavy", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    (report,) = json.loads(result.stdout)
    assert report["verdict"] == "OK" and report["body_chars"] > 200
    sent = [{name.lower(): value for name, value in headers.items()} for _, _, headers in site.timed_requests]
    assert len(sent) >= 3 and all("Chrome/" in h["user-agent"] and h["from"] == CONTACT for h in sent)
