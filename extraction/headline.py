"""The headline of a release page whose markup we have never seen.

Pages name their headline in places that fail in different ways. og:title, JSON-LD and <title> are written
for sharing and search, so they nearly always hold the headline (<title> with the site's name around it),
but some sites give every page the same <title>. The visible <h1> is usually the headline, but on many CMS
themes it is a section banner ("Press Releases") and the headline is an <h2>. So: the visible heading that
agrees with the metadata wins; a heading that is only a section label (made of words such as "press",
"releases", "news", or the text of a menu link) never counts; and a page with neither (old table layouts)
is handled by the caller, which takes the short line just above the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from extraction.dom import HEADING_TAGS, Block, in_chrome, is_caption_block, json_ld_values, tag_of, text_of
from extraction.furniture import is_kind, is_section_label, pr_number_of
from extraction.lines import WORD, in_capitals, is_sentence, match_key
from extraction.normalise import collapse_whitespace

TITLE_SEPARATORS = re.compile(r"\s+[|–—·:»]\s+|\s+-\s+|\s*::\s*")
# Headings, including those script-built pages mark up only for assistive technology.
HEADING_XPATH = "//h1|//h2|//h3|//h4|//*[@role='heading' and (not(@aria-level) or @aria-level<=4)]"
MIN_PREFIX = 20  # letters and digits a heading needs to match only the start or end of a metadata title
MAX_MENU_LABEL_WORDS = 6
HEADLINE_WORDS = (2, 30)  # a line in or above the body this long may be the headline
LOOK_BACK = 6  # page paragraphs above the body searched for a headline
MIN_WORD_LETTERS = 3  # "PR", "No" and codes such as NACTA/PR/2025/004 are not headline words
WEAK_H1 = "h1-anywhere"  # an <h1> nothing else vouches for: often the site's name in the page header
LINK_HEAVY = 0.5


@dataclass
class Headline:
    title: str | None = None
    method: str | None = None
    element: object = None
    page_title: str | None = None  # the cleaned <title>, for the caller's last resort
    labels: set[str] = field(default_factory=set)  # menu and breadcrumb texts: not headlines


def same_title(a: str, b: str) -> bool:
    """Same headline, allowing metadata that cut a long headline short ("… Conference on Mari…") or
    glued the site's name to it without spaces ("Ministry of Works: Minister Opens Centre")."""
    ka, kb = match_key(a), match_key(b)
    if not ka or not kb:
        return False
    short, long = sorted((ka, kb), key=len)
    return short == long or (len(short) >= MIN_PREFIX and (long.startswith(short) or long.endswith(short)))


def is_label(text: str, labels: set[str] = frozenset(), names: set[str] = frozenset()) -> bool:
    """A section label, menu entry or the site's own name rather than a headline."""
    folded = collapse_whitespace(text).casefold()
    if not folded or folded in labels or folded in names:
        return True
    return is_section_label(folded)


def site_names(root, extra: tuple[str, ...] = ()) -> set[str]:
    names = {n.casefold() for n in extra if n}
    for key in ("og:site_name", "application-name", "twitter:site"):
        for meta in root.xpath("//meta[@property=$k or @name=$k]", k=key):
            if meta.get("content", "").strip():
                names.add(collapse_whitespace(meta.get("content")).casefold())
    return names


def clean_title(text: str, names: set[str]) -> str:
    """A headline without the site's name and section labels that CMSs add around it
    ("Headline | Press Releases | Site"); "" when the title says nothing else."""
    text = collapse_whitespace(text)
    parts = [p.strip() for p in TITLE_SEPARATORS.split(text) if p.strip()]
    kept = [p for p in parts if not is_label(p) and not any(_only_names(p, n) for n in names)]
    if len(parts) == 1 and kept:
        return text
    return max(kept, key=len, default="")


def menu_labels(root, url: str) -> set[str]:
    """Texts of short links in menus and breadcrumbs that lead elsewhere: a heading with the same text is
    the section banner of the page, not its headline (a breadcrumb's link to the page itself is skipped,
    since that one does carry the headline)."""
    page = urldefrag(url).url
    labels = set()
    for link in root.iter("a"):
        text = text_of(link)
        if not text or len(text.split()) > MAX_MENU_LABEL_WORDS or not in_chrome(link):
            continue
        if urldefrag(urljoin(url, link.get("href", ""))).url != page:
            labels.add(text.casefold())
    return labels


def metadata_titles(root, names: set[str]) -> list[tuple[str, str]]:
    """(headline, origin) from sharing and structured-data metadata (Open Graph, JSON-LD, microdata),
    section labels left out."""
    found = []
    for key in ("og:title", "twitter:title"):
        for value in root.xpath("//meta[@property=$k or @name=$k]/@content", k=key):
            found.append((clean_title(value, names), key))
    found += [(collapse_whitespace(value), "json-ld") for value in json_ld_values(root, "headline")]
    found += [(text_of(element), "microdata") for element in root.xpath("//*[@itemprop='headline']")]
    return [(text, origin) for text, origin in found if text and not is_label(text, names=names)]


def page_title(root, names: set[str]) -> str | None:
    """The cleaned <title>, unless all it says is the site's name or a section label."""
    title = root.find(".//title")
    return (clean_title(text_of(title), names) or None) if title is not None else None


def _only_names(text: str, name: str) -> bool:
    """The site's name, perhaps with one more word ("Inter Services Public Relations Pakistan"), or a
    part of it ("Government of Pakistan" of "Ministry of Foreign Affairs, Government of Pakistan")."""
    folded = text.casefold()
    if folded in name:
        return True
    return name in folded and len(WORD.findall(folded.replace(name, " "))) <= 1


def _in_link(element) -> bool:
    return any(tag_of(a) == "a" for a in element.iterancestors())


def _headings(root, labels: set[str], names: set[str]) -> list:
    """Visible headings outside site furniture that could be a headline, in document order."""
    return [
        heading
        for heading in root.xpath(HEADING_XPATH)
        if len(text_of(heading)) >= 3
        and not in_chrome(heading)
        and not is_label(text_of(heading), labels, names)
    ]


def _element_with_text(root, text: str):
    """The innermost element of the body whose whole text is `text` (a headline in a <span> or <td>)."""
    key = match_key(text)
    found = None
    for element in root.xpath("//body//*[normalize-space()=$t]", t=collapse_whitespace(text)):
        if match_key(text_of(element)) == key and not in_chrome(element) and not _in_link(element):
            found = element
    return found


def find_headline(root, url: str, names: set[str]) -> Headline:
    """The headline and its element: the heading that agrees with the metadata, else the content <h1>,
    else the metadata alone, else any other <h1>. Headline() when none is convincing."""
    labels = menu_labels(root, url)
    headings = _headings(root, labels, names)
    references = metadata_titles(root, names)
    fallback = page_title(root, names)
    fallback = None if fallback and fallback.casefold() in labels else fallback
    if fallback:
        references.append((fallback, "title-tag"))
    for text, origin in references:  # a real heading that agrees with any metadata first
        for heading in headings:
            if same_title(text_of(heading), text):
                return Headline(text_of(heading), f"{tag_of(heading)}+{origin}", heading, fallback, labels)
    for text, origin in references:
        element = _element_with_text(root, text)
        if element is not None:
            return Headline(text_of(element), f"element+{origin}", element, fallback, labels)
    h1s = [
        h
        for h in headings
        if tag_of(h) == "h1" or (h.get("role") == "heading" and h.get("aria-level") == "1")
    ]
    in_content = [
        h for h in h1s if h.xpath("ancestor::article or ancestor::main or ancestor::*[@role='main']")
    ]
    if in_content:
        return Headline(text_of(in_content[0]), "h1", in_content[0], fallback, labels)
    metadata = [(text, origin) for text, origin in references if origin != "title-tag"]
    if metadata:
        return Headline(metadata[0][0], metadata[0][1], None, fallback, labels)
    if h1s:
        return Headline(text_of(h1s[0]), WEAK_H1, h1s[0], fallback, labels)
    return Headline(page_title=fallback, labels=labels)


def headline_in_body(block: Block, labels: set[str], names: set[str]) -> bool:
    """Whether the body's first paragraph is the headline: a short line without closing punctuation set
    as a heading, in bold or in capitals (old CMSs and hand-made pages put the headline in the text)."""
    text = block.text
    low, high = HEADLINE_WORDS
    if (
        is_sentence(text)
        or not low <= len(WORD.findall(text)) <= high
        or not _headline_words(text, labels, names)
    ):
        return False
    bold = any(match_key(text_of(b)) == match_key(text) for b in block.element.iter("strong", "b"))
    return block.tag in HEADING_TAGS or bold or in_capitals(text)


def headline_above(blocks: list[Block], first: int, labels: set[str], names: set[str]) -> Block | None:
    """The short line just above the body, for pages with no usable heading or metadata: date lines,
    release numbers and section labels in between are skipped; links (breadcrumbs, menus) and prose end
    the search."""
    low, high = HEADLINE_WORDS
    for block in reversed(blocks[max(0, first - LOOK_BACK) : first]):
        if not _headline_words(block.text, labels, names) or is_caption_block(block):
            continue
        if block.link_share >= LINK_HEAVY or is_sentence(block.text):
            return None
        return block if low <= len(WORD.findall(block.text)) <= high else None
    return None


def _headline_words(text: str, labels: set[str], names: set[str]) -> bool:
    """Not a date line, a release number, a reference code ("NACTA/PR/2025/004"), an article-info line
    or a section label: a headline has at least two real words."""
    words = [word for word in WORD.findall(text) if not word.isdigit() and len(word) >= MIN_WORD_LETTERS]
    return len(words) >= 2 and not (
        is_kind(text, "byline", "info_line", "letterhead")
        or pr_number_of(text)
        or is_label(text, labels, names)
    )
