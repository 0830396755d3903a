"""The body extractor's shortcuts change its work, never its answer: the page is parsed once and the
libraries are handed the tree (trafilatura's full run, needed on few pages, reads the page as served),
readability skips the cleaning `_prune_for_readability` already did (its measuring shortcuts are tested
in `test_readability_run.py`), code trafilatura never reads is dropped once, teaser boxes are read once
each, the page's nodes get their class in C, and its prose is counted in one walk."""

from __future__ import annotations

import lxml.etree
import lxml.html
from readability import Document

import extraction.body_text as body_text
from extraction.body_text import (
    _Evidence,
    _load,
    _prune_for_readability,
    _readability_paragraphs,
    _strip_code,
    _trafilatura_paragraphs,
)
from extraction.dom import blocks

URL = "https://ports.example.org/news/terminal"
PROSE = [
    "The minister opened the new terminal at the port on Monday morning, officials said in a statement.",
    "It will handle two million containers a year once fully operational, doubling the port's capacity.",
    "Work on the second phase is due to start next spring, the port authority announced on its website.",
    "Shipping lines have already booked berths for the first months, the terminal's operator told reporters.",
]
ICON = "<svg viewBox='0 0 10 10'><title>Share icon</title><text>Share</text><path d='M0 0h10v10z'/></svg>"


def page(inside: str = "", head: str = "") -> str:
    """An article with scripts, styles, icons, comments and hidden markup in and around it."""
    paragraphs = "".join(f"<p onclick='track()' style='color: red'>{p}</p>" for p in PROSE)
    return (
        f"<html><head><title>Port terminal opened</title><style>p {{ color: blue }}</style>{head}</head>"
        f"<body><script>var tracker = 'Not article text at all';</script>{ICON}"
        "<div class='content'><h1>Port terminal opened</h1><!-- an editor's note -->"
        f"{paragraphs}{inside}"
        "<div hidden><p>A hidden paragraph the browser never shows to anyone reading the page.</p></div>"
        "<div style='display: none'><p>A paragraph styled away so that no reader ever sees it.</p></div>"
        "<p><a href='javascript:void(0)'>Print</a> <a href=' #top'>Back to the top of the page</a></p>"
        f"</div>{ICON}<script>document.write('later');</script></body></html>"
    )


def test_readability_on_the_cleaned_tree_reads_as_readability_cleaning_it_itself():
    html = page()
    tree = _load(html)
    _prune_for_readability(tree)
    own_cleaning = Document(html).summary(html_partial=True)
    expected = [block.text for block in blocks(lxml.html.fromstring(own_cleaning), hidden=True, widgets=True)]
    found = _readability_paragraphs(tree)
    assert found == expected
    assert PROSE[0] in found
    assert not any("hidden" in line or "styled away" in line for line in found)


def test_readability_leaves_the_tree_it_was_given_whole():
    """Evidence reads the pruned tree after readability has run (teaser boxes), so readability must work
    on copies, on its retry pass too."""
    tree = _load(page())
    _prune_for_readability(tree)
    before = lxml.html.tostring(tree)
    _readability_paragraphs(tree)
    assert lxml.html.tostring(tree) == before


def test_code_trafilatura_never_reads_is_dropped_without_changing_its_text():
    html = page()
    stripped = _load(html)
    _strip_code(stripped)
    assert not stripped.xpath("//script|//style|//svg")
    assert _trafilatura_paragraphs(stripped, URL) == _trafilatura_paragraphs(_load(html), URL)


def test_the_json_trafilatura_reads_articles_from_is_kept():
    """On a page showing only a stub, trafilatura takes the article from its JSON-LD: that script stays."""
    article = " ".join(PROSE * 3)
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "{article}"}}</script>'
    html = (
        f"<html><head><title>Port terminal opened</title>{ld}</head><body>{ICON}<p>Loading…</p></body></html>"
    )
    tree = _load(html)
    _strip_code(tree)
    assert tree.xpath("//script[@type='application/ld+json']")
    assert PROSE[1] in " ".join(_trafilatura_paragraphs(tree, URL))


def test_teaser_boxes_are_read_once_each(monkeypatch):
    """Nested boxes each hold the text of all the boxes inside them; reading every box's words costs the
    square of the depth. Only boxes whose first word opens a candidate paragraph are read."""

    def nested(depth: int) -> str:
        inner = ""
        for n in range(depth):
            inner = (
                f"<div><p>Section{n} of the report on the port's new terminal and berths.</p>{inner}</div>"
            )
        return f"<html><body>{inner}</body></html>"

    read = 0
    tokens = body_text._tokens

    def counted(text: str) -> list[str]:
        nonlocal read
        read += len(text)
        return tokens(text)

    html = nested(300)
    evidence = _Evidence(_load(html), html, URL)
    monkeypatch.setattr(body_text, "_tokens", counted)
    evidence.teaser_share(["Section150 of the report on the port's new terminal and berths."])
    assert read <= 4 * len(html)


ARTICLE = [
    "The minister opened the new terminal at the port on Monday morning, officials said in a statement.",
    "It will handle two million containers a year once fully operational, doubling the port's capacity.",
    "Work on the second phase is due to start next spring, the port authority announced on its website.",
    "Shipping lines have already booked berths for the first months, the terminal's operator told reporters.",
    "The terminal was built in three years by a consortium of local and foreign companies at a cost of "
    "four hundred million dollars, and employs twelve hundred people from the surrounding districts.",
]
DECK = ["A new era for the port: what the terminal means for trade, jobs and the city around it today."]


def short_run_page(full: list[str]) -> _Evidence:
    """A page whose fast run found only a deck above the article, with trafilatura's full run given."""
    html = (
        "<html><head><title>Port terminal opened</title></head><body><article><h1>Port terminal opened</h1>"
        + "".join(f"<p>{p}</p>" for p in DECK + ARTICLE)
        + "</article></body></html>"
    )
    evidence = _Evidence(_load(html), html, URL)
    evidence._full = full
    return evidence


def test_the_full_run_is_taken_when_readability_found_the_same_article():
    """The fast run kept a deck the full run leaves out, so the full run does not hold the fast text;
    readability found the full run's article, not the deck: two extractors agree on the longer text."""
    assert body_text._longer_run(DECK, ARTICLE, short_run_page(ARTICLE)) == ARTICLE


def test_a_full_run_of_other_text_is_not_taken_without_readability():
    other = ["Notes on the history of the harbour and the families of pilots who have worked there."] * 8
    assert body_text._longer_run(DECK, DECK, short_run_page(other)) == DECK


def test_the_page_is_parsed_as_trafilatura_parses_it_into_plain_elements():
    """Same tree as `trafilatura.load_html` (repairs, encoding declarations, refusals), but every node a
    plain HtmlElement whose class lxml picks in C."""
    import trafilatura

    pages = [
        page(),
        '<?xml version="1.0" encoding="utf-8"?>' + page(),  # a str with a declaration: parsed as bytes
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x.dtd'/>\n" + page(),
        page(inside="<form><label>Name</label><input name='n'><select><option>A</option></select></form>"),
    ]
    for html in pages:
        tree = _load(html)
        assert lxml.html.tostring(tree) == lxml.html.tostring(trafilatura.load_html(html))
        assert {type(el) for el in tree.iter(lxml.etree.Element)} == {lxml.html.HtmlElement}
    for refused in ("", "   ", "just some words, no markup"):
        assert _load(refused) is None and trafilatura.load_html(refused) is None


def test_the_prose_count_skips_links_scripts_and_styles_but_not_their_tails():
    html = (
        "<html><body>one two <a href='/x'>link words <b>here</b></a> three"
        "<noscript>enable scripts</noscript> four <div>five <span>six</span></div>"
        "<script>var x = 1;</script>seven</body></html>"
    )
    assert _Evidence(_load(html), html, URL).prose_words == 7


def test_a_card_is_measured_only_as_far_as_its_word_limit():
    assert not body_text._has_more_words("one two three", 3)
    assert body_text._has_more_words("one two three four", 3)
    assert not body_text._has_more_words("", 0)


def test_only_short_texts_have_their_words_cached():
    """The cache holds paragraphs and sentences, never a whole column: its size stays bounded by
    entries of at most `_CACHED_CHARS` characters, whatever the page."""
    body_text._cached_tokens.cache_clear()
    long_text = "word " * body_text._CACHED_CHARS
    assert body_text._tokens(long_text) == tuple(["word"] * body_text._CACHED_CHARS)
    assert body_text._cached_tokens.cache_info().currsize == 0
    assert body_text._tokens("A short sentence.") == ("A", "short", "sentence")
    assert body_text._tokens("A short sentence.") == ("A", "short", "sentence")
    assert body_text._cached_tokens.cache_info().hits == 1
