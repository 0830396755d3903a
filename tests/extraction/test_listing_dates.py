"""The date a listing prints beside each release link, which extraction checks the page's own date against."""

from __future__ import annotations

from extraction.listing import listing_dates

BASE = "https://ag.example.gov/News"


def test_each_link_takes_the_date_in_its_own_row():
    html = """<html><body><div class="list">
    <div class="item"><h3><a href="/News/a">Settlement with nursing home chain</a></h3>
      <span>February 11, 2026</span></div>
    <div class="item"><h3><a href="/News/b">Suit against ticket reseller</a></h3></div>
    <table><tr><td><a href="/News/c">Pension warning</a></td><td>03/09/2026</td></tr></table>
    </div></body></html>"""
    releases = [f"https://ag.example.gov/News/{x}" for x in "abc"]
    assert listing_dates(html, BASE, releases) == {
        "https://ag.example.gov/News/a": "February 11, 2026",
        "https://ag.example.gov/News/c": "03/09/2026",
    }


def test_a_date_shared_by_several_links_belongs_to_none():
    html = """<html><body><div class="day"><p>March 9, 2026</p>
    <ul><li><a href="/News/a">One</a></li><li><a href="/News/b">Two</a></li></ul></div></body></html>"""
    assert listing_dates(html, BASE, ["https://ag.example.gov/News/a", "https://ag.example.gov/News/b"]) == {}
