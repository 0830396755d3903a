"""The headline of a release page whose markup we have never seen.

Pages name their headline in places that fail in different ways. og:title, JSON-LD and <title> are written
for sharing and search, so they nearly always hold the headline (<title> with the site's name around it),
but some sites give every page the same <title>. The visible <h1> is usually the headline, but on many CMS
themes it is a section banner ("Press Releases") and the headline is an <h2>. So: the visible heading that
agrees with the metadata wins; a heading that is only a section label (made of words such as "press",
"releases", "news", or the text of a menu link) never counts; and a page with neither (old table layouts)
is handled by the caller, which takes the short line just above the body.

Agreement is evidence, one source alone is not: a heading equal to a part of the <title> is confirmed
whichever part is the site's name; the last item of the site's breadcrumb, when it names the page, is
a second source for an <h1>; an <h1> in the page header (a headline on some themes, the site's logo on
others) counts only when metadata agrees with it; the site's name is what metadata, the host and
the home link call it. Measured against the alternatives on WCXB and the saved sites (docs/benchmarks.md).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urldefrag, urljoin, urlsplit

from extraction.dom import (
    Block,
    in_chrome,
    in_page_frame,
    is_hidden,
    json_ld_objects,
    json_ld_values,
    tag_of,
    text_of,
)
from extraction.furniture import is_edge_furniture, is_section_label, pr_number_of
from extraction.lines import WORD, in_capitals, is_sentence, match_key
from extraction.normalise import collapse_whitespace

# Each alternative starts at the first space of a run ((?<!\s)): from every space it would be quadratic.
TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+[|–—·•:»]\s+|(?<!\s)\s+-\s+|(?<!\s)\s*::\s*")
# Headings, including those script-built pages mark up only for assistive technology.
HEADING_XPATH = "//h1|//h2|//h3|//h4|//*[@role='heading' and (not(@aria-level) or @aria-level<=4)]"
MIN_PREFIX = 20  # letters and digits a heading needs to match only the start or end of a metadata title
MAX_MENU_LABEL_WORDS = 6
HEADLINE_WORDS = (2, 30)  # a line in or above the body this long may be the headline
LOOK_BACK = 6  # page paragraphs above the body searched for a headline
MIN_WORD_LETTERS = 3  # "PR", "No" and codes such as NACTA/PR/2025/004 are not headline words
WEAK_H1 = "h1-anywhere"  # an <h1> nothing else vouches for: often the site's name in the page header
MIN_HOST_NAME = 5  # letters a host's own name needs to count as the site's name ("newegg", not "go")
MAX_HEADING_PIECES = 40  # text pieces of a heading searched for the part the metadata names
DATA = tomllib.loads(resources.files("extraction").joinpath("data/headline.toml").read_text("utf-8"))
SCREEN_READER_CLASSES = frozenset(name.lower() for name in DATA["screen_reader_classes"])
SCREEN_READER_STYLES = tuple(style.replace(" ", "").lower() for style in DATA["screen_reader_styles"])
# Elements holding a breadcrumb trail: class, id or aria-label names one (case aside).
_LOWER = "translate(@{}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
BREADCRUMB_XPATH = " | ".join(
    f"//*[contains({_LOWER.format(attribute)}, '{word}')]"
    for attribute in ("class", "id", "aria-label")
    for word in DATA["breadcrumb_words"]
)
# The path of the site's home page: "/" or a home page file ("/index.php").
HOME_PATH = re.compile(rf"/?|/({'|'.join(map(re.escape, DATA['home_pages']))})\.\w+", re.I)


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


def site_names(root, extra: tuple[str, ...] = (), url: str = "") -> set[str]:
    """The site's names: configured, declared in metadata, the page's host ("newegg.com", "newegg"),
    which titles append as the site's name ("Game Changer | Newegg.com"), and what the link to the home
    page says (the logo's text or its image's alt text), which a logo <h1> repeats."""
    names = {n.casefold() for n in extra if n} | host_names(url) | home_names(root, url)
    for key in ("og:site_name", "application-name", "twitter:site"):
        for meta in root.xpath("//meta[@property=$k or @name=$k]", k=key):
            if meta.get("content", "").strip():
                names.add(collapse_whitespace(meta.get("content")).casefold())
    return names


def host_names(url: str) -> set[str]:
    """The host without "www." and its parent domains of two labels or more, and the name just before the
    top-level domain when it is long enough not to be a common word."""
    labels = (urlsplit(url).hostname or "").removeprefix("www.").split(".")
    if len(labels) < 2 or labels[-1].isdigit():  # none for an IP address
        return set()
    names = {".".join(labels[start:]) for start in range(len(labels) - 1)}
    return names | ({labels[-2]} if len(labels[-2]) >= MIN_HOST_NAME else set())


def home_names(root, url: str) -> set[str]:
    """The texts and image alt texts of links to the site's home page, section labels ("Home") left out."""
    names = set()
    for link in root.iter("a"):
        target = urlsplit(urljoin(url, link.get("href") or "#"))
        if target.netloc != urlsplit(url).netloc or not HOME_PATH.fullmatch(target.path) or target.query:
            continue
        for text in (text_of(link), *link.xpath(".//img/@alt")):
            text = collapse_whitespace(text).casefold()
            if text and len(text.split()) <= MAX_MENU_LABEL_WORDS and not is_section_label(text):
                names.add(text)
    return names


def clean_title(text: str, names: set[str]) -> str:
    """A headline without the site's name and section labels that CMSs add around it
    ("Headline | Press Releases | Site"); "" when the title says nothing else."""
    text = collapse_whitespace(text)
    parts, kept = _title_parts(text, names)
    if len(parts) == 1 and kept:
        return text
    return max(kept, key=len, default="")


def _title_parts(text: str, names: set[str]) -> tuple[list[str], list[str]]:
    """A title's parts between separators, and those that are neither a section label nor a site name."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(collapse_whitespace(text)) if p.strip()]
    return parts, [p for p in parts if not is_label(p) and not any(_only_names(p, n) for n in names)]


def guessed_titles(root, names: set[str]) -> set[str]:
    """Cleaned <title>s and og/twitter titles that are only the longest of several parts nothing marks as
    the site's name ("What Tutoring Is - Choosing a Good Tutor"): a guess, not the metadata's word."""
    title = root.find(".//title")
    values = [text_of(title)] if title is not None else []
    values += root.xpath("//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content")
    return {clean_title(value, names) for value in values if len(_title_parts(value, names)[1]) > 1}


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


def breadcrumb_ends(root, url: str) -> list[str]:
    """The last item of each breadcrumb trail, in JSON-LD or on the page, when it names this page (no
    link, or a link to the page itself) rather than its section: what the site's own navigation calls
    the page."""
    found = []
    for node in json_ld_objects(root):
        kinds = node.get("@type") if isinstance(node.get("@type"), list) else [node.get("@type")]
        items = node.get("itemListElement") if "BreadcrumbList" in kinds else None
        if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
            continue
        last = max(items, key=_position) if all(_position(item) is not None for item in items) else items[-1]
        item = last.get("item")
        name = last.get("name") or (item.get("name") if isinstance(item, dict) else None)
        link = item.get("@id") or item.get("url") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and (not isinstance(link, str) or _same_page(link, url)):
            found.append(collapse_whitespace(name))
    return found + _visible_breadcrumb_ends(root, url)


def _position(item: dict) -> float | None:
    """A breadcrumb item's declared position (numbers or numeric strings), None when it has none."""
    try:
        return float(item.get("position"))
    except (TypeError, ValueError):
        return None


def _visible_breadcrumb_ends(root, url: str) -> list[str]:
    """The last item of each breadcrumb trail the page shows (an element whose class, id or label names a
    breadcrumb), unless it links to another page."""
    found = []
    trails = root.xpath(BREADCRUMB_XPATH)
    for trail in trails:
        if any(ancestor in trails for ancestor in trail.iterancestors()):
            continue
        shown = trail.xpath(".//text()[normalize-space()][not(ancestor::script or ancestor::style)]")
        texts = [text for text in shown if WORD.search(text)]
        if not texts:
            continue
        owner = texts[-1].getparent()
        links = [a for a in (owner, *owner.iterancestors()) if tag_of(a) == "a"]
        if not links or _same_page(links[0].get("href") or "", url):
            found.append(collapse_whitespace(texts[-1]))
    return found


def _same_page(link: str, url: str) -> bool:
    """Whether a link leads to the page at `url` (the fragment, the query and a final slash aside)."""
    target, page = urlsplit(urljoin(url, link)), urlsplit(url)
    same_host = target.netloc.removeprefix("www.") == page.netloc.removeprefix("www.")
    return same_host and target.path.rstrip("/") == page.path.rstrip("/")


def page_title(root, names: set[str]) -> str | None:
    """The cleaned <title>, unless all it says is the site's name or a section label."""
    title = root.find(".//title")
    return (clean_title(text_of(title), names) or None) if title is not None else None


def _only_names(text: str, name: str) -> bool:
    """The site's name, perhaps with one more word ("Inter Services Public Relations Pakistan"), or a
    part of it ("Government of Pakistan" of "Ministry of Foreign Affairs, Government of Pakistan")."""
    folded = text.casefold()
    if _has_words(name, folded):
        return True
    return _has_words(folded, name) and len(WORD.findall(folded.replace(name, " "))) <= 1


def _has_words(text: str, part: str) -> bool:
    """`part` in `text` as whole words ("go" is not in "google")."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


def _in_link(element) -> bool:
    return any(tag_of(a) == "a" for a in element.iterancestors())


def _headings(root, labels: set[str], names: set[str], framed: bool = False) -> list:
    """Visible headings outside site furniture that could be a headline, in document order; with
    `framed`, also the <h1>s in the page's own header, which count only when metadata agrees with them
    (many themes set the headline there, and many the site's name)."""
    return [
        heading
        for heading in root.xpath(HEADING_XPATH)
        if len(text_of(heading)) >= 3
        and (not in_chrome(heading) or (framed and _framed_h1(heading)))
        and not _out_of_sight(heading)
        and not is_label(text_of(heading), labels, names)
    ]


def _framed_h1(heading) -> bool:
    """An <h1> in the page header that is not a link (a logo links home)."""
    return tag_of(heading) == "h1" and in_page_frame(heading) and not _in_link(heading)


def _out_of_sight(element) -> bool:
    """Hidden, or kept only for screen readers (a class such as "sr-only", a clip to nothing): such a
    heading is often the <title> copied for assistive technology, not the headline readers see."""
    if is_hidden(element):  # only itself: script-built pages stream their content into hidden blocks
        return True
    for node in (element, *element.iterancestors()):
        classes = (node.get("class") or "").lower().split()
        style = (node.get("style") or "").replace(" ", "").lower()
        if SCREEN_READER_CLASSES.intersection(classes):
            return True
        if any(marker in style for marker in SCREEN_READER_STYLES):
            return True
    return False


def title_runs(root, names: set[str]) -> list[tuple[str, str]]:
    """(text, origin) for the runs of parts at the start or end of the <title> and og:title
    ("Learn More: Academic Tutoring" of "Learn More: Academic Tutoring | The Partnership"): a heading
    equal to one is confirmed by a second source, whichever part the site's name is."""
    found = []
    title = root.find(".//title")
    raw = [(text_of(title), "title-tag")] if title is not None else []
    raw += [(value, "og:title") for value in root.xpath("//meta[@property='og:title']/@content")]
    for text, origin in raw:
        text = collapse_whitespace(text)
        cuts = [(m.start(), m.end()) for m in TITLE_SEPARATORS.finditer(text)]
        runs = [text[:start] for start, _ in cuts] + [text[end:] for _, end in cuts]
        found += [(run.strip(), origin) for run in runs if run.strip() and not is_label(run, names=names)]
    return found


def _pieces_naming(heading, text: str) -> str | None:
    """The run of the heading's text pieces that is `text`, when the heading also holds other pieces (a
    date, a byline, the source's link set in their own elements around the headline)."""
    key = match_key(text)
    pieces = [piece for piece in heading.itertext() if piece.strip()][:MAX_HEADING_PIECES]
    for start in range(len(pieces)):
        joined = ""
        for end in range(start, len(pieces)):
            joined += pieces[end]
            found = match_key(joined)
            if found == key:
                return collapse_whitespace("".join(pieces[start : end + 1]))
            if not key.startswith(found):
                break
    return None


def without_site_name(text: str, names: set[str]) -> str:
    """The text without the site's name set off by a separator at its end ("Headline – Site"), as sites
    glue it to headings and to the lines they print."""
    cuts = list(TITLE_SEPARATORS.finditer(text))
    if cuts and match_key(text[cuts[-1].end() :]) in {match_key(name) for name in names}:
        return text[: cuts[-1].start()].strip()
    return text


def _agrees(heading, text: str, guessed: set[str]) -> bool:
    """Whether a heading and a metadata title name the same headline. A heading that is the metadata's
    words with more in front agrees only when the more is set apart in its own elements (a date before
    the headline), not when it runs on in the same text ("Add your own … review" over a comment form),
    unless the metadata's title is only a guessed part of what it says (then the rest may be in front).
    A heading below <h1> that says only the first or last words of the metadata's title is a section
    heading of the text ("The best smart home hubs of 2026" over the list), not the headline."""
    own, key = match_key(text_of(heading)), match_key(text)
    if not same_title(text_of(heading), text):
        return False
    if len(own) < len(key) and not _is_h1(heading):  # a section heading that starts the same way
        return False
    in_front = len(own) > len(key) and not own.startswith(key)
    return not in_front or text in guessed or _pieces_naming(heading, text) is not None


def _in_one_case(text: str) -> bool:
    """Set all in capitals or without any: how styles display a headline, not how it is written."""
    return in_capitals(text) or (any(c.islower() for c in text) and not any(c.isupper() for c in text))


def _as_agreed(heading, text: str, names: set[str], guessed: set[str]) -> str:
    """The headline a heading and a metadata title agree on: the heading's, less the site's name it ends
    in and what the metadata leaves out when the heading sets it apart in its own elements (unless the
    metadata's title is a guess at which of its parts is the headline); the metadata's spelling when
    the heading is only the same words in capitals or in lower case."""
    own = without_site_name(text_of(heading), names)
    if match_key(own) == match_key(text):
        return collapse_whitespace(text) if _in_one_case(own) and not _in_one_case(text) else own
    if len(match_key(own)) > len(match_key(text)) and text not in guessed:
        return _pieces_naming(heading, text) or own
    return own


def _element_with_text(root, text: str):
    """The innermost element of the body whose whole text is `text` (a headline in a <span> or <td>)."""
    key = match_key(text)
    found = None
    for element in root.xpath("//body//*[normalize-space()=$t]", t=collapse_whitespace(text)):
        if match_key(text_of(element)) == key and not in_chrome(element) and not _in_link(element):
            found = element
    return found


def _is_h1(heading) -> bool:
    return tag_of(heading) == "h1" or (heading.get("role") == "heading" and heading.get("aria-level") == "1")


def _confirmed_heading(headings: list, references: list, crumbs: list, guessed: set[str]):
    """(heading, metadata title, origin) for the first heading some metadata agrees with, an <h1> before
    any lower heading: a section heading in the text may repeat the og:title while the <h1> above it
    is the article's headline as its JSON-LD or its breadcrumb names it. The breadcrumb's last item
    confirms only an <h1>: lower headings ("Introduction") repeat short page labels."""
    for tier, sources in (([h for h in headings if _is_h1(h)], references + crumbs), (headings, references)):
        for text, origin in sources:
            for heading in tier:
                if _agrees(heading, text, guessed):
                    return heading, text, origin
    return None


def _most_agreed(metadata: list[tuple[str, str]], voters: list[str]) -> tuple[str, str]:
    """The metadata title most of the page's titles and <h1>s (those in its furniture too) agree with,
    the first on a tie: when no heading is confirmed and og:title is stale ("… in 2024 …") or a teaser
    while JSON-LD, the <title> and an <h1> agree on the headline, they outvote it."""
    return max(metadata, key=lambda found: sum(same_title(found[0], voter) for voter in voters))


def find_headline(root, url: str, names: set[str]) -> Headline:
    """The headline and its element: the heading that agrees with the metadata, else the content <h1>,
    else the metadata alone, else any other <h1>. Headline() when none is convincing."""
    labels = menu_labels(root, url)
    agreeing = _headings(root, labels, names, framed=True)
    headings = [heading for heading in agreeing if not in_chrome(heading)]
    references = metadata_titles(root, names)
    fallback = page_title(root, names)
    fallback = None if fallback and fallback.casefold() in labels else fallback
    if fallback:
        references.append((fallback, "title-tag"))
    guessed = guessed_titles(root, names)
    crumbs = [(text, "breadcrumb") for text in breadcrumb_ends(root, url)]
    if found := _confirmed_heading(agreeing, references, crumbs, guessed):
        heading, text, origin = found
        title = _as_agreed(heading, text, names, guessed)
        return Headline(title, f"{tag_of(heading)}+{origin}", heading, fallback, labels)
    for text, origin in title_runs(root, names):  # then with a part of the <title> or og:title
        for heading in agreeing:
            if match_key(text_of(heading)) == match_key(text):
                title, method = _as_agreed(heading, text, names, set()), f"{tag_of(heading)}+{origin}-part"
                return Headline(title, method, heading, fallback, labels)
    for text, origin in references:
        element = _element_with_text(root, text)
        if element is not None:
            return Headline(text_of(element), f"element+{origin}", element, fallback, labels)
    h1s = [h for h in headings if _is_h1(h)]
    in_content = [
        h for h in h1s if h.xpath("ancestor::article or ancestor::main or ancestor::*[@role='main']")
    ]
    if in_content:
        return Headline(text_of(in_content[0]), "h1", in_content[0], fallback, labels)
    metadata = [(text, origin) for text, origin in references if origin != "title-tag"]
    if metadata:
        shown = [text_of(h1) for h1 in root.iter("h1") if not _out_of_sight(h1)]
        text, origin = _most_agreed(metadata, [text for text, _ in references] + shown)
        return Headline(text, origin, None, fallback, labels)
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
    return block.heading or bold or in_capitals(text)


def headline_above(blocks: list[Block], first: int, labels: set[str], names: set[str]) -> Block | None:
    """The short line just above the body, for pages with no usable heading or metadata: date lines,
    release numbers, letterhead lines and section labels in between are skipped (and not counted);
    links (breadcrumbs, menus) and prose end the search. A heading set right above another (a headline
    over its sub-headline, as press bureaus set them) is the headline."""
    low, high = HEADLINE_WORDS
    found = None
    for block in _lines_above(blocks, first, labels, names):
        fits = low <= len(WORD.findall(block.text)) <= high
        if block.link_heavy or is_sentence(block.text) or not fits:
            return found
        if found is not None:
            return block if block.heading else found
        found = block
        if not block.heading:
            return found
    return found


def _lines_above(blocks: list[Block], first: int, labels: set[str], names: set[str]):
    """Up to LOOK_BACK lines above `first` that could be a headline, nearest first."""
    seen = 0
    for block in reversed(blocks[:first]):
        if seen == LOOK_BACK:
            return
        if not _headline_words(block.text, labels, names) or block.caption:
            if not is_edge_furniture(block.text):
                seen += 1
            continue
        seen += 1
        yield block


def _headline_words(text: str, labels: set[str], names: set[str]) -> bool:
    """Not a date line, a release number, a reference code ("NACTA/PR/2025/004"), an article-info line
    or a section label: a headline has at least two real words."""
    words = [word for word in WORD.findall(text) if not word.isdigit() and len(word) >= MIN_WORD_LETTERS]
    return len(words) >= 2 and not (
        is_edge_furniture(text) or pr_number_of(text) or is_label(text, labels, names)
    )
