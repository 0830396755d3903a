"""Downloader middleware for guarded, slow and sometimes hostile government sites, and for the Internet
Archive.

Each refuses a response for a reason the run counts (`dropped/<reason>`), by raising `PageDropped`: the
spider's errback then counts it, so a page stopped in the downloader is never lost from the figures.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from extraction.validate import CHALLENGE_MARKERS

logger = logging.getLogger(__name__)


class PageDropped(IgnoreRequest):
    """A page refused in the downloader, with the reason it is counted under (e.g. `offsite_redirect`)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


class ChallengeAwareRetryMiddleware(RetryMiddleware):
    """Retries 5xx/429 as usual, except bot-challenge pages (Cloudflare answers 403/503 with one): asking
    again only hammers the site and cannot pass a challenge, so the page goes on to be counted as one.

    A `Retry-After` the site sends is obeyed: the whole site is slowed to that pace for the rest of the
    run (the site asked for it), and a wait longer than RETRY_AFTER_MAX is not waited for at all."""

    def process_response(self, request, response, spider=None):
        # Only a status that would be retried is read for a challenge: scanning every page cost 0.3 ms
        # of CPU per response, about 2% of a loopback crawl, for pages that are never retried.
        if response.status not in self.retry_http_codes:
            return response
        if isinstance(response, TextResponse) and CHALLENGE_MARKERS.search(response.text[:30000]):
            return response
        if not self._obey_retry_after(request, response):
            return response
        return super().process_response(request, response)

    def _obey_retry_after(self, request, response) -> bool:
        """Whether to retry at all, after slowing the site down as `Retry-After` asks."""
        value = (response.headers.get("Retry-After") or b"").decode("latin-1").strip()
        if not value.isdigit():
            return True
        wait = int(value)
        if wait > self.crawler.settings.getfloat("RETRY_AFTER_MAX"):
            logger.warning("not retrying %s: the site asks for %s s (Retry-After)", request.url, wait)
            return False
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot"))
        if slot is not None:
            slot.delay = max(slot.delay, float(wait))
        return True


def same_site(url: str, hosts: frozenset[str]) -> bool:
    """Whether `url` is on one of the source's hosts ("www." or not: sites move between the two)."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host in hosts


class RedirectGuard:
    """Redirects are followed only on the source's own hosts, and never in a circle.

    A release link that leaves the site is not the source's release (provenance), however official the
    page it lands on looks; a loop (A→A, A→B→A) would otherwise end in Scrapy's duplicate filter,
    uncounted, or as "max redirections reached"."""

    def _redirect(self, redirected, request, reason):
        visited = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in visited:
            raise PageDropped("redirect_loop", f"{visited[0]} redirects back to {redirected.url}")
        hosts = getattr(self.crawler.spider, "hosts", None)
        if hosts and not same_site(redirected.url, hosts):
            raise PageDropped("offsite_redirect", f"{visited[0]} redirects off the site to {redirected.url}")
        try:
            followed = super()._redirect(redirected, request, reason)
        except PageDropped:
            raise
        except IgnoreRequest:
            detail = f"{visited[0]}: more than {self.max_redirect_times} redirects"
            raise PageDropped("redirect_loop", detail) from None
        # A page already fetched under another link is found again here, not dropped by the duplicate
        # filter without a trace; loops are caught above.
        followed.dont_filter = True
        return followed


class GuardedRedirectMiddleware(RedirectGuard, RedirectMiddleware):
    """HTTP 3xx redirects, guarded (see RedirectGuard)."""


class GuardedMetaRefreshMiddleware(RedirectGuard, MetaRefreshMiddleware):
    """`<meta http-equiv=refresh>` redirects, guarded (see RedirectGuard)."""


class BoundedDecompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy stops a compressed body that inflates past the request's size limit (a gzip bomb) with an
    IgnoreRequest, which reads like a robots.txt refusal; this names it."""

    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except IgnoreRequest as error:
            raise PageDropped("decompression_limit", str(error)) from None


class DeclaredLengthMiddleware:
    """Notes the Content-Length a response declared and the bytes that came, before decompression
    replaces the body: a mismatch is a page cut short in transit (`extraction.validate.cut_off`), which
    only the wire can show. Sits just outside HttpCompressionMiddleware (590) so it sees the raw body."""

    def process_response(self, request, response):
        declared = response.headers.get("Content-Length", b"").strip()
        # An impersonated fetch (curl_cffi) hands over the body already decompressed: no wire length.
        if declared.isdigit() and request.method != "HEAD" and not request.meta.get("impersonate"):
            request.meta["lengths"] = (int(declared), len(response.body))
        return response


class WaybackMiddleware:
    """Politeness toward the Internet Archive, for every request a spider marks `meta["wayback"]`.

    They share one download slot of their own ("wayback"), one request at a time and at least
    WAYBACK_DELAY seconds apart, whatever the site's delay is (the CLI drops that for loopback targets)
    and untouched by AutoThrottle. A 429 or 503 doubles the gap (or takes Retry-After, if longer) up to
    WAYBACK_MAX_DELAY and retries, WAYBACK_RETRY_TIMES times at most; answers that come back well halve
    it again. Requests go out with the crawler's own User-Agent, so the Archive knows who is asking.
    """

    SLOT = "wayback"
    BACKOFF_STATUSES = (429, 503)

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.base_delay = settings.getfloat("WAYBACK_DELAY")
        self.max_delay = max(self.base_delay, settings.getfloat("WAYBACK_MAX_DELAY"))
        self.retry_times = settings.getint("WAYBACK_RETRY_TIMES")
        self.delay = self.base_delay

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        if not request.meta.get("wayback"):
            return None
        request.meta["download_slot"] = self.SLOT
        request.meta["dont_retry"] = True  # retried here, with backoff
        request.meta["autothrottle_dont_adjust_delay"] = True
        self._apply()
        return None

    def process_response(self, request, response):
        if not request.meta.get("wayback"):
            return response
        if response.status in self.BACKOFF_STATUSES:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            return self._retry(request, f"HTTP {response.status}", retry_after) or response
        self.delay = max(self.base_delay, self.delay / 2)
        self._apply()
        return response

    def process_exception(self, request, exception):
        if not request.meta.get("wayback") or isinstance(exception, IgnoreRequest):
            return None
        return self._retry(request, type(exception).__name__, 0.0)

    def _retry(self, request, reason: str, retry_after: float):
        self.delay = min(self.max_delay, max(self.delay * 2, retry_after))
        self._apply()
        tries = request.meta.get("wayback_tries", 0) + 1
        stats = self.crawler.stats
        if tries > self.retry_times:
            stats.inc_value("wayback/retries_exhausted")
            logger.warning("Wayback Machine: gave up on %s after %d tries (%s)", request.url, tries, reason)
            return None
        stats.inc_value("wayback/backoff")
        logger.info("Wayback Machine: %s for %s; retrying in %.1f s", reason, request.url, self.delay)
        retry = request.replace(dont_filter=True)
        retry.meta["wayback_tries"] = tries
        return retry

    def _apply(self) -> None:
        slot = self.crawler.engine.downloader.slots.get(self.SLOT)
        if slot is not None:
            slot.delay, slot.jitter = self.delay, 0.0


def retry_after_seconds(value: bytes | None) -> float:
    """A Retry-After header in seconds (either form the standard allows); 0 when absent or unreadable."""
    if not value:
        return 0.0
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class SiteIdentityMiddleware:
    """Requests to a source's own site carry the registry's `contact` as the From header, and, for a
    source with `impersonate`, go through curl_cffi presenting that browser's TLS/HTTP2 fingerprint with
    the browser's own headers (a crawler User-Agent on a browser fingerprint is what bot checks flag).
    Delays, robots.txt (matched against our crawler's name) and retries stay as for any request.
    """

    # Headers Scrapy adds that the impersonated browser sends in its own form.
    BROWSER_HEADERS = (b"User-Agent", b"Accept", b"Accept-Language", b"Accept-Encoding")

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        source = getattr(self.crawler.spider, "source", None)
        if source is None:
            return None
        if source.contact:
            request.headers.setdefault("From", source.contact)
        if source.impersonate and not request.meta.get("wayback") and same_host(request.url, source.base_url):
            request.meta.setdefault("impersonate", source.impersonate)
            for name in self.BROWSER_HEADERS:
                request.headers.pop(name, None)
        return None


def same_host(url: str, other: str) -> bool:
    return urlsplit(url).netloc.lower() == urlsplit(other).netloc.lower()
