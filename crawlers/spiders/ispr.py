"""ISPR (ispr.gov.pk): the generic listing walk plus what only ISPR's crawl has.

- Sequential detail ids (`press-release-detail.php?id=N`): `-a ids=A-B` walks them directly, the backfill
  path and the one that still works when the listings change. `-a ids=A-` walks on from A until
  MISSING_IDS_STOP ids in a row are missing (404 or "Record not found"); the CLI's `--ids new` is that
  walk from the highest archived id. Archived ids are not fetched again (unless FULL_CRAWL).
- Listing categories (`?cat=army|navy|airforce`), passed on to extraction as the service hint.

Parsing the pages is `extraction.rules.ispr`'s job; this spider only decides what to fetch.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from scrapy.http import TextResponse

from archive.errors import ConfigError
from crawlers.spiders.generic import GenericSpider, meta_of
from extraction.rules.ispr import category_service
from extraction.validate import page_problem

DETAIL_PATH = "/press-release-detail.php?id={}"
MAX_IDS = 1_000_000


MISSING = ("not_found", "soft_404")
RESUME = "new"  # `--ids new`: the CLI turns it into an open walk from the highest archived id


def parse_ids(text: str) -> tuple[list[int], int | None]:
    """(ids of closed ranges, start of an open-ended walk or None) from `--ids`: "A-B,C", or "A-" alone."""
    match = re.fullmatch(r"\s*(\d{1,12})\s*-\s*", str(text))
    if match:
        return [], int(match.group(1))
    return parse_id_ranges(text), None


def parse_id_ranges(text: str) -> list[int]:
    """Ids from "A-B" ranges and single ids, comma-separated ("6480-6500,6510"); the count is checked
    before anything is expanded, so a mistyped huge range costs nothing."""
    ranges: list[range] = []
    for part in str(text).split(","):
        match = re.fullmatch(r"\s*(\d{1,12})\s*(?:-\s*(\d{1,12})\s*)?", part)
        if not match:
            raise ConfigError(
                f"--ids must look like A-B, A-B,C, A- (onwards) or new (whole numbers), got {text!r}"
            )
        low, high = int(match.group(1)), int(match.group(2) or match.group(1))
        if low > high:
            raise ConfigError(f"--ids: range {low}-{high} runs backwards")
        ranges.append(range(low, high + 1))
        if sum(map(len, ranges)) > MAX_IDS:
            raise ConfigError(
                f"--ids: more than {MAX_IDS} ids requested; split the backfill into several runs"
            )
    return [number for ids in ranges for number in ids]


class IsprSpider(GenericSpider):
    name = "ispr"
    walks_ids = True
    # The Archive holds a release under every spelling that was linked (…?id=N&lang=en, …&cat=army).
    lookup_match_type = "prefix"

    @classmethod
    def check_ids(cls, ids: str) -> None:
        if ids.strip() != RESUME:
            parse_ids(ids)

    def __init__(self, *args, ids: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ids, self.walk_from = parse_ids(ids) if ids else (None, None)
        self.walking_ids = ids is not None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.missing_stop = max(1, crawler.settings.getint("MISSING_IDS_STOP"))
        return spider

    def id_url(self, number: int) -> str:
        return self.source.url(DETAIL_PATH.format(number))

    async def start(self):
        if not self.walking_ids:
            async for request in super().start():
                yield request
            return
        if self.via == "wayback":
            for request in self.wayback_releases([self.id_url(number) for number in self.ids]):
                yield request
            return
        for number in self.ids:
            request = self.release_request(self.id_url(number), {})
            if self.full or not self.is_known(request):
                yield request
        if self.walk_from is not None:
            request = self.next_in_walk(self.walk_from - 1, 0)
            if request:
                yield request

    def next_in_walk(self, after: int, missing: int):
        """The next id of an open-ended walk worth asking for (archived ids count as present), or None
        once MISSING_IDS_STOP ids in a row were missing: the walk has passed the newest release."""
        if missing >= self.missing_stop:
            self.crawler.stats.set_value("ids/stopped_after", after)
            return None
        number = after + 1
        request = self.release_request(self.id_url(number), {}, walk=(number, missing))
        while not self.full and self.is_known(request):
            number += 1
            request = self.release_request(self.id_url(number), {}, walk=(number, 0))
        return request

    def is_missing(self, response) -> bool:
        if not isinstance(response, TextResponse):
            return response.status == 404
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        return page_problem(response.status, content_type, response.body, response.text) in MISSING

    def parse_release(self, response, hints: dict[str, str]):
        walk = meta_of(response).get("walk")
        if walk is None:
            yield from super().parse_release(response, hints)
            return
        number, missing = walk
        if self.is_missing(response) and not self.is_known(response.request):
            # Past the newest release (or a gap): not a dropped page, just an id with nothing behind it.
            self.crawler.stats.inc_value("pages/fetched")
            self.crawler.stats.inc_value("ids/missing")
            missing += 1
        else:
            yield from super().parse_release(response, hints)
            missing = 0
        request = self.next_in_walk(number, missing)
        if request:
            yield request

    def on_error(self, failure):
        """An id that could not be fetched is neither present nor missing: the walk goes on."""
        yield from super().on_error(failure)
        walk = failure.request.meta.get("walk")
        if walk:
            request = self.next_in_walk(walk[0], walk[1])
            if request:
                yield request

    def release_url(self, url: str) -> str:
        """Every link to a release, whatever extra parameters it carries (&lang=en, &cat=army), becomes
        the one URL the id names, so listings, sidebars, id walks and Wayback captures all archive the
        same copy."""
        number = parse_qs(urlsplit(url).query).get("id", [""])[0]
        return self.id_url(int(number)) if number.isdigit() else url

    @classmethod
    def wayback_prefix(cls, source) -> str:
        """Only the release pages: `press-release-detail.php?id=…` under any query."""
        return source.url(DETAIL_PATH.split("?")[0])

    def listing_hints(self, response, hints: dict[str, str]) -> dict[str, str]:
        service = category_service(response.url)
        return {**hints, "service": service} if service else hints
