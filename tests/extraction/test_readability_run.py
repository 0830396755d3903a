"""readability run with our helpers gives readability's answers: `clean` and `text_length` are the
library's functions for every text (long runs of blanks, tabs among spaces, blanks other than the space,
line breaks at the edges), links are measured once while scoring, and nodes are described for the debug
log only when it is on."""

from __future__ import annotations

import logging
import random

import lxml.html
import readability.readability as library
from readability.readability import Document as Plain

from extraction import readability_run
from extraction.body_text import _load, _prune_for_readability
from extraction.readability_run import Readability, clean, text_length

BLANKS = [" ", "  ", "\t", "\n", "\r", "\xa0", "\u2003", "\x0b", " \t ", "\t\t", "\n  \t"]


def texts(count: int, seed: int) -> list[str]:
    """Words among runs of every kind of blank, some runs 255 long or longer."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(0, 8)):
            if rng.random() < 0.05:
                parts.append(rng.choice(BLANKS) * rng.randrange(120, 300))
            elif rng.random() < 0.5:
                parts.append("".join(rng.choice(BLANKS) for _ in range(rng.randrange(1, 6))))
            else:
                parts.append(rng.choice(["word", "a,", "Ünï", "۔"]))
        made.append("".join(parts))
    return made


def test_clean_is_readabilitys_clean():
    for text in texts(20_000, seed=1):
        assert clean(text) == library.clean(text), repr(text)


def test_text_length_counts_what_readabilitys_clean_keeps():
    for text in texts(20_000, seed=2):
        text = text.replace("\x0b", "\u2028")  # a control character XML text cannot hold
        element = lxml.html.fragment_fromstring("<div><p></p>x<b></b></div>")
        element[0].text, element[0].tail, element[1].text = text[::2], text, text[1::3]
        assert text_length(element) == library.text_length(element), repr(text)


def page(inside: str = "") -> str:
    prose = [
        "The minister opened the new terminal at the port on Monday morning,\n\t\tofficials said.",
        "It will handle two million containers a year once fully operational,  doubling capacity.",
        "Work on the second phase is due to start next spring, the port authority announced today.",
    ]
    paragraphs = "".join(f"<p>\n    {p}\n  </p>" for p in prose)
    return (
        "<html><head><title>Port terminal opened</title></head><body><div class='menu'>"
        + "".join(f"<a href='/{n}'>Section {n}</a>" for n in range(6))
        + f"</div><div class='content'>{paragraphs}{inside}</div>"
        + "<div class='footer'>Contact</div></body></html>"
    )


def test_our_document_finds_what_readabilitys_finds():
    tree = _load(page())
    _prune_for_readability(tree)
    ours = Readability(tree).summary(html_partial=True)
    plain = Plain(lxml.html.tostring(tree, encoding="unicode")).summary(html_partial=True)
    assert ours == plain
    assert "second phase" in ours and "Section 3" not in ours


def test_readability_scores_with_each_link_measured_once(monkeypatch):
    """Scoring reads a link's text once however many boxes hold it, with the densities readability's own
    measure gives; after scoring (the tree changes) each call measures again."""
    html = page(
        inside="<div><div><p>"
        + " ".join(f"<a href='/{n}'>Link {n}</a>" for n in range(5))
        + "</p></div></div>"
    )
    tree = _load(html)
    _prune_for_readability(tree)
    measured = []
    monkeypatch.setattr(readability_run, "text_length", lambda el: measured.append(el) or text_length(el))
    doc = Readability(tree)
    doc._html(True)
    scores = {el: c["content_score"] for el, c in doc.score_paragraphs().items()}
    links = [el for el in measured if el.tag == "a"]
    assert len(links) == len(set(links)) == len(list(doc.html.iter("a"))) == 11  # the menu's six, five
    plain = Plain(lxml.html.tostring(tree, encoding="unicode"))
    plain._html(True)
    expected = sorted(round(c["content_score"], 9) for c in plain.score_paragraphs().values())
    assert sorted(round(score, 9) for score in scores.values()) == expected
    assert doc._link_lengths is None


def test_nodes_are_described_only_for_the_debug_log(monkeypatch, caplog):
    described = []
    original = library.describe
    monkeypatch.setattr(library, "describe", lambda node, depth=1: described.append(node) or original(node))
    tree = _load(page())
    _prune_for_readability(tree)
    caplog.set_level(logging.INFO, logger=library.log.name)
    quiet = Readability(tree).summary(html_partial=True)
    assert described == []
    caplog.set_level(logging.DEBUG, logger=library.log.name)
    assert Readability(tree).summary(html_partial=True) == quiet
    assert described
    assert any("content" in record.getMessage() for record in caplog.records)
