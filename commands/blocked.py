"""What `pressarchive check` does for a source that blocks us: fetch like the crawl would (a browser's
fingerprint for sources with `impersonate`), and, when a bot challenge answers, say what to try, in order:
a browser-like fetcher first, then the Wayback Machine, whose CDX index it asks how many captures of the
source's release pages it holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawlers.sources import Source, is_loopback
from crawlers.wayback import CdxError, cdx_query, is_html_capture, on_base_host, parse_cdx
from extraction.normalise import canonical_url

# One CDX page is enough to tell whether the fallback can help; more is a backfill's job.
CENSUS_ROWS = 10000


@dataclass(frozen=True)
class WaybackProbe:
    """Where the CDX API is and what it is asked about for one source (the crawl's own listing prefix)."""

    cdx_url: str
    prefix: str


@dataclass(frozen=True)
class Census:
    captures: int
    releases: int
    good: int
    more: bool

    def describe(self) -> str:
        at_least = "at least " if self.more else ""
        return (
            f"{at_least}{self.captures} capture(s) of {self.releases} release page(s) "
            f"({self.good} answered 200 with HTML)"
        )


def wayback_census(source: Source, probe: WaybackProbe, fetch) -> Census:
    """How many captures of the source's release pages the CDX index lists (one page of it).
    `fetch(url) -> (status, body)`; raises OSError, ValueError or CdxError when the API fails."""
    status, body = fetch(cdx_query(probe.cdx_url, probe.prefix, match_type="prefix", limit=CENSUS_ROWS))
    if status != 200:
        raise CdxError(f"HTTP {status}")
    captures, resume_key = parse_cdx(body)
    releases = [c for c in captures if source.is_article(on_base_host(c.original, source.base_url))]
    pages = {canonical_url(on_base_host(c.original, source.base_url)) for c in releases}
    good = sum(1 for c in releases if c.statuscode == "200" and is_html_capture(c))
    return Census(len(releases), len(pages), good, resume_key is not None)


def challenge_fixes(source: Source, probe: WaybackProbe | None, fetch) -> tuple[list[str], Census | None]:
    """The fixes to try for a challenged source, in order, and the Wayback census when one was taken."""
    fixes = []
    if source.impersonate:
        fixes.append(f'impersonate = "{source.impersonate}" is set and the site still challenges it')
    else:
        fixes.append(
            f'impersonate = "chrome" in [sources.{source.key}], so requests present a browser\'s TLS and '
            "HTTP/2 fingerprint (add contact = your e-mail, sent as From)"
        )
    switch = 'it is on (fallback = "wayback")' if source.fallback == "wayback" else 'set fallback = "wayback"'
    backfill = f"`pressarchive crawl {source.key} --via wayback` backfills what the listing cannot show"
    if probe is None or (is_loopback(source.base_url) and not is_loopback(probe.cdx_url)):
        fixes.append(
            f"the Wayback Machine fallback ({switch}); a site on this machine is in no public archive"
        )
        return fixes, None
    try:
        census = wayback_census(source, probe, fetch)
    except (OSError, ValueError) as error:  # CdxError is a ValueError
        fixes.append(f"the Wayback Machine fallback ({switch}); its CDX API could not be asked: {error}")
        return fixes, None
    if not census.releases:
        fixes.append(
            "the Wayback Machine fallback cannot help: its CDX API holds no captures of the release pages"
        )
    else:
        fixes.append(
            f"the Wayback Machine fallback: its CDX API holds {census.describe()}; {switch}, and {backfill}"
        )
    return fixes, census


def impersonated_fetch(url: str, source: Source, timeout: float, max_bytes: int):
    """A page fetched with the source's browser fingerprint (curl_cffi), as the crawl would fetch it:
    (final URL, status, content type, body); the body is decoded as any page is (`extraction.decode`)."""
    from curl_cffi import requests as curl
    from curl_cffi.requests.exceptions import RequestException

    headers = {"From": source.contact} if source.contact else {}
    try:
        response = curl.get(url, impersonate=source.impersonate, headers=headers, timeout=timeout)
    except RequestException as error:
        raise OSError(str(error)) from None
    content_type = response.headers.get("Content-Type", "")
    return response.url, response.status_code, content_type, response.content[:max_bytes]
