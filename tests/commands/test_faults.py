"""Hostile pages and broken machines (issue 10): encodings, size limits, runaway patterns, the listing
bound, one request at a time per site, and SIGTERM. The fault matrix is in test_fault_matrix.py."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest

from commands.site_server import FixtureServer
from crawlers.sources import Source, _matches, load_registry
from extraction import Page, Rejection, process
from extraction.decode import page_encoding, text_problem
from extraction.process import MAX_TITLE_CHARS
from tests.conftest import ROOT, rows, run_cli, saved_page

SOURCE = load_registry()["paknavy"]
URL = "https://www.paknavy.gov.pk/press-release/x/"
LATIN = (
    "<html><head><title>Exchange concludes</title></head><body><h1>Señor García and the naïve cadets</h1>"
    "<p>12 March 2025</p><p>A delegation led by Señor José García concluded a week-long exchange with the "
    "cadets, whose “naïve” questions about the rôle of navies were praised.</p></body></html>"
)
URDU = (
    "<html><body><h1>پاک بحريہ کے سربراہ کا دورہ</h1><p>پاک بحريہ کے سربراہ نے آج اورماڑہ ميں کوسٹل کمانڈ "
    "ہيڈ کوارٹرز کا دورہ کيا اور انہيں ساحلي علاقوں ميں تعينات يونٹوں کي تياري کے بارے ميں بريفنگ دي گئي.</p>"
    "</body></html>"
)


def page(raw: bytes, content_type: str = "text/html") -> Page:
    return Page("paknavy", URL, 200, content_type, raw, "", "")


# Item 4: encodings.


@pytest.mark.parametrize(
    ("raw", "content_type", "encoding"),
    [
        (LATIN.encode("cp1252"), "text/html", "cp1252"),  # not cp1257 ("naļve") nor cp1250 ("Seńor")
        (URDU.encode("cp1256"), "text/html", "cp1256"),
        (LATIN.encode("cp1252"), "text/html; charset=utf-8", "cp1252"),  # a false "utf-8" label
        (LATIN.encode("utf-8"), "text/html", "utf-8"),
        (b"\xef\xbb\xbf" + LATIN.encode("utf-8"), "text/html; charset=cp1252", "utf-8"),  # BOM first
        (LATIN.encode("cp1252"), "text/html; charset=iso-8859-1", "cp1252"),  # header, as browsers map it
        (LATIN.replace("<head>", '<head><meta charset="cp1252">').encode("cp1252"), "text/html", "cp1252"),
        (LATIN.encode("utf-16"), "text/html", "utf-16-le"),
    ],
)
def test_the_encoding_comes_from_bom_header_meta_then_a_latin_first_guess(raw, content_type, encoding):
    assert page_encoding(raw, content_type) == encoding


@pytest.mark.parametrize(("text", "codec"), [(LATIN, "cp1252"), (URDU, "cp1256"), (LATIN, "utf-16")])
def test_pages_in_other_encodings_extract_as_written(text, codec):
    article = process(page(text.encode(codec)), SOURCE)
    assert not isinstance(article, Rejection), article
    first_words = text.split("<h1>")[1].split("</h1>")[0]
    assert article.title == first_words


def test_binary_served_as_html_is_undecodable():
    noise = bytes(range(256)) * 20
    outcome = process(page(noise, "text/html; charset=utf-8"), SOURCE)
    assert isinstance(outcome, Rejection) and outcome.reason == "undecodable"
    assert text_problem(LATIN) is None and text_problem(URDU) is None


# Item 2: size limits.


def test_a_huge_page_is_dropped_before_extraction_runs():
    paragraph = "<p>The Chief of the Naval Staff visited the coastal installations and met the troops.</p>"
    started = time.process_time()
    for raw in (paragraph * 40_000, paragraph * 4_000):  # 3.6 MB; and 360 KB of visible text
        outcome = process(page(f"<html><body>{raw}</body></html>".encode()), SOURCE)
        assert isinstance(outcome, Rejection) and outcome.reason == "too_large"
    assert time.process_time() - started < 5


def test_a_title_of_a_thousand_characters_is_not_a_title():
    heading = "Naval Chief Visits Coastal Command " * 40
    assert len(heading) > MAX_TITLE_CHARS
    html = LATIN.replace("<h1>Señor García and the naïve cadets</h1>", f"<h1>{heading}</h1>")
    outcome = process(page(html.encode()), SOURCE)
    assert not isinstance(outcome, Rejection) and (outcome.title is None or len(outcome.title) <= 1000)


# Item 3: registry patterns run with a time bound.


def test_a_pattern_that_runs_away_at_run_time_counts_as_no_match():
    started = time.monotonic()
    assert _matches(r"/release/(a|aa)+$", "https://example.org/release/" + "a" * 60 + "!") is False
    assert time.monotonic() - started < 5


# Item 6: max_pages is a bound.


def write_release(folder, number: int) -> None:
    """A plain release page at /r/NUMBER that extraction accepts."""
    (folder / "r").mkdir(parents=True, exist_ok=True)
    text = f"The ministry announced measure number {number} after a meeting of the committee on Monday. " * 4
    (folder / "r" / f"{number}.html").write_text(
        f"<html><head><title>Release {number}</title></head><body><article><h1>Release {number}</h1>"
        f"<p>Islamabad, 3 March 2025: {text}</p><p>{text}</p></article></body></html>",
        encoding="utf-8",
    )


def listing_site(folder, pages: int = 30):
    """Listing pages that each link three further ones (and one release each): the walk fans out."""
    for number in range(pages):
        write_release(folder, number)
        links = "".join(f'<a href="/list/?page={n}">page {n}</a> ' for n in range(number + 1, number + 4))
        release = f'<a href="/r/{number}">Release {number}</a>'
        (folder / "list").mkdir(parents=True, exist_ok=True)
        name = "index.html" if number == 0 else f"index.html@page={number}.html"
        (folder / "list" / name).write_text(f"<html><body>{release} {links}</body></html>", encoding="utf-8")
    return folder


def test_max_pages_bounds_the_listing_pages_fetched(tmp_path):
    site = listing_site(tmp_path / "site")
    registry = tmp_path / "sources.toml"
    with FixtureServer(site) as server:
        registry.write_text(
            f'[sources.fan]\nname = "Fan"\nbase_url = "{server.url}"\nstart_paths = ["/list/"]\n'
            'article_pattern = "/r/\\\\d+$"\nnext_pattern = "/list/\\\\?page=\\\\d+$"\nmax_pages = 5\n',
            encoding="utf-8",
        )
        result = run_cli("crawl", "fan", "--sources", str(registry), "--db", str(tmp_path / "a.db"))
        listings = [path for path, _ in server.requests if path.startswith("/list/")]
    assert len(listings) == 5
    # The releases past the bound were never seen: not `ok`, and the message names the fix.
    assert result.returncode == 1 and "stopped at max_pages listing pages" in result.stderr


def test_max_pages_counts_each_listing_page_once(tmp_path):
    """Every page links the first, previous and next pages (as ISPR's pagination does): the links to pages
    already asked for are not more pages, so a bound of exactly the site's page count walks all of it."""
    site = tmp_path / "site" / "list"
    site.mkdir(parents=True)
    pages = 12
    for number in range(pages):
        near = [0, number - 1, number + 1]
        links = "".join(f'<a href="/list/?page={n}">{n}</a> ' for n in near if 0 < n < pages)
        name = "index.html" if number == 0 else f"index.html@page={number}.html"
        body = f'<a href="/list/">first</a> {links}<a href="/r/{number}">Release {number}</a>'
        write_release(site.parent, number)
        (site / name).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    registry = tmp_path / "sources.toml"
    with FixtureServer(site.parent) as server:
        registry.write_text(
            f'[sources.paged]\nname = "Paged"\nbase_url = "{server.url}"\nstart_paths = ["/list/"]\n'
            f'article_pattern = "/r/\\\\d+$"\nnext_pattern = "/list/(\\\\?page=\\\\d+)?$"\n'
            f"max_pages = {pages}\n",
            encoding="utf-8",
        )
        result = run_cli("crawl", "paged", "--sources", str(registry), "--db", str(tmp_path / "a.db"))
        listings = [path for path, _ in server.requests if path.startswith("/list/")]
    assert result.returncode == 0, result.stderr
    assert sorted(listings) == sorted(["/list/", *(f"/list/?page={n}" for n in range(1, pages))])


# Item 13: one request at a time per site, and SIGTERM stops issuing at once.


class CountingServer(FixtureServer):
    """Records how many requests it is answering at once."""

    def __init__(self, *sites, **kwargs):
        super().__init__(*sites, **kwargs)
        self.active = self.peak = 0
        self.lock = threading.Lock()
        handler = self._httpd.RequestHandlerClass
        answer, server = handler.do_GET, self

        def counted(request):
            with server.lock:
                server.active += 1
                server.peak = max(server.peak, server.active)
            try:
                answer(request)
            finally:
                with server.lock:
                    server.active -= 1

        handler.do_GET = counted


@pytest.mark.parametrize("delay", [0.0, 0.2])
def test_one_request_at_a_time_per_site(tmp_path, delay):
    """With no download delay (a loopback site) and against a slow site alike."""
    with CountingServer("ispr", delay=delay) as server:
        args = ["crawl", "ispr", "--db", str(tmp_path / "a.db"), "--base-url", f"ispr={server.url}"]
        if delay:
            args += ["--ids", "6500-6512"]
        run_cli(*args)
    assert len(server.requests) > 10 and server.peak == 1


def test_sigterm_stops_issuing_requests_at_once(tmp_path):
    with CountingServer("ispr", delay=0.3) as server:
        args = ["crawl", "ispr", "--db", str(tmp_path / "a.db"), "--base-url", f"ispr={server.url}"]
        crawl = subprocess.Popen(
            [sys.executable, "-c", "from commands.cli import main; main()", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while len(server.requests) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        at_signal = len(server.requests)
        crawl.send_signal(signal.SIGTERM)
        crawl.communicate(timeout=60)
        after = len(server.requests) - at_signal
    assert after <= 1  # at most the one already on its way
    assert rows(tmp_path / "a.db", "SELECT count(*) AS n FROM crawl_runs")[0]["n"] == 1


def test_the_saved_urdu_release_still_reads_in_utf8():
    raw = saved_page("ispr", "/press-release-detail.php?id=6484")
    assert page_encoding(raw, "text/html") == "utf-8"


def test_source_hosts_include_the_www_variant():
    source = Source("x", "X", "https://www.example.org", ("/",), "/r/")
    assert source.hosts == frozenset({"example.org"})
