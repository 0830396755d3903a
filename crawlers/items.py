"""The item that travels from a spider through the pipelines: one fetched release page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReleasePage:
    """A fetched page that should be a release; spiders fill the first block, pipelines the rest.

    The raw bytes travel with the item so every stored revision keeps its original HTML, which lets
    `pressarchive reextract` rebuild articles after an extractor improves without refetching.
    """

    source: str
    url: str
    status: int
    content_type: str
    raw: bytes
    encoding: str
    fetched_at: str
    via: str = "live"
    # What the listing page said about this link (e.g. ISPR's category), which the page itself may not.
    hints: dict[str, str] = field(default_factory=dict)

    title: str | None = None
    body: str = ""
    raw_date: str | None = None
    date_origin: str | None = None
    published: str | None = None
    language: str | None = None
    service: str | None = None
    pr_number: str | None = None
    dateline_place: str | None = None
    # Which method produced each field ("css", "trafilatura", "title-tag", …), for auditing extraction.
    methods: dict[str, str] = field(default_factory=dict)
    canonical_url: str | None = None
    content_hash: str | None = None

    @property
    def html(self) -> str:
        return self.raw.decode(self.encoding or "utf-8", errors="replace")
