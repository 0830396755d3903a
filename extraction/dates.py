"""Publication dates: find date strings in page text and normalise them to ISO dates in Pakistan's time zone.

Pakistani official sites write dates day-first (29-10-2024), in English or Urdu month names, sometimes with
Eastern Arabic-Indic digits; machine-readable ones carry UTC offsets, and a late-evening UTC timestamp is
already the next day in Karachi, which is the date the release was issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import dateparser

KARACHI = ZoneInfo("Asia/Karachi")
EARLIEST = date(1947, 1, 1)  # Pakistan's armed forces, and so their statements, begin in 1947.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "TIMEZONE": "Asia/Karachi",
    "TO_TIMEZONE": "Asia/Karachi",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
}

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
            rf"\d{{1,2}}\s*{_UR_MONTH}[\s،,]*\d{{4}}",
        )
    ),
    re.IGNORECASE,
)
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")


@dataclass(frozen=True)
class DateResult:
    value: date | None
    reason: str | None = None

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


def _parse_iso(raw: str) -> datetime | date | None:
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.date() if len(raw) == 10 else parsed.replace(tzinfo=KARACHI)
    return parsed


def normalise_date(
    raw: str, languages: tuple[str, ...] = ("en", "ur"), today: date | None = None
) -> DateResult:
    """The calendar date in Asia/Karachi that `raw` names, or no date with the reason it was refused."""
    text = raw.translate(DIGITS).strip().strip(":;,.-– ")
    if not text:
        return DateResult(None, "empty")
    parsed = _parse_iso(text) or dateparser.parse(
        text, languages=list(languages), settings=DATEPARSER_SETTINGS
    )
    if parsed is None:
        return DateResult(None, "unparseable")
    day = parsed.astimezone(KARACHI).date() if isinstance(parsed, datetime) else parsed
    today = today or datetime.now(KARACHI).date()
    if day > today:
        return DateResult(None, "future")
    if day < EARLIEST:
        return DateResult(None, "before_1947")
    return DateResult(day)


def publication_date(raw_date: str | None, language: str | None) -> DateResult:
    """The issuing date a page's raw date string names, or no date and the reason why."""
    if not raw_date:
        return DateResult(None, "missing")
    return normalise_date(raw_date, ("ur", "en") if language == "ur" else ("en", "ur"))
