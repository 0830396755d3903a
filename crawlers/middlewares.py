"""Downloader middleware for guarded, slow and sometimes hostile government sites.

Each refuses a response for a reason the run counts (`dropped/<reason>`), by raising `PageDropped`: the
spider's errback then counts it, so a page stopped in the downloader is never lost from the figures.
"""

from __future__ import annotations

import logging
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
        is_challenge = isinstance(response, TextResponse) and CHALLENGE_MARKERS.search(response.text[:30000])
        if response.status in self.retry_http_codes and is_challenge:
            return response
        if response.status in self.retry_http_codes and not self._obey_retry_after(request, response):
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
        if declared.isdigit() and request.method != "HEAD":
            request.meta["lengths"] = (int(declared), len(response.body))
        return response
