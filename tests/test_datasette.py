"""What a researcher gets from `pressarchive serve`, over HTTP: canned questions with parameters, a
release page that reads as a release, raw captures that cannot run, an immutable file, a clean stop."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

import psutil
import pytest

from commands.serve import served
from tests.conftest import copy_archive, expected, rows

SAMPLE = expected("ispr")


@pytest.fixture(scope="module")
def site(ispr_archive, tmp_path_factory):
    db = copy_archive(ispr_archive, tmp_path_factory.mktemp("served"))
    with served(db) as (base, process):
        yield base, db, process


def get(base: str, path: str, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=20) as response:
        body = response.read()
        return (json.loads(body) if path.endswith(".json") else body.decode()), response.headers


def test_the_file_is_served_immutable_and_never_written(site):
    base, db, _ = site
    before = os.stat(db).st_mtime_ns
    databases, _ = get(base, "/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(db.stem, False)]
    get(base, f"/{db.stem}/articles.json", _facet="service")
    with pytest.raises(urllib.error.HTTPError):
        get(base, f"/{db.stem}.json", sql="DELETE FROM articles")
    assert os.stat(db).st_mtime_ns == before


def test_search_with_filters_finds_english_and_urdu_words(site):
    base, db, _ = site
    found, _ = get(
        base,
        f"/{db.stem}/search.json",
        q="Waziristan",
        since="",
        until="",
        service="",
        source="",
        language="",
        _shape="array",
    )
    want = {
        r["title"] for r in SAMPLE["releases"].values() if "Waziristan" in r["title"] + " ".join(r["body"])
    }
    assert {r["title"] for r in found} == want and want
    assert all(
        "«Waziristan»" in r["passage"]
        for r in found
        if "Waziristan" in r["passage"].replace("«", "").replace("»", "")
    )
    urdu = next(r for r in SAMPLE["releases"].values() if r["language"] == "ur")
    word = max(urdu["body"][0].split(), key=len)
    found, _ = get(
        base,
        f"/{db.stem}/search.json",
        q=word,
        since="",
        until="",
        service="",
        source="",
        language="ur",
        _shape="array",
    )
    assert urdu["title"] in {r["title"] for r in found}
    only_navy, _ = get(
        base,
        f"/{db.stem}/search.json",
        q="Waziristan",
        since="",
        until="",
        service="navy",
        source="",
        language="",
        _shape="array",
    )
    assert all(r["service"] == "navy" for r in only_navy)


def test_one_day_latest_and_dropped_pages_answer_from_the_archive(site):
    base, db, _ = site
    day = rows(db, "SELECT published FROM articles GROUP BY published ORDER BY count(*) DESC LIMIT 1")[0]
    found, _ = get(base, f"/{db.stem}/on_day.json", day=day["published"], _shape="array")
    assert (
        len(found)
        == rows(db, "SELECT count(*) AS n FROM articles WHERE published = ?", [day["published"]])[0]["n"]
    )
    latest, _ = get(base, f"/{db.stem}/latest.json", _shape="array")
    assert len(latest) == min(50, len(SAMPLE["releases"]))
    assert [r["published"] for r in latest] == sorted((r["published"] for r in latest), reverse=True)
    dropped, _ = get(base, f"/{db.stem}/dropped_pages.json", _shape="array")
    reasons = json.loads(rows(db, "SELECT dropped_by_reason FROM crawl_runs")[0]["dropped_by_reason"])
    assert {r["reason"]: r["pages"] for r in dropped} == reasons and reasons


def test_a_release_page_shows_paragraphs_facts_and_every_copy(site):
    base, db, _ = site
    article = rows(
        db,
        "SELECT * FROM articles WHERE id IN (SELECT article_id FROM copies GROUP BY article_id "
        "HAVING count(*) > 1) LIMIT 1",
    )[0]
    page, _ = get(base, f"/{db.stem}/articles/{article['id']}")
    paragraphs = article["body"].split("\n\n")
    assert page.count('<div class="release-body">') == 1
    for paragraph in paragraphs:
        assert f"<p>{paragraph}</p>".replace("'", "&#39;").replace('"', "&#34;") in page
    for copy in rows(db, "SELECT url FROM copies WHERE article_id = ?", [article["id"]]):
        assert f'class="copy-link" href="{copy["url"]}"' in page
    assert article["published"] in page and (article["pr_number"] or "") in page


def test_raw_captures_are_plain_text_in_a_sandbox(site):
    base, db, _ = site
    revision = rows(db, "SELECT id FROM revisions LIMIT 1")[0]["id"]
    text, headers = get(base, f"/-/raw/{db.stem}/{revision}")
    assert headers["Content-Type"].startswith("text/plain")
    assert "sandbox" in headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"
    assert "<html" in text.lower()
    with pytest.raises(urllib.error.HTTPError):
        get(base, f"/-/raw/{db.stem}/999999")


def test_urdu_releases_read_right_to_left(site):
    base, db, _ = site
    urdu = rows(db, "SELECT id FROM articles WHERE language = 'ur' LIMIT 1")[0]
    page, _ = get(base, f"/{db.stem}/articles/{urdu['id']}")
    assert '<article class="release" dir="rtl" lang="ur">' in page


def test_sigterm_stops_datasette_and_removes_the_temporary_files(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    with served(db) as (_, process):
        children = psutil.Process(process.pid).children(recursive=True)
        folders = [arg for child in children for arg in child.cmdline() if "pressarchive-serve-" in arg]
        assert children and folders
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        psutil.wait_procs(children, timeout=10)
        assert not any(child.is_running() and child.status() != psutil.STATUS_ZOMBIE for child in children)
        assert not any(os.path.exists(folder) for folder in folders)


def test_a_wayback_copy_links_its_capture(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    connection = sqlite3.connect(db)
    with connection:
        connection.execute(
            "UPDATE copies SET via = 'wayback', capture_timestamp = '20230514093000' WHERE id = 1"
        )
    url, article_id = connection.execute("SELECT url, article_id FROM copies WHERE id = 1").fetchone()
    connection.close()
    with served(db) as (base, _):
        page, _ = get(base, f"/{db.stem}/articles/{article_id}")
    assert f'class="wayback-link" href="https://web.archive.org/web/20230514093000/{url}"' in page
