"""`pressarchive check`: a live canary that tells within a minute which sources are broken, why, and what
to try. Per source it makes at most four requests (robots.txt, the first listing page, one release), with
the crawler's User-Agent, so it is safe to run from cron before the nightly crawl.

It uses the crawl's own pure functions (link matching, page validation, the spider's extraction), so
"OK" here means the crawl would work.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from protego import Protego

from crawlers.items import ReleasePage
from crawlers.sources import Source
from crawlers.spiders.generic import GenericSpider, listing_links
from pipelines.dates import normalise_date
from pipelines.validate import ValidateArticlePipeline, page_problem

MAX_BYTES = 8 * 1024 * 1024


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    raw: bytes
    encoding: str

    @property
    def html(self) -> str:
        return self.raw.decode(self.encoding, errors="replace")


@dataclass
class Report:
    source: str
    listing_url: str
    reachable: bool = False
    challenge: bool = False
    links: int = 0
    release_url: str | None = None
    title: str | None = None
    published: str | None = None
    body_chars: int = 0
    verdict: str = "BROKEN"
    reason: str = ""
    fix: str = ""
    notes: list[str] = field(default_factory=list)

    def broken(self, reason: str, fix: str) -> Report:
        self.verdict, self.reason, self.fix = "BROKEN", reason, fix
        return self


def fetch(url: str, user_agent: str, timeout: float) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "text/html,*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, headers, raw = response.status, response.headers, response.read(MAX_BYTES)
    except urllib.error.HTTPError as error:  # 4xx/5xx still carry a page (a challenge, a soft error)
        status, headers, raw = error.code, error.headers, error.read(MAX_BYTES)
    return Fetched(
        url, status, headers.get("Content-Type", ""), raw, headers.get_content_charset() or "utf-8"
    )


def robots_allows(source: Source, url: str, user_agent: str, timeout: float) -> bool:
    try:
        robots = fetch(source.url("/robots.txt"), user_agent, timeout)
    except (OSError, ValueError):
        return True  # Scrapy too treats an unreadable robots.txt as no rules
    if robots.status >= 400:
        return True
    return Protego.parse(robots.html).can_fetch(url, user_agent)


def check_source(
    source: Source, spider_class: type[GenericSpider], user_agent: str, timeout: float
) -> Report:
    report = Report(source.key, source.start_urls[0])
    if not robots_allows(source, report.listing_url, user_agent, timeout):
        return report.broken("robots.txt forbids the listing page", "choose another start_paths entry")
    try:
        listing = fetch(report.listing_url, user_agent, timeout)
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return report.broken(
            f"cannot reach {report.listing_url}: {reason}",
            "check base_url and your network; the site may be down (try again later)",
        )
    report.reachable = True
    problem = page_problem(listing.status, listing.content_type, listing.raw, listing.html)
    if problem == "challenge":
        report.challenge = True
        return report.broken(
            f"blocked by a bot challenge (HTTP {listing.status})",
            "try later or from another network; backfill with --ids or a mirror via --base-url",
        )
    if problem:
        return report.broken(
            f"listing page unusable: {problem} (HTTP {listing.status})",
            "the listing moved: correct start_paths in the registry",
        )
    releases, pages = listing_links(listing.html, listing.url, source)
    report.links = len(releases)
    if not releases:
        return report.broken(
            f"no links match article_pattern {source.article_pattern!r}",
            "the site changed its links: correct article_pattern (see the listing page's links)",
        )
    if source.next_pattern and not pages:
        report.notes.append("no pagination links match next_pattern: only the first page would be crawled")
    report.release_url = releases[0]
    try:
        fetched = fetch(report.release_url, user_agent, timeout)
    except (OSError, ValueError) as error:
        return report.broken(
            f"cannot fetch release {report.release_url}: {getattr(error, 'reason', error)}",
            "the site may be failing; try again later",
        )
    problem = page_problem(fetched.status, fetched.content_type, fetched.raw, fetched.html)
    if problem:
        report.challenge = problem == "challenge"
        return report.broken(
            f"release page unusable: {problem} (HTTP {fetched.status})",
            "article_pattern may match pages that are not releases: tighten it",
        )
    page = ReleasePage(
        source.key,
        fetched.url,
        fetched.status,
        fetched.content_type,
        fetched.raw,
        fetched.encoding,
        fetched_at="",
    )
    fields = spider_class.extract(page, source)
    report.title = fields.title
    report.body_chars = len(fields.body)
    report.published = normalise_date(fields.raw_date).iso if fields.raw_date else None
    if report.body_chars < ValidateArticlePipeline.min_chars:
        return report.broken(
            "no release text extracted", "set body_css (and drop_css for clutter) in the registry"
        )
    if not report.title:
        return report.broken("no title extracted", "set title_css in the registry")
    if not report.published:
        return report.broken("no publication date extracted", "set date_css in the registry")
    report.verdict = "OK"
    return report


def check_sources(
    sources: list[Source], spider_classes: dict[str, type], user_agent: str, timeout: float
) -> list[Report]:
    """Every source checked at once (each is a different site), in the order given."""
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(sources)))) as pool:
        futures = [pool.submit(check_source, s, spider_classes[s.key], user_agent, timeout) for s in sources]
        return [future.result() for future in futures]
