"""The gazetteers (data files beside this module) and one Aho-Corasick automaton that finds them all.

Every entry of every list goes into a single automaton, so a release is scanned once whatever the size of
the lists; a match counts only on word boundaries, and overlapping matches resolve leftmost-longest
("Lieutenant General" over "General", "General Headquarters" over the rank "General").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick
import pycountry

DATA = resources.files(__package__) / "data"
DATA_FILES = (
    "ranks.tsv",
    "appointments.tsv",
    "country_aliases.tsv",
    "country_aliases_ur.tsv",
    "organisations.tsv",
    "places.tsv",
    "name_stopwords.txt",
    "name_particles.txt",
    "name_variants.tsv",
    "meeting_cues.txt",
    "honorifics.txt",
    "pakistani_principals.tsv",
    "rank_qualifiers.txt",
)


@dataclass(frozen=True)
class Entry:
    """What one gazetteer string stands for."""

    kind: str  # rank, honorific, appointment, country, organisation, place, cue
    normalized: str
    country_code: str | None = None  # the country it names or, for an appointment, its home country
    detail: str | None = None  # rank: service; place: type; country: name or demonym
    variant: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entry: Entry


def rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file, without comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def words(name: str) -> frozenset[str]:
    return frozenset(row[0].strip() for row in rows(name))


def data_digest() -> str:
    """A short hash of every data file, so a changed gazetteer changes the enrichment version."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:10]


@cache
def labels() -> dict[str, str]:
    """Short names to show where the ISO name is long ("Russia", not "Russian Federation")."""
    return {code: alias for alias, code, how in rows("country_aliases.tsv") if how == "label"}


def country_label(code: str) -> str:
    if code in labels():
        return labels()[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def country_entries() -> list[Entry]:
    """ISO names from pycountry (without the inverted "Korea, Republic of" forms) plus the alias lists."""
    entries = []
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
        for name in filter(None, names):
            if "," not in name and "(" not in name:
                entries.append(
                    Entry("country", country_label(country.alpha_2), country.alpha_2, "name", name)
                )
    for file in ("country_aliases.tsv", "country_aliases_ur.tsv"):
        for alias, code, how in rows(file):
            entries.append(Entry("country", country_label(code), code, how, alias))
    return entries


def gazetteer_entries() -> list[Entry]:
    entries = country_entries()
    for variant, normalized, service in rows("ranks.tsv"):
        entries.append(Entry("rank", normalized, None, service, variant))
    for variant, normalized, home in rows("appointments.tsv"):
        entries.append(Entry("appointment", normalized, home or None, None, variant))
    for variant, normalized, code in rows("organisations.tsv"):
        entries.append(Entry("organisation", normalized, code or None, None, variant))
    for row in rows("places.tsv"):
        variant, normalized, kind = row[:3]
        code = row[3] if len(row) > 3 else (None if kind == "sea" else "PK")
        entries.append(Entry("place", normalized, None if code == "-" else code, kind, variant))
    for cue in words("meeting_cues.txt"):
        entries.append(Entry("cue", cue, None, None, cue))
    for title in words("honorifics.txt"):
        entries.append(Entry("honorific", title, None, None, title))
    return entries


def fold(text: str) -> str:
    """Lower case without changing the length, so offsets in the folded text are offsets in the body."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


KIND_ORDER = ("organisation", "appointment", "place", "rank", "honorific", "country", "cue")


@cache
def automaton() -> ahocorasick.Automaton:
    """Folded string -> the entries it stands for (a string can be, say, both a rank and a cue)."""
    table: dict[str, list[Entry]] = {}
    for entry in gazetteer_entries():
        key = fold(entry.variant.strip())
        if entry not in table.setdefault(key, []):
            table[key].append(entry)
    machine = ahocorasick.Automaton()
    for key, entries in table.items():
        entries.sort(key=lambda e: KIND_ORDER.index(e.kind))
        machine.add_word(key, (len(key), tuple(entries)))
    machine.make_automaton()
    return machine


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def written_as(text: str, entry: Entry) -> bool:
    """Case rules: an all-capital variant ("US", "CAS", "PLA") must be written so; a lower-case one
    ("delegation", meeting words) matches in any case; others must start with a capital as written
    ("Major General", not "major"), which Urdu script always passes."""
    variant = entry.variant
    if len(variant) > 1 and variant.isupper():
        return text == variant
    if entry.kind == "cue" or variant[:1].islower():
        return True
    return not text[:1].islower()


def find(body: str) -> list[Span]:
    """Every gazetteer string in `body` on word boundaries, leftmost-longest, none overlapping."""
    candidates = []
    for end, (length, entries) in automaton().iter(fold(body)):
        start, stop = end - length + 1, end + 1
        if start > 0 and is_word_char(body[start - 1]) and is_word_char(body[start]):
            continue
        if stop < len(body) and is_word_char(body[stop]) and is_word_char(body[stop - 1]):
            continue
        written = body[start:stop]
        for entry in entries:
            if written_as(written, entry):
                candidates.append(Span(start, stop, entry))
                break
    candidates.sort(key=lambda s: (s.start, -(s.end - s.start)))
    chosen, edge = [], 0
    for span in candidates:
        if span.start >= edge:
            chosen.append(span)
            edge = span.end
    return chosen
