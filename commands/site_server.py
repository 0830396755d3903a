"""Serve a saved fixture site on 127.0.0.1, so crawls in tests and `make demo` never touch the network.

A site is a folder of files. A request maps to a file by one rule, so fixture
authors can lay out any URL scheme (query strings included) as plain files:

    /                                   -> index.html
    /press-releases/                    -> press-releases/index.html
    /press-release-detail.php?id=12     -> press-release-detail.php@id=12.html
    /press-releases/?page=2             -> press-releases/index.html@page=2.html
    /robots.txt                         -> robots.txt

(the query string is appended after "@" exactly as requested; ".html" is
appended when the name does not already end in a known extension).

An optional `_server.json` in a site folder sets what a file cannot say by
itself, keyed by the request target ("/path?query"):

    {"status": {"/x.php?id=9": 403},
     "headers": {"/x.php?id=9": {"Content-Type": "application/pdf"}},
     "redirects": {"/old": "/new"}}

Several folders can be stacked: the first one that has a file wins, which is
how a test serves "the same site, later" (an edited release) on the same URLs.

Like most web servers it sends an ETag (a hash of the file) and answers a
conditional request for an unchanged file with 304 Not Modified.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import shlex
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# The saved sites live with the tests; `make demo` serves the ISPR sample from there too.
SITES_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sites"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}


def file_name_for(target: str) -> str:
    """The fixture file name that a request target ("/path?query") maps to."""
    parts = urlsplit(target)
    name = parts.path.lstrip("/")
    if name == "" or name.endswith("/"):
        name += "index.html"
    if parts.query:
        name += "@" + parts.query
    if Path(name).suffix not in CONTENT_TYPES:
        name += ".html"
    return name


def resolve_site(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if not path.is_dir():
        path = SITES_DIR / str(name_or_path)
    if not path.is_dir():
        raise FileNotFoundError(f"no fixture site {name_or_path!r} (looked in {SITES_DIR})")
    return path


def write_response(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
) -> None:
    handler.send_response(status)
    headers.setdefault("Content-Type", "text/html; charset=utf-8")
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class FixtureServer:
    """A threaded HTTP server over stacked site folders; use as a context manager."""

    def __init__(self, *sites: str | Path, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0):
        self.requests: list[tuple[str, str]] = []
        # Every request with its arrival time and headers (throttle and header checks in tests).
        self.timed_requests: list[tuple[float, str, dict[str, str]]] = []
        self.delay = delay  # seconds before each answer: a slow site, so a test can interrupt a crawl
        self.set_sites(*sites)
        self._httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def set_sites(self, *sites: str | Path) -> None:
        """Swap what is served without changing the URL (e.g. to publish an edit)."""
        self.sites = [resolve_site(s) for s in sites]
        self.config = {"status": {}, "headers": {}, "redirects": {}}
        for site in reversed(self.sites):
            config_file = site / "_server.json"
            if config_file.exists():
                for key, table in json.loads(config_file.read_text()).items():
                    self.config.setdefault(key, {}).update(table)

    def find(self, target: str) -> Path | None:
        name = file_name_for(target)
        for site in self.sites:
            candidate = site / name
            if candidate.is_file():
                return candidate
        return None

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                server.timed_requests.append((time.monotonic(), self.path, dict(self.headers.items())))
                time.sleep(server.delay)
                redirect = server.config["redirects"].get(self.path)
                if redirect:
                    self.send_response(301)
                    self.send_header("Location", redirect)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                found = server.find(self.path)
                if found is None:
                    self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", {})
                    return
                body = found.read_bytes()
                status = server.config["status"].get(self.path, 200)
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                headers = {"Content-Type": CONTENT_TYPES.get(found.suffix, "application/octet-stream")}
                if status == 200:
                    headers["ETag"] = etag
                headers.update(server.config["headers"].get(self.path, {}))
                self._send(status, body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                write_response(self, status, body, headers)

            def log_message(self, format, *args):  # noqa: A002 (signature is http.server's)
                pass

        return Handler

    def start(self) -> FixtureServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "sites", nargs="+", help="site folder names under tests/fixtures/sites, or paths; first wins"
    )
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument(
        "--run", metavar="COMMAND", help="run COMMAND while serving, then stop with its exit status"
    )
    args = parser.parse_args()
    server = FixtureServer(*args.sites, port=args.port)
    print(f"serving {', '.join(map(str, server.sites))} at {server.url}", flush=True)
    if args.run:
        with server:
            sys.exit(subprocess.run(shlex.split(args.run), check=False).returncode)
    with contextlib.suppress(KeyboardInterrupt):
        server._httpd.serve_forever()


if __name__ == "__main__":
    main()
