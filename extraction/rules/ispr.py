"""ISPR's site rules (ispr.gov.pk and any site built on its markup): what its pages say that the general
rules cannot know.

- The dateline (`h4.media-date`: "Rawalpindi - May 10, 2022") and the PR number (`h4.media-heading`).
- The text block `.content-text`, ending at a `-0-0-0-` marker followed by site chrome.
- An upper-case first line that is the title.
- Listing categories (`?cat=army|navy|airforce`) and breadcrumbs that tell the service.

Every selector here will break one day, so each field falls back to the general rules in
`extraction.fields` and records which method produced it. A registry entry names these rules with
`rules = "ispr"`, so a sibling site with ISPR's markup needs no code.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from extraction.dateline import dateline_line, opening_dateline, read_dateline
from extraction.dates import find_dates
from extraction.fields import Fields, clean_title, extract_fields, paragraphs_of, parse_html, text_of
from extraction.furniture import cut_at_end, headline_keys, pr_number_of, repeats_headline
from extraction.language import detect_language
from extraction.lines import in_capitals
from extraction.page import Page

# Category names seen or plausible in listing URLs (army, navy, airforce, paf, air-force, pak-navy).
CATEGORY_SERVICE = (("army", "army"), ("nav", "navy"), ("air", "airforce"), ("paf", "airforce"))
SITE_NAMES = ("inter services public relations", "inter-services public relations", "ispr")
# The furniture kinds that end ISPR's text block besides an end marker: the site chrome after it ("Readers
# Corner", "Related press releases", share bars, tags).
STOPS = ("teaser_heading", "share")
# The first paragraph's opening words that may hold the date when there is no dateline.
LEAD_CHARS = 80
MAX_TITLE_CHARS = 250
MAX_TITLE_CONTINUATION = 120
PART_SEPARATOR = re.compile(r"\s+[|•·]\s+")
# Words (English and Urdu) and ranks that say which service a release is about; ties mean "don't know".
SERVICE_WORDS = {
    "army": re.compile(
        r"\b(army|COAS|chief of (?:the )?army staff|corps|GHQ|troops|soldiers|security forces|peacekeep\w*|"
        r"frontier corps|FC|rangers|infantry|brigadier|(?:lieutenant |major )general|IBO)\b|"
        r"آرمی|فوج|کور کمانڈر|سیکیورٹی فورسز",
        re.I,
    ),
    "navy": re.compile(
        r"\b(navy|naval|CNS|PNS|maritime|fleet|marines?|(?:vice |rear )?admiral|(?<!air )commodore)\b|"
        r"بحریہ|بحری|نیول",
        re.I,
    ),
    "airforce": re.compile(
        r"\b(air force|PAF|CAS|air chief|air staff|air base|aircraft|squadron|air (?:vice )?marshal|"
        r"air commodore|group captain|wing commander)\b|فضائیہ|ایئر چیف|فضائی",
        re.I,
    ),
}


def trim_release(paragraphs: list[str]) -> list[str]:
    """The release text without the end marker and the site chrome that follows it."""
    return cut_at_end(paragraphs, STOPS)


def lead_date(paragraph: str) -> tuple[str | None, str | None]:
    """Place and date from a lead such as "RAWALPINDI, Mar 4, 2023: The Chief of …"; without a dateline,
    the first date of its opening words (ISPR leads say when before anything else)."""
    dateline = opening_dateline(paragraph)
    if dateline is not None:
        return dateline.place, dateline.date
    dates = find_dates(paragraph[:LEAD_CHARS])
    return None, (dates[0][1] if dates else None)


def category_service(url: str) -> str | None:
    """The service an archive URL's category names (`?cat=army`, `cat=pak-navy`, `cat=paf`)."""
    category = parse_qs(urlsplit(url).query).get("cat", [""])[0].lower()
    return next((name for word, name in CATEGORY_SERVICE if word in category), None)


def breadcrumb_service(root) -> str | None:
    """The category a detail page's breadcrumb links to, when it has one."""
    for href in root.xpath("//*[contains(concat(' ', @class, ' '), ' breadcrumb ')]//a/@href"):
        service = category_service(href)
        if service:
            return service
    return None


def infer_service(text: str) -> str | None:
    """The service a release is about, by the words it uses most, when no listing category says so."""
    counts = {service: len(pattern.findall(text)) for service, pattern in SERVICE_WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] and list(counts.values()).count(counts[best]) == 1 else None


def nearest(root, anchor, css: str) -> list:
    """Elements matching `css` in the smallest container around `anchor` (the release text) that has
    any, so a sidebar of other releases' dates never wins over the release's own dateline."""
    if anchor is not None:
        for container in anchor.iterancestors():
            found = container.cssselect(css)
            if found:
                return found
    return root.cssselect(css)


def is_title_line(paragraph: str) -> bool:
    return in_capitals(paragraph) and len(paragraph) <= MAX_TITLE_CHARS and dateline_line(paragraph) is None


def take_dateline_line(fields: Fields, paragraphs: list[str]) -> None:
    """Moves a dateline written as the text's first line out of the body, into place and date unless
    the dateline heading already gave them."""
    found = dateline_line(paragraphs[0]) if paragraphs else None
    if found is None:
        return
    paragraphs.pop(0)
    if not fields.raw_date:
        fields.place, fields.raw_date, fields.date_origin = found.place, found.date, "dateline-in-text"
        fields.methods["date"] = fields.methods["place"] = "dateline-in-text"


def parse_release(html: str, url: str, hints: dict[str, str], source) -> Fields:
    root = parse_html(html)
    fields = Fields()
    if root is None:
        return fields
    content = root.cssselect(".content-text")
    for heading in nearest(root, content[0] if content else None, ".media-date"):
        # Some templates write "PR No. 45/2024-ISPR | Rawalpindi, 10 May 2024" in one line.
        for part in PART_SEPARATOR.split(text_of(heading)):
            if (number := pr_number_of(part)) and not fields.pr_number:
                fields.pr_number, fields.methods["pr_number"] = number, "css"
                continue
            dateline = read_dateline(part)
            place, raw = dateline.place, dateline.date
            if raw and not fields.raw_date:
                fields.place, fields.raw_date, fields.date_origin = place, raw, "dateline"
                fields.methods["date"] = fields.methods["place"] = "dateline"
        if fields.raw_date:
            break
    for heading in nearest(root, content[0] if content else None, ".media-heading"):
        number = pr_number_of(text_of(heading))
        if number:
            fields.pr_number, fields.methods["pr_number"] = number, "css"
            break
    paragraphs = trim_release([p for element in content for p in paragraphs_of(element)])
    fallback = None
    if content:
        # The site's own text block, even when empty: an empty one is a release without text (dropped
        # later), and general extraction would only find the page's menus and sidebars.
        fields.methods["body"] = "css"
    else:
        fallback = extract_fields(html, url, language_hint=source.language, names=SITE_NAMES)
        paragraphs = trim_release(fallback.paragraphs)
        fields.methods["body"] = "body_text"

    take_dateline_line(fields, paragraphs)
    heading = content[0].xpath(".//*[self::h1 or self::h2 or self::h3 or self::h4]") if content else []
    if paragraphs and heading and text_of(heading[0]) == paragraphs[0]:
        # A heading opening the text is the headline even in Title Case (CSS may show it in capitals).
        fields.title, fields.methods["title"] = paragraphs.pop(0), "heading-in-text"
        take_dateline_line(fields, paragraphs)
    elif paragraphs and is_title_line(paragraphs[0]):
        fields.title, fields.methods["title"] = paragraphs.pop(0), "upper-case-line"
        if paragraphs and is_title_line(paragraphs[0]) and len(paragraphs[0]) <= MAX_TITLE_CONTINUATION:
            fields.title += " " + paragraphs.pop(0)  # a headline the CMS broke over two lines
        take_dateline_line(fields, paragraphs)
    elif fallback and fallback.title:
        # General extraction already separated the headline from the text (e.g. a capitals first line).
        fields.title, fields.methods["title"] = fallback.title, fallback.methods.get("title", "body_text")
    else:
        page_title = root.xpath("//title")
        if page_title and text_of(page_title[0]):
            fields.title, fields.methods["title"] = (
                clean_title(text_of(page_title[0]), set(SITE_NAMES)),
                "title-tag",
            )
        if paragraphs and repeats_headline(paragraphs[0], headline_keys([fields.title])):
            paragraphs.pop(0)
    fields.paragraphs = paragraphs

    if not fields.raw_date and paragraphs:
        place, raw = lead_date(paragraphs[0])
        if raw:
            fields.place, fields.raw_date, fields.date_origin = place, raw, "first-paragraph"
            fields.methods["date"] = "first-paragraph"
    if not fields.raw_date:
        fallback = fallback or extract_fields(html, url, language_hint=source.language, names=SITE_NAMES)
        fields.raw_date, fields.date_origin = fallback.raw_date, fallback.date_origin
        if fallback.date_origin:
            fields.methods["date"] = fallback.date_origin
    if not fields.title:
        fallback = fallback or extract_fields(html, url, language_hint=source.language, names=SITE_NAMES)
        fields.title = fallback.title
        fields.methods["title"] = fallback.methods.get("title", "none")

    fields.language = detect_language(fields.body or fields.title or "", source.language)
    crumb = breadcrumb_service(root)
    if hints.get("service"):
        fields.service, fields.methods["service"] = hints["service"], "listing"
    elif crumb:
        fields.service, fields.methods["service"] = crumb, "breadcrumb"
    else:
        fields.service = infer_service(f"{fields.title or ''} {fields.title or ''} {fields.body}")
        fields.methods["service"] = "inferred"
    return fields


class IsprRules:
    name = "ispr"

    def extract(self, page: Page, source) -> Fields:
        return parse_release(page.html, page.url, page.hints, source)
