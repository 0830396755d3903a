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
