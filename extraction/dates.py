"""Publication dates: find date strings in page text and normalise them to the day the issuer printed.

`published` is the issuing date as the issuer wrote it. A timestamp with its own UTC offset
(2020-08-14T12:50:57-07:00) is read on its own calendar (2020-08-14), never moved to another zone; a time
without an offset is the source's local time, so its calendar day is the one written. Only a UTC
timestamp (Z, +00:00), which servers write rather than issuers, is moved to the source's `timezone`
(a late-evening UTC time is already the next day in Karachi, the day an ISPR release was issued).

Numeric dates are read in the source's `date_order` (DMY for Pakistani sites: 03/04/2023 is 3 April;
MDY for US ones; YMD). A date that the page's URL (/2026/02/, /February-2026/) or the listing's date for
the link contradicts loses: another reading of its numbers that agrees is taken, else the listing's or
the URL's full date, else no date (no date is better than a wrong one).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import dateparser

KARACHI = ZoneInfo("Asia/Karachi")
UTC = ZoneInfo("UTC")
EARLIEST = date(1947, 1, 1)  # Pakistan's armed forces, and so their statements, begin in 1947.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
DATE_ORDERS = ("DMY", "MDY", "YMD")
# How far outside its evidence a date may fall before it counts as contradicted. A URL's month is the
# post's, which may be created weeks before it is published or published weeks after the release; a
# listing prints the day it posted, at most a few days after the issuing date. A date read in the wrong
# day order usually lands months away; one that lands nearby is settled by which reading fits exactly.
URL_SLACK = timedelta(days=45)
LISTING_SLACK = timedelta(days=3)
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class DateStyle:
    """How a source writes dates: its zone for times without an offset, and its numeric day order."""

    timezone: str = "Asia/Karachi"
    date_order: str = "DMY"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def settings(self) -> dict:
        return _settings(self.timezone, self.date_order)


@cache
def _settings(timezone: str, date_order: str) -> dict:
    """dateparser's settings for a style, built once per style."""
    return {
        "DATE_ORDER": date_order,
        "TIMEZONE": timezone,
        "RETURN_AS_TIMEZONE_AWARE": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
    }


PAKISTAN = DateStyle()

_EN_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_UR_MONTH = r"(?:جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|جولائ|اگست|ستمبر|اکتوبر|نومبر|دسمبر)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_STRING = re.compile(
    "|".join(
        (
            r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
            rf"\b{_DAY}[\s\-]*(?:of\s+)?{_EN_MONTH}[\s,.\-]*\d{{4}}",
            rf"\b{_EN_MONTH}\s*{_DAY},?\s*\d{{4}}",
            r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b",
            r"\b\d{4}[/.]\d{1,2}[/.]\d{1,2}\b",
            rf"\d{{1,2}}\s*{_UR_MONTH}[\s،,]*\d{{4}}",
        )
    ),
    re.IGNORECASE,
)
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")
# A year and month in a URL path: /2026/02/slug, /February-2026/, /2026-february/.
URL_MONTH = re.compile(
    r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/|"
    r"[/_-]([a-z]+)[-_]((?:19|20)\d{2})(?=[/_.-]|$)|/((?:19|20)\d{2})[-_]([a-z]+)(?=[/_.-]|$)",
    re.I,
)
NUMERIC_IN_TEXT = re.compile(r"(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})[-/.](?:19|20)\d{2}(?![\d/.-])")
PAGE_LOCALE = re.compile(
    r"<html[^>]*?\blang=[\"']?[a-z]{2,3}[-_]([a-z]{2})\b|og:locale[\"']\s+content=[\"'][a-z]{2,3}_([a-z]{2})\b",
    re.I,
)
DATA = tomllib.loads((Path(__file__).parent / "data" / "dates.toml").read_text("utf-8"))
ORDERS_BY_PLACE = DATA
NUMERIC = re.compile(r"^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})\s*$")


@dataclass(frozen=True)
class DateResult:
    value: date | None
    reason: str | None = None
    # Where the value came from when it is not the page's own date ("listing", "url").
    origin: str | None = None

    @property
    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None


def find_dates(text: str) -> list[tuple[int, str]]:
    """(offset, substring) of every date-like part of free text (a dateline, a byline, a first
    paragraph), in order, as written (digit translation keeps offsets, since it maps one to one)."""
    return [(m.start(), text[m.start() : m.end()]) for m in DATE_STRING.finditer(text.translate(DIGITS))]


def find_date_strings(text: str) -> list[str]:
    return [raw for _, raw in find_dates(text)]


def date_from_url(url: str) -> str | None:
    """A /YYYY/MM/DD/ date in a URL path, as written there."""
    match = URL_DATE.search(url)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def url_period(url: str) -> tuple[date, date] | None:
    """The days a URL's path pins its page to: one day (/2026/02/14/) or one month (/2026/02/,
    /February-2026/), or None."""
    path = url.split("?")[0].split("#")[0]
    if day := date_from_url(path):
        value = date.fromisoformat(day)
        return value, value
    for match in URL_MONTH.finditer(path):
        year, month, name_a, year_a, year_b, name_b = match.groups()
        if name_a or name_b:
            name = (name_a or name_b).lower()
            if name not in MONTHS:
                continue
            year, month = year_a or year_b, MONTHS.index(name) + 1
        first = date(int(year), int(month), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return None


def _calendar_day(moment: datetime | date, style: DateStyle) -> date:
    """The day as the issuer wrote it: a timestamp's own calendar, except UTC, which is the server's."""
    if not isinstance(moment, datetime):
        return moment
    offset = moment.utcoffset()
    if offset is not None and not offset and style.timezone != "UTC":
        return moment.astimezone(style.zone).date()
    return moment.date()


def _parse_iso(raw: str) -> datetime | date | None:
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.date() if len(raw) == 10 else parsed


def _parse(text: str, languages: tuple[str, ...], style: DateStyle) -> date | None:
    parsed = _parse_iso(text) or dateparser.parse(text, languages=list(languages), settings=style.settings())
    return _calendar_day(parsed, style) if parsed is not None else None


def normalise_date(
    raw: str,
    languages: tuple[str, ...] = ("en", "ur"),
    today: date | None = None,
    style: DateStyle = PAKISTAN,
) -> DateResult:
    """The calendar date `raw` names, or no date with the reason it was refused."""
    text = raw.translate(DIGITS).strip().strip(":;,.-– ")
    if not text:
        return DateResult(None, "empty")
    day = _parse(text, languages, style)
    if day is None:
        return DateResult(None, "unparseable")
    today = today or datetime.now(style.zone).date()
    if day > today:
        return DateResult(None, "future")
    if day < EARLIEST:
        return DateResult(None, "before_1947")
    return DateResult(day)


def other_readings(raw: str) -> list[str]:
    """The other day orders an all-numeric date could be read in ("2/11/2026": DMY or MDY)."""
    match = NUMERIC.match(raw.translate(DIGITS))
    if not match:
        return []
    return [order for order in DATE_ORDERS if _fits(match.groups(), order)]


def _fits(parts: tuple[str, str, str], order: str) -> bool:
    values = dict(zip(order, (int(p) for p in parts), strict=True))
    year_digits = len(parts[order.index("Y")])
    return year_digits == 4 and 1 <= values["M"] <= 12 and 1 <= values["D"] <= 31


def date_order_for(html: str, url: str) -> str:
    """The numeric day order of a page whose source does not state one: its own unambiguous numeric
    dates (a first number above 12 is a day), else the region of its language, else its host's domain,
    else DMY."""
    votes = Counter()
    for first, second in NUMERIC_IN_TEXT.findall(html):
        if int(first) > 12 >= int(second):
            votes["DMY"] += 1
        elif int(second) > 12 >= int(first):
            votes["MDY"] += 1
    if votes and len(set(votes.values())) == len(votes):
        return votes.most_common(1)[0][0]
    locale = PAGE_LOCALE.search(html[:20000])
    region = locale and (locale.group(1) or locale.group(2)).upper()
    domain = (urlsplit(url).hostname or "").rsplit(".", 1)[-1].lower()
    for order in ("MDY", "YMD"):
        if region in ORDERS_BY_PLACE["regions"][order]:
            return order
    for order in ("MDY", "YMD"):
        if not region and domain in ORDERS_BY_PLACE["domains"][order]:
            return order
    return "DMY"


def _agrees(day: date, evidence: list[tuple[date, date, timedelta]], slack: bool = True) -> bool:
    return all(
        start - (margin if slack else timedelta(0)) <= day <= end + (margin if slack else timedelta(0))
        for start, end, margin in evidence
    )


def _best_reading(raw: str, result: DateResult, evidence, languages, today, style: DateStyle) -> DateResult:
    """Of the day orders an all-numeric date can be read in, the one that fits the evidence exactly,
    when the source's own order does not."""
    if not evidence or (result.value and _agrees(result.value, evidence, slack=False)):
        return result
    fitting = []
    for order in other_readings(raw):
        if order != style.date_order:
            other = normalise_date(raw, languages, today, DateStyle(style.timezone, order))
            if other.value and _agrees(other.value, evidence, slack=False):
                fitting.append(other)
    return fitting[0] if len(fitting) == 1 else result


def publication_date(
    raw_date: str | None,
    language: str | None,
    style: DateStyle = PAKISTAN,
    url: str = "",
    listing_date: str | None = None,
    today: date | None = None,
) -> DateResult:
    """The issuing date a page's raw date string names, checked against its URL and the listing's date
    for its link; or no date and the reason why."""
    languages = ("ur", "en") if language == "ur" else ("en", "ur")
    listed = normalise_date(listing_date, languages, today, style).value if listing_date else None
    period = url_period(url)
    evidence = [(*period, URL_SLACK)] if period else []
    evidence += [(listed, listed, LISTING_SLACK)] if listed else []
    if not raw_date:
        return DateResult(listed, None, "listing") if listed else DateResult(None, "missing")
    result = _best_reading(
        raw_date, normalise_date(raw_date, languages, today, style), evidence, languages, today, style
    )
    if result.value is None or _agrees(result.value, evidence):
        return result
    if listed:
        return DateResult(listed, None, "listing")
    if period and period[0] == period[1]:
        return DateResult(period[0], None, "url")
    return DateResult(None, "contradicted")
