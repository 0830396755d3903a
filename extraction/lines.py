"""Wording rules for single lines of a release page: what a line says about itself.

Page furniture around a release is worded the same way on every site: a byline or date line, a
"Press Release No. …" label, a share bar, a tag list, an end marker. These rules read one line of text and
know nothing of markup, so the headline finder, the body assembler and the date finder share them.
"""

from __future__ import annotations

import re

from extraction.dates import find_date_strings, find_dates
from extraction.normalise import collapse_whitespace

WORD = re.compile(r"\w+")
SENTENCE_END = tuple(".!?;:…۔؟\"'”’)»")
SHARE_LINE = re.compile(
    r"^\W*(share|share (this|this page|this article|this post|the story)|share (on|via|with) [\w ]{1,20}|"
    r"tweet|email this( page)?|print( this page)?|copy link|send to a friend|شیئر کریں|ٹویٹ کریں)\W*$",
    re.I,
)
LABEL_LINE = re.compile(
    r"^\W*(tags?|keywords?|categor(y|ies)|topics?|filed under|posted in|tagged( with)?|labels?)\b\s*:?", re.I
)
# Release number labels as offices write them: "Press Release No. 12/2024", "PR No. 12/2019-XYZ",
# "No PR-12/2019", "PR-12/2018".
PR_NUMBER = re.compile(
    r"^\W*(?:No\.?\s*)?(?:press\s+release|handout|PR)[\s.\-–]*"
    r"(?:(?:No|Number|#)\.?\s*[:.\-–]?\s*(\w[\w/.\-]*)|(\d[\w/.\-]*))\W*$|"
    r"^\W*([A-Z]{2,8}/PR[-\s]?\d[\w/.\-]*)\W*$|"  # "ISPR/PR-433/2019": the whole code is the number
    r"^\W*(?:پریس\s+ریلیز|ہینڈ\s*آؤٹ)\s+نمبر\s*[:.\-–]?\s*(\w[\w/.\-]*)\W*$",  # Urdu: "Press Release No."
    re.I,
)
SIGNATURE = re.compile(r"^\W*\(\s*[^\W\d][\w .,'’-]{2,40}\)\W*$")
# "Key: value" lines of CMS article info ("Hits: 1877", "Written by: Admin", "Category: News").
INFO_LINE = re.compile(
    r"^\W*(?:hits|views|visits|written by|posted by|author|category|categories|created|source|print|email|"
    r"reference(?: no\.?)?|ref\.?)\b[^:]{0,12}:.{0,40}$|^\W*[^\W\d_][\w .'’-]{0,24}:\s*[\d.,/:\- ]+$|"
    r"^\W*(?:written|posted|published|submitted|uploaded)\s+by\b.{0,40}$|"
    r"^\W*[^\W\d_][\w .'’-]{0,24}:\s*$",  # a field's label whose value sits in the next cell
    re.I,
)
# The line that closes a press release ("-0-0-0-", "###", "-ENDS-", "-30-"): what follows is the page.
END_MARKER = re.compile(
    r"^\s*(?:[-–—]+\s*[0۰٠](?:\s*[-–—]+\s*[0۰٠])+\s*[-–—]*|#{3,}|\*{3,}|[-–—]*\s*ends?\s*[-–—]*|-30-)\s*$",
    re.I,
)
# The same closing the last paragraph ("… of the competition. -0-0-0-").
TRAILING_END_MARKER = re.compile(
    r"(?:\s|(?<=[.!?۔”\"]))(?:[-–—]+\s*[0۰٠](?:\s*[-–—]+\s*[0۰٠])+\s*[-–—]*|#{3,})\s*$"
)
# An image caption's credit, closing the line ("… at Dubai World Central. (Photo: DEPO)") or opening it.
CAPTION = re.compile(
    r"\((?:file\s+)?(?:photo|picture|image|courtesy|credit|تصویر)\b[^()]{0,60}\)\W*$|"
    r"^\W*(?:photo|picture|image)(?:\s+credit)?\s*:",
    re.I,
)
DATELINE = re.compile(r"^([A-Z][A-Z .'-]{2,40}?)\s*[,\-–]\s*$")
BYLINE_WORDS = 6  # words besides the date that a byline or date line may have
BYLINE_CHARS = 120


def match_key(text: str) -> str:
    """Letters and digits only, case-folded: the same words whatever the markup, spacing or punctuation."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def is_byline(paragraph: str, title: str | None) -> bool:
    """A short line that only says who posted it and when ("Posted on 29 Oct 2024 by admin"), or the
    headline repeated."""
    if title and collapse_whitespace(paragraph).casefold() == collapse_whitespace(title).casefold():
        return True
    if len(paragraph) > BYLINE_CHARS:
        return False
    dates = find_date_strings(paragraph)
    if not dates:
        return False
    rest = paragraph
    for raw in dates:
        rest = rest.replace(raw, " ")
    return len(WORD.findall(rest)) <= BYLINE_WORDS


def pr_number_of(line: str) -> str | None:
    """ "389/2024" from a "Press Release No. 389/2024" line."""
    match = PR_NUMBER.match(line)
    number = match and next((group for group in match.groups() if group), None)
    return number if number and re.search(r"\d", number) else None


def dateline_place(paragraph: str) -> str | None:
    """ "Islamabad" from an opening "ISLAMABAD, 29th November 2024: …"."""
    dates = find_dates(paragraph[:80])
    if not dates:
        return None
    place = DATELINE.match(paragraph[: dates[0][0]])
    return place.group(1).strip().title() if place else None


def is_signature(text: str) -> bool:
    """A closing "(Spokesperson)"-style line: a role in parentheses, nothing else."""
    return SIGNATURE.match(text) is not None


def is_info_line(text: str) -> bool:
    return INFO_LINE.match(text) is not None


def is_caption(text: str) -> bool:
    return len(text) <= 300 and CAPTION.search(text) is not None


def is_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def in_capitals(text: str) -> bool:
    """Set in capitals, as old sites set headlines (scripts without case never are)."""
    letters = [c for c in text if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    return len(cased) >= 3 and sum(c.isupper() for c in cased) >= 0.8 * len(letters)
