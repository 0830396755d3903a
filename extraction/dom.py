"""A parsed page read the way a browser lays it out: text split into paragraphs at block boundaries.

The field extractor and the page validator both need "the lines a reader sees"; the extractor also needs
to know which element each line came from (to tell the article from a sidebar) and how much of it is link
text (menus, related-article lists and share bars are mostly links), so the walk records both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from extraction.normalise import collapse_whitespace

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "noscript", "template", "button", "select", "option", "svg", "iframe"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CELL_TAGS = {"td", "th"}
# Landmarks that hold site furniture wherever they appear; <header> and <footer> only do so outside an
# article, since HTML also uses them for an article's own headline block and closing line.
ALWAYS_CHROME = {"nav", "aside"}
PAGE_CHROME = {"header", "footer"}
CONTENT_LANDMARKS = {"article", "main"}
PAGE_ROOTS = {"html", "body"}
CAPTION_CHARS = 200
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# Words that themes of every kind end menu, sidebar and breadcrumb class names with ("main-navigation",
# "sub-menu", "topMenu"); only the last word counts, so "content-sidebar-wrap" (which wraps the article
# too) does not.
CHROME_CLASS_WORDS = {"nav", "navbar", "navigation", "menu", "sidebar", "breadcrumb", "breadcrumbs", "crumbs"}
LAYOUT_FLAGS = {"has", "with", "without", "no"}
CLASS_WORD = re.compile(r"[A-Za-z][a-z0-9]*")
# A block this short that holds a form field is a widget (newsletter signup, search box, poll), even when
# it sits inside the article column; an article with a comment form around it is far longer.
WIDGET_CHARS = 400
DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass
class Block:
    """One paragraph as laid out: its text, the block element it belongs to, and its link text length."""

    text: str
    element: object
    tag: str
    link_chars: int = 0

    @property
    def link_share(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


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


class _Walker:
    """Collects Blocks in reading order; each paragraph belongs to the innermost open block element."""

    def __init__(self, root):
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.owners: list = [root]
        fields = root.xpath(".//input[not(@type='hidden')]|.//textarea")
        self.around_fields = {ancestor for field in fields for ancestor in field.iterancestors()}

    def is_widget(self, node) -> bool:
        return node in self.around_fields and len(collapse_whitespace(node.text_content())) <= WIDGET_CHARS

    def flush(self):
        text = collapse_whitespace("".join(self.parts))
        if text:
            owner = self.owners[-1]
            link = min(self.link_chars, len(text))
            self.blocks.append(Block(text, owner, tag_of(owner) or "", link))
        self.parts, self.link_chars = [], 0

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
            self.blocks.append(Block(text, node, "tr", min(links, len(text))))

    def walk(self, node, in_link: bool = False):
        tag = tag_of(node)
        if tag is None or tag in SKIP_TAGS or is_hidden(node) or is_note_marker(node):
            return
        if tag == "tr" and is_data_row(node):
            self.row(node)
            return
        block = tag in BLOCK_TAGS
        if block and self.is_widget(node):
            return
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


def page_blocks(element) -> list[Block]:
    """Every paragraph under `element` with the block element it belongs to, in reading order."""
    walker = _Walker(element)
    walker.walk(element)
    walker.flush()
    return walker.blocks


def paragraphs_of(element) -> list[str]:
    """The text of an element split where a browser would break lines (blocks and <br>), each
    paragraph whitespace-collapsed, empty ones dropped; a row of data cells is one paragraph "a | b"."""
    paragraphs: list[list[str]] = [[]]

    def new_paragraph():
        if paragraphs[-1]:
            paragraphs.append([])

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else None
        if tag in SKIP_TAGS or tag == "figcaption" or (tag and is_note_marker(node)):
            return  # a photo's caption or a footnote's reference number is never the release's text
        if tag is not None:
            if tag.lower() == "tr" and is_data_row(node):
                new_paragraph()
                paragraphs[-1].append(
                    " | ".join(c for c in (text_of(cell) for cell in node if tag_of(cell) in CELL_TAGS) if c)
                )
                new_paragraph()
                return
            block = tag.lower() in BLOCK_TAGS
            if block:
                new_paragraph()
            if node.text:
                paragraphs[-1].append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    paragraphs[-1].append(child.tail)
            if block:
                new_paragraph()

    walk(element)
    texts = (collapse_whitespace("".join(parts)) for parts in paragraphs)
    return [text for text in texts if text]


def text_of(element) -> str:
    return collapse_whitespace(" ".join(paragraphs_of(element)))


def in_chrome(element) -> bool:
    """Whether an element sits in site furniture: navigation, sidebars, the page header or footer."""
    # <body> and <html> classes describe the whole page's layout ("content-right-sidebar"), not a region.
    ancestors = [a for a in element.iterancestors() if isinstance(a.tag, str) and tag_of(a) not in PAGE_ROOTS]
    in_content = any(tag_of(a) in CONTENT_LANDMARKS or a.get("role") == "main" for a in ancestors)
    for ancestor in ancestors:
        tag = tag_of(ancestor)
        if tag in ALWAYS_CHROME or ancestor.get("role") in CHROME_ROLES:
            return True
        if tag in PAGE_CHROME and not in_content:
            return True
        if has_chrome_class(ancestor):
            return True
    return False


def has_chrome_class(element) -> bool:
    """A class or id that ends in a menu, sidebar or breadcrumb word, except layout flags that describe
    the page around the article ("has-sidebar", "no-sidebar")."""
    for token in f"{element.get('class', '')} {element.get('id', '')}".split():
        words = [word.lower() for word in CLASS_WORD.findall(token)]
        if words and words[-1] in CHROME_CLASS_WORDS and words[0] not in LAYOUT_FLAGS:
            return True
    return False


def json_ld_values(root, key: str) -> list[str]:
    """Every string value of `key` (e.g. "headline", "datePublished") in the page's JSON-LD blocks,
    however deeply nested (@graph lists, mainEntity objects); malformed blocks are skipped."""
    found: list[str] = []

    def visit(node):
        if isinstance(node, dict):
            if isinstance(node.get(key), str):
                found.append(node[key])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            visit(json.loads(script))
        except ValueError:
            continue
    return found


def is_caption_block(block: Block) -> bool:
    """A photo's caption: a <figcaption>, an element classed as a caption, or short text sharing its
    block with an image."""
    element = block.element
    if tag_of(element) == "figcaption" or element.xpath("ancestor-or-self::figcaption"):
        return True
    if element.xpath(".//*[contains(@class, 'caption')]|self::*[contains(@class, 'caption')]"):
        return True
    return len(block.text) <= CAPTION_CHARS and bool(element.xpath(".//img"))
