"""Why the downloader gave up on a page, as one short reason the run counts (`dropped/<reason>`).

Scrapy reports very different losses with the same few exception types (an IgnoreRequest is robots.txt,
a redirect loop and a gzip bomb alike), so a page lost in the downloader used to vanish from the counts
or be counted as something it was not. Every failure gets its true reason here.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet.defer import CancelledError
from twisted.internet.error import (
    ConnectError,
    ConnectionDone,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
)
from twisted.internet.error import (
    TimeoutError as TwistedTimeoutError,
)
from twisted.web.client import ResponseFailed

from crawlers.middlewares import PageDropped

# (exception types, reason), first match wins.
NETWORK_REASONS = (
    ((DownloadTimeoutError, TwistedTimeoutError, TCPTimedOutError), "timeout"),
    ((CannotResolveHostError, DNSLookupError, DownloadConnectionRefusedError, ConnectError), "unreachable"),
    ((ResponseDataLossError,), "truncated"),
    ((ConnectionLost, ConnectionDone), "connection_lost"),
)
# Scrapy wraps what went wrong mid-response in one exception (DownloadFailedError, ResponseFailed) whose
# message names the underlying failures; the first name found decides.
WRAPPED_REASONS = (
    ("DataLoss", "truncated"),
    ("TimeoutError", "timeout"),
    ("ConnectionLost", "connection_lost"),
    ("ConnectionDone", "connection_lost"),
    ("ConnectionAborted", "connection_lost"),
    ("ResponseNeverReceived", "connection_lost"),
)


def failure_reason(failure) -> tuple[str, bool]:
    """(reason, skipped): `skipped` is True for pages we chose not to fetch (robots.txt forbids them)."""
    if failure.check(PageDropped):
        return failure.value.reason, False
    if failure.check(DownloadCancelledError, CancelledError):
        # Scrapy cancels a download only when the body passes the size limit (announced or streamed;
        # a timeout is reported as one): the streamed case carries no message at all.
        return "too_large", False
    if failure.check(IgnoreRequest):
        return "robots_txt", True
    for types, reason in NETWORK_REASONS:
        if failure.check(*types):
            return reason, False
    if failure.check(DownloadFailedError, ResponseFailed):
        described = f"{type(failure.value).__name__} {failure.getErrorMessage()}"
        for name, reason in WRAPPED_REASONS:
            if name in described:
                return reason, False
    return "download_error", False
