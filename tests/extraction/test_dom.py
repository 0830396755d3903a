"""One walk from HTML to blocks with flags, and one chrome detector."""

from __future__ import annotations

import lxml.html
import pytest

from extraction.body_text import extract_body
from extraction.dom import blocks, in_chrome, page_blocks, paragraphs_of, parse_html
from extraction.listing import listing_links

PAGE = """<html><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article>
<header><h1>Navy chief visits Gwadar</h1></header>
<p>The Chief of the Naval Staff visited Gwadar<sup><a href="#fn1">1</a></sup> and met the commanders.</p>
<p>{long}</p>
<p style="display:none">Hidden consent text.</p>
<figure><img src="a.jpg"><figcaption>The chief at the harbour.</figcaption></figure>
<table><tr><td>Ship</td><td>PNS Saif</td></tr></table>
<p><a href="/a">Related one</a> and <a href="/b">related two</a></p>
<div><form><input type="email"><p>Subscribe</p></form></div>
<footer>Posted by the media wing</footer>
</article></main>
<footer><p>Copyright 2024</p></footer>
</body></html>""".replace("{long}", "He reviewed the new harbour works and the training of crews. " * 8)


@pytest.fixture
def root():
    return parse_html(PAGE)


def by_text(found, text):
    return next(block for block in found if block.text == text)


def test_blocks_carry_flags(root):
    found = blocks(root, hidden=True, widgets=True)
    texts = [block.text for block in found]
    assert "The Chief of the Naval Staff visited Gwadar and met the commanders." in texts  # no note number
    assert by_text(found, "Hidden consent text.").hidden
    assert not by_text(found, "Ship | PNS Saif").hidden  # a data row is one block
    assert by_text(found, "Navy chief visits Gwadar").heading
    assert by_text(found, "The chief at the harbour.").caption
    assert by_text(found, "Related one and related two").link_heavy
    assert by_text(found, "Home News").chrome
    assert by_text(found, "Copyright 2024").chrome  # the page's footer
    assert not by_text(found, "Posted by the media wing").chrome  # the article's own footer
    assert not by_text(found, "Navy chief visits Gwadar").chrome  # the article's own header


def test_what_a_reader_sees_and_what_a_release_text_is(root):
    seen = [block.text for block in page_blocks(root)]
    assert "Hidden consent text." not in seen and "Subscribe" not in seen  # hidden, and a signup widget
    assert "The chief at the harbour." in seen
    text = paragraphs_of(root)
    assert "The chief at the harbour." not in text and "Hidden consent text." not in text
    assert "Subscribe" in text and "Ship | PNS Saif" in text


@pytest.mark.parametrize(
    ("markup", "chrome"),
    [
        ('<div class="main-navigation"><p id="x">a</p></div>', True),
        ('<div class="topMenu"><p id="x">a</p></div>', True),
        ('<div class="content-sidebar-wrap"><p id="x">a</p></div>', False),  # wraps the article too
        ('<div class="has-sidebar"><p id="x">a</p></div>', False),  # a layout flag
        ('<div class="owl-carousel"><p id="x">a</p></div>', True),
        ('<div class="swiper-wrapper"><p id="x">a</p></div>', True),
        ('<div class="tickerRow"><p id="x">a</p></div>', True),
        ('<div class="widget latest-releases"><p id="x">a</p></div>', True),
        ('<div class="elementor-widget elementor-widget-text"><p id="x">a</p></div>', False),
        ('<div role="complementary"><p id="x">a</p></div>', True),
        ("<aside><p id='x'>a</p></aside>", True),
        ("<header><p id='x'>a</p></header>", True),
        ("<article><header><p id='x'>a</p></header></article>", False),
    ],
)
def test_chrome(markup, chrome):
    root = lxml.html.document_fromstring(f"<html><body>{markup}</body></html>")
    assert in_chrome(root.get_element_by_id("x")) is chrome


class Source:
    base_url = "http://127.0.0.1:8101/"

    @staticmethod
    def is_article(url):
        return "/release/" in url

    @staticmethod
    def is_next_page(url):
        return "page=" in url


def test_listing_links_in_a_carousel_count_only_without_others():
    carousel = '<div class="carousel slide"><a href="/release/9">Featured</a></div>'
    with_list = f'<html><body>{carousel}<ul><li><a href="/release/1">One</a></li></ul></body></html>'
    assert listing_links(with_list, "http://127.0.0.1:8101/news", Source())[0] == [
        "http://127.0.0.1:8101/release/1"
    ]
    alone = f"<html><body>{carousel}</body></html>"
    assert listing_links(alone, "http://127.0.0.1:8101/news", Source())[0] == [
        "http://127.0.0.1:8101/release/9"
    ]


def test_readability_never_confirms_the_sidebar():
    sidebar = "".join(
        f"<p>Sidebar story number {n} tells a long tale of another release entirely.</p>" for n in range(5)
    )
    article = "".join(
        f"<p>Paragraph {n} of the release says the ship arrived in port after a long voyage.</p>"
        for n in range(6)
    )
    html = f"<html><body><div class='sidebar'>{sidebar}</div><div class='entry'>{article}</div></body></html>"
    body = extract_body(html, "https://navy.example/release/1")
    assert "Paragraph 0 of the release" in body and "Sidebar story" not in body
