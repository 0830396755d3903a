"""The release's paragraphs: the body extractor's text, checked against the page's own layout.

`extraction.body_text` finds the article on pages it has never seen, but its text has flaws that the page
itself can correct:

- it renders lists and tables as markdown ("- item", "| a | b |", "|---|");
- on table layouts, or when a sidebar holds prose, it brings lines from outside the article, or merges a
  whole layout cell into one line;
- it sometimes skips a list or table inside the article.

So each extracted line is located among the page's laid-out paragraphs (`extraction.dom.page_blocks`). The
smallest element holding nearly all the located prose is the article's container: located lines outside
it are dropped (except a lead or closing note right next to it), paragraphs come out as the page
lays them out (one per list item, table row or blockquote paragraph), and list items and table rows the
extractor skipped between located lines are put back. When too little of the text can be located (an
extractor that rewrote it), the cleaned text is used as it is. Either way, furniture lines at the edges
(bylines, date lines, "Press Release No. …", share bars, tag lists) are dropped by general wording rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extraction.dom import HEADING_TAGS, Block, tag_of
from extraction.furniture import (
    classify,
    headline_keys,
    is_byline,
    is_edge_furniture,
    is_end_marker,
    is_sign_off,
    release_end,
    repeats_headline,
    without_closing_marker,
)
from extraction.lines import WORD, is_sentence, match_key
from extraction.normalise import collapse_whitespace

BULLET = re.compile(r"^\s*[-*•]\s+")
# A list bullet a word processor wrote as text ("· item", "▪ item") rather than as a list.
TEXT_BULLET = re.compile(r"^[·•▪◦‣§]\s+")
TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
STRUCTURE_TAGS = {"li", "tr", "dd", "dt", "pre"}
FIGURE_TAGS = {"figure", "figcaption"}
PROSE_WORDS = 8  # a located line this long is article prose; shorter ones are labels, menus and captions
CONTAINER_SHARE = 0.85  # the container holds this share of the located content
LOCATED_SHARE = 0.6  # below this share of the extracted text found on the page, trust the text as it is
MIN_CONTAINED = 20  # letters and digits a page paragraph needs to count as part of a merged extracted line
LINK_HEAVY = 0.5
NEAR_GAP = 2  # unlocated paragraphs (a date line, a share bar) between the body and its lead or closing note


@dataclass
class Body:
    """The release's paragraphs, how they were found, and which page paragraphs they are (so the caller
    can look around them for the headline, the date and the release number)."""

    paragraphs: list[str] = field(default_factory=list)
    method: str = "body_text"
    indices: list[int] = field(default_factory=list)  # the kept page paragraphs, when located


def split_paragraphs(text: str) -> list[str]:
    """Extractors put one paragraph per line (some add a blank line between)."""
    return [p for p in (collapse_whitespace(line) for line in text.splitlines()) if p]


def unmark(lines: list[str]) -> list[str]:
    """Extractor lines without markdown: list bullets stripped, table rows as "a | b", rule rows dropped."""
    cleaned = []
    for line in lines:
        if TABLE_RULE.match(line):
            continue
        row = TABLE_ROW.match(line)
        if row:
            cells = (collapse_whitespace(c.replace("\\|", "|")) for c in CELL_SPLIT.split(row.group(1)))
            line = " | ".join(c for c in cells if c)
        else:
            line = BULLET.sub("", line)
        if line:
            cleaned.append(line)
    return cleaned


def is_furniture(text: str, headline: set[str], link_share: float = 0.0) -> bool:
    """A line at the edge of an article that belongs to the page around it: furniture of any kind, the
    headline again, or a short line made mostly of links."""
    return (
        is_edge_furniture(text)
        or repeats_headline(text, headline)
        or (link_share >= LINK_HEAVY and len(WORD.findall(text)) <= PROSE_WORDS)
    )


@dataclass
class _Line:
    """A candidate body line, from the page (with its index) or from the extractor's text as it is."""

    text: str
    link_share: float = 0.0
    index: int | None = None  # the page paragraph it is, when located


def _until_end_marker(lines: list[_Line]) -> list[_Line]:
    """Lines before the release's end marker, on a line of its own or closing the last paragraph."""
    count, last = release_end([line.text for line in lines])
    kept = lines[:count]
    if last is not None:
        kept[-1] = _Line(last, kept[-1].link_share, kept[-1].index)
    return kept


def _trim(lines: list[_Line], title: str | None) -> list[_Line]:
    """Lines up to the release's end marker, without furniture at either edge, and without the headline
    and the kinds of furniture that are dropped anywhere (share bars, image captions, notices)."""
    headline = headline_keys([title])
    lines = [
        line
        for line in _until_end_marker(lines)
        if not repeats_headline(line.text, headline) and not classify(line.text, ("anywhere",))
    ]
    while lines and is_furniture(lines[0].text, headline, lines[0].link_share):
        lines.pop(0)
    signed_off = False
    while lines and is_furniture(lines[-1].text, headline, lines[-1].link_share):
        signed_off = signed_off or is_byline(lines.pop().text)
    if signed_off and lines and is_sign_off(lines[-1].text):
        lines.pop()  # the place that goes with a closing date line ("Islamabad" / "Dated: 07.03.2024")
    return lines


def _locate(lines: list[str], blocks: list[Block]) -> tuple[set[int], float]:
    """Indices of the page paragraphs the extracted lines came from, and the share of the extracted
    text found: a line may be one paragraph, several merged (a layout cell), or part of one."""
    keys = [match_key(b.text) for b in blocks]
    exact: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        exact.setdefault(key, []).append(index)
    found: set[int] = set()
    located = total = 0
    for line in lines:
        key = match_key(line)
        total += len(key)
        if not key:
            continue
        if key in exact:
            found.update(exact[key])
            located += len(key)
            continue
        parts = [i for i, k in enumerate(keys) if len(k) >= MIN_CONTAINED and k in key]
        if not parts and len(key) >= MIN_CONTAINED:
            parts = [i for i, k in enumerate(keys) if key in k]
        found.update(parts)
        located += min(len(key), sum(len(keys[i]) for i in parts))
    return found, (located / total if total else 0.0)


def _prose_weight(block: Block) -> int:
    """Non-link letters of a sentence-like line: enough words and closing punctuation (an end marker
    aside), which headlines, labels, menu entries and teaser titles lack."""
    text = without_closing_marker(block.text)
    if len(WORD.findall(text)) < PROSE_WORDS or not is_sentence(text):
        return 0
    return len(text) - block.link_chars


def _content_weight(block: Block) -> int:
    """What a located paragraph says about where the article is: its prose, or the text of a list item
    or table row that is not a link (the items of a release's list rarely end like sentences)."""
    if block.tag in STRUCTURE_TAGS and block.link_share < LINK_HEAVY:
        return len(block.text) - block.link_chars
    return _prose_weight(block)


def _subtree_totals(blocks: list[Block]) -> dict:
    """Letters and link letters under every element that holds text."""
    totals: dict = {}
    for block in blocks:
        for node in (block.element, *block.element.iterancestors()):
            text, links = totals.get(node, (0, 0))
            totals[node] = (text + len(block.text), links + block.link_chars)
    return totals


def _container(blocks: list[Block], found: set[int]):
    """The deepest element that holds CONTAINER_SHARE of the located content (of any located text when
    none of it is prose, list items or table rows). A lesser share located in a side panel made mostly
    of links (a column of menus and latest-news lists with a welcome note) does not hold the descent
    back."""
    chosen = [i for i in found if _content_weight(blocks[i]) > 0]
    weigh = _content_weight if chosen else (lambda b: max(1, len(b.text) - b.link_chars))
    weights: dict = {}
    for index in chosen or found:
        weight = weigh(blocks[index])
        for node in (blocks[index].element, *blocks[index].element.iterancestors()):
            weights[node] = weights.get(node, 0) + weight
    if not weights:
        return None
    totals = _subtree_totals(blocks)
    node = blocks[next(iter(found))].element.getroottree().getroot()
    while True:
        children = sorted((c for c in node if weights.get(c)), key=weights.get, reverse=True)
        panels = [c for c in children[1:] if totals[c][1] >= LINK_HEAVY * totals[c][0]]
        total = weights[node] - sum(weights[c] for c in panels)
        if not children or weights[children[0]] < CONTAINER_SHARE * total:
            return node
        node = children[0]


def _inside(element, container, tags: set[str]) -> bool:
    """Whether `element` sits in one of `tags` below `container`."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor is container:
            return False
        if tag_of(ancestor) in tags:
            return True
    return False


def _is_text(block: Block, container) -> bool:
    """Prose that is not a picture's caption (which extractors rightly leave out)."""
    return _prose_weight(block) > 0 and not _inside(block.element, container, FIGURE_TAGS)


def _is_structure(block: Block, container) -> bool:
    """A list item, table row or quoted paragraph that is not a list of links (share bars, tag lists)."""
    shaped = block.tag in STRUCTURE_TAGS or _inside(block.element, container, {"blockquote"})
    return shaped and block.link_share < LINK_HEAVY


def _assemble(blocks: list[Block], found: set[int], container, start: int) -> list[int]:
    """Indices of the container's paragraphs that make the body: located ones, list items and table rows
    between them or right after them, and unlocated prose between located paragraphs."""
    inside = set(container.iter())
    # An <aside> inside the article (a pull quote, a fact box beside the text) repeats or digresses.
    asides = {e for aside in container.iter("aside") for e in aside.iter()}
    members = [
        i for i, b in enumerate(blocks) if i >= start and b.element in inside and b.element not in asides
    ]
    located = [i for i in members if i in found]
    if not located:
        return []
    first, last = located[0], located[-1]
    kept: list[int] = []
    for index in members:
        block = blocks[index]
        between = first < index < last and (_is_structure(block, container) or _is_text(block, container))
        trailing = index > last and bool(kept) and kept[-1] == index - 1 and _is_structure(block, container)
        if index in found or between or trailing:
            kept.append(index)
    return kept


def _neighbours(
    blocks: list[Block], found: set[int], container, start: int, step: int, bound: int
) -> list[int]:
    """Located prose just before (step -1) or after (step 1) the container, within its parent: a lead
    or closing note in a sibling wrapper, taken while at most NEAR_GAP unlocated paragraphs separate it
    from the body; never beyond `bound` (the headline), a heading (a sidebar widget's, a comment
    section's) or an end marker. A sibling with the container's own tag and class is the same text
    split by something inserted (a newsletter box, an advert): its sentences count even when the
    extractor missed them."""
    parent = container.getparent()
    if parent is None:
        return []
    nearby = set(parent.iter())
    twins = {
        element
        for sibling in parent
        if sibling is not container
        and container.get("class")
        and sibling.tag == container.tag
        and sibling.get("class") == container.get("class")
        for element in sibling.iter()
    }
    taken, gap = [], 0
    for index in range(start, bound, step):
        block = blocks[index]
        if block.element not in nearby or block.tag in HEADING_TAGS or is_end_marker(block.text):
            break
        continues = block.element in twins and is_sentence(block.text) and block.link_share < LINK_HEAVY
        if (index in found and _prose_weight(block) > 0) or continues:
            taken.append(index)
            gap = 0
        elif index not in found:
            gap += 1
            if gap > NEAR_GAP:
                break
    return sorted(taken)


def headline_index(blocks: list[Block], element) -> int | None:
    """The page paragraph that holds the headline element."""
    if element is None:
        return None
    inside = set(element.iter())
    for index, block in enumerate(blocks):
        if block.element in inside:
            return index
    ancestors = set(element.iterancestors())
    key = match_key(" ".join(element.itertext()))
    for index, block in enumerate(blocks):
        if block.element in ancestors and key and key in match_key(block.text):
            return index
    return None


def locate_body(extracted: str, blocks: list[Block], title: str | None, headline_at: int | None) -> Body:
    """The body from the extractor's text and the page's paragraphs (see the module docstring)."""
    lines = unmark(split_paragraphs(extracted))
    found, share = _locate(lines, blocks)
    container = _container(blocks, found) if share >= LOCATED_SHARE else None
    if container is None:
        kept = _trim([_Line(line) for line in lines], title)
        return Body([line.text for line in kept], "body_text")
    start = headline_at + 1 if headline_at is not None else 0
    indices = _assemble(blocks, found, container, start) or _assemble(blocks, found, container, 0)
    if indices:
        lead = _neighbours(blocks, found, container, indices[0] - 1, -1, start - 1)
        indices = lead + indices + _neighbours(blocks, found, container, indices[-1] + 1, 1, len(blocks))
    kept = _trim(
        [_Line(TEXT_BULLET.sub("", blocks[i].text), blocks[i].link_share, i) for i in indices], title
    )
    return Body([line.text for line in kept], "body_text+layout", [line.index for line in kept])
