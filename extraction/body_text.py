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
   (readability's own extra lines there are mostly image captions); several
   paragraphs of prose above the confirmed text are the article's opening and stay;
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

import contextlib
import functools
import itertools
import logging
import re

import lxml.etree
import lxml.html
import trafilatura
from lxml.etree import ParserError
from readability.readability import REGEXES as READABILITY_PATTERNS
from trafilatura.utils import is_dubious_html, repair_faulty_html

from extraction.dom import blocks, chrome_tags
from extraction.furniture import classify, headline_keys, repeats_headline, role_of
from extraction.readability_run import Readability

LOGGER = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
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
# A fast trafilatura text on a page with _PROSE_MULTIPLE times more prose outside links is checked
# against trafilatura's full run, which replaces it when _LONGER times longer.
_PROSE_MULTIPLE = 2.5
_LONGER = 2
# Above this share of teaser words in what the full run adds, the full run took in a list of other pages.
_TEASERS = 0.25
# A teaser is short: a longer text under its headline's link is a post on a page that lists them whole.
_TEASER_WORDS = 100
# A link this long in a paragraph's card is another page's headline: the paragraph is its teaser.
_HEADLINE_LINK_WORDS = 3
# A teaser's box holds its headline, a date and a "Read more" besides the excerpt: this many words.
_CARD_EXTRA_WORDS = 40
# Below this share of trafilatura's words between the first and last sentence readability confirms,
# readability found a part of the text rather than the same article with other edges.
_MIN_SPAN = 0.5
# A sentence this long is article prose; menus, labels and bylines are shorter.
_PROSE_SENTENCE_WORDS = 12
# A candidate body with this share of its words in whole link texts is navigation, never a body.
_NAVIGATION = 0.5
# Readability lines shorter than this are too common to locate paragraph breaks by.
_MIN_PIECE_WORDS = 3
# Before the text readability confirms, this many paragraphs of prose (and words in them), with nothing
# longer than a heading (_PROSE_SENTENCE_WORDS) between them, are the article's opening, not its
# headline, deck and byline: a deck is one paragraph, an opening several.
_OPENING_PARAGRAPHS = 3
_OPENING_WORDS = 100
# Texts up to this long have their words cached (`_tokens`).
_CACHED_CHARS = 1000

# Never article text; readability would drop or skip them anyway, after paying to
# clean and score them.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "link", "meta",
    "button", "select", "option", "input", "textarea", "label",
)  # fmt: skip
# Text that is not the page's prose, whatever it says.
_NOT_PROSE = frozenset(("a", "script", "style", "noscript"))
# Figures are pruned with the chrome.
_UNCONFIRMED_TAGS = ("figure",)
# (?<!\s): a separator's spaces are matched from their first one only; trying from every space of a long
# run is quadratic (20k spaces took 1.8 s).
_TITLE_SEPARATOR = re.compile(r"(?<!\s)\s+[|–—:»·-]+\s+")
# trafilatura's parser settings. lxml.html's own parsers pick each node's Python class by its tag (form,
# input, label...) in a Python call whenever a node is touched: millions of calls, a twentieth of the
# whole extraction. trafilatura and readability read every node as a plain HtmlElement, so the class is
# fixed in C.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


def extract_body(html: str, url: str | None = None) -> str:
    """Main text of an article page: paragraphs separated by a blank line ("\n\n"), "" when none."""
    tree = _load(html)
    if tree is None:
        return ""
    titles = _titles(tree)
    page = _Evidence(tree, html, url)
    _strip_code(tree)
    backbone = _trafilatura_paragraphs(tree, url)
    # trafilatura worked on its own copies, so the tree can now be pruned in place
    _prune_for_readability(tree)
    helper = _readability_paragraphs(tree)
    if _looks_short(backbone, page):
        backbone = _longer_run(backbone, helper, page)
    paragraphs = _assemble(backbone, helper, titles, page)
    if not paragraphs:
        # Cross-checking can leave nothing on an odd page where plain trafilatura
        # (with its own fallbacks) still finds text; never return less than it,
        # short of what is page furniture by the same rules.
        paragraphs = _clean(page.full_run(), titles)
    return "\n\n".join(paragraphs)


class _Evidence:
    """What the page says about a candidate body beyond its text: which lines are link texts (menus,
    teaser lists), how much prose the page holds outside links, and trafilatura's full run (with its own
    fallbacks, precision-leaning), computed only when a decision needs it."""

    def __init__(self, tree, html: str, url: str | None):
        self.tree, self.html, self.url, self._full = tree, html, url, None
        self._link_texts = [a.text_content() for a in tree.iter("a")]  # the whole page's, before pruning
        self.prose_words = len(_TOKEN.findall(" ".join(_prose_texts(tree))))  # read once: not worth caching

    @functools.cached_property
    def link_keys(self) -> set[str]:
        keys = {" ".join(_tokens(text.lower())) for text in self._link_texts}
        keys.discard("")
        return keys

    def full_run(self) -> list[str]:
        if self._full is None:
            # the page as served: the tree has been cut for the fast run and for readability
            # (parsed again, as trafilatura would parse it, into a tree it reads faster)
            text = trafilatura.extract(
                _load(self.html), url=self.url, include_comments=False, include_tables=True
            )
            self._full = _split_lines(text or "")
        return self._full

    def teaser_share(self, paragraphs: list[str]) -> float:
        """Share of the words in paragraphs set as teasers: each in a card (its parent or grandparent)
        that also holds a link of several words, another page's headline."""
        wanted = {" ".join(_tokens(p.lower())): len(_tokens(p)) for p in paragraphs}
        total = sum(wanted.values())
        if not total:
            return 0.0
        # an element's words are read only when they could open a wanted paragraph: reading every
        # nested box's whole text is quadratic in the page's depth
        firsts = {key.partition(" ")[0] for key in wanted}
        teasers = 0
        for element in self.tree.iter("p", "div", "span"):
            text = element.text_content().lower()
            first = _TOKEN.search(text)
            if first is None or first.group() not in firsts:
                continue
            key = " ".join(_tokens(text))
            if key in wanted and _in_card(element):
                teasers += wanted.pop(key)
        return teasers / total

    def link_share(self, paragraphs: list[str]) -> float:
        """Share of the words that sit in lines which are whole link texts: a menu's or teaser list's."""
        words = [
            (len(tokens), " ".join(tokens).lower() in self.link_keys) for tokens in map(_tokens, paragraphs)
        ]
        total = sum(count for count, _ in words)
        return sum(count for count, linked in words if linked) / total if total else 0.0


def _prose_texts(tree) -> list[str]:
    """The body's text nodes outside links, scripts and styles. One walk that skips those subtrees costs
    half of an XPath that checks every text node's ancestors."""
    texts = []
    for body in tree.iter("body"):
        texts.append(body.text or "")
        walk = lxml.etree.iterwalk(body, events=("start",))
        next(walk)  # the body itself
        for _, element in walk:
            texts.append(element.tail or "")
            if element.tag in _NOT_PROSE:
                walk.skip_subtree()
            elif isinstance(element.tag, str):  # a comment's or processing instruction's text is none
                texts.append(element.text or "")
    return texts


def _in_card(element) -> bool:
    """Whether a paragraph sits in a small box (its parent or grandparent, holding little more than
    the paragraph) with a link of several words outside the paragraph: a teaser under its headline."""
    own = len(_tokens(element.text_content()))
    inside = set(element.iter("a"))
    for card in itertools.islice(element.iterancestors(), 2):
        if card.tag in ("body", "html") or _has_more_words(card.text_content(), own + _CARD_EXTRA_WORDS):
            return False
        links = (a for a in card.iter("a") if a not in inside)
        if any(len(_tokens(a.text_content())) >= _HEADLINE_LINK_WORDS for a in links):
            return True
    return False


def _has_more_words(text: str, count: int) -> bool:
    """Whether `text` has more than `count` words, read only that far: a card can be a page's whole
    column, read again for each paragraph in it."""
    return next(itertools.islice(_TOKEN.finditer(text), count, None), None) is not None


def _not_in(paragraphs: list[str], reference: list[str]) -> list[str]:
    """The paragraphs whose words `reference` does not confirm."""
    index = _Reference([_tokens(p) for p in reference])
    return [p for p in paragraphs if not index.confirms(_tokens(p))]


def _words(paragraphs: list[str]) -> int:
    return sum(len(_tokens(p)) for p in paragraphs)


def _looks_short(backbone: list[str], page: _Evidence) -> bool:
    """A fast run that found a small part of the prose a page holds may have taken a teaser, a deck or
    a menu, or stopped at the first of several sections, instead of the article."""
    return page.prose_words > _PROSE_MULTIPLE * max(_words(backbone), 1)


def _longer_run(backbone: list[str], helper: list[str], page: _Evidence) -> list[str]:
    """trafilatura's full run instead of its fast one, when it is the same text and more: it holds most
    of the fast text (or, short of that, readability found the full run's text and not the fast one's:
    two independent extractors agree on the article), adds at least as much again that is neither a list
    of links nor teasers of other pages, and readability does not side with the fast run (either it found
    about as little of the page, or it agrees at least as well with the full run)."""
    full = page.full_run()
    added = _not_in(full, backbone)
    corroborated = _overlap(helper, full) >= _MIN_SPAN > _overlap(helper, backbone)
    if not corroborated and _agreement(_Reference([_tokens(p) for p in full]), backbone) < _MIN_SPAN:
        return backbone  # a different text, not more of the same
    if _words(added) < (_LONGER - 1) * _words(backbone) or page.link_share(full) >= _NAVIGATION:
        return backbone
    if page.teaser_share(added) >= _TEASERS or page.teaser_share(backbone) >= _TEASERS:
        # What it adds are excerpts of other pages, each under its headline's link; or the page lists
        # posts under their headlines' links, and more text would be the next posts.
        return backbone
    if _looks_short(helper, page) or _overlap(helper, full) >= _overlap(helper, backbone):
        return full
    return backbone


def _by_evidence(backbone: list[str], helper: list[str], page: _Evidence) -> list[str]:
    """When trafilatura and readability found different things: trafilatura's text, unless the page
    shows it is not an article (a navigation block, made of whole link texts, or a teaser of another
    page under its headline's link) while readability's is. When trafilatura's text is a small part of
    the page's prose and readability found more, trafilatura stopped at the first of several sections
    (or took the block above the article) and readability's text is the rest: both are kept, unless
    trafilatura's text sits under its headline's link, one post of a page that lists them whole."""
    if _not_article(backbone, page):
        return helper if helper and not _not_article(helper, page) else backbone
    if (
        _looks_short(backbone, page)
        and _words(helper) > _words(backbone)
        and not _not_article(helper, page)
        and page.teaser_share(backbone) < _TEASERS
    ):
        return backbone + _not_in(helper, backbone)
    return backbone


def _opening(units: list, first: int, page: _Evidence) -> int:
    """Where the article starts in trafilatura's text, given the first sentence readability confirms:
    earlier when the paragraphs just above it are several of prose (readability took the article's
    container below its opening, or a sub-section of it), not a headline, a deck or a byline. A run of
    whole link texts is a menu, never an opening."""
    start, prose, words, gap = first, 0, 0, 0
    for _, group in itertools.groupby(range(first - 1, -1, -1), key=lambda k: units[k][0]):
        group = list(group)
        count = sum(len(units[k][2]) for k in group)
        long_words = sum(len(units[k][2]) for k in group if len(units[k][2]) >= _PROSE_SENTENCE_WORDS)
        if count and long_words >= _MIN_SPAN * count:
            start, prose, words, gap = group[-1], prose + 1, words + count, 0
            continue
        gap += count
        if gap > _PROSE_SENTENCE_WORDS:
            break
    if prose < _OPENING_PARAGRAPHS or words < _OPENING_WORDS:
        return first
    opening = [units[k][1] for k in range(start, first)]
    return first if page.link_share(opening) >= _NAVIGATION else start


def _not_article(paragraphs: list[str], page: _Evidence) -> bool:
    teaser = _words(paragraphs) < _TEASER_WORDS and page.teaser_share(paragraphs) >= _TEASERS
    return teaser or page.link_share(paragraphs) >= _NAVIGATION


def _cuts_prose(units: list, confirmed: list[int]) -> bool:
    """Whether trimming trafilatura's text to readability's span would cut mostly article prose (long
    sentences) rather than page furniture (menus, labels, short lines). What follows a teaser heading
    ("Read this next", "Related") after the span is other pages' excerpts, however long its sentences."""
    tail = units[confirmed[-1] + 1 :]
    end = next((k for k, (_, sentence, _) in enumerate(tail) if classify(sentence, ("teaser",))), len(tail))
    cut = units[: confirmed[0]] + tail[:end]
    words = sum(len(tokens) for _, _, tokens in cut)
    prose = sum(len(tokens) for _, _, tokens in cut if len(tokens) >= _PROSE_SENTENCE_WORDS)
    return prose >= _MIN_SPAN * words > 0


def _overlap(reference: list[str], paragraphs: list[str]) -> float:
    """How far two texts are the same text: the harmonic mean of the share of each one's words that the
    other confirms (a part of the reference scores low, however exact)."""
    one = _agreement(_Reference([_tokens(p) for p in reference]), paragraphs)
    other = _agreement(_Reference([_tokens(p) for p in paragraphs]), reference)
    return 2 * one * other / (one + other) if one + other else 0.0


def _agreement(reference: _Reference, paragraphs: list[str]) -> float:
    """Share of the words of `paragraphs` in sentences the reference also has."""
    units = [_tokens(s) for p in paragraphs for s in _sentences(p)]
    total = sum(len(words) for words in units)
    return sum(len(words) for words in units if words and reference.confirms(words)) / total if total else 0.0


def _load(html: str):
    """The page parsed as `trafilatura.load_html` parses it (repaired the same way, the same parser
    settings, the same refusal of what is not HTML), into a tree whose nodes get their Python class in C
    (`_PARSER`)."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree = None
    with contextlib.suppress(ValueError, ParserError):  # e.g. an encoding declaration: parsed as bytes
        tree = lxml.html.fromstring(html, parser=_PARSER)
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
        except (ValueError, ParserError):
            return None
    return None if is_dubious_html(beginning) and len(tree) < 2 else tree


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


def _strip_code(tree) -> None:
    """Drop what every trafilatura run drops unread (styles, vector graphics, scripts other than the
    JSON data it reads articles from), once, before it copies the tree three times per run: a
    tenth of its time on pages with inline icons and tracking scripts."""
    code = [el for el in tree.iter("script") if "json" not in (el.get("type") or "")]
    code += tree.iter("svg", "style")
    for el in code:
        if el.getparent() is not None:
            el.drop_tree()


def _prune_for_readability(tree) -> None:
    """Cut what cannot be article text before readability sees the tree: its
    cleaning and scoring cost grows with every node and link, and this about halves it.
    Elements that are site chrome by their tag (`extraction.dom.chrome_tags`) go, even an
    article's own header and footer, and so do figures: hiding them from readability means
    that the headline, captions and menus trafilatura keeps are never "confirmed". (Chrome
    by class name readability recognises itself.) Then the tree is cleaned as readability
    would clean it on each of its passes (`extraction.readability_run`), once."""
    lxml.etree.strip_elements(
        tree, lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_JUNK_TAGS, with_tail=False
    )
    body = tree.find("body")
    total = len((body if body is not None else tree).text_content())
    for el in list(tree.iter(*chrome_tags(), *_UNCONFIRMED_TAGS)):
        # a stray unclosed <header> can swallow the whole page: keep such giants
        if el.getparent() is not None and len(el.text_content()) * 2 < total:
            el.drop_tree()
    hidden = tree.xpath("//*[@hidden]")
    hidden += (
        el
        for el in tree.xpath("//*[@style]")
        if READABILITY_PATTERNS["displayNoneRe"].search(el.get("style"))
    )
    for el in hidden:
        if el.getparent() is not None:
            el.drop_tree()
    lxml.etree.strip_attributes(tree, "style")
    for el in tree.iter("image"):
        el.tag = "img"


def _readability_paragraphs(tree) -> list[str]:
    try:
        summary = Readability(tree).summary(html_partial=True)
        fragment = lxml.html.fromstring(summary, parser=_PARSER) if summary and summary.strip() else None
    except Exception as err:  # a helper failing must not lose the page
        LOGGER.debug("readability failed: %s", err)
        return []
    if fragment is None:
        return []
    return [block.text for block in blocks(fragment, hidden=True, widgets=True)]


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


def _tokens(text: str) -> tuple[str, ...]:
    """A text's words. The same paragraphs and sentences are read again at each step (the backbone's
    length, the alignment, the furniture check): half the words tokenised on a page were read before.
    Only texts up to a long paragraph are kept, so the cache stays a few megabytes on any page."""
    return _cached_tokens(text) if len(text) <= _CACHED_CHARS else tuple(_TOKEN.findall(text))


@functools.lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


def _shingles(tokens: list[str]) -> list[tuple[str, ...]]:
    if len(tokens) < _SHINGLE:
        return [tuple(tokens)] if tokens else []
    return list(zip(*(tokens[i:] for i in range(_SHINGLE)), strict=False))  # the last _SHINGLE - 1 start none


class _Reference:
    """Another extractor's text, indexed to answer "does it contain these words?"."""

    def __init__(self, token_lists: list[list[str]]):
        self.tokens = [tok for words in token_lists for tok in words]
        self.shingles = set(_shingles(self.tokens))

    @functools.cached_property
    def joined(self) -> str:
        """The words as one string, for the few sentences too short to have a shingle."""
        return " " + " ".join(self.tokens) + " "

    def confirms(self, tokens: list[str]) -> bool:
        if len(tokens) < _SHINGLE:
            return " " + " ".join(tokens) + " " in self.joined
        own = _shingles(tokens)
        shared = sum(map(self.shingles.__contains__, own))
        return shared >= _CONFIRMED * len(own)


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _assemble(backbone: list[str], helper: list[str], titles, page: _Evidence) -> list[str]:
    if not backbone:
        return _clean(helper, titles)
    if not helper:
        return _clean(backbone, titles)
    helper_tokens = [_tokens(p) for p in helper]
    reference = _Reference(helper_tokens)
    units = [(i, s, _tokens(s)) for i, p in enumerate(backbone) for s in _sentences(p)]
    confirmed = [k for k, (_, _, words) in enumerate(units) if words and reference.confirms(words)]
    confirmed_words = sum(len(units[k][2]) for k in confirmed)
    total = sum(len(words) for _, _, words in units)
    span = sum(len(words) for _, _, words in units[confirmed[0] : confirmed[-1] + 1]) if confirmed else 0
    if confirmed_words < _MIN_AGREEMENT * total or (
        span < _MIN_SPAN * total and _cuts_prose(units, confirmed)
    ):
        # The two found different things (a menu or teaser block against the article, a comment
        # thread), or readability found only a part of trafilatura's text: cutting it down to the
        # overlap would lose the article.
        return _clean(_by_evidence(backbone, helper, page), titles)
    paragraphs: list[str] = []
    last_index = None
    for index, sentence, _ in units[_opening(units, confirmed[0], page) : confirmed[-1] + 1]:
        if index == last_index:
            paragraphs[-1] += " " + sentence
        else:
            paragraphs.append(sentence)
        last_index = index
    needles: dict[str, list[tuple[str, int]]] = {}
    for words in dict.fromkeys(tuple(words) for words in helper_tokens if len(words) >= _MIN_PIECE_WORDS):
        needles.setdefault(words[0], []).append((" ".join(words), len(words)))
    paragraphs = [piece for p in paragraphs for piece in _resplit(p, needles)]

    back_reference = _Reference([words for _, _, words in units])
    # the last of readability's paragraphs that trafilatura's text also has
    pairs = reversed(list(enumerate(helper_tokens)))
    last = next((k for k, words in pairs if words and back_reference.confirms(words)), None)
    if last is not None:
        for paragraph, words in zip(helper[last + 1 :], helper_tokens[last + 1 :], strict=True):
            if len(words) >= _EXTENSION_MIN_WORDS:
                paragraphs.append(paragraph)
    return _clean(paragraphs, titles)


def _resplit(paragraph: str, needles: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Split a paragraph that is exactly a run of readability's paragraphs (`needles`: their joined
    words and word count, by first word) at their boundaries, e.g. a whole <br>-separated release that
    trafilatura read as one table cell. Only a complete tiling counts: a helper line that merely occurs
    inside the paragraph ("Read more", a name) must not cut it, and a line is placed where it first
    occurs. Only the lines starting at a boundary already reached are tried, so a paragraph costs no
    more than the lines that could open its pieces."""
    first = _TOKEN.search(paragraph)
    if first is None or first.group() not in needles:  # no readability line could open it
        return [paragraph]
    matches = list(_TOKEN.finditer(paragraph))
    if len(matches) < 2 * _MIN_PIECE_WORDS:
        return [paragraph]
    words = [m.group() for m in matches]
    joined = " ".join(words)
    if any(needle == joined for needle, _ in needles.get(words[0], ())):
        return [paragraph]
    starts = list(itertools.accumulate((len(word) + 1 for word in words[:-1]), initial=0))
    cuts = []
    token = 0
    while token < len(matches):
        token = _piece_end(joined, token, starts, needles.get(words[token], ()))
        if token is None:
            return [paragraph]
        cuts.append(token)
    bounds = [0] + [matches[t].start() for t in cuts[:-1]] + [len(paragraph)]
    return [paragraph[a:b].strip() for a, b in itertools.pairwise(bounds) if paragraph[a:b].strip()]


def _piece_end(joined: str, token: int, starts: list[int], candidates) -> int | None:
    """One past the last word of the longest readability line that first occurs at `token`, ending at
    a word boundary; None when none does."""
    end = None
    for needle, count in candidates:
        if len(needle) >= len(joined) or joined.find(needle) != starts[token]:
            continue
        after = token + count
        if after < len(starts) and joined[starts[token] + len(needle)] != " ":
            continue
        end = max(after, end or 0)
    return end


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
        kind = classify(paragraph, ("teaser", "anywhere"))
        if kind and role_of(kind) == "teaser":
            in_teaser_list = True
            continue
        if in_teaser_list and _headline_like(paragraph, tokens):
            continue
        in_teaser_list = False
        if not kind and not repeats_headline(paragraph, titles):
            kept.append(paragraph)
    return kept


def _headline_like(paragraph: str, tokens: list[str]) -> bool:
    """A teaser after a "Related"/"Don't miss" label: short, and not a sentence."""
    return len(tokens) <= 20 and not paragraph.rstrip().endswith((".", "!", "?", "۔", "。", ":"))
