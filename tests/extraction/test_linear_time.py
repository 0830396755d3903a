"""Extraction work grows linearly with page size.

A real 460 KB article page ran for minutes: its text ended in footnotes that each read as a dated line
("Gallery, Artist, consulted October 22, 2025."), and trimming furniture off the end of the text never
got past the second one. These tests count work (furniture classifications), not seconds, so they
hold on a loaded machine; the time limit only stops a regression that loops.
"""

from __future__ import annotations

import pytest

import extraction.furniture
from extraction.fields import extract_fields


def page(paragraphs: int) -> str:
    """An article whose text ends in dated footnotes, as long as asked."""
    prose = "".join(
        f"<p>Paragraph {n} of the essay describes how the photographers of the period worked, "
        f"what they printed and where their pictures were first shown to the public.</p>"
        for n in range(paragraphs)
    )
    notes = "".join(
        f"<li>Gallery {n}, Artist {n}, consulted October 22, 2025. ↩︎</li>" for n in range(paragraphs // 4)
    )
    return (
        "<html><head><title>Fine art photography today | Journal</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/essays'>Essays</a></nav>"
        f"<article><h1>Fine art photography today</h1>{prose}<ol class='footnotes'>{notes}</ol>"
        "<p>Last Updated on November 15, 2025</p></article></body></html>"
    )


def classifications(monkeypatch, html: str) -> int:
    calls = 0
    classify = extraction.furniture.classify

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return classify(*args, **kwargs)

    monkeypatch.setattr(extraction.furniture, "classify", counted)
    extract_fields(html, "https://journal.example.org/essays/fine-art-photography")
    return calls


@pytest.mark.timeout(120)
def test_furniture_work_grows_linearly_with_the_page(monkeypatch):
    small, large = page(100), page(400)
    work_small, work_large = classifications(monkeypatch, small), classifications(monkeypatch, large)
    lines_large = large.count("<p>") + large.count("<li>")
    assert work_large <= 10 * lines_large  # a bounded number of classifications per line
    assert work_large / work_small <= 1.25 * len(large) / len(small)  # and no faster growth than the page


@pytest.mark.timeout(120)
def test_trailing_dated_lines_are_trimmed_and_the_essay_kept():
    fields = extract_fields(page(60), "https://journal.example.org/essays/fine-art-photography")
    assert len(fields.paragraphs) == 60
    assert fields.paragraphs[0].startswith("Paragraph 0 of the essay")
    assert fields.paragraphs[-1].startswith("Paragraph 59 of the essay")
