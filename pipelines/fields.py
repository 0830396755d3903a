"""Fields of a release page whose markup we may never have seen: title, body paragraphs, raw date, language.

Configured CSS selectors are tried first (a site we know); otherwise general rules over the page: the
headline near the main content, the body from the combined extractor in `body_text`, and the date from
machine-readable metadata, then from text next to the headline, then from the URL. Every field records
the method that produced it, so a researcher can audit extraction and we can see when a selector rots.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import lxml.html
from htmldate import find_date as htmldate_find_date
from lxml import etree

from pipelines.body_text import extract_body
from pipelines.dates import date_from_url, find_date_strings, find_dates
from pipelines.language import detect_language
from pipelines.normalise import collapse_whitespace

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "noscript", "template", "button", "select", "option", "svg", "iframe"}
CHROME_ANCESTORS = {"header", "nav", "footer", "aside"}
TITLE_SEPARATORS = re.compile(r"\s+[|–—·:»]\s+|\s+-\s+|\s*::\s*")
META_DATE_KEYS = (
    ("property", "article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datePublished"),
    ("name", "article:published_time"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.created"),
    ("name", "citation_publication_date"),
)
NOT_PUBLISHED = re.compile(r"(updat|modif|edit|revis|last)\w*\W{0,3}(on|at)?\W{0,3}$", re.I)
NEAR_TITLE_CHARS = 400


@dataclass
class Fields:
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    raw_date: str | None = None
    date_origin: str | None = None
    language: str | None = None
    place: str | None = None
    pr_number: str | None = None
    service: str | None = None
    methods: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


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


def paragraphs_of(element) -> list[str]:
    """The text of an element split where a browser would break lines (blocks and <br>), each
    paragraph whitespace-collapsed, empty ones dropped."""
    paragraphs: list[list[str]] = [[]]

    def new_paragraph():
        if paragraphs[-1]:
            paragraphs.append([])

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else None
        if tag in SKIP_TAGS:
            return
        if tag is not None:
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


def select(root, css: str) -> list:
    return root.cssselect(css)


def drop(root, css: str) -> None:
    for element in select(root, css):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def in_chrome(element) -> bool:
    return any(isinstance(a.tag, str) and a.tag in CHROME_ANCESTORS for a in element.iterancestors())


def site_names(root, extra: tuple[str, ...] = ()) -> set[str]:
    names = {n.casefold() for n in extra if n}
    for key in ("og:site_name", "application-name", "twitter:site"):
        for meta in root.xpath("//meta[@property=$k or @name=$k]", k=key):
            if meta.get("content", "").strip():
                names.add(collapse_whitespace(meta.get("content")).casefold())
    return names


def clean_title(text: str, names: set[str]) -> str:
    """A headline without the site's name that CMSs add before or after it ("Headline | Site")."""
    text = collapse_whitespace(text)
    parts = [p for p in TITLE_SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2:
        return text
    kept = [p for p in parts if not any(p.casefold() in n or n in p.casefold() for n in names)]
    return max(kept or parts, key=len).strip()


def find_title(root, names: set[str]) -> tuple[str | None, str | None, object]:
    """(title, method, element) from the page: the main-content <h1>, og:title, any <h1>, <title>."""
    main_h1 = root.xpath("//*[self::article or self::main or @role='main']//h1")
    for h1 in main_h1:
        text = text_of(h1)
        if len(text) >= 3 and text.casefold() not in names:
            return text, "h1", h1
    og = root.xpath("//meta[@property='og:title' or @name='twitter:title']/@content")
    loose_h1 = [h for h in root.xpath("//h1") if not in_chrome(h)]
    for h1 in loose_h1:
        text = text_of(h1)
        if len(text) >= 3 and text.casefold() not in names:
            return text, "h1", h1
    if og and og[0].strip():
        return clean_title(og[0], names), "og:title", None
    title = root.xpath("//title")
    if title and text_of(title[0]):
        return clean_title(text_of(title[0]), names), "title-tag", None
    return None, None, None


def _json_ld_dates(root) -> list[str]:
    found = []

    def visit(node):
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.append(node["datePublished"])
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


def metadata_date(root) -> tuple[str | None, str | None]:
    """A publication date the page states for machines: meta tags, microdata, JSON-LD."""
    for attr, key in META_DATE_KEYS:
        for element in root.xpath(
            f"//*[translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')=$k]",
            k=key.lower(),
        ):
            value = element.get("content") or element.get("datetime") or text_of(element)
            if value and find_date_strings(value):
                return value.strip(), f"meta:{key}"
    for value in _json_ld_dates(root):
        if find_date_strings(value):
            return value.strip(), "json-ld"
    return None, None


def _text_after(element):
    """Text pieces and <time> elements that follow `element` in document order, its own text excluded."""
    inside = set(element.iter())
    started = False
    for node in element.getroottree().getroot().iter():
        if node is element:
            started = True
        if not started or not isinstance(node.tag, str):
            continue
        if node not in inside and node.tag not in SKIP_TAGS:
            if node.tag == "time":
                yield node
            if node.text:
                yield node.text
        if node.tail and (node is element or node not in inside):
            yield node.tail


def date_near(element) -> tuple[str | None, str | None]:
    """The first date in the text right after the headline (a byline, a "Posted on" line), skipping
    dates labelled as updates; sidebars and related lists are further away than NEAR_TITLE_CHARS."""
    before = ""
    for piece in _text_after(element):
        if not isinstance(piece, str):
            label = before[-30:] + " " + " ".join(piece.classes)
            if piece.get("datetime") and not NOT_PUBLISHED.search(label):
                return piece.get("datetime"), "time-near-title"
            continue
        for start, raw in find_dates(piece):
            if not NOT_PUBLISHED.search((before + piece[:start])[-30:]):
                return raw, "text-near-title"
        before += piece
        if len(collapse_whitespace(before)) > NEAR_TITLE_CHARS:
            break
    return None, None


def find_page_date(root, url: str, title_element, paragraphs: list[str]) -> tuple[str | None, str | None]:
    """(raw date, origin): metadata, then the headline's neighbourhood, the first paragraph, the URL,
    and last htmldate's wider search."""
    raw, origin = metadata_date(root)
    if raw:
        return raw, origin
    if title_element is not None:
        raw, origin = date_near(title_element)
        if raw:
            return raw, origin
    if paragraphs:
        found = find_date_strings(paragraphs[0][:200])
        if found:
            return found[0], "first-paragraph"
    raw = date_from_url(url)
    if raw:
        return raw, "url"
    raw = htmldate_find_date(root, url=url, original_date=True, extensive_search=True)
    return (raw, "htmldate") if raw else (None, None)


def is_byline(paragraph: str, title: str | None) -> bool:
    """A short line that only says who posted it and when ("Posted on 29 Oct 2024 by admin")."""
    if title and collapse_whitespace(paragraph).casefold() == collapse_whitespace(title).casefold():
        return True
    if len(paragraph) > 120:
        return False
    dates = find_date_strings(paragraph)
    if not dates:
        return False
    rest = paragraph
    for raw in dates:
        rest = rest.replace(raw, " ")
    return len(re.findall(r"\w+", rest)) <= 6


def split_paragraphs(text: str) -> list[str]:
    """Extractors put one paragraph per line (some add a blank line between)."""
    return [p for p in (collapse_whitespace(line) for line in text.splitlines()) if p]


def extract_fields(
    html: str,
    url: str,
    selectors: dict[str, str] | None = None,
    language_hint: str | None = None,
    names: tuple[str, ...] = (),
) -> Fields:
    """Title, body, raw date and language of one release page, selectors first, general rules after."""
    selectors = selectors or {}
    fields = Fields()
    root = parse_html(html)
    if root is None:
        return fields
    if "drop_css" in selectors:
        drop(root, selectors["drop_css"])
    known_names = site_names(root, names)

    title_element = None
    if "title_css" in selectors and (found := select(root, selectors["title_css"])):
        title_element = found[0]
        fields.title, fields.methods["title"] = text_of(found[0]) or None, "css"
    if not fields.title:
        fields.title, method, title_element = find_title(root, known_names)
        if method:
            fields.methods["title"] = method

    if "body_css" in selectors and (found := select(root, selectors["body_css"])):
        fields.paragraphs = [p for element in found for p in paragraphs_of(element)]
        fields.methods["body"] = "css"
    if not fields.paragraphs:
        cleaned = lxml.html.tostring(root, encoding="unicode") if "drop_css" in selectors else html
        fields.paragraphs = split_paragraphs(extract_body(cleaned, url))
        fields.methods["body"] = "body_text"
    while fields.paragraphs and is_byline(fields.paragraphs[0], fields.title):
        fields.paragraphs.pop(0)

    if "date_css" in selectors and (found := select(root, selectors["date_css"])):
        element = found[0]
        raw = element.get("datetime") or element.get("content") or text_of(element)
        dates = find_date_strings(raw)
        if dates:
            fields.raw_date, fields.date_origin = (raw if element.get("datetime") else dates[0]), "css"
    if not fields.raw_date:
        fields.raw_date, fields.date_origin = find_page_date(root, url, title_element, fields.paragraphs)
    if fields.date_origin:
        fields.methods["date"] = fields.date_origin

    page_language = (root.get("lang") or "").split("-")[0].lower() or None
    fields.language = detect_language(fields.body or fields.title or "", page_language or language_hint)
    return fields
