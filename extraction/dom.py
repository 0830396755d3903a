"""A parsed page read the way a browser lays it out: one walk turns HTML into blocks (paragraphs split at
block boundaries), each with what the extractors ask of it: its element, its link text, and flags
(hidden, site chrome, caption, link-heavy, heading).

The field extractor, the body assembler (on readability's output), the site rules and the page validator
all read pages through `blocks`; `in_chrome` is the one answer to "is this element site chrome?", used by
the headline finder, the listing parser and the pruning before readability. Its tag, role and class
words are data in `extraction/data/chrome.toml`.
"""

from __future__ import annotations

import json
import re
import tomllib
import weakref
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

import lxml.html
from lxml import etree

from extraction.normalise import collapse_whitespace

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
    "head", "body",  # so the <title> never runs into text standing loose in the <body>
}  # fmt: skip
# Never text a reader sees.
SKIP_TAGS = {"script", "style", "noscript", "template", "button", "select", "option", "svg", "iframe"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CELL_TAGS = {"td", "th"}
CONTENT_LANDMARKS = {"article", "main"}
PAGE_ROOTS = {"html", "body"}
CAPTION_CHARS = 200
LINK_HEAVY = 0.5  # a block with this share of link text is a menu, a list of links or a share bar
CLASS_WORD = re.compile(r"[A-Za-z][a-z0-9]*")
# A block this short that holds a form field is a widget (newsletter signup, search box, poll), even when
# it sits inside the article column; an article with a comment form around it is far longer.
WIDGET_CHARS = 400
DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass
class Block:
    """One paragraph as laid out: its text, the block element it belongs to, its link text length, and
    whether it was inside markup a browser hides (only when the walk kept hidden text)."""

    text: str
    element: object
    tag: str
    link_chars: int = 0
    hidden: bool = False
    # Only in a marked walk (`Document.layout`): inside a small box around a form field; in a <figcaption>.
    widget: bool = False
    figcaption: bool = False

    @property
    def link_share(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0

    @property
    def link_heavy(self) -> bool:
        return self.link_share >= LINK_HEAVY

    @property
    def heading(self) -> bool:
        return self.tag in HEADING_TAGS or self.element.get("role") == "heading"

    @cached_property
    def chrome(self) -> bool:
        return is_chrome(self.element) or in_chrome(self.element)

    @cached_property
    def caption(self) -> bool:
        """A photo's caption: a <figcaption>, an element classed as a caption, or short text sharing its
        block with an image."""
        element = self.element
        if tag_of(element) == "figcaption" or element.xpath("ancestor-or-self::figcaption"):
            return True
        if element.xpath(".//*[contains(@class, 'caption')]|self::*[contains(@class, 'caption')]"):
            return True
        return len(self.text) <= CAPTION_CHARS and bool(element.xpath(".//img"))


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The document tree, or None for text that holds no HTML elements at all."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str that declares its own encoding
        return lxml.html.document_fromstring(html.encode("utf-8"))
    except etree.ParserError:
        return None


def tag_of(node) -> str | None:
    return node.tag.lower() if isinstance(node.tag, str) else None


def is_hidden(node) -> bool:
    """Markup a browser does not show (consent banners before consent, screen-reader-only copies)."""
    return (
        node.get("hidden") is not None
        or node.get("aria-hidden") == "true"
        or bool(DISPLAY_NONE.search(node.get("style", "")))
    )


def is_note_marker(node) -> bool:
    """A footnote reference ("…sector.<sup><a href="#fn:1">1</a></sup>"): a superscript pointing
    within the page, or marked as a note reference."""
    if node.get("role") == "doc-noteref" or "footnote-ref" in node.get("class", ""):
        return True
    if tag_of(node) != "sup":
        return False
    links = node.findall(".//a")
    return (
        bool(links)
        and all(a.get("href", "").startswith("#") for a in links)
        and len(node.text_content().strip()) <= 4
    )


def is_data_row(node) -> bool:
    """A table row of two or more cells each holding inline content, or one paragraph as word
    processors write them: a row of data, not of layout."""
    cells = [child for child in node if tag_of(child) in CELL_TAGS]
    if len(cells) < 2:
        return False
    for cell in cells:
        blocks = [tag_of(d) for d in cell.iterdescendants() if tag_of(d) in BLOCK_TAGS - {"br"}]
        if blocks and blocks != ["p"]:
            return False
    return True


def _skipped(node, tag: str | None, captions: bool, hidden: bool) -> bool:
    """Markup whose text the walk leaves out: never text, a footnote number, and (unless kept) captions
    and hidden markup."""
    if tag is None or tag in SKIP_TAGS or is_note_marker(node):
        return True
    if tag == "figcaption" and not captions:
        return True
    return not hidden and is_hidden(node)


class _Walker:
    """Collects Blocks in reading order; each paragraph belongs to the innermost open block element."""

    def __init__(self, root, hidden: bool, captions: bool, widgets: bool, marked: bool = False):
        self.keep_hidden, self.keep_captions, self.keep_widgets = hidden, captions or marked, widgets
        self.marked = marked
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.hidden_depth = self.widget_depth = self.caption_depth = 0
        self.owners: list = [root]
        self.around_fields: set = set()
        if not widgets or marked:
            fields = root.xpath(".//input[not(@type='hidden')]|.//textarea")
            self.around_fields = {ancestor for field in fields for ancestor in field.iterancestors()}

    def is_widget(self, node) -> bool:
        return node in self.around_fields and len(collapse_whitespace(node.text_content())) <= WIDGET_CHARS

    def flush(self):
        text = collapse_whitespace("".join(self.parts))
        if text:
            owner = self.owners[-1]
            link = min(self.link_chars, len(text))
            self.blocks.append(self.block(text, owner, tag_of(owner) or "", link))
        self.parts, self.link_chars = [], 0

    def block(self, text: str, owner, tag: str, link_chars: int) -> Block:
        flags = self.hidden_depth > 0, self.widget_depth > 0, self.caption_depth > 0
        return Block(text, owner, tag, link_chars, *flags)

    def add(self, text: str | None, in_link: bool):
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(collapse_whitespace(text))

    def row(self, node):
        cells = [text_of(cell) for cell in node if tag_of(cell) in CELL_TAGS]
        self.flush()
        text = " | ".join(cell for cell in cells if cell)
        if text:
            links = sum(len(text_of(a)) for a in node.iter("a"))
            self.blocks.append(self.block(text, node, "tr", min(links, len(text))))

    def walk(self, node, in_link: bool = False):
        tag = tag_of(node)
        if _skipped(node, tag, self.keep_captions, self.keep_hidden):
            return
        if tag == "tr" and is_data_row(node):
            self.row(node)
            return
        block = tag in BLOCK_TAGS
        widget = block and bool(self.around_fields) and self.is_widget(node)
        if widget and not self.marked:
            return
        hidden = self.keep_hidden and is_hidden(node)
        caption = self.marked and tag == "figcaption"
        self.hidden_depth += hidden
        self.widget_depth += widget
        self.caption_depth += caption
        in_link = in_link or tag == "a"
        if block:
            self.flush()
            self.owners.append(node)
        self.add(node.text, in_link)
        for child in node:
            self.walk(child, in_link)
            self.add(child.tail, in_link)
        if block:
            self.flush()
            self.owners.pop()
        self.hidden_depth -= hidden
        self.widget_depth -= widget
        self.caption_depth -= caption


def blocks(element, *, hidden: bool = False, captions: bool = True, widgets: bool = False) -> list[Block]:
    """Every paragraph under `element` with the block element it belongs to, in reading order. Hidden
    markup, and small blocks around form fields (signup boxes, search boxes), are left out unless asked
    for; <figcaption> text is kept unless `captions` is False. Scripts, styles, controls and footnote
    reference numbers are never text."""
    walker = _Walker(element, hidden, captions, widgets)
    walker.walk(element)
    walker.flush()
    return walker.blocks


class Document:
    """A page parsed once and laid out once: the validator reads its lines, the general rules its blocks.
    The layout keeps widgets and captions, marked, so each reader leaves out what it does not want."""

    def __init__(self, html: str):
        self.html = html

    @cached_property
    def root(self):
        return parse_html(self.html)

    @cached_property
    def layout(self) -> list[Block]:
        if self.root is None:
            return []
        walker = _Walker(self.root, hidden=False, captions=True, widgets=True, marked=True)
        walker.walk(self.root)
        walker.flush()
        return walker.blocks

    @property
    def blocks(self) -> list[Block]:
        """What `page_blocks` gives: the paragraphs a reader sees, widgets left out."""
        return [block for block in self.layout if not block.widget]

    @property
    def lines(self) -> list[str]:
        """What `paragraphs_of` gives for the whole page: every line, captions left out."""
        return [block.text for block in self.layout if not block.figcaption]


def page_blocks(element) -> list[Block]:
    """The paragraphs a reader sees, for locating the article among them."""
    return blocks(element)


def paragraphs_of(element) -> list[str]:
    """The text of an element split where a browser would break lines (blocks and <br>), each
    paragraph whitespace-collapsed, empty ones dropped; a row of data cells is one paragraph "a | b".
    A photo's caption is never the release's text."""
    return [block.text for block in blocks(element, captions=False, widgets=True)]


def text_of(element) -> str:
    if len(element) == 0:  # a leaf (most links and headings): its own text, as the walk would give it
        return (
            ""
            if _skipped(element, tag_of(element), False, False)
            else collapse_whitespace(element.text or "")
        )
    return collapse_whitespace(" ".join(paragraphs_of(element)))


@dataclass(frozen=True)
class _Chrome:
    always_tags: frozenset[str]
    page_tags: frozenset[str]
    roles: frozenset[str]
    last_words: frozenset[str]
    any_words: frozenset[str]
    names: frozenset[str]
    layout_flags: frozenset[str]


@cache
def _chrome() -> _Chrome:
    data = tomllib.loads(resources.files("extraction").joinpath("data/chrome.toml").read_text("utf-8"))
    return _Chrome(**{key: frozenset(word.lower() for word in data[key]) for key in _Chrome.__annotations__})


def is_chrome(element, in_content: bool | None = None) -> bool:
    """Whether an element is itself a region of site furniture: navigation, a sidebar, the page header or
    footer, a carousel or a widget. `in_content` (whether it sits in an <article> or <main>) is worked
    out when not given."""
    tag = tag_of(element)
    if tag is None or tag in PAGE_ROOTS:
        # <body> and <html> classes describe the whole page's layout ("content-right-sidebar").
        return False
    if _always_chrome(element, tag):
        return True
    if tag in _chrome().page_tags:
        if in_content is None:
            in_content = any(_is_content(a) for a in element.iterancestors())
        return not in_content
    return False


def chrome_tags() -> tuple[str, ...]:
    """The elements that are site chrome by their tag alone (outside an article, for some)."""
    return (*sorted(_chrome().always_tags), *sorted(_chrome().page_tags))


def _always_chrome(element, tag: str) -> bool:
    chrome = _chrome()
    return tag in chrome.always_tags or element.get("role") in chrome.roles or has_chrome_class(element)


def _is_content(element) -> bool:
    return tag_of(element) in CONTENT_LANDMARKS or element.get("role") == "main"


@dataclass(frozen=True)
class _Around:
    """What an element's ancestors say: one of them is content, is always chrome, is a page header or
    footer."""

    in_content: bool = False
    always: bool = False
    page: bool = False


# Elements' ancestors, worked out once per element: the headline finder asks about every link and heading.
_AROUND: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _around(element) -> _Around:
    chain = []
    node = element
    while node is not None and node not in _AROUND:
        chain.append(node)
        node = node.getparent()
    state = _AROUND[node] if node is not None else _Around()
    for child in reversed(chain):
        parent = child.getparent()
        tag = tag_of(parent) if parent is not None else None
        if tag is not None and tag not in PAGE_ROOTS:
            state = _Around(
                state.in_content or _is_content(parent),
                state.always or _always_chrome(parent, tag),
                state.page or tag in _chrome().page_tags,
            )
        _AROUND[child] = state
    return state


def in_chrome(element) -> bool:
    """Whether an element sits in site furniture: navigation, sidebars, the page header or footer."""
    around = _around(element)
    return around.always or (around.page and not around.in_content)


def in_page_frame(element) -> bool:
    """Whether an element is chrome only for sitting in the page's own header or footer (outside any
    article), not in navigation, a sidebar or a widget: where many themes set the article's headline."""
    around = _around(element)
    return around.page and not around.always and not around.in_content


def has_chrome_class(element) -> bool:
    """A class or id naming a menu, sidebar, breadcrumb, carousel or widget (see chrome.toml), except
    layout flags that describe the page around the article ("has-sidebar", "no-sidebar")."""
    classes, identifier = element.get("class"), element.get("id")
    if not classes and not identifier:
        return False
    return _chrome_names(f"{classes or ''} {identifier or ''}")


@lru_cache(maxsize=4096)
def _chrome_names(names: str) -> bool:
    """has_chrome_class for one element's class and id text (themes repeat the same few on every page)."""
    chrome = _chrome()
    for token in names.split():
        words = [word.lower() for word in CLASS_WORD.findall(token)]
        if not words or words[0] in chrome.layout_flags:
            continue
        if words[-1] in chrome.last_words or token.lower() in chrome.names:
            return True
        if any(word in chrome.any_words for word in words):
            return True
    return False


def json_ld_objects(root):
    """Every object (dict) in the page's JSON-LD blocks, however deeply nested (@graph lists, mainEntity
    objects), outer ones first; malformed blocks are skipped."""

    def visit(node):
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from visit(value)
        elif isinstance(node, list):
            for value in node:
                yield from visit(value)

    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            parsed = json.loads(script)
        except ValueError:
            continue
        yield from visit(parsed)


def json_ld_values(root, key: str) -> list[str]:
    """Every string value of `key` (e.g. "headline", "datePublished") in the page's JSON-LD objects."""
    return [node[key] for node in json_ld_objects(root) if isinstance(node.get(key), str)]
