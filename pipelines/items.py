"""What a crawl learns besides articles, carried to the store pipeline so that every write lands in the
same batched transactions as the articles (a killed crawl then loses all of a batch or none of it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NotModified:
    """A known release answered 304 Not Modified to a conditional request: unchanged."""

    source: str
    url: str  # canonical, as stored in copies.url
    fetched_at: str


@dataclass(frozen=True)
class Withdrawn:
    """A known release now answers 404 or a soft-404: the site took it down."""

    source: str
    url: str  # canonical, as stored in copies.url
    fetched_at: str
    reason: str


@dataclass(frozen=True)
class DroppedPage:
    """A linked page that is not a release (challenge, soft-404, PDF…), remembered so that nightly runs
    do not fetch permanent junk again and do not mistake known junk for a changed site."""

    source: str
    url: str  # canonical
    fetched_at: str
    reason: str
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ListingSeen:
    """A listing page's validators and links, so a 304 next time still says what it lists."""

    source: str
    url: str
    fetched_at: str
    etag: str | None
    last_modified: str | None
    release_links: list[str] = field(default_factory=list)
    page_links: list[str] = field(default_factory=list)
