"""Fields of a release page whose markup we may never have seen: title, body paragraphs, raw date, language.

Configured CSS selectors are tried first (a site we know); otherwise general rules over the page: the
headline (`extraction.headline`), the body from the combined extractor in `body_text` checked against the
page's layout (`extraction.content`), and the date from machine-readable metadata, then from the text
between the headline and the body's opening line, a date line just above the body, the opening line, the
URL, a date line just below the body, and last htmldate. The article's own neighbourhood comes before
any wider search because sidebars and related-release lists are full of other releases' dates. Every
field records the method that produced it, so a researcher can audit extraction and we can see when a
selector rots.

The page is parsed and laid out once here; the body extractor parses its own copy, since it takes HTML.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field

import lxml.html
from htmldate import find_date as htmldate_find_date

from extraction.body_text import extract_body
from extraction.content import Body, headline_index, locate_body, split_paragraphs
from extraction.dateline import opening_dateline
from extraction.dates import DATA, date_from_url, find_date_strings, find_dates
from extraction.dom import (
    HEADING_TAGS,
    SKIP_TAGS,
    Document,
    in_chrome,
    json_ld_values,
    page_blocks,
    paragraphs_of,
    parse_html,
    text_of,
)
from extraction.furniture import is_byline, is_kind, is_undated_line, pr_number_of
from extraction.headline import (
    LOOK_BACK,
    WEAK_H1,
    Headline,
    clean_title,
    find_headline,
    headline_above,
    headline_in_body,
    site_names,
    without_site_name,
)
from extraction.language import detect_language
from extraction.lines import is_sentence, match_key

__all__ = [
    "Fields",
    "clean_title",
    "date_near",
    "extract_fields",
    "find_page_date",
    "is_byline",
    "metadata_date",
    "paragraphs_of",
    "parse_html",
    "split_paragraphs",
    "text_of",
]

META_DATE_KEYS = (
    ("property", "article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datePublished"),
    ("name", "article:published_time"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "published"),
    ("name", "date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.created"),
    ("name", "citation_publication_date"),
)
NOT_PUBLISHED = re.compile(r"(updat|modif|edit|revis|last)\w*\W{0,3}(on|at)?\W{0,3}$", re.I)
NEAR_TITLE_CHARS = 400
# How far a date labelled as the publication date may stand from the headline and still be taken.
FAR_TITLE_CHARS = 1500
# How far above the headline a date in its header may stand (a date line over the title).
BEFORE_TITLE_CHARS = 120
# A related post's card: a box of at most TEASER_CHARS characters, at most TEASER_DEPTH levels up from a
# date, holding a link of at least TEASER_LINK_WORDS words (a headline, not an author's name or a
# category).
TEASER_CHARS = 400
TEASER_DEPTH = 8
TEASER_LINK_WORDS = 5
CAPTION_TAGS = ("figure", "figcaption")
MAX_HEADLINE_CHARS = 250


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


def select(root, css: str) -> list:
    return root.cssselect(css)


def drop(root, css: str) -> None:
    for element in select(root, css):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def metadata_date(root) -> tuple[str | None, str | None]:
    """A publication date the page states for machines: meta tags, microdata, JSON-LD. The page is
    searched once for every element naming itself, then the names are tried in META_DATE_KEYS' order."""
    named: dict[tuple[str, str], list] = {}
    attributes = {attr for attr, _ in META_DATE_KEYS}
    for element in root.xpath("//*[@property or @itemprop or @name]"):
        for attr in attributes:
            if value := element.get(attr):
                named.setdefault((attr, value.lower()), []).append(element)
    for attr, key in META_DATE_KEYS:
        for element in named.get((attr, key.lower()), ()):
            value = element.get("content") or element.get("datetime") or text_of(element)
            if value and find_date_strings(value):
                return value.strip(), f"meta:{key}"
    for value in json_ld_values(root, "datePublished"):
        if find_date_strings(value):
            return value.strip(), "json-ld"
    return None, None


def pubdate_time(root) -> tuple[str | None, str | None]:
    """The first `<time pubdate>` naming a full date: the page's own mark for its article's publication
    date, over metadata that may name the post's creation (a byline "Published August 13, 2025" set below
    the text while article:published_time says the 8th)."""
    for time in root.iter("time"):
        if time.get("pubdate") is not None and find_date_strings(value := time.get("datetime") or ""):
            return value, "time-pubdate"
    return None, None


def _text_after(element, stop=None):
    """(owner, piece) for the text pieces and <time> elements that follow `element` in document order, its
    own text excluded, ending where `stop` (the body's opening paragraph) begins: dates inside the text are
    events it reports, not when it was issued (an opening dateline is looked for separately). A text
    piece's owner is the element it is written inside; a <time> is its own."""
    inside = set(element.iter())
    started = False
    for node in element.getroottree().getroot().iter():
        if node is element:
            started = True
        if not started:
            continue
        if node is stop:
            return
        if isinstance(node.tag, str) and node not in inside and node.tag not in SKIP_TAGS:
            if node.tag == "time":
                yield node, node
            if node.text:
                yield node, node.text
        if node.tail and node is not stop and (node is element or node not in inside):
            yield node.getparent(), node.tail


UPDATE_CLASSES = re.compile("|".join(DATA["markup"]["updated"]), re.I)
ORIGINALLY = re.compile(
    rf"\bthis\s+(?:{'|'.join(DATA['labels']['itself'])})\s+(?:was|is|has\s+been)?\s*"
    rf"(?:{'|'.join(DATA['labels']['original'])})\s+(?:on|in)?\s*:?",
    re.I,
)
PUBLISHED_LABEL = re.compile(
    rf"\b(?:{'|'.join(DATA['labels']['published'])})\b\W{{0,3}}(?:on|at)?\W{{0,3}}$", re.I
)


def _marks_update(time, label: str) -> bool:
    """A <time> the page labels as an update, not the issue: by the words before it ("Updated on"), its
    own words before its date ("Last Updated: …"), its parent's class ("dateblock-updated") or its own
    class when that does not also say published (WordPress's "entry-date published updated" does)."""
    own = text_of(time)
    dates = find_dates(own)
    words = f"{label} {own[: dates[0][0]] if dates else own}"
    return bool(
        NOT_PUBLISHED.search(label) or NOT_PUBLISHED.search(" ".join(words.split())) or _update_class(time)
    )


def _update_class(owner) -> bool:
    """Whether the markup holding a date calls it an update: the parent's class ("dateblock-updated",
    "header__datemodified"), or the element's own unless that also says published (WordPress's "entry-date
    published updated")."""
    parent = owner.getparent()
    classes = owner.get("class") or ""
    return bool(
        (parent is not None and UPDATE_CLASSES.search(parent.get("class") or ""))
        or (UPDATE_CLASSES.search(classes) and "publish" not in classes.lower())
    )


def date_near(element, stop=None, passed=()) -> tuple[str | None, str | None]:
    """The first date in the text right after the headline (a byline, a "Posted on" line), skipping
    dates labelled as updates, with the text of a <time> so labelled, and dates beside a link to another
    article (a related post's card); the search ends where the body begins (`stop`) or after
    NEAR_TITLE_CHARS, before sidebars and related lists. A standfirst (`passed`, its blocks) is passed
    over, text and all. Past NEAR_TITLE_CHARS and up to the body, only a date labelled as the publication date
    ("Posted on", "Published") is taken: a byline set under a long standfirst or a table of contents."""
    before = ""  # the text so far, whitespace collapsed
    refused: set = {node for block in passed for node in block.iter()}
    for owner, piece in _text_after(element, stop):
        if owner in refused:
            continue
        far = len(before) > NEAR_TITLE_CHARS
        if not isinstance(piece, str):
            if _marks_update(piece, before[-30:]) or _in_teaser(piece, element):
                refused.update(piece.iter())
            elif find_date_strings(piece.get("datetime") or "") and (not far or _labelled(before)):
                return piece.get("datetime"), "time-near-title"
            continue
        for start, raw in [] if is_undated_line(piece) else find_dates(piece):
            label = " ".join(f"{before} {piece[:start]}".split())
            if NOT_PUBLISHED.search(label[-30:]) or (far and not _labelled(label)) or _update_class(owner):
                continue
            if not _in_teaser(owner, element):
                return raw, "text-near-title"
        before = " ".join(f"{before} {piece}".split())
        if len(before) > FAR_TITLE_CHARS:
            break
    return None, None


def _labelled(text: str) -> bool:
    """Whether the text just before a date labels it as the publication date ("Posted on", "Published:")."""
    return bool(PUBLISHED_LABEL.search(text[-30:]))


def _in_teaser(owner, headline) -> bool:
    """Whether a date is another's: in a picture's caption (a photograph's date), or in a card of a list
    of cards (a related post's, a "latest news" item), a small box repeated beside its siblings that
    holds a link whose words make a headline other than the page's own."""
    if owner.tag in CAPTION_TAGS or any(node.tag in CAPTION_TAGS for node in owner.iterancestors()):
        return True
    own = " ".join(text_of(headline).split()).lower()
    node, linked = owner, False
    for _ in range(TEASER_DEPTH):
        if node is None or headline in node.iterancestors() or node is headline:
            return False
        if not _small(node) or any(headline is n for n in node.iter()):
            return False
        linked = linked or any(_headline_words(link, own) for link in node.iter("a"))
        if linked and _repeated(node):
            return True
        node = node.getparent()
    return False


def _small(node, limit: int = TEASER_CHARS) -> bool:
    """Whether an element holds at most `limit` characters of text, read only that far."""
    chars = 0
    for piece in node.itertext():
        chars += len(piece.strip())
        if chars > limit:
            return False
    return True


def _headline_words(link, own: str) -> bool:
    words = " ".join(text_of(link).split())
    return len(words.split()) >= TEASER_LINK_WORDS and words.lower() != own


def _repeated(node) -> bool:
    """Whether an element is one of a run of siblings alike (same tag, same class): a list's item."""
    parent = node.getparent()
    if parent is None:
        return False
    return sum(1 for other in parent if other.tag == node.tag and other.get("class") == node.get("class")) > 1


def date_before(element) -> tuple[str | None, str | None]:
    """The date printed just above the headline in its header ("Published October 14, 2025", a <time>
    over the title), the nearest within BEFORE_TITLE_CHARS, unless labelled as an update or another
    article's; rights lines and counters never give one, and the search ends at the site's furniture
    (a top bar's day, a menu) unless the headline itself stands in it."""
    pieces = _text_before(element)
    seen = 0
    in_article = not in_chrome(element)  # the site's header and menus are not the article's header
    for index in range(len(pieces) - 1, -1, -1):
        owner, piece = pieces[index]
        if in_article and in_chrome(owner):
            break
        label = " ".join(p for _, p in pieces[max(0, index - 4) : index] if isinstance(p, str))
        if not isinstance(piece, str):
            dated = find_date_strings(piece.get("datetime") or "")
            if dated and not _marks_update(piece, label[-30:]) and not _in_teaser(piece, element):
                return piece.get("datetime"), "time-above-title"
            continue
        if owner.tag == "time" and owner.get("datetime"):
            continue  # a <time>'s own text: its datetime, met next, says it whole
        for start, raw in reversed([] if is_undated_line(piece) else find_dates(piece)):
            words = " ".join(f"{label} {piece[:start]}".split())
            if not NOT_PUBLISHED.search(words[-30:]) and not _in_teaser(owner, element):
                return raw, "text-above-title"
        seen += len(piece)
        if seen > BEFORE_TITLE_CHARS:
            break
    return None, None


def _walk(root):
    """("start", node) and ("end", node) for every node in document order, comments too (a comment's
    tail is text readers see; lxml's iterwalk leaves comments out)."""
    open_nodes: list = []
    for node in root.iter():
        parent = node.getparent()
        while open_nodes and open_nodes[-1] is not parent:
            yield "end", open_nodes.pop()
        yield "start", node
        open_nodes.append(node)
    while open_nodes:
        yield "end", open_nodes.pop()


def _text_before(element) -> list:
    """(owner, piece) for the text pieces and <time> elements before `element` in document order, as
    `_text_after` gives them after it: the last few hundred characters of text, whitespace collapsed."""
    window: list = []
    chars = 0
    hidden = 0  # depth inside markup whose text no reader sees (scripts, styles, the <title>)
    for event, node in _walk(element.getroottree().getroot()):
        if node is element:
            break
        tagged = isinstance(node.tag, str)
        skip = tagged and (node.tag in SKIP_TAGS or node.tag == "title")
        if event == "start":
            hidden += skip
            if not hidden and node.tag == "time":
                window.append((node, node))
            text, owner = (node.text if tagged and not hidden else None), node
        else:
            hidden -= skip
            text, owner = (None if hidden else node.tail), node.getparent()
        if text and text.strip():
            window.append((owner, " ".join(text.split())))
            chars += len(window[-1][1])
        while chars > 4 * BEFORE_TITLE_CHARS and len(window) > 1:
            _, dropped = window.pop(0)
            chars -= len(dropped) if isinstance(dropped, str) else 0
    return window


def find_page_date(
    root,
    url: str,
    title_element,
    paragraphs: list[str],
    stop=None,
    above: tuple[str, ...] = (),
    below: tuple[str, ...] = (),
    passed=(),
) -> tuple[str | None, str | None]:
    """(raw date, origin): the date printed right after the headline (the issuer's, as readers see it),
    then metadata, a date just above the headline, a date line just above the body (`above`, nearest
    first), the first paragraph, the URL, a date line just below the body (`below`), and last htmldate's
    wider search. A standfirst (`passed`) does not end the search after the headline."""
    if title_element is not None:
        raw, origin = date_near(title_element, stop, passed)
        if raw:
            return raw, origin
    raw, origin = pubdate_time(root)
    if raw:
        return raw, origin
    raw, origin = metadata_date(root)
    if raw:
        return raw, origin
    # Above the headline a date is weaker evidence (a listing's, a site header's): after the metadata.
    if title_element is not None and (found := date_before(title_element))[0]:
        return found
    for index, line in enumerate(above):
        if _date_line(line, above[index + 1] if index + 1 < len(above) else ""):
            return find_date_strings(line)[0], "line-above-body"
    if paragraphs and (dateline := opening_dateline(paragraphs[0])) and dateline.date:
        return dateline.date, "first-paragraph"
    raw = date_from_url(url)
    if raw:
        return raw, "url"
    for index, line in enumerate(below):
        if _date_line(line, below[index - 1] if index else ""):
            return find_date_strings(line)[0], "line-below-body"
    if (
        paragraphs
        and not is_undated_line(paragraphs[0])
        and (found := find_date_strings(paragraphs[0][:200]))
    ):
        return found[0], "first-paragraph-text"
    # htmldate's markup and metadata rules only: its wider search of the page's text finds copyright
    # years, "page modified" footers and countdowns, and no date is better than a wrong one.
    raw = htmldate_find_date(without_undated(root), url=url, original_date=True, extensive_search=False)
    return (raw, "htmldate") if raw else (None, None)


UNDATED_MARKUP = DATA["markup"]["undated"]
NOT_ISSUED_META = re.compile("|".join(DATA["markup"]["not_issued_meta"]), re.I)
PICTURES = "//img|//picture|//source|//meta[contains(@property, 'image') or contains(@name, 'image')]"
# A date and its label stand in one short block ("Last updated: Dec 12, 2025" over two <div>s).
LABEL_BLOCK_CHARS = 120
# A numeric date with a two-digit year ("Updated on 09/11/25"), which htmldate reads and find_dates does not.
SHORT_YEAR = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
# No headline: htmldate's copy is searched for cards of other articles whatever their titles.
NOWHERE = lxml.html.Element("h1")


def without_undated(root):
    """A copy of the page for htmldate's last resort, without what never gives a release's issuing date:
    scripts (JSON-LD too: `metadata_date` has read its datePublished, and htmldate's scan of what is left
    takes its dateModified or a video's uploadDate), countdowns, counters and "page modified" footers, the
    modification times stated for machines (article:modified_time, og:updated_time), dates labelled as
    updates ("Updated on …", "Page last modified") or in other articles' cards, and pictures (an upload
    folder's /2023/02/7.jpg). Else htmldate hands back the very update date the search near the headline
    refused, or a related post's."""
    copy = deepcopy(root)
    doomed = copy.xpath(f"//script|{PICTURES}")
    for element in copy.xpath("//*[@class or @id]"):
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in names for word in UNDATED_MARKUP):
            doomed.append(element)
    for element in copy.xpath("//meta"):
        if NOT_ISSUED_META.search(
            " ".join(element.get(a, "") for a in ("name", "property", "itemprop", "http-equiv"))
        ):
            doomed.append(element)
    doomed += _not_issue_dates(copy)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return copy


def _not_issue_dates(root) -> list:
    """The elements holding a date that is not the page's issue: one labelled as an update, the label in
    the element or in the short block around it ("<div>Last updated:</div><div>Dec 12, 2025</div>", a
    comment's tail included), and one in a card of another article (a related post, a recent-posts list).
    Each read no further than a short block, so the cost stays linear in the page."""
    found = []
    for text in root.xpath("//body//text()[not(ancestor::style)]"):
        if not (dates := find_dates(text) or [(m.start(), m[0]) for m in SHORT_YEAR.finditer(text)]):
            continue
        owner = text.getparent().getparent() if text.is_tail else text.getparent()
        if owner is None or not isinstance(owner.tag, str) or owner.tag in ("body", "html"):
            continue
        if _in_teaser(owner, NOWHERE):
            found.append(owner)
            continue
        if not _small(owner, LABEL_BLOCK_CHARS) or len(find_dates(text_of(owner))) > 1:
            continue
        block = owner
        while (parent := block.getparent()) is not None and _small(parent, LABEL_BLOCK_CHARS):
            block = parent
        words = " ".join(block.text_content().split())
        where = words.find(" ".join(text[dates[0][0] :].split())[:8])
        if where > 0 and NOT_PUBLISHED.search(words[:where].rstrip()[-30:]):
            # the whole block when the date is its only one: a <time> beside it may repeat it in its datetime
            only = len(find_dates(words)) == 1 and block.getparent() is not None
            found.append(block if only else next(owner.iterancestors("time"), owner))
    return found


def _date_line(line: str, before: str = "") -> bool:
    """A short line that dates the release ("Posted on 9 Aug 2026"), not an update (labelled so in the
    line or in the line printed just before it, "Last Updated:" in a box of its own), a rights line or a
    counter."""
    return (
        is_byline(line)
        and not is_undated_line(line)
        and not NOT_PUBLISHED.search(f"{before} {line[: find_dates(line)[0][0]]}".strip()[-30:])
    )


def lines_near(blocks, start: int | None, step: int) -> tuple[str, ...]:
    """Up to LOOK_BACK lines from `start` on, going back (step -1) or on (step 1), until the first link
    (breadcrumbs, menus, sidebars, related lists; a letterhead's e-mail link is not one)."""
    lines: list[str] = []
    index = start
    while index is not None and 0 <= index < len(blocks) and len(lines) < LOOK_BACK:
        if blocks[index].link_heavy and not is_kind(blocks[index].text, "letterhead_contact"):
            break
        lines.append(blocks[index].text)
        index += step
    return tuple(lines)


def _release_number(blocks, start: int, end: int) -> str | None:
    """A "Press Release No. …" line near the headline."""
    for block in blocks[max(0, start) : end]:
        number = pr_number_of(block.text)
        if number:
            return number
    return None


def _headline_near_body(headline: Headline, body: Body, blocks, names: set[str]) -> None:
    """For pages without a usable heading or metadata: the body's first line when it is set as a
    headline (then taken out of the body), else the short line just above the body."""
    first = blocks[body.indices[0]]
    if headline_in_body(first, headline.labels, names):
        headline.title, headline.element, headline.method = first.text, first.element, "first-line"
        body.paragraphs, body.indices = body.paragraphs[1:], body.indices[1:]
        return
    above = headline_above(blocks, body.indices[0], headline.labels, names)
    if above is not None:
        # A headline broken by <br> is several lines of one element: take the element's whole text.
        whole = text_of(above.element)
        title = whole if whole.endswith(above.text) and len(whole) <= MAX_HEADLINE_CHARS else above.text
        headline.title, headline.element, headline.method = title, above.element, "line-above-body"


# Headlines nothing vouches for: an <h1> anywhere (often the site's name), or an element whose text is
# only the <title>'s (often a site-name link).
WEAK_METHODS = {WEAK_H1, "element+title-tag"}


def _closer_headline(headline: Headline, blocks, body: Body, names: set[str]) -> Headline:
    """An <h1> nothing vouches for (often the site's name in the page header) gives way to a headline
    found between it and the text: a headline sits next to its release."""
    found = Headline(page_title=headline.page_title, labels=headline.labels)
    _headline_near_body(found, body, blocks, names)
    at, found_at = headline_index(blocks, headline.element), headline_index(blocks, found.element)
    if found.title and (at is None or found_at is None or found_at > at):
        return found
    return headline


def _extract_body(html: str, url: str, root, selectors: dict, blocks, headline: Headline) -> Body:
    if "body_css" in selectors and (found := select(root, selectors["body_css"])):
        return Body([p for element in found for p in paragraphs_of(element)], "css")
    cleaned = lxml.html.tostring(root, encoding="unicode") if "drop_css" in selectors else html
    at = headline_index(blocks, headline.element)
    return locate_body(extract_body(cleaned, url), blocks, headline.title, at, page_summaries(root))


def page_summaries(root) -> set[str]:
    """The page's own summary of itself (meta description, og:description, twitter:description), as
    match keys, a trailing ellipsis cut."""
    values = root.xpath(
        "//meta[@name='description' or @property='og:description' or @name='twitter:description']/@content"
    )
    return {match_key(value.rstrip(" .…")) for value in values if value.strip()}


def _css_date(root, selectors: dict) -> str | None:
    if "date_css" in selectors and (found := select(root, selectors["date_css"])):
        element = found[0]
        raw = element.get("datetime") or element.get("content") or text_of(element)
        dates = find_date_strings(raw)
        if dates:
            return raw if element.get("datetime") else dates[0]
    return None


def _headline_and_body(html: str, url: str, root, selectors: dict, blocks, names: set[str]):
    """The headline (selector, then general rules) and the body; the body can reveal a headline that the
    page marks up as nothing in particular (first line in bold capitals, a line above the text)."""
    headline = find_headline(root, url, names)
    if "title_css" in selectors and (found := select(root, selectors["title_css"])) and text_of(found[0]):
        headline.title, headline.method, headline.element = text_of(found[0]), "css", found[0]
    body = _extract_body(html, url, root, selectors, blocks, headline)
    if body.indices and not headline.title:
        _headline_near_body(headline, body, blocks, names)
    elif body.indices and headline.method in WEAK_METHODS:
        headline = _closer_headline(headline, blocks, body, names)
    if not headline.title and headline.page_title:
        headline.title, headline.method = headline.page_title, "title-tag"
    if headline.title and headline.method != "css":
        headline.title = without_site_name(headline.title, names) or headline.title
    return headline, body


def _labels(fields: Fields, blocks, headline: Headline, body: Body) -> None:
    """The release number from a label near the headline, the place from the opening dateline."""
    if body.indices:
        at = headline_index(blocks, headline.element)
        start = at if at is not None else body.indices[0]
        if number := _release_number(blocks, start - 2, body.indices[0]):
            fields.pr_number, fields.methods["pr_number"] = number, "label"
    if fields.paragraphs and (dateline := opening_dateline(fields.paragraphs[0])) and dateline.place:
        fields.place, fields.methods["place"] = dateline.place, "dateline"


def _original_date(lines) -> tuple[str, str] | None:
    """The date a line of the article says it was first issued on ("This article was originally
    published on 26 Sep 2019"): the page's own word on its issuing date, over any other it shows."""
    for line in lines:
        for match in ORIGINALLY.finditer(line):
            if (found := find_dates(line[match.end() : match.end() + 40])) and found[0][0] <= 4:
                return found[0][1], "originally-published"
    return None


def _date_anchor(root, headline: Headline):
    """Where the date search starts: the headline's element, or when the headline came from metadata
    alone, the <h1> that prints it (wherever it stands: a hero outside the page's <article>)."""
    if headline.element is not None or not headline.title:
        return headline.element
    key = match_key(headline.title)
    return next((h1 for h1 in root.iter("h1") if match_key(text_of(h1)) == key), None)


def _standfirst(root, blocks, prose: list, at: int | None) -> list:
    """The body's first prose blocks while they are a standfirst, not yet the text: the page's own
    summary (its meta description, maybe twice, one copy hidden), or a sub-headline set as a heading
    right under the headline (block `at`); some prose always stays. A byline and its date often stand
    under the standfirst."""
    summaries = page_summaries(root)
    hero = blocks[at].element.getparent() if at is not None else None
    passed = 0
    while passed < len(prose) - 1 and prose[passed] is not None:
        block = blocks[prose[passed]]
        subtitle = block.tag in HEADING_TAGS and at is not None and prose[passed] == at + 1 + passed
        beside = _beside_headline(block.element, blocks[prose[passed + 1]].element, hero)
        if not subtitle and not beside and match_key(block.text.rstrip(" .…")) not in summaries:
            break
        passed += 1
    return [blocks[i].element for i in prose[:passed]]


def _beside_headline(element, following, hero) -> bool:
    """Whether a block stands beside the headline, in its own box, while the text after it does not: a
    hero's standfirst, with the byline under it."""
    return (
        hero is not None
        and element.getparent() is hero
        and not any(node is hero for node in following.iterancestors())
    )


def _date(fields: Fields, root, url: str, selectors: dict, blocks, headline: Headline, body: Body) -> None:
    if raw := _css_date(root, selectors):
        fields.raw_date, fields.date_origin = raw, "css"
    else:
        first, last = (body.indices[0], body.indices[-1]) if body.indices else (None, None)
        # The text near the headline ends where the prose begins: a sub-headline over a "Posted On" line
        # is not yet the release's text.
        prose = [i for i in body.indices if is_sentence(blocks[i].text)] or [first]
        passed = _standfirst(root, blocks, prose, headline_index(blocks, headline.element))
        prose = prose[len(passed) :]
        stop = blocks[prose[0]].element if prose[0] is not None else None
        above = lines_near(blocks, first - 1 if first is not None else None, -1)
        below = lines_near(blocks, last + 1 if last is not None else None, 1)
        fields.raw_date, fields.date_origin = _original_date((*above, *fields.paragraphs, *below)) or (
            find_page_date(
                root, url, _date_anchor(root, headline), fields.paragraphs, stop, above, below, passed
            )
        )
    if fields.date_origin:
        fields.methods["date"] = fields.date_origin


def extract_fields(
    html: str,
    url: str,
    selectors: dict[str, str] | None = None,
    language_hint: str | None = None,
    names: tuple[str, ...] = (),
    document: Document | None = None,
) -> Fields:
    """Title, body, raw date and language of one release page, selectors first, general rules after.
    `document` is the page already parsed and laid out, when the caller has it."""
    selectors = selectors or {}
    fields = Fields()
    if "drop_css" in selectors:  # the tree is cut, so it is the caller's no longer
        root = parse_html(html)
        if root is not None:
            drop(root, selectors["drop_css"])
        blocks = page_blocks(root) if root is not None else []
    else:
        document = document or Document(html)
        root, blocks = document.root, document.blocks
    if root is None:
        return fields
    headline, body = _headline_and_body(html, url, root, selectors, blocks, site_names(root, names, url))
    fields.title, fields.paragraphs, fields.methods["body"] = headline.title, body.paragraphs, body.method
    if headline.method:
        fields.methods["title"] = headline.method
    _labels(fields, blocks, headline, body)
    _date(fields, root, url, selectors, blocks, headline, body)
    page_language = (root.get("lang") or "").split("-")[0].lower() or None
    fields.language = detect_language(fields.body or fields.title or "", page_language or language_hint)
    return fields
