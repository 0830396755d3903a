"""ISPR (ispr.gov.pk): the generic listing walk plus what only ISPR's crawl has.

- Sequential detail ids (`press-release-detail.php?id=N`): `-a ids=A-B` walks them directly, the backfill
  path and the one that still works when the listings change.
- Listing categories (`?cat=army|navy|airforce`), passed on to extraction as the service hint.

Parsing the pages is `extraction.rules.ispr`'s job; this spider only decides what to fetch.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from archive.errors import ConfigError
from crawlers.spiders.generic import GenericSpider
from extraction.rules.ispr import category_service

DETAIL_PATH = "/press-release-detail.php?id={}"
MAX_IDS = 1_000_000


def parse_id_ranges(text: str) -> list[int]:
    """Ids from "A-B" ranges and single ids, comma-separated ("6480-6500,6510"); the count is checked
    before anything is expanded, so a mistyped huge range costs nothing."""
    ranges: list[range] = []
    for part in str(text).split(","):
        match = re.fullmatch(r"\s*(\d{1,12})\s*(?:-\s*(\d{1,12})\s*)?", part)
        if not match:
            raise ConfigError(f"--ids must look like A-B or A-B,C (whole numbers), got {text!r}")
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
        parse_id_ranges(ids)

    def __init__(self, *args, ids: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ids = parse_id_ranges(ids) if ids else None

    async def start(self):
        if self.ids is None:
            async for request in super().start():
                yield request
            return
        urls = [self.source.url(DETAIL_PATH.format(number)) for number in self.ids]
        if self.via == "wayback":
            for request in self.wayback_releases(urls):
                yield request
            return
        for url in urls:
            yield self.release_request(url, {})

    def release_url(self, url: str) -> str:
        """Every link to a release, whatever extra parameters it carries (&lang=en, &cat=army), becomes
        the one URL the id names, so listings, sidebars, id walks and Wayback captures all archive the
        same copy."""
        number = parse_qs(urlsplit(url).query).get("id", [""])[0]
        return self.source.url(DETAIL_PATH.format(int(number))) if number.isdigit() else url

    @classmethod
    def wayback_prefix(cls, source) -> str:
        """Only the release pages: `press-release-detail.php?id=…` under any query."""
        return source.url(DETAIL_PATH.split("?")[0])

    def listing_hints(self, response, hints: dict[str, str]) -> dict[str, str]:
        service = category_service(response.url)
        return {**hints, "service": service} if service else hints
