"""The ISPR spider: what it fetches and what it hands on, driven through its own requests and callbacks on
the saved sample pages."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from archive.errors import ConfigError
from crawlers.sources import load_registry
from crawlers.spiders.ispr import IsprSpider, parse_id_ranges
from extraction import Article, Page, process
from tests.conftest import expected, saved_page

BASE = "http://127.0.0.1:8101"
SAMPLE = expected("ispr")
SOURCE = load_registry()["ispr"].with_base_url(BASE)


def make_spider(**arguments) -> IsprSpider:
    crawler = get_crawler(IsprSpider)
    spider = IsprSpider.from_crawler(crawler, source=SOURCE, **arguments)
    crawler.spider = spider
    crawler.stats.open_spider()
    return spider


@pytest.fixture
def spider():
    return make_spider()


def answer(request) -> list:
    """What the spider does with a request's response: its callback, on the saved page the URL names."""
    response = HtmlResponse(
        url=request.url, body=saved_page("ispr", request.url[len(BASE) :]), encoding="utf-8", request=request
    )
    return list(request.callback(response, **request.cb_kwargs))


def start_requests(spider) -> list:
    async def collect():
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def test_id_ranges():
    assert parse_id_ranges("6480-6483,6490") == [6480, 6481, 6482, 6483, 6490]
    assert parse_id_ranges("7") == [7]
    for bad in ("6483-6480", "abc", "1-2-3", "0-2000000"):
        with pytest.raises(ConfigError):
            parse_id_ranges(bad)


def test_listings_yield_releases_with_their_service_and_follow_pagination(spider):
    """Walks every listing page reachable from the categories' first pages, as the engine would (it
    schedules every start request; a link to a page already requested is not requested again)."""
    pending = start_requests(spider)
    releases, seen = {}, set()
    while pending:
        request = pending.pop()
        if request.url in seen:
            continue
        seen.add(request.url)
        for follow in answer(request):
            if follow.callback == spider.parse_release:
                releases.setdefault(follow.url, follow.cb_kwargs["hints"]["service"])
            else:
                pending.append(follow)
    assert len(seen) == 7  # army 3, navy 2, airforce 2
    want = {
        f"{BASE}/press-release-detail.php?id={n}": service
        for service, numbers in SAMPLE["listings"].items()
        for n in numbers
    }
    assert releases == want


def test_walking_ids_requests_detail_pages_under_base_url():
    requests = start_requests(make_spider(ids="6480-6482"))
    assert [request.url for request in requests] == [
        f"{BASE}/press-release-detail.php?id={n}" for n in (6480, 6481, 6482)
    ]
    assert all(request.callback.__name__ == "parse_release" for request in requests)


def test_a_release_link_with_extra_parameters_is_fetched_as_the_id_names_it(spider):
    request = spider.release_request(f"{BASE}/press-release-detail.php?lang=en&id=0{6480}&cat=army", {})
    assert request.url == f"{BASE}/press-release-detail.php?id=6480"


@pytest.mark.parametrize("number", sorted(SAMPLE["releases"]))
def test_release_fields(spider, number):
    want = SAMPLE["releases"][number]
    request = spider.release_request(
        f"{BASE}/press-release-detail.php?id={number}", {"service": want["service"]}
    )
    (page,) = answer(request)
    assert isinstance(page, Page)
    assert (page.source, page.url, page.hints) == ("ispr", request.url, {"service": want["service"]})
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
