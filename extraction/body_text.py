"""Main text of an article page, for pages whose markup we have never seen.

No single generic extractor is reliable on its own: trafilatura is precise inside
the article but keeps headlines, bylines and "related" blocks at its edges, and
sometimes stops at the first of several article sections; readability finds the
article container well but brings captions and teasers with it. Their mistakes
rarely coincide, so the body is assembled from both, sentence by sentence:

1. trafilatura (fast, recall-leaning) gives the backbone, in reading order;
2. its leading and trailing sentences that readability does not confirm are cut,
   which removes headlines, bylines, share/subscribe lines and teaser lists that
   sit around the article, while disagreements inside the article are kept
   (readability's own extra lines there are mostly image captions);
3. long paragraphs that readability finds after the confirmed text are appended,
   recovering article sections trafilatura stopped short of;
4. where readability splits a stretch of text into paragraphs that trafilatura ran
   together (old table layouts, <br>-separated text), its breaks are used;
5. lines that read as page furniture (the headline again, "Read more", share rows,
   newsletter and cookie notices, copyright lines, lists of related headlines) are
   dropped by general wording rules.

The page is parsed once and the tree handed to both libraries.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re

import lxml.etree
import lxml.html
import trafilatura
from lxml.etree import ParserError
from readability import Document

from extraction.furniture import classify, headline_keys, repeats_headline

LOGGER = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")
# Sentence ends in Latin, Cyrillic, Arabic-script (Urdu "۔" and "؟") and CJK text;
# CJK full stops need no following space.
_SENTENCE_END = re.compile(r"(?<=[.!?…۔؟])\s+|(?<=[。！？])")
_SHINGLE = 4
# Share of a sentence's 4-word shingles the other extractor must also have for the
# sentence to count as confirmed: half tolerates the two libraries' different
# whitespace and punctuation handling without letting a shared phrase confirm a
# whole teaser.
_CONFIRMED = 0.5
# A paragraph readability alone finds after the confirmed text is taken only when
# it is this long (in words): article prose, not a caption, teaser or pitch.
_EXTENSION_MIN_WORDS = 30
# Below this share of trafilatura's words confirmed, the two extractors are taken to
# have found different things rather than the same article with different edges.
_MIN_AGREEMENT = 0.3
# Readability lines shorter than this are too common to locate paragraph breaks by.
_MIN_PIECE_WORDS = 3

# fmt: off
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
})
# Never article text; readability would drop or skip them anyway, after paying to
# clean and score them.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "link", "meta",
    "button", "select", "option", "input", "textarea", "label",
)
# fmt: on
# Page furniture by HTML5 semantics. Hiding it from readability also means that the
# headline, captions and menus trafilatura keeps are never "confirmed".
_FURNITURE_TAGS = ("nav", "footer", "aside", "header", "figure")
_TITLE_SEPARATOR = re.compile(r"\s+[|–—:»·-]+\s+")


def extract_body(html: str, url: str | None = None) -> str:
    """Main text of an article page: paragraphs separated by a blank line ("\n\n"), "" when none."""
    tree = _load(html)
    if tree is None:
        return ""
    titles = _titles(tree)
    backbone = _trafilatura_paragraphs(tree, url)
    # trafilatura worked on its own copy, so the tree can now be pruned in place
    _prune_for_readability(tree)
    helper = _readability_paragraphs(tree)
    paragraphs = _assemble(backbone, helper, titles)
    if not paragraphs:
        # Cross-checking can leave nothing on an odd page where plain trafilatura
        # (with its own fallbacks) still finds text; never return less than it,
        # short of what is page furniture by the same rules.
        plain = trafilatura.extract(html, url=url) or ""
        paragraphs = _clean(_split_lines(plain), titles)
    return "\n\n".join(paragraphs)


def _load(html: str):
    try:
        return trafilatura.load_html(html)
    except (TypeError, ValueError, ParserError):
        return None


def _titles(tree) -> set[str]:
    """The page's own headline, as the <title> (whole or split at its "Headline | Site"
    separators), og:title and a lone <h1> give it, to spot the headline when an
    extractor repeats it as body text (often in capitals)."""
    candidates = []
    for el in tree.iter("title"):
        text = el.text_content()
        candidates.append(text)
        candidates.extend(_TITLE_SEPARATOR.split(text))
    headings = list(tree.iter("h1"))
    # several <h1> on one page are section headings, not the headline
    if len(headings) == 1:
        candidates.append(headings[0].text_content())
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            candidates.append(meta.get("content") or "")
    return headline_keys(text for text in candidates if len(_tokens(text)) >= 3)


def _trafilatura_paragraphs(tree, url: str | None) -> list[str]:
    # fast: skips trafilatura's own readability/justext fallbacks, which we replace;
    # favor_recall: its misses are hard to recover, its extra lines easy to cut.
    text = trafilatura.extract(
        tree, url=url, include_comments=False, fast=True, favor_recall=True, include_tables=True
    )
    return _split_lines(text or "")


def _prune_for_readability(tree) -> None:
    """Cut what cannot be article text before readability sees the tree: its
    cleaning and scoring cost grows with every node and link, and this about halves it."""
    lxml.etree.strip_elements(tree, lxml.etree.Comment, *_JUNK_TAGS, with_tail=False)
    body = tree.find("body")
    total = len((body if body is not None else tree).text_content())
    for el in list(tree.iter(*_FURNITURE_TAGS)):
        # a stray unclosed <header> can swallow the whole page: keep such giants
        if el.getparent() is not None and len(el.text_content()) * 2 < total:
            el.drop_tree()


def _readability_paragraphs(tree) -> list[str]:
    try:
        summary = Document(tree).summary(html_partial=True)
        fragment = lxml.html.fromstring(summary) if summary and summary.strip() else None
    except Exception as err:  # a helper failing must not lose the page
        LOGGER.debug("readability failed: %s", err)
        return []
    return _block_paragraphs(fragment) if fragment is not None else []


def _block_paragraphs(root) -> list[str]:
    """Text of an element split at block boundaries only, so a caption never runs into
    the paragraph after it while a hard-wrapped source line stays one paragraph."""
    parts: list[str] = []

    def text(value: str | None) -> None:
        if value:
            parts.append(_WHITESPACE.sub(" ", value))

    def walk(el) -> None:
        if not isinstance(el.tag, str):
            text(el.tail)
            return
        block = el.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        text(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        text(el.tail)

    walk(root)
    return _normalise_paragraphs("".join(parts).split("\n"))


def _split_lines(text: str) -> list[str]:
    """trafilatura's text output, one paragraph a line, with its table markup
    ("| cell | cell |") reduced to the cell text."""
    paragraphs = []
    for line in _normalise_paragraphs(text.split("\n")):
        if line.startswith("|") and line.endswith("|"):
            line = line.strip("| ").replace("\\|", "|")
        if line and set(line) - set("|-: "):
            paragraphs.append(line)
    return paragraphs


def _normalise_paragraphs(lines) -> list[str]:
    return [" ".join(line.split()) for line in lines if line.strip()]


# --- alignment ----------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _shingles(tokens: list[str]) -> list[tuple[str, ...]]:
    if len(tokens) < _SHINGLE:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)]


class _Reference:
    """Another extractor's text, indexed to answer "does it contain these words?"."""

    def __init__(self, token_lists: list[list[str]]):
        tokens = [tok for words in token_lists for tok in words]
        self.shingles = set(_shingles(tokens))
        self.joined = " " + " ".join(tokens) + " "

    def confirms(self, tokens: list[str]) -> bool:
        if len(tokens) < _SHINGLE:
            return " " + " ".join(tokens) + " " in self.joined
        own = _shingles(tokens)
        shared = sum(shingle in self.shingles for shingle in own)
        return shared >= _CONFIRMED * len(own)


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _assemble(backbone: list[str], helper: list[str], titles) -> list[str]:
    if not backbone:
        return _clean(helper, titles)
    if not helper:
        return _clean(backbone, titles)
    helper_tokens = [_tokens(p) for p in helper]
    reference = _Reference(helper_tokens)
    units = [(i, s, _tokens(s)) for i, p in enumerate(backbone) for s in _sentences(p)]
    confirmed = [k for k, (_, _, words) in enumerate(units) if words and reference.confirms(words)]
    confirmed_words = sum(len(units[k][2]) for k in confirmed)
    if confirmed_words < _MIN_AGREEMENT * sum(len(words) for _, _, words in units):
        # The two found different things (readability took a comment thread or a
        # teaser block that shares a line with the article). trafilatura is right
        # more often, and cutting it down to a chance overlap would lose the article.
        return _clean(backbone, titles)
    paragraphs: list[str] = []
    last_index = None
    for index, sentence, _ in units[confirmed[0] : confirmed[-1] + 1]:
        if index == last_index:
            paragraphs[-1] += " " + sentence
        else:
            paragraphs.append(sentence)
        last_index = index
    needles = {" ".join(words): len(words) for words in helper_tokens if len(words) >= _MIN_PIECE_WORDS}
    paragraphs = [piece for p in paragraphs for piece in _resplit(p, needles)]

    back_reference = _Reference([words for _, _, words in units])
    shared = [k for k, words in enumerate(helper_tokens) if words and back_reference.confirms(words)]
    if shared:
        for paragraph, words in zip(helper[shared[-1] + 1 :], helper_tokens[shared[-1] + 1 :], strict=True):
            if len(words) >= _EXTENSION_MIN_WORDS:
                paragraphs.append(paragraph)
    return _clean(paragraphs, titles)


def _resplit(paragraph: str, needles: dict[str, int]) -> list[str]:
    """Split a paragraph that is exactly a run of readability's paragraphs (given as
    their joined words -> word count) at their boundaries, e.g. a whole
    <br>-separated release that trafilatura read as one table cell. Only a complete
    tiling counts: a helper line that merely occurs inside the paragraph ("Read
    more", a name) must not cut it."""
    matches = list(_TOKEN.finditer(paragraph))
    if len(matches) < 2 * _MIN_PIECE_WORDS:
        return [paragraph]
    joined = " ".join(m.group() for m in matches)
    if joined in needles:
        return [paragraph]
    starts = []  # character offset of each token in `joined`
    position = 0
    for m in matches:
        starts.append(position)
        position += len(m.group()) + 1
    ends_at: dict[int, int] = {}  # first token -> one past the last, longest run
    for needle, count in needles.items():
        if len(needle) >= len(joined):
            continue
        found = joined.find(needle)
        if found < 0:
            continue
        first = bisect.bisect_left(starts, found)
        if first == len(starts) or starts[first] != found:
            continue
        after = first + count
        if after < len(matches) and joined[found + len(needle)] != " ":
            continue
        ends_at[first] = max(after, ends_at.get(first, 0))
    cuts = []
    token = 0
    while token < len(matches):
        if token not in ends_at:
            return [paragraph]
        token = ends_at[token]
        cuts.append(token)
    bounds = [0] + [matches[t].start() for t in cuts[:-1]] + [len(paragraph)]
    return [paragraph[a:b].strip() for a, b in itertools.pairwise(bounds) if paragraph[a:b].strip()]


# --- page furniture -----------------------------------------------------------------


def _clean(paragraphs: list[str], titles: set[str]) -> list[str]:
    """Drop furniture lines (`extraction.furniture`) and the headline again. A teaser heading ("Related",
    "Read more: ...") also opens a run of teaser headlines, dropped with it up to the next sentence-like
    paragraph."""
    kept = []
    in_teaser_list = False
    for paragraph in paragraphs:
        tokens = _tokens(paragraph)
        if not tokens:
            continue
        if classify(paragraph, ("teaser",)):
            in_teaser_list = True
            continue
        if in_teaser_list and _headline_like(paragraph, tokens):
            continue
        in_teaser_list = False
        if not repeats_headline(paragraph, titles) and not classify(paragraph, ("anywhere",)):
            kept.append(paragraph)
    return kept


def _headline_like(paragraph: str, tokens: list[str]) -> bool:
    """A teaser after a "Related"/"Don't miss" label: short, and not a sentence."""
    return len(tokens) <= 20 and not paragraph.rstrip().endswith((".", "!", "?", "۔", "。", ":"))
