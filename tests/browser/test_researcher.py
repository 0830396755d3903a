"""A researcher's first minute in a real browser (Debian's chromium driven by Playwright): search in
English and Urdu, read a release, filter by a facet, see the chart. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from commands.serve import served
from tests.conftest import copy_archive, expected, rows

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# Headless flags for this closed network: no background connections, no first-run work (see README).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "browser tests skipped: Debian's chromium is missing; run `apt-get install -y chromium` "
        "(make test does this when run as root)",
        allow_module_level=True,
    )

SAMPLE = expected("ispr")


@pytest.fixture(scope="module")
def browser_page(ispr_archive, tmp_path_factory):
    db = copy_archive(ispr_archive, tmp_path_factory.mktemp("browser"))
    ARTIFACTS.mkdir(exist_ok=True)
    with served(db) as (base, _), sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(20_000)
        yield base, db, page
        browser.close()


def test_the_front_page_introduces_the_archive(browser_page):
    base, _, page = browser_page
    page.goto(base + "/")
    assert "pressarchive" in page.title()
    page.get_by_role("link", name="Search releases").click()
    page.wait_for_selector("input[name=q]")
    page.goto(base + "/")
    assert page.get_by_role("link", name="Releases over time").count() == 1
    page.screenshot(path=str(ARTIFACTS / "front-page.png"), full_page=True)


def test_searching_an_english_and_an_urdu_word(browser_page):
    base, db, page = browser_page
    page.goto(f"{base}/{db.stem}/search")
    page.fill("input[name=q]", "Waziristan")
    page.locator("form input[type=submit]").first.click()
    page.wait_for_selector("table.rows-and-columns")
    want = {
        r["title"] for r in SAMPLE["releases"].values() if "Waziristan" in r["title"] + " ".join(r["body"])
    }
    shown = set(page.locator("table.rows-and-columns td.col-title").all_inner_texts())
    assert shown == want
    urdu = next(r for r in SAMPLE["releases"].values() if r["language"] == "ur")
    word = max(urdu["body"][0].split(), key=len)
    page.fill("input[name=q]", word)
    page.locator("form input[type=submit]").first.click()
    page.wait_for_selector("table.rows-and-columns")
    assert urdu["title"] in page.locator("table.rows-and-columns td.col-title").all_inner_texts()
    page.screenshot(path=str(ARTIFACTS / "search-urdu.png"), full_page=True)


def test_reading_a_release_with_its_copies(browser_page):
    base, db, page = browser_page
    article = rows(
        db,
        "SELECT a.id, a.title, a.body FROM articles a WHERE (SELECT count(*) FROM copies c "
        "WHERE c.article_id = a.id) > 1 LIMIT 1",
    )[0]
    page.goto(f"{base}/{db.stem}/articles/{article['id']}")
    assert page.locator("h1.release-title").inner_text() == article["title"]
    assert page.locator(".release-body p").all_inner_texts() == article["body"].split("\n\n")
    links = page.locator("a.copy-link").evaluate_all("els => els.map(e => e.href)")
    assert sorted(links) == sorted(
        r["url"] for r in rows(db, "SELECT url FROM copies WHERE article_id = ?", [article["id"]])
    )
    raw = page.locator("a.raw-link").first.get_attribute("href")
    assert re.fullmatch(rf"/-/raw/{db.stem}/\d+", raw)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)


def test_a_urdu_release_reads_right_to_left(browser_page):
    base, db, page = browser_page
    urdu = rows(db, "SELECT id FROM articles WHERE language = 'ur' LIMIT 1")[0]
    page.goto(f"{base}/{db.stem}/articles/{urdu['id']}")
    body = page.locator(".release-body p").first
    assert body.evaluate("p => getComputedStyle(p).direction") == "rtl"


def test_filtering_by_a_service_facet(browser_page):
    base, db, page = browser_page
    page.goto(f"{base}/{db.stem}/articles")
    facet = page.locator(".facet-info[data-column=service] li a", has_text="navy").first
    facet.click()
    page.wait_for_url(re.compile(r"service=navy"))
    count = rows(db, "SELECT count(*) AS n FROM articles WHERE service = 'navy'")[0]["n"]
    assert f"{count} row" in page.locator("h3").first.inner_text()
    assert set(page.locator("td.col-service").all_inner_texts()) == {"navy"}


def test_the_dashboard_charts_releases_per_month(browser_page):
    base, _, page = browser_page
    page.goto(base + "/-/dashboards/releases")
    for name in ("per-month-service", "foreign-countries"):
        chart = page.locator(f"#chart-{name}")
        chart.locator("svg .mark-rect path, canvas").first.wait_for()
        assert chart.locator("svg .mark-rect path").count() or chart.locator("canvas").count()
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)


def test_the_three_releases_of_29_october_2024_without_sql(browser_page):
    base, _, page = browser_page
    page.goto(base + "/")
    page.get_by_role("link", name="Everything published on one day").click()
    page.fill("input[name=day]", "2024-10-29")
    page.locator("form input[type=submit]").first.click()
    page.wait_for_selector("table.rows-and-columns")
    titles = page.locator("table.rows-and-columns td.col-title").all_inner_texts()
    want = [r["title"] for r in SAMPLE["releases"].values() if r["published"] == "2024-10-29"]
    assert sorted(titles) == sorted(want) and len(want) == 3
    assert sorted(page.locator("td.col-service").all_inner_texts()) == ["airforce", "army", "navy"]
    page.goto(base + "/")
    page.get_by_role("link", name="Engagements with a foreign country").click()
    page.fill("input[name=country]", "Russia")
    page.fill("input[name=since]", "2020-01-01")
    page.locator("form input[type=submit]").first.click()
    page.wait_for_selector("table.rows-and-columns")
    assert page.locator("td.col-foreign_country").all_inner_texts() == ["RU"] * 3
