"""Per-response costs the crawl settings avoid, and the conditions that make avoiding them safe."""

import inspect

from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from commands.options import project_settings
from crawlers.middlewares import ChallengeAwareRetryMiddleware

CHALLENGE = b"<html><head><title>Just a moment...</title></head><body>checking</body></html>"
PAGE = b"<html><body><p>A release.</p></body></html>"


def test_items_are_handled_one_at_a_time_because_every_stage_is_synchronous():
    """CONCURRENT_ITEMS = 1 loses nothing only while no stage waits on anything (a coroutine or a
    Deferred): an asynchronous stage would want several items of a response in flight."""
    settings = project_settings()
    assert settings.getint("CONCURRENT_ITEMS") == 1
    stages = [load_object(path) for path in settings.getdict("ITEM_PIPELINES")]
    assert len(stages) >= 3
    for stage in stages:
        for name in ("process_item", "open_spider", "close_spider"):
            method = getattr(stage, name, None)
            assert method is None or not inspect.iscoroutinefunction(method), (stage, name)
            assert method is None or "Deferred" not in inspect.getsource(method), (stage, name)


class CountingResponse(HtmlResponse):
    """Counts reads of the decoded text (the costly part of looking for a challenge)."""

    reads = 0

    @property
    def text(self):
        CountingResponse.reads += 1
        return super().text


def middleware():
    crawler = get_crawler(Spider, settings_dict={"RETRY_TIMES": 2})
    crawler.spider = Spider.from_crawler(crawler, "site")
    return ChallengeAwareRetryMiddleware.from_crawler(crawler)


def response(status: int, body: bytes) -> CountingResponse:
    request = Request("http://127.0.0.1:8101/press-release-detail.php?id=1")
    return CountingResponse(request.url, status=status, body=body, request=request)


def test_a_page_that_would_not_be_retried_is_not_read_for_a_challenge():
    CountingResponse.reads = 0
    page = response(200, CHALLENGE)
    assert middleware().process_response(page.request, page) is page
    assert CountingResponse.reads == 0


def test_retry_statuses_still_tell_challenges_from_errors():
    CountingResponse.reads = 0
    retries = middleware()
    challenge = response(503, CHALLENGE)
    assert retries.process_response(challenge.request, challenge) is challenge  # not retried
    error = response(503, PAGE)
    retried = retries.process_response(error.request, error)
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1
    assert CountingResponse.reads >= 2
