"""Page furniture: which kind of line around a release a line of text is, if any.

A byline, a share bar, a "Press Release No. …" label, an end marker, a "Related news" heading over
teasers, a cookie notice, a "page not found" message: every site words them alike, so one classifier reads
a line (no markup) and names its kind. The words and patterns of every kind, in English and Urdu, are data
in `extraction/data/furniture.toml`, together with each kind's role (dropped anywhere, only at the text's
edges, ending the release, heading a teaser list, or only describing the page), so a new wording or a new
kind is an edit of that file. The headline finder, both body assemblers, the site rules and the page
validator all ask here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extraction.dates import find_dates
from extraction.lines import WORD, is_sentence, match_key

ROLES = ("anywhere", "edges", "end", "teaser", "page")
SIGN_OFF_WORDS = 3  # a closing place line ("Islamabad") is this short


@dataclass(frozen=True)
class Kind:
    """One kind of furniture line, as the data file describes it."""

    name: str
    role: str
    lines: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    pattern: re.Pattern | None = None
    closing: re.Pattern | None = None
    max_words: int | None = None
    max_chars: int | None = None
    max_words_besides_date: int | None = None

    def matches(self, line: str, words: list[str]) -> bool:
        if (self.max_chars is not None and len(line) > self.max_chars) or (
            self.max_words is not None and len(words) > self.max_words
        ):
            return False
        if self.lines and " ".join(words) in self.lines:
            return True
        if self.words and words and all(word in self.words for word in words):
            return True
        if self.pattern is not None and self.pattern.search(line):
            return True
        return self.max_words_besides_date is not None and _dated_line(line, self.max_words_besides_date)


def _dated_line(line: str, limit: int) -> bool:
    """A date and at most `limit` other words."""
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for _, raw in dates:
        rest = rest.replace(raw, " ")
    return len(WORD.findall(rest)) <= limit


def _pattern(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


def _kind(name: str, entry: dict) -> Kind:
    if entry.get("role") not in ROLES:
        raise ValueError(f"furniture kind {name!r}: role must be one of {', '.join(ROLES)}")
    return Kind(
        name,
        entry["role"],
        frozenset(entry.get("lines", ())),
        frozenset(entry.get("words", ())),
        _pattern(entry.get("patterns", [])),
        _pattern(entry.get("closing", [])),
        entry.get("max_words"),
        entry.get("max_chars"),
        entry.get("max_words_besides_date"),
    )


def parse_kinds(text: str) -> dict[str, Kind]:
    """The kinds a furniture data file (TOML) describes, in its order."""
    return {name: _kind(name, entry) for name, entry in tomllib.loads(text)["kinds"].items()}


@cache
def kinds() -> dict[str, Kind]:
    """Every kind, in the order the data file tries them."""
    return parse_kinds(resources.files("extraction").joinpath("data/furniture.toml").read_text("utf-8"))


def words_of(line: str) -> list[str]:
    """A line's lower-cased words, as kinds compare them."""
    return WORD.findall(line.lower())


def classify(line: str, roles: Iterable[str] | None = None) -> str | None:
    """The kind of furniture `line` is (the first that matches, among kinds with one of `roles` when
    given), or None for a line of the release."""
    roles = None if roles is None else set(roles)
    words = words_of(line)
    for kind in kinds().values():
        if (roles is None or kind.role in roles) and kind.matches(line, words):
            return kind.name
    return None


def is_kind(line: str, *names: str) -> bool:
    """Whether `line` is one of the named kinds."""
    words = words_of(line)
    table = kinds()
    return any(table[name].matches(line, words) for name in names)


def pr_number_of(line: str) -> str | None:
    """ "389/2024" from a "Press Release No. 389/2024" line."""
    pattern = kinds()["pr_number"].pattern
    match = pattern.search(line) if pattern else None
    number = match and next((group for group in match.groups() if group), None)
    return number if number and re.search(r"\d", number) else None


def is_byline(line: str) -> bool:
    return is_kind(line, "byline")


def is_info_line(line: str) -> bool:
    return is_kind(line, "info_line")


def is_caption(line: str) -> bool:
    return is_kind(line, "caption")


def is_soft_404(line: str) -> bool:
    return is_kind(line, "soft_404")


def is_section_label(line: str) -> bool:
    """A line made only of the words section banners and menu entries are made of ("Latest News")."""
    return is_kind(line, "section_label")


def is_end_marker(line: str) -> bool:
    return is_kind(line, *end_kinds())


def end_kinds() -> tuple[str, ...]:
    return tuple(kind.name for kind in kinds().values() if kind.role == "end")


def release_end(lines: Sequence[str], stops: Iterable[str] = ()) -> tuple[int, str | None]:
    """Where the release ends in its lines: (how many lines to keep, the last kept line's text without
    the end marker that closes it, or None when the last kept line stays as it is). An end marker ends
    it, and so does a line of any kind named in `stops` (site rules whose text block is followed by
    teaser lists and share bars name those)."""
    names = (*end_kinds(), *stops)
    closing = [kinds()[name].closing for name in end_kinds() if kinds()[name].closing]
    for n, line in enumerate(lines):
        if is_kind(line, *names):
            return n, None
        for pattern in closing:
            found = pattern.search(line)
            if found:
                return n + 1, line[: found.start()].rstrip()
    return len(lines), None


def cut_at_end(lines: Sequence[str], stops: Iterable[str] = ()) -> list[str]:
    """The lines of the release up to its end (see `release_end`)."""
    count, last = release_end(lines, stops)
    kept = list(lines[:count])
    if last is not None:
        kept[-1] = last
    return [line for line in kept if line]


def without_closing_marker(line: str) -> str:
    """A line's text without an end marker closing it."""
    for name in end_kinds():
        if kinds()[name].closing:
            line = kinds()[name].closing.sub("", line)
    return line


def headline_keys(titles: Iterable[str | None]) -> set[str]:
    """The headline as `repeats_headline` compares it, from each way the page gives it."""
    return {key for key in (match_key(title or "") for title in titles) if key}


def repeats_headline(line: str, keys: set[str]) -> bool:
    """The headline again, as extractors and CMSs repeat it above the text: the same letters and digits,
    whatever the case, spacing or punctuation."""
    return match_key(line) in keys


def is_edge_furniture(line: str) -> bool:
    """Furniture that is dropped at least at the edges of a release's text."""
    return classify(line, ("anywhere", "edges", "end", "teaser")) is not None


def is_sign_off(line: str) -> bool:
    """A closing place line: a few capitalised words, no sentence ("Islamabad" over a closing date)."""
    words = WORD.findall(line)
    return 0 < len(words) <= SIGN_OFF_WORDS and not is_sentence(line) and line[:1].isupper()
