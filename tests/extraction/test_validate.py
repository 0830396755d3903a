"""Junk never becomes an article: classification of saved junk pages, and of pages that only look odd."""

from __future__ import annotations

import json

import pytest

from commands.site_server import resolve_site
from crawlers.middlewares import DeclaredLengthMiddleware
from crawlers.sources import Source
from extraction import Article, Page, Rejection, process
from extraction.validate import cut_off, page_problem
from tests.conftest import expected, saved_page

SAMPLE = expected("ispr")
SERVER = json.loads((resolve_site("ispr") / "_server.json").read_text())


def classify(target: str, status: int = 200, content_type: str = "text/html; charset=utf-8") -> str | None:
    raw = saved_page("ispr", target)
    return page_problem(status, content_type, raw, raw.decode("utf-8", errors="replace"))


@pytest.mark.parametrize(("number", "reason"), sorted(SAMPLE["junk"].items()))
def test_sample_junk_pages_are_recognised(number, reason):
    target = f"/press-release-detail.php?id={number}"
    status = SERVER["status"].get(target, 200)
    content_type = SERVER["headers"].get(target, {}).get("Content-Type", "text/html; charset=utf-8")
    got = classify(target, status, content_type)
    # A page cut off mid-document parses; it is caught after extraction finds no content block.
    assert got == (None if reason == "truncated" else reason)


@pytest.mark.parametrize("number", sorted(SAMPLE["releases"]))
def test_sample_releases_pass(number):
    assert classify(f"/press-release-detail.php?id={number}") is None


@pytest.mark.parametrize(
    ("status", "html", "reason"),
    [
        (200, "<html><head><title>Just a moment...</title></head><body>x</body></html>", "challenge"),
        (403, "<html><body><h1>Forbidden</h1></body></html>", "http_error"),
        (404, "<html><body><h1>Not here</h1></body></html>", "not_found"),
        (200, "<html><body><h1>404</h1><p>The page you requested is gone.</p></body></html>", "soft_404"),
        (200, "<html><body><p>Nothing found</p></body></html>", "soft_404"),
        (200, "<html><body><h2>ریکارڈ نہیں ملا</h2></body></html>", "soft_404"),
        (200, "<html><body>   </body></html>", "malformed"),
        (200, "", "empty"),
    ],
)
def test_problem_pages(status, html, reason):
    assert page_problem(status, "text/html", html.encode(), html) == reason


def test_a_release_that_mentions_not_found_is_kept():
    html = (
        "<html><body><h1>ARMY RESCUES HIKERS</h1><p>The two hikers, who had not been found for three days, "
        "were rescued by an army aviation helicopter near Naltar on Monday.</p></body></html>"
    )
    assert page_problem(200, "text/html", html.encode(), html) is None


def test_non_html_is_recognised_by_type_or_by_content():
    assert page_problem(200, "application/pdf", b"%PDF-1.4 ...", "%PDF-1.4 ...") == "not_html"
    assert page_problem(200, "", b"%PDF-1.4 ...", "%PDF-1.4 ...") == "not_html"


@pytest.mark.parametrize(
    "line",
    [
        "The press release you are looking for may have been moved, withdrawn or is temporarily unavailable.",
        "The page cannot be found",
        "معذرت! مطلوبہ صفحہ دستیاب نہیں ہے۔",
    ],
)
def test_soft_404_wordings(line):
    html = f"<html><body><h1>Press Releases</h1><p>{line}</p></body></html>"
    assert page_problem(200, "text/html", html.encode(), html) == "soft_404"


def test_sorry_no_record_found_against_a_reference():
    html = "<html><body><p>Sorry! No record found against the given reference.</p></body></html>"
    assert page_problem(200, "text/html", html.encode(), html) == "soft_404"


def test_a_not_found_message_standing_loose_in_the_body_is_its_own_line():
    html = "<html><head><title>Ministry</title></head><body>Sorry, the page you requested was not found"
    assert page_problem(200, "text/html", html.encode(), html) == "soft_404"


RELEASE = (
    "<html><head><title>Minister opens the new port terminal</title></head><body><article>"
    "<h1>Minister opens the new port terminal</h1>"
    "<p>The Minister for Maritime Affairs today opened the new container terminal at the port, which will "
    "double the port's handling capacity and create two thousand jobs.</p>"
    "<p>The terminal was built in three years by a consortium of local firms.</p></article>"
)
SOURCE = Source("demo", "Demo", "https://ports.example.org", ("/",), "/news/")


def outcome(raw: str, lengths=None, source=SOURCE):
    body = raw.encode()
    return process(
        Page(
            "demo", "https://ports.example.org/news/1", 200, "text/html", body, "utf-8", "", lengths=lengths
        ),
        source,
    )


@pytest.mark.parametrize(
    "ending",
    [
        "</body></html>",
        "</body></html>\n<script>var tracker = 1;</script>\n" + "<script>/* analytics */</script>\n" * 200,
        "<script src='/js/app.js'></script>\n",  # never closes body or html at all
        "",
    ],
)
def test_where_html_ends_is_not_evidence_of_truncation(ending):
    assert isinstance(outcome(RELEASE + ending), Article)


def test_a_response_cut_inside_a_tag_or_short_of_its_content_length_is_truncated():
    cut = outcome(RELEASE + '<div class="share"><a href="https://ex')
    assert isinstance(cut, Rejection) and (cut.reason, cut.detail) == (
        "truncated",
        "cut off: the page ends inside a tag",
    )
    short = outcome(RELEASE + "</body></html>", lengths=(9000, 4096))
    assert (
        isinstance(short, Rejection) and short.detail == "cut off: 4096 of the 9000 bytes the server declared"
    )
    assert isinstance(outcome(RELEASE + "</body></html>", lengths=(4096, 4096)), Article)
    assert cut_off(b"<p>a < b is true</p>") is None


def test_a_comment_its_author_left_open_is_not_a_cut():
    """An unclosed `<!--` that runs on to the page's closing </html> was written so (browsers hide the
    rest); a response cut inside a comment ends in the comment."""
    whole = outcome(RELEASE + "<!--\n<script>var breadcrumbs = 1;</script>\n</body></html>\n")
    assert isinstance(whole, Article)
    cut = outcome(RELEASE + "<!-- analytics: <script>var breadcrumbs")
    assert isinstance(cut, Rejection) and cut.reason == "truncated"


def test_a_page_missing_its_known_content_block_and_never_closing_is_truncated():
    """A site whose rules know the block every release has (body_css): a page without it that also never
    closes its document was cut before its text; one that closes is a complete page of another layout."""
    source = Source(
        "demo", "Demo", "https://ports.example.org", ("/",), "/news/", selectors={"body_css": ".news-body"}
    )
    assert outcome(RELEASE, source=source).reason == "truncated"
    assert isinstance(outcome(RELEASE + "</body></html>", source=source), Article)


def test_the_downloader_notes_declared_and_received_lengths_before_decompression():
    from scrapy.http import HtmlResponse, Request

    request = Request("https://ports.example.org/news/1")
    response = HtmlResponse(
        request.url, body=b"<html>" + b"x" * 10, headers={"Content-Length": "900"}, request=request
    )
    assert DeclaredLengthMiddleware().process_response(request, response) is response
    assert request.meta["lengths"] == (900, 16)
    plain = Request("https://ports.example.org/news/2")
    DeclaredLengthMiddleware().process_response(
        plain, HtmlResponse(plain.url, body=b"<html></html>", request=plain)
    )
    assert "lengths" not in plain.meta


ARTICLE = "".join(
    f"<p>The committee met on day {n} of the session and reviewed the progress of the coastal works, "
    "the training of new staff and the budget for the coming year in detail.</p>"
    for n in range(1, 9)
)


@pytest.mark.parametrize(
    "widget",
    [
        '<form role="search"><input name="q"><div>No results found for ""</div></form>',
        "<div class='related'>No posts found</div>",
        "<table><tr><td>Brand</td><td>Do not submit N/A, Generic or Does not exist</td></tr></table>",
    ],
)
def test_a_not_found_line_beside_an_article_is_a_widgets_message(widget):
    title = "Coastal works reviewed"
    html = f"<html><head><title>{title}</title></head><body>{widget}<h1>{title}</h1>{ARTICLE}</body></html>"
    assert page_problem(200, "text/html", html.encode(), html) is None


def test_a_heading_or_title_saying_not_found_is_a_soft_404_whatever_else_the_page_holds():
    for head, heading in (("Page not found | Ministry", "Ministry"), ("Ministry", "Page not found")):
        html = f"<html><head><title>{head}</title></head><body><h1>{heading}</h1>{ARTICLE}</body></html>"
        assert page_problem(200, "text/html", html.encode(), html) == "soft_404"
