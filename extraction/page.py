"""What goes into extraction and what comes out: a fetched page, and either an article or a rejection.

The crawl, `reextract` (stored HTML), `check` (a live canary) and the benches all build a `Page` and call
`extraction.process`, so the four can never disagree about what a page yields.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """A fetched page that should be a release, with what only the crawl knows about it.

    The raw bytes travel with it so every stored revision keeps its original HTML, which lets
    `pressarchive reextract` rebuild articles after an extractor improves without refetching.
    """

    source: str
    url: str
    status: int
    content_type: str
    raw: bytes = field(repr=False)  # never in a log line: a whole page is noise, and may be huge
    encoding: str
    fetched_at: str
    via: str = "live"
    # What the listing page said about this link (e.g. ISPR's category), which the page itself may not.
    hints: dict[str, str] = field(default_factory=dict)
    capture_timestamp: str | None = None
    # The server's validators for this version, sent back on the next fetch (a 304 means unchanged).
    etag: str | None = None
    last_modified: str | None = None

    @property
    def html(self) -> str:
        return self.raw.decode(self.encoding or "utf-8", errors="replace")


@dataclass
class Article:
    """One release as extracted from one page: the fields, how each was found, and its dedup keys."""

    page: Page
    title: str | None
    body: str
    raw_date: str | None = None
    date_origin: str | None = None
    published: str | None = None
    # Why there is no `published` although the page may show a date ("missing", "future", …).
    date_problem: str | None = None
    language: str | None = None
    service: str | None = None
    pr_number: str | None = None
    dateline_place: str | None = None
    # Which method produced each field ("css", "trafilatura", "title-tag", …), for auditing extraction.
    methods: dict[str, str] = field(default_factory=dict)
    canonical_url: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class Rejection:
    """Why a page is not stored: a short reason for stats and logs, and a detail for people."""

    reason: str
    detail: str = ""
