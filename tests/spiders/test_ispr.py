"""ISPR parsing, tested directly on the saved sample pages."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from archive.errors import ConfigError
from crawlers.sources import load_registry
from crawlers.spiders.ispr import IsprSpider, parse_id_ranges
from extraction import Article, Page, process
from extraction.dateline import Dateline, dateline_line, read_dateline
from extraction.furniture import pr_number_of
from extraction.rules.ispr import infer_service, trim_release
from tests.conftest import expected, saved_page, saved_response

BASE = "http://127.0.0.1:8101"
SAMPLE = expected("ispr")
SOURCE = load_registry()["ispr"].with_base_url(BASE)


@pytest.fixture
def spider():
    crawler = get_crawler(IsprSpider)
    crawler.spider = crawler._create_spider(source=SOURCE)
    crawler.stats.open_spider()
    return crawler.spider


@pytest.mark.parametrize(
    ("text", "place", "raw"),
    [
        ("Rawalpindi - May 10, 2022", "Rawalpindi", "May 10, 2022"),
        ("Islamabad – 25 April 2019", "Islamabad", "25 April 2019"),
        ("Karachi\u00a0-\u00a0March 04, 2024:", "Karachi", "March 04, 2024"),
        ("راولپنڈی - ۴ اکتوبر ۲۰۲۱", "راولپنڈی", "۴ اکتوبر ۲۰۲۱"),
        ("Gwadar", "Gwadar", None),
        ("RAWALPINDI - 10th May, 2022", "Rawalpindi", "10th May, 2022"),
        ("Dera Ismail Khan, May 10, 2022 (18:30 PST)", "Dera Ismail Khan", "May 10, 2022"),
    ],
)
def test_parse_dateline(text, place, raw):
    dateline = read_dateline(text)
    assert (dateline.place, dateline.date) == (place, raw)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PR No. 123/2022-ISPR", "123/2022-ISPR"),
        ("PR No.152/2021-ISPR", "152/2021-ISPR"),
        ("PR-No. 45/2021-ISPR", "45/2021-ISPR"),
        ("No PR-7/2023-ISPR", "7/2023-ISPR"),
        ("Press Release", None),
    ],
)
def test_pr_numbers_from_headings(text, number):
    assert pr_number_of(text) == number


def test_trim_release_cuts_at_any_end_marker_and_drops_chrome():
    for marker in ("-0-0-0-", "-0-0-0-0-0-", "- 0 - 0 - 0 -"):
        assert trim_release(["One.", "Two.", marker, "READERS CORNER", "A link"]) == ["One.", "Two."]
    assert trim_release(["One.", "Two. -0-0-0-", "Share this"]) == ["One.", "Two."]
    assert trim_release(["One.", "READERS CORNER", "Chrome"]) == ["One."]
    assert trim_release(["Scores 0-0 at half time."]) == ["Scores 0-0 at half time."]


def test_id_ranges():
    assert parse_id_ranges("6480-6483,6490") == [6480, 6481, 6482, 6483, 6490]
    assert parse_id_ranges("7") == [7]
    for bad in ("6483-6480", "abc", "1-2-3", "0-2000000"):
        with pytest.raises(ConfigError):
            parse_id_ranges(bad)


def test_service_is_inferred_from_what_the_release_talks_about():
    assert (
        infer_service("PAF aircraft flew relief to Gilgit; the Air Chief thanked the squadron") == "airforce"
    )
    assert infer_service("PNS Tippu Sultan joined the naval exercise with the fleet") == "navy"
    assert infer_service("The COAS visited the Corps headquarters") == "army"
    assert infer_service("Security forces conducted an IBO; troops recovered weapons") == "army"
    assert infer_service("پاک بحریہ کے جہاز نے بحری مشق میں حصہ لیا") == "navy"
    assert infer_service("Air Commodore Khan received the delegation") == "airforce"
    assert infer_service("The Prime Minister chaired a meeting") is None


def test_listings_yield_releases_with_their_service_and_follow_pagination(spider):
    """Walks every listing page reachable from army's first page, as the engine would."""
    pages, releases, seen = [f"{BASE}/press-release-archive.php?cat=army"], {}, set()
    while pages:
        url = pages.pop()
        if url in seen:
            continue
        seen.add(url)
        response = HtmlResponse(url=url, body=saved_page("ispr", url[len(BASE) :]), encoding="utf-8")
        for request in spider.parse_listing(response, {}):
            if request.callback == spider.parse_release:
                releases.setdefault(request.url, request.cb_kwargs["hints"]["service"])
            else:
                pages.append(request.url)
    assert len(seen) == 7  # army 3, navy 2, airforce 2
    want = {
        f"{BASE}/press-release-detail.php?id={n}": service
        for service, numbers in SAMPLE["listings"].items()
        for n in numbers
    }
    assert releases == want


def test_walking_ids_requests_detail_pages_under_base_url():
    crawler = get_crawler(IsprSpider)
    spider = crawler._create_spider(source=SOURCE, ids="6480-6482")

    async def requests():
        return [request.url async for request in spider.start()]

    assert asyncio.run(requests()) == [f"{BASE}/press-release-detail.php?id={n}" for n in (6480, 6481, 6482)]


@pytest.mark.parametrize("number", sorted(SAMPLE["releases"]))
def test_release_fields(spider, number):
    response = saved_response("ispr", f"/press-release-detail.php?id={number}", BASE)
    want = SAMPLE["releases"][number]
    (page,) = spider.parse_release(response, {"service": want["service"]})
    assert isinstance(page, Page)
    article = process(page, SOURCE)
    assert isinstance(article, Article)
    got = {
        "title": article.title,
        "place": article.dateline_place,
        "pr_number": article.pr_number,
        "service": article.service,
        "language": article.language,
        "body": article.body.split("\n\n"),
    }
    assert got == {key: want[key] for key in got}


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        ("TURBAT: 05 February 2018", ("Turbat", "05 February 2018")),
        ("اسکردو، ۱۵ جنوری ۲۰۲۱ء", ("اسکردو", "۱۵ جنوری ۲۰۲۱")),
        ("Rawalpindi, Tuesday, May 10, 2022", ("Rawalpindi", "May 10, 2022")),
        ("RAWALPINDI, Jul 18, 2022: Army troops are assisting the civil administration.", None),
        ("COAS VISITS TROOPS", None),
    ],
)
def test_a_dateline_written_as_the_first_line(paragraph, found):
    dateline = dateline_line(paragraph)
    assert (dateline and (dateline.place, dateline.date)) == found
    assert dateline is None or isinstance(dateline, Dateline)
