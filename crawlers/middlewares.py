"""Downloader middleware for guarded government sites."""

from __future__ import annotations

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import TextResponse

from extraction.validate import CHALLENGE_MARKERS


class ChallengeAwareRetryMiddleware(RetryMiddleware):
    """Retries 5xx/429 as usual, except bot-challenge pages (Cloudflare answers 403/503 with one): asking
    again only hammers the site and cannot pass a challenge, so the page goes on to be counted as one."""

    def process_response(self, request, response):
        is_challenge = isinstance(response, TextResponse) and CHALLENGE_MARKERS.search(response.text[:30000])
        if response.status in self.retry_http_codes and is_challenge:
            return response
        return super().process_response(request, response)


class DeclaredLengthMiddleware:
    """Notes the Content-Length a response declared and the bytes that came, before decompression
    replaces the body: a mismatch is a page cut short in transit (`extraction.validate.cut_off`), which
    only the wire can show. Sits just outside HttpCompressionMiddleware (590) so it sees the raw body."""

    def process_response(self, request, response):
        declared = response.headers.get("Content-Length", b"").strip()
        if declared.isdigit() and request.method != "HEAD":
            request.meta["lengths"] = (int(declared), len(response.body))
        return response
