"""A fixture site that misbehaves on purpose: the faults real sites, broken networks and attackers show.

It wraps `FixtureServer` (same folders, same URL rule) and injects a fault per request target, or at
random with a fixed seed, so a test can prove the crawl stores only the valid releases, counts every
failure under its true reason, retries a bounded number of times and never hangs:

    status_500 / status_502 / status_503   an error page with that status
    status_429                             "Too Many Requests" with Retry-After
    reset                                  the connection is reset before any answer (TCP RST)
    hang                                   the request is read and never answered (a timeout)
    drip                                   the page trickles out one byte at a time
    truncated                              Content-Length promises more than is sent
    challenge                              a Cloudflare "Just a moment..." page (HTTP 503)
    offsite                                a redirect to the same path on another host
    loop / loop_pair                       a redirect to itself / A -> B -> A
    oversized / oversized_stream           a body far over the limit (with / without Content-Length)
    gzip_bomb                              a small gzip body that inflates to many megabytes
    cp1256 / cp1252                        the page in a single-byte encoding, no charset anywhere
    wrong_charset                          cp1252 bytes served as "charset=utf-8"
    utf16                                  the page in UTF-16 with a BOM, no charset
    binary                                 random bytes served as text/html

`python -m commands.fault_server faults --fault /press/r2=gzip_bomb` serves one by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import random
import re
import socket
import struct
import time
import zlib

from commands.site_server import FixtureServer

CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b"<p>Checking if the site connection is secure</p><script src='/cdn-cgi/challenge-platform/x.js'>"
    b"</script></body></html>"
)
RATE_LIMIT_WAIT = 1  # seconds, sent as Retry-After with 429
FAULTS = (
    "status_500",
    "status_502",
    "status_503",
    "status_429",
    "reset",
    "hang",
    "drip",
    "truncated",
    "challenge",
    "offsite",
    "loop",
    "loop_pair",
    "oversized",
    "oversized_stream",
    "gzip_bomb",
    "cp1256",
    "cp1252",
    "wrong_charset",
    "utf16",
    "binary",
)
LOOP_HOP = "hop=1"


@functools.lru_cache(maxsize=8)
def gzip_bomb(page: bytes, size: int) -> bytes:
    """The page's start and then `size` spaces, gzipped: a few hundred kilobytes that inflate to `size`."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    chunk = b" " * (1 << 20)
    parts = [packer.compress(page.split(b"</body>")[0])]
    parts.extend(packer.compress(chunk) for _ in range(size // len(chunk) + 1))
    return b"".join(parts) + packer.flush()


def without_charset(html: bytes) -> str:
    """The page's text with its own `<meta charset>` removed, so nothing but the bytes says the encoding."""
    return re.sub(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", "", html.decode("utf-8"), flags=re.I)


class FaultHandler:
    """Request handler methods that inject the faults; mixed into FixtureServer's handler."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        fault = self.server.faults.fault_for(self.path)
        if fault is None:
            return super().do_GET()
        self.server.faults.requests.append((self.path, self.headers.get("User-Agent", "")))
        self.server.faults.served.append((self.path, fault))
        getattr(self, "fault_" + fault.split("_")[0])(fault)

    def page(self) -> bytes:
        found = self.server.faults.find(self.path)
        return found.read_bytes() if found else b""

    def fault_status(self, fault):
        status = int(fault.split("_")[1])
        headers = {"Retry-After": str(RATE_LIMIT_WAIT)} if status == 429 else {}
        self._send(status, b"<html><body><h1>Server error</h1></body></html>", headers)

    def fault_reset(self, fault):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def fault_hang(self, fault):
        time.sleep(self.server.faults.hang)
        self.close_connection = True

    def head(self, length: int | None) -> None:
        """A 200 HTML answer's headers; without a length, the body ends when the connection does."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if length is None:
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def fault_drip(self, fault):
        body = self.page()
        self.head(len(body))
        with contextlib.suppress(OSError):
            for index in range(len(body)):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                time.sleep(self.server.faults.drip_interval)

    def fault_truncated(self, fault):
        body = self.page()
        self.head(len(body))
        self.wfile.write(body[: len(body) // 2])
        self.close_connection = True

    def fault_challenge(self, fault):
        self._send(503, CHALLENGE_PAGE, {})

    def fault_offsite(self, fault):
        self.redirect(self.server.faults.offsite_url + self.path)

    def fault_loop(self, fault):
        if fault == "loop":
            self.redirect(self.path)
        elif LOOP_HOP in self.path:
            self.redirect(self.path.replace("&" + LOOP_HOP, "").replace("?" + LOOP_HOP, ""))
        else:
            self.redirect(self.path + ("&" if "?" in self.path else "?") + LOOP_HOP)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def fault_oversized(self, fault):
        start = self.page().replace(b"</body>", b"")
        padding = b"<p>" + b"x" * 1020 + b"</p>\n"
        count = self.server.faults.oversize // len(padding) + 1
        self.head(len(padding) * count + len(start) if fault == "oversized" else None)
        with contextlib.suppress(OSError):
            self.wfile.write(start)
            for _ in range(count):
                self.wfile.write(padding)

    def fault_gzip(self, fault):
        self._send(200, gzip_bomb(self.page(), self.server.faults.oversize * 2), {"Content-Encoding": "gzip"})

    def fault_cp1256(self, fault):
        self._send(200, without_charset(self.page()).encode(fault, "replace"), {"Content-Type": "text/html"})

    fault_cp1252 = fault_cp1256

    def fault_wrong(self, fault):
        body = without_charset(self.page()).encode("cp1252", "replace")
        self._send(200, body, {"Content-Type": "text/html; charset=utf-8"})

    def fault_utf16(self, fault):
        body = without_charset(self.page()).encode("utf-16")  # with a BOM
        self._send(200, body, {"Content-Type": "text/html"})

    def fault_binary(self, fault):
        noise = random.Random(len(self.path)).randbytes(8000)
        self._send(200, noise, {"Content-Type": "text/html; charset=utf-8"})


class FaultServer(FixtureServer):
    """FixtureServer plus faults: `faults` maps a request target to a fault name; with `rate`, any other
    page gets a random fault (drawn from `random_faults`) with that probability, from `seed`."""

    def __init__(
        self,
        *sites,
        faults: dict[str, str] | None = None,
        rate: float = 0.0,
        seed: int = 0,
        random_faults: tuple[str, ...] = FAULTS,
        offsite_url: str = "http://127.0.0.2:9",
        oversize: int = 4 * 1024 * 1024,
        hang: float = 30.0,
        drip_interval: float = 0.05,
        **kwargs,
    ):
        super().__init__(*sites, **kwargs)
        self._httpd.faults = self  # what FaultHandler reaches as `self.server.faults`
        self.faults = dict(faults or {})
        self.rate, self.seed, self.random_faults = rate, seed, random_faults
        self.offsite_url, self.oversize = offsite_url.rstrip("/"), oversize
        self.hang, self.drip_interval = hang, drip_interval
        self.served: list[tuple[str, str]] = []  # (target, fault) for every fault injected

    def fault_for(self, target: str) -> str | None:
        base = target.replace("&" + LOOP_HOP, "").replace("?" + LOOP_HOP, "")
        if base != target:  # the second hop of an A -> B -> A loop
            return "loop_pair" if self.fault_for(base) == "loop_pair" else None
        fault = self.faults.get(target)
        if fault is None and self.rate and target != "/robots.txt":
            # Drawn per target, so a retry meets the same fault and a run can be replayed exactly.
            draw = random.Random(f"{self.seed}:{target}")
            fault = draw.choice(self.random_faults) if draw.random() < self.rate else None
        return fault

    def _handler_class(self):
        return type("FaultServerHandler", (FaultHandler, super()._handler_class()), {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites", nargs="+", help="site folder names under tests/fixtures/sites, or paths")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--fault", action="append", default=[], metavar="TARGET=FAULT")
    parser.add_argument("--rate", type=float, default=0.0, help="share of other pages given a random fault")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    faults = dict(item.split("=", 1) for item in args.fault)
    unknown = sorted(set(faults.values()) - set(FAULTS))
    if unknown:
        parser.error(f"unknown fault {unknown[0]!r}; known: {', '.join(FAULTS)}")
    server = FaultServer(*args.sites, port=args.port, faults=faults, rate=args.rate, seed=args.seed)
    print(f"serving {', '.join(map(str, server.sites))} with faults at {server.url}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server._httpd.serve_forever()


if __name__ == "__main__":
    main()
