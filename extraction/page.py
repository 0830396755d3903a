"""What goes into extraction and what comes out: a fetched page, and either an article or a rejection.

The crawl, `reextract` (stored HTML), `check` (a live canary) and the benches all build a `Page` and call
`extraction.process`, so the four can never disagree about what a page yields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from extraction.decode import decode, page_encoding
from extraction.dom import Document


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
    # The encoding the text is read in; left empty, it is found from the bytes and content type
    # (`extraction.decode.page_encoding`), which is how every caller should leave it.
    encoding: str
    fetched_at: str
    via: str = "live"
    # What the listing page said about this link (e.g. ISPR's category), which the page itself may not.
    hints: dict[str, str] = field(default_factory=dict)
    # For a Wayback Machine capture (via "wayback"): when it was captured (the Wayback timestamp,
    # YYYYMMDDhhmmss UTC, as in every Wayback URL) and the capture's URL;
    # `url` stays the original release URL, so the copy is the same whether fetched live or from a capture.
    capture_timestamp: str | None = None
    # (Content-Length the server declared, bytes it sent) for a response that declared one: a mismatch
    # is a page cut short in transit.
    lengths: tuple[int, int] | None = None
    # The server's validators for this version, sent back on the next fetch (a 304 means unchanged).
    etag: str | None = None
    last_modified: str | None = None
    capture_url: str | None = None

    def __post_init__(self):
        if not self.encoding:
            object.__setattr__(self, "encoding", page_encoding(self.raw, self.content_type))

    @cached_property
    def html(self) -> str:
        return decode(self.raw, self.encoding)

    @cached_property
    def document(self) -> Document:
        """The page parsed and laid out once, for validation and extraction alike."""
        return Document(self.html)


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
    # Who met whom: `mentions` table rows found by `extraction.entities` and its version; None until the
    # enrich stage has run, so the store leaves the article's mentions alone.
    mentions: list[dict] | None = None
    entities_version: str | None = None


@dataclass(frozen=True)
class Rejection:
    """Why a page is not stored: a short reason for stats and logs, and a detail for people."""

    reason: str
    detail: str = ""
