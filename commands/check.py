"""`pressarchive check`: a live canary that tells within a minute which sources are broken, why, and what
to try. Per source it makes at most four requests (robots.txt, the first listing page, one release), with
the crawler's User-Agent, so it is safe to run from cron before the nightly crawl.

It uses the crawl's own pure functions (link matching, page validation, `extraction.process`), so "OK"
here means the crawl would work.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

import click
from protego import Protego
from scrapy.spiderloader import get_spider_loader
from tabulate import tabulate

from commands.blocked import WaybackProbe, challenge_fixes, impersonated_fetch
from commands.options import (
    apply_overrides,
    base_url_option,
    project_settings,
    select_sources,
    set_option,
    sources_option,
)
from crawlers.sources import Source
from extraction import Page, Rejection, process
from extraction.decode import decode, page_encoding
from extraction.listing import listing_links
from extraction.validate import page_problem

MAX_BYTES = 8 * 1024 * 1024


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    raw: bytes

    @property
    def html(self) -> str:
        """Decoded as the crawl decodes it (`extraction.decode`)."""
        return decode(self.raw, page_encoding(self.raw, self.content_type))


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
    # For a challenged source: the fixes to try, in order, and what the Wayback Machine's CDX index holds.
    fixes: list[str] = field(default_factory=list)
    wayback_captures: int | None = None
    wayback_releases: int | None = None

    def broken(self, reason: str, fix: str) -> Report:
        self.verdict, self.reason, self.fix = "BROKEN", reason, fix
        return self


def watched_opener(sockets: list) -> urllib.request.OpenerDirector:
    """An opener whose connections (redirects included) hand their sockets to `sockets`, so a timer can
    cut them: a socket timeout bounds each read, not the page, and a server dripping a byte every two
    seconds held a 5-second check for 86."""

    class Http(http.client.HTTPConnection):
        def connect(self):
            super().connect()
            sockets.append(self.sock)

    class Https(http.client.HTTPSConnection):
        def connect(self):
            super().connect()
            sockets.append(self.sock)

    class HttpHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Http, req)

    class HttpsHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(Https, req, context=self._context)

    return urllib.request.build_opener(HttpHandler, HttpsHandler)


def cut(sockets: list) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def fetch(url: str, user_agent: str, timeout: float, source: Source | None = None) -> Fetched:
    """One page within `timeout` seconds in all (connecting, redirects, headers and body), or OSError;
    as the crawl would fetch it: with the source's browser fingerprint and contact when it has them."""
    if source is not None and source.impersonate:
        return Fetched(*impersonated_fetch(url, source, timeout, MAX_BYTES))
    headers = {"User-Agent": user_agent, "Accept": "text/html,*/*"}
    if source is not None and source.contact:
        headers["From"] = source.contact
    request = urllib.request.Request(url, headers=headers)
    sockets: list = []
    timer = threading.Timer(timeout, cut, [sockets])
    timer.start()
    started = time.monotonic()
    try:
        with watched_opener(sockets).open(request, timeout=timeout) as response:
            status, headers, raw = response.status, response.headers, response.read(MAX_BYTES)
    except urllib.error.HTTPError as error:  # 4xx/5xx still carry a page (a challenge, a soft error)
        status, headers, raw = error.code, error.headers, error.read(MAX_BYTES)
    except (OSError, http.client.HTTPException) as error:
        if time.monotonic() - started >= timeout:
            raise TimeoutError(f"no complete page within {timeout:g} s") from None
        raise OSError(str(error)) from None
    finally:
        timer.cancel()
    if time.monotonic() - started >= timeout:  # cut mid-body: what arrived is not the page
        raise TimeoutError(f"no complete page within {timeout:g} s")
    return Fetched(url, status, headers.get("Content-Type", ""), raw)


def robots_allows(source: Source, url: str, user_agent: str, timeout: float) -> bool:
    try:
        robots = fetch(source.url("/robots.txt"), user_agent, timeout, source)
    except (OSError, ValueError):
        return True  # Scrapy too treats an unreadable robots.txt as no rules
    if robots.status >= 400:
        return True
    return Protego.parse(robots.html).can_fetch(url, user_agent)


def challenged(report: Report, source: Source, what: str, probe, user_agent: str, timeout: float) -> Report:
    """A challenged source, with the fixes to try in order (see `commands.blocked`)."""

    def ask(url):
        fetched = fetch(url, user_agent, timeout)
        return fetched.status, fetched.raw

    report.challenge = True
    report.fixes, census = challenge_fixes(source, probe, ask)
    if census is not None:
        report.wayback_captures, report.wayback_releases = census.captures, census.releases
    steps = "; then ".join(f"{number}) {fix}" for number, fix in enumerate(report.fixes, 1))
    return report.broken(f"blocked by a bot challenge ({what})", steps)


def check_source(
    source: Source, user_agent: str, timeout: float, probe: WaybackProbe | None = None
) -> Report:
    """Robots.txt, the first listing page, then one release: the first failure is the verdict."""
    report = Report(source.key, source.start_urls[0])
    if not robots_allows(source, report.listing_url, user_agent, timeout):
        return report.broken("robots.txt forbids the listing page", "choose another start_paths entry")
    if _check_listing(report, source, user_agent, timeout, probe):
        _check_release(report, source, user_agent, timeout, probe)
    return report


def _check_listing(report: Report, source: Source, user_agent: str, timeout: float, probe) -> bool:
    """Whether the first listing page can be fetched and links to releases (the first goes in `report`)."""
    try:
        listing = fetch(report.listing_url, user_agent, timeout, source)
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        report.broken(
            f"cannot reach {report.listing_url}: {reason}",
            "check base_url and your network; the site may be down (try again later)",
        )
        return False
    report.reachable = True
    problem = page_problem(listing.status, listing.content_type, listing.raw, listing.html)
    if problem == "challenge":
        challenged(report, source, f"listing page, HTTP {listing.status}", probe, user_agent, timeout)
        return False
    if problem:
        report.broken(
            f"listing page unusable: {problem} (HTTP {listing.status})",
            "the listing moved: correct start_paths in the registry",
        )
        return False
    releases, pages = listing_links(listing.html, listing.url, source)
    report.links = len(releases)
    if not releases:
        report.broken(
            f"no links match article_pattern {source.article_pattern!r}",
            "the site changed its links: correct article_pattern (see the listing page's links)",
        )
        return False
    if source.next_pattern and not pages:
        report.notes.append("no pagination links match next_pattern: only the first page would be crawled")
    report.release_url = releases[0]
    return True


def _check_release(report: Report, source: Source, user_agent: str, timeout: float, probe) -> None:
    """Whether the release page yields what the crawl needs: text, a title and a date."""
    try:
        fetched = fetch(report.release_url, user_agent, timeout, source)
    except (OSError, ValueError) as error:
        report.broken(
            f"cannot fetch release {report.release_url}: {getattr(error, 'reason', error)}",
            "the site may be failing; try again later",
        )
        return
    problem = page_problem(fetched.status, fetched.content_type, fetched.raw, fetched.html)
    if problem == "challenge":
        challenged(report, source, f"release page, HTTP {fetched.status}", probe, user_agent, timeout)
        return
    if problem:
        report.broken(
            f"release page unusable: {problem} (HTTP {fetched.status})",
            "article_pattern may match pages that are not releases: tighten it",
        )
        return
    page = Page(source.key, fetched.url, fetched.status, fetched.content_type, fetched.raw, "", "")
    outcome = process(page, source)
    if isinstance(outcome, Rejection):
        report.broken(
            f"no release text extracted ({outcome.reason})",
            "set body_css (and drop_css for clutter) in the registry",
        )
        return
    report.title, report.body_chars, report.published = outcome.title, len(outcome.body), outcome.published
    if not report.title:
        report.broken("no title extracted", "set title_css in the registry")
    elif not report.published:
        report.broken("no publication date extracted", "set date_css in the registry")
    else:
        report.verdict = "OK"


def check_sources(sources: list[Source], user_agent: str, timeout: float, probes: dict | None = None):
    """Every source checked at once (each is a different site), in the order given."""
    probes = probes or {}
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(sources)))) as pool:
        futures = [pool.submit(check_source, s, user_agent, timeout, probes.get(s.key)) for s in sources]
        return [future.result() for future in futures]


def wayback_probes(sources: dict, settings) -> dict[str, WaybackProbe]:
    """Per source, the CDX listing the crawl's own spider would make (ISPR: its detail pages only)."""
    loader = get_spider_loader(settings)
    cdx_url = settings.get("WAYBACK_CDX_URL")
    return {
        key: WaybackProbe(cdx_url, loader.load(key).wayback_prefix(source)) for key, source in sources.items()
    }


@click.command()
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@base_url_option
@sources_option
@click.option(
    "--timeout", default=20.0, show_default=True, help="Seconds for each page in all (not per read)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@set_option
def check(source_names, base_urls, sources_files, timeout, as_json, overrides):
    """Check the live sites: can each source still be crawled, and if not, why and what to fix.

    Per source: robots.txt, the first listing page (release links found?), one release (title, date,
    text extracted?). Exits 1 when any source is BROKEN. Example: pressarchive check paknavy paf
    """
    sources = select_sources(source_names, base_urls, sources_files)
    settings = apply_overrides(project_settings(sources_files), overrides)
    probes = wayback_probes(sources, settings)
    reports = check_sources(list(sources.values()), settings.get("USER_AGENT"), timeout, probes)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in reports], indent=2, ensure_ascii=False))
    else:
        click.echo(
            tabulate(
                [
                    [
                        r.source,
                        "yes" if r.reachable else "no",
                        r.links,
                        (r.title or "")[:40],
                        r.published or "",
                        r.body_chars,
                        "yes" if r.challenge else "no",
                        r.verdict,
                    ]
                    for r in reports
                ],
                headers=[
                    "source",
                    "reachable",
                    "links",
                    "title",
                    "date",
                    "body chars",
                    "challenge",
                    "verdict",
                ],
            )
        )
        for r in reports:
            for note in r.notes:
                click.echo(f"{r.source}: note: {note}")
            if r.verdict != "OK":
                click.echo(f"{r.source}: BROKEN: {r.reason}. Try: {r.fix}.")
    sys.exit(1 if any(r.verdict != "OK" for r in reports) else 0)
