"""A fake Wayback Machine on 127.0.0.1: the CDX API (JSON, paged with resume keys) and raw `id_` captures.

It behaves like the documented API where the crawl relies on it: exact and prefix queries over URL keys
(scheme, `www.` and default ports ignored), `from`/`to` timestamp prefixes, `collapse=urlkey` on adjacent
rows, `fl` field order, `limit` with `showResumeKey`/`resumeKey`, and captures replayed with their
original status and Content-Type (a timestamp without a capture redirects to the nearest one, as the real
service does). Tests add captures (good ones, duplicates, non-200s, challenge pages), script failures
(429/503 answers) and read back every request with its arrival time.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, quote, unquote, urlsplit

from commands.site_server import FixtureServer, write_response
from crawlers.wayback import CDX_FIELDS


def url_key(url: str) -> str:
    """A SURT-like key: host without www. and default port, then path and query, lower-cased."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    return f"{host}){parts.path or '/'}{'?' + parts.query if parts.query else ''}".lower()


@dataclass
class FakeCapture:
    original: str
    timestamp: str
    body: bytes = b""
    status: int = 200
    mimetype: str = "text/html"

    @property
    def key(self) -> str:
        return url_key(self.original)

    def row(self) -> dict[str, str]:
        digest = hashlib.sha1(self.body + str(self.status).encode()).hexdigest().upper()[:32]
        return {
            "urlkey": self.key,
            "timestamp": self.timestamp,
            "original": self.original,
            "mimetype": self.mimetype,
            "statuscode": str(self.status),
            "digest": digest,
            "length": str(len(self.body)),
        }


class FakeWayback(FixtureServer):
    """Use as a context manager; `settings()` gives the `crawl --set` arguments that point at it."""

    def __init__(self):
        self.captures: list[FakeCapture] = []
        self.script: list[tuple[str, int]] = []  # (path prefix, status) answered once each, in order
        self.refuse = None  # or a function of the request path: a status to answer with instead, or None
        self._lock = threading.Lock()
        super().__init__()  # no site folders: every answer comes from the captures

    @property
    def cdx_url(self) -> str:
        return f"{self.url}/cdx/search/cdx"

    @property
    def capture_base(self) -> str:
        return f"{self.url}/web/"

    def settings(self, delay: float | None = None) -> list[str]:
        """`crawl` arguments pointing the crawl at this fake (and, optionally, its throttle)."""
        args = [
            "--set",
            f"WAYBACK_CDX_URL={self.cdx_url}",
            "--set",
            f"WAYBACK_CAPTURE_URL={self.capture_base}",
        ]
        return args + (["--set", f"WAYBACK_DELAY={delay}"] if delay is not None else [])

    def add(self, original: str, timestamp: str, body: bytes, **fields) -> FakeCapture:
        capture = FakeCapture(original, timestamp, body, **fields)
        self.captures.append(capture)
        return capture

    def archive_requests(self, kind: str = "") -> list[tuple[float, str]]:
        """(arrival time, path) of CDX (`kind="cdx"`), capture (`"web"`) or all API requests."""
        prefixes = {"cdx": ("/cdx/",), "web": ("/web/",), "": ("/cdx/", "/web/")}[kind]
        return [(t, path) for t, path, _ in self.timed_requests if path.startswith(prefixes)]

    # The CDX API.

    def cdx(self, query: dict[str, list[str]]) -> bytes:
        one = {name: values[-1] for name, values in query.items()}
        target = url_key(one["url"])
        prefix = one.get("matchType") == "prefix" or one["url"].endswith("*")
        target = target.rstrip("*")
        rows = sorted(
            (c.row() for c in self.captures if (c.key.startswith(target) if prefix else c.key == target)),
            key=lambda r: (r["urlkey"], r["timestamp"]),
        )
        rows = [r for r in rows if within(r["timestamp"], one.get("from"), one.get("to"))]
        if one.get("collapse") == "urlkey":
            rows = [r for i, r in enumerate(rows) if i == 0 or rows[i - 1]["urlkey"] != r["urlkey"]]
        if "resumeKey" in one:
            after = tuple(unquote(one["resumeKey"]).split(" ", 1))
            rows = [r for r in rows if (r["urlkey"], r["timestamp"]) > after]
        limit = int(one.get("limit", 0)) or len(rows)
        page, rest = rows[:limit], rows[limit:]
        fields = one.get("fl", ",".join(CDX_FIELDS)).split(",")
        table = [fields, *([r[f] for f in fields] for r in page)]
        if rest and one.get("showResumeKey") == "true":
            table += [[], [quote(f"{page[-1]['urlkey']} {page[-1]['timestamp']}")]]
        return json.dumps(table).encode() if page else b""

    def capture(self, timestamp: str, original: str) -> tuple[int, dict[str, str], bytes]:
        same = [c for c in self.captures if c.key == url_key(original)]
        if not same:
            return (
                404,
                {"Content-Type": "text/html"},
                b"<html><body>Wayback Machine has not archived that URL.</body></html>",
            )
        exact = [c for c in same if c.timestamp == timestamp]
        if not exact:
            nearest = min(same, key=lambda c: abs(int(c.timestamp) - int(timestamp)))
            return 302, {"Location": f"/web/{nearest.timestamp}id_/{nearest.original}"}, b""
        found = exact[0]
        return found.status, {"Content-Type": found.mimetype + "; charset=utf-8"}, found.body

    def _scripted(self, path: str) -> int | None:
        with self._lock:
            for index, (prefix, status) in enumerate(self.script):
                if path.startswith(prefix):
                    del self.script[index]
                    return status
        return None

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.timed_requests.append((time.monotonic(), self.path, dict(self.headers.items())))
                status = fake._scripted(self.path) or (fake.refuse and fake.refuse(self.path))
                parts = urlsplit(self.path)
                capture = re.match(r"^/web/(\d{14})id_/(.+)$", self.path)
                if status is not None:
                    write_response(self, status, b"<html><body>Slow down</body></html>", {})
                elif parts.path == "/cdx/search/cdx":
                    body = fake.cdx(parse_qs(parts.query))
                    write_response(self, 200, body, {"Content-Type": "application/json"})
                elif capture:
                    status, headers, body = fake.capture(capture.group(1), capture.group(2))
                    write_response(self, status, body, headers)
                else:
                    write_response(self, 404, b"not found", {"Content-Type": "text/plain"})

            def log_message(self, format, *args):  # noqa: A002 (signature is http.server's)
                pass

        return Handler


def within(timestamp: str, since: str | None, until: str | None) -> bool:
    return (not since or timestamp[: len(since)] >= since) and (not until or timestamp[: len(until)] <= until)
