"""Junk never becomes an article: classification of saved junk pages, and of pages that only look odd."""

from __future__ import annotations

import json

import pytest

from commands.site_server import resolve_site
from extraction.validate import page_problem
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
    assert got == (None if reason == "malformed" else reason)


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
