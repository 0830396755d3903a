"""readability's article finder, run on a tree `body_text` has already pruned and cleaned: the same output
as readability-lxml (pinned in requirements.lock) at about two thirds of its cost.

readability measures text through module-level helpers it calls hundreds of thousands of times per
hundred pages: `clean` runs three regex substitutions over every text it measures, even a link's two
words with no run of blanks to collapse, and `describe` formats a description of every node it scores or
drops into a debug message, logged or not. Its methods here run with our own helpers in their place,
the same function for every input (`tests/extraction/test_readability_run.py` checks that against the
library's), each substitution skipped when the text cannot hold what it replaces, and a node described
only when readability's debug log is on.
"""

from __future__ import annotations

import copy
import logging
import re
import types

import readability.readability as library
from readability import Document

_LOG = logging.getLogger(library.log.name)
# readability's blank-collapsing patterns, in its order. Its line-break pattern tries every blank of a
# run as a start, each time over the rest of the run (quadratic); a match only ever starts where a run
# of blanks starts, so starting only there finds the same matches in one pass.
_LONG_BLANKS = re.compile(r"\s{255,}")
_LINE_BREAK = re.compile(r"(?<!\s)\s*\n\s*")
_BLANKS = re.compile(r"\t|[ \t]{2,}")
_RUNS = re.compile(r"\s{2,}")
_SPACES_AND_TABS = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """readability's `clean`: blanks around a line break become the break, tabs and runs of spaces one
    space (runs of 255 blanks first cut to 255 spaces, which its next patterns would take too long over)."""
    if len(text) >= 255:
        text = _LONG_BLANKS.sub(" " * 255, text)
    if "\n" in text:
        text = _LINE_BREAK.sub("\n", text)
    if "\t" in text or "  " in text:
        text = _BLANKS.sub(" ", text)
    return text.strip()


def text_length(element) -> int:
    """`len(clean(text))` for an element's text, counted rather than built: readability measures every
    box around every paragraph, whole pages of indented markup. Inside the text, `clean` leaves every
    single blank as one character and turns a run of blanks that holds a line break (or is 255 long) into
    one; only a run of spaces, tabs and other blanks on one line needs counting blank by blank."""
    text = (element.text_content() or "").strip()
    runs = _RUNS.findall(text)
    length = len(text) - sum(map(len, runs)) + len(runs)
    for run in runs:
        if "\n" not in run and len(run) < 255 and run.strip(" "):
            length += _kept(run) - 1
    return length


def _kept(run: str) -> int:
    """How many characters `clean` keeps of a run of blanks with no line break: each tab that opens a
    stretch of spaces and tabs becomes a space, and the rest of the stretch one space; other blanks stay."""
    kept = len(run)
    for stretch in _SPACES_AND_TABS.findall(run):
        rest = stretch.lstrip("\t")
        kept -= len(rest) - (1 if rest else 0)
    return kept


def _describe(node, depth: int = 1) -> str:
    return library.describe(node, depth) if _LOG.isEnabledFor(logging.DEBUG) else ""


def _text_content(element, length: int = 40) -> str:
    return library.text_content(element, length) if _LOG.isEnabledFor(logging.DEBUG) else ""


_HELPERS = {"clean": clean, "text_length": text_length, "describe": _describe, "text_content": _text_content}
_NAMESPACE = {**vars(library), **_HELPERS}


def _names(code: types.CodeType) -> set[str]:
    """The global names a function's code uses, its comprehensions' included."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names(constant)
    return names


def _with_our_helpers(function: types.FunctionType) -> types.FunctionType:
    """The same code, looking up its module-level names in a copy of readability's module with our
    helpers in place of the library's."""
    rebound = types.FunctionType(
        function.__code__, _NAMESPACE, function.__name__, function.__defaults__, function.__closure__
    )
    rebound.__kwdefaults__ = function.__kwdefaults__
    rebound.__qualname__ = function.__qualname__
    return rebound


_FastDocument = type(
    "_FastDocument",
    (Document,),
    {
        name: _with_our_helpers(member)
        for name, member in vars(Document).items()
        if isinstance(member, types.FunctionType) and _names(member.__code__) & _HELPERS.keys()
    },
)


class Readability(_FastDocument):
    """readability's Document for a tree the caller has cleaned as readability cleans it. Each of
    readability's passes over a tree starts by dropping hidden markup and running lxml's Cleaner on a
    copy (scripts, styles, comments, inline styles, event handlers, javascript: links): on a cleaned
    tree that walk over every node and link (a seventh of readability's time) changes nothing a text
    extractor reads, so each pass only copies the tree, as the Cleaner did."""

    _link_lengths: dict | None = None

    def _parse(self, input):  # noqa: A002 (readability's own name)
        doc = copy.deepcopy(input)
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def score_paragraphs(self):
        """readability scores every parent and grandparent of a paragraph by its link density, which
        measures each link's text again for every box around it (a fifth of readability's time). The
        tree does not change while it scores, so each link is measured once."""
        self._link_lengths = {}
        try:
            return super().score_paragraphs()
        finally:
            self._link_lengths = None

    def get_link_density(self, elem):
        if self._link_lengths is None:
            return super().get_link_density(elem)
        lengths = self._link_lengths
        links = 0
        for link in elem.iterdescendants("a"):
            if link not in lengths:
                lengths[link] = text_length(link)
            links += lengths[link]
        return float(links) / max(text_length(elem), 1)
