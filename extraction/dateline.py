"""Datelines: the place and date a release is issued from, as "ISLAMABAD, 29 November 2024: …" opens it or
as a heading of its own says ("Rawalpindi - May 10, 2022").

One parser for every use: a dateline heading read whole (`read_dateline`), a dateline opening the first
paragraph (`opening_dateline`), and a paragraph that is nothing but a dateline (`dateline_line`). All
return the same `Dateline`: the place (capitals made title case, so places facet), the date string as
written (for `extraction.dates` to normalise), and the span it covers in the text. The label words,
weekdays and issuing offices it skips are data in `extraction/data/datelines.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extraction.dates import find_dates
from extraction.normalise import collapse_whitespace

PUNCTUATION = " -–—,،:|۔()"
SEPARATOR = re.compile(r"[,،\-–—:|]\s*$")
# What may follow the date inside the dateline: an Urdu year suffix, a time, and the separator.
TAIL = re.compile(r"ء?\s*(?:\([^()]{0,20}\))?\s*[:\-–—,.،۔]*\s*")
# A letter word after the date: the line goes on to say something, so it is more than a dateline.
WORDS_AFTER = re.compile(r"[^\W\dء]{2,}")
PLACE_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    date: str | None  # as written, e.g. "29 November 2024"
    span: tuple[int, int]  # the dateline's characters in the text it was read from


@dataclass(frozen=True)
class _Rules:
    label: re.Pattern
    weekday: re.Pattern
    offices: re.Pattern
    max_place_words: int
    max_offset: int


@cache
def _rules() -> _Rules:
    data = tomllib.loads(resources.files("extraction").joinpath("data/datelines.toml").read_text("utf-8"))

    def alternatives(words) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    offices = alternatives(data["offices"])
    return _Rules(
        re.compile(rf"^\W*(?:{alternatives(data['labels'])})\s*[:\-–]\s*", re.I),
        re.compile(rf"[\s,،]*(?<!\w)(?:{alternatives(data['weekdays'])})\.?\s*$", re.I),
        re.compile(rf"\b(?:{offices})(?:\s*/\s*(?:{offices}))*\b[\s\-–—:]*"),
        data["max_place_words"],
        data["max_offset"],
    )


def normalise_place(place: str | None) -> str | None:
    """A place as written, except that capitals ("RAWALPINDI") become "Rawalpindi", so places facet."""
    if not place:
        return None
    return place.title() if place.isupper() else place


def _place(prefix: str) -> str:
    """The place in the text before a date: without a label, a weekday or the issuing office."""
    rules = _rules()
    place = rules.weekday.sub("", prefix.strip(PUNCTUATION)).strip(PUNCTUATION)
    return rules.offices.sub("", place).strip(PUNCTUATION)


def _is_place(place: str) -> bool:
    """A few words, each capitalised (or in a script without case), as places are written."""
    words = place.split()
    return len(words) <= _rules().max_place_words and all(
        PLACE_WORD.fullmatch(word) and not word[0].islower() for word in words
    )


def read_dateline(text: str) -> Dateline:
    """Whatever a dateline heading says: "Rawalpindi - May 10, 2022", "Rawalpindi, Tuesday, May 10, 2022",
    "10 May 2024 - Rawalpindi" (place after the date), "Gwadar" (no date); Urdu alike. The span is in
    the whitespace-collapsed text."""
    text = collapse_whitespace(text)
    body = _rules().label.sub("", text)
    dates = find_dates(body)
    if not dates:
        return Dateline(normalise_place(_place(body)), None, (0, len(text)))
    start, raw = dates[0]
    place = _place(body[:start])
    if not place:
        place = _place(body[start + len(raw) :])
    return Dateline(normalise_place(place), raw, (0, len(text)))


def opening_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph ("KARACHI, 5 August 2024: …", "Paris, 26 September 2024 – …",
    "Rawalpindi, Tuesday, May 10, 2022", "اسکردو، ۱۵ جنوری ۲۰۲۱ء", or the date alone), not a date the
    first sentence happens to mention ("The COAS on 5 May 2024 visited …"). The span runs from the start
    to the text after the separator."""
    rules = _rules()
    labelled = rules.label.match(paragraph)
    offset = labelled.end() if labelled else 0
    dates = find_dates(paragraph[offset : rules.max_offset])
    if not dates:
        return None
    start, raw = dates[0]
    start += offset
    end = start + len(raw)
    prefix = paragraph[offset:start]
    place = _place(prefix)
    whole = not WORDS_AFTER.search(paragraph[end:])
    if not _is_place(place) or (prefix.strip(PUNCTUATION) and not whole and not SEPARATOR.search(prefix)):
        return None
    tail = TAIL.match(paragraph, end)
    return Dateline(normalise_place(place), raw, (0, tail.end() if tail else end))


def dateline_line(paragraph: str) -> Dateline | None:
    """A paragraph that is only a dateline ("TURBAT: 05 February 2018"), as some pages put it at the top of
    the text instead of in a heading of its own; None for anything that goes on after the date."""
    if len(paragraph) > _rules().max_offset:
        return None
    found = opening_dateline(paragraph)
    if found is None or WORDS_AFTER.search(paragraph[found.span[1] :]):
        return None
    return found
