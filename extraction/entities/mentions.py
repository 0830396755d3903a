"""From a release's text to its mentions: people with ranks, appointments, countries, places and
organisations, each linked where the text says so, and the two principals of a meeting marked.

Linking follows how releases are written:
- an office takes the country named just before it ("Russia's Deputy Minister of Defence", "Chinese
  Ambassador", "Turkish Air Force Commander") or in an "of" phrase just after it ("Commander of the Royal
  Saudi Land Forces", "Chief of Army Staff of the Bangladesh Army"); offices only Pakistan has (COAS, CNS,
  CAS, CJCSC) are Pakistan's unless the text names another country; an office named again keeps its
  country, and one met on a "visit to" a country without any is that country's;
- a person takes the office written right before ("Chief of Army Staff General Syed Asim Munir") or in
  apposition right after ("General Sahir Shamshad Mirza, Chairman Joint Chiefs of Staff Committee"),
  and with it the office's country; the leader of "a delegation of the Sri Lanka Army led by …" is of
  that country; a service chief named with no office at all is recognised by name or unique rank;
- when the text says they met (called on, met, received, …), the first foreign office-holder and the first
  Pakistani one are the release's foreign and Pakistani principals (a delegation only when no one is
  named), and the first headquarters, base or city written "at …" in that paragraph is the venue.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from extraction.entities.gazetteer import Span, find
from extraction.entities.people import ARABIC, is_arabic, normalize_name, pakistani_principals, read_name

PERSONAL = ("person", "appointment")
COUNTRY_BEFORE = re.compile(r"(?:['’]s)?(?:\s+(?:[A-Z][\w'’-]*|of|and|the)){0,4}\s*")
COUNTRY_BEFORE_URDU = re.compile(rf"(?:[\s\u200c]+[{ARABIC}]+){{0,4}}[\s\u200c]*")
# "… of the Bahrain Defence Force", "… at the Embassy of Iraq"
COUNTRY_AFTER = re.compile(r"\s*,?\s*(?:of|at)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|of|and|the)\s+){0,4}")
ORGANISATION_AFTER = re.compile(r"\s*,?\s*(?:of\s+)?(?:the\s+)?")
ADJOINING = re.compile(r"\s+(?:the\s+)?")
NAME_AFTER = re.compile(r"\s+[A-Z]")
# An office right before a name, with its "of the Russian Federation" qualifier if it has one.
OFFICE_BEFORE = re.compile(r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,6})?\s*,?\s*")
OFFICE_AFTER = re.compile(r"\s*(?:,\s*(?:the\s+)?|\(\s*)")
AT = re.compile(r"\b(?:at|in)\s+(?:the\s+)?$")
LED_BY = re.compile(r"\b(?:led|headed) by\s+$")
# "A Chinese military delegation", "a Saudi high-level delegation": a few words may come between.
DELEGATION_BEFORE = re.compile(r"(?:\s+[\w-]+){0,2}\s*")
VISIT_TO = re.compile(r"\bvisits? to\s+(?:the\s+)?$")
SENTENCE_END = re.compile(r"[.۔\n]")
VENUE_TYPES = ("headquarters", "base", "city")


@dataclass
class Mention:
    """One thing a release names, with its links; `row()` is what the archive stores."""

    kind: str  # person, appointment, country, place, organisation
    text: str
    normalized: str
    start: int
    end: int
    rank: str | None = None
    country_code: str | None = None
    appointment: str | None = None  # a person's office; an appointment's own normalized name
    person: str | None = None  # who holds an appointment; a person's own normalized name
    role: str | None = None  # foreign_principal, pakistani_principal, venue
    detail: str | None = None  # place type, or an office's home country (not stored)

    def row(self) -> dict:
        """The columns of a `mentions` row."""
        row = asdict(self)
        del row["detail"]
        return row


def person_after(body: str, span: Span, stops: set[int], min_words: int = 1) -> Mention | None:
    """The person named after a rank, title or office, if a name follows it."""
    found = read_name(body, span.end, stops)
    if not found or len(body[found[0] : found[1]].split()) < min_words:
        return None
    name = normalize_name(body[found[0] : found[1]])
    if span.entry.kind == "appointment":
        return Mention("person", body[found[0] : found[1]], name, found[0], found[1], person=name)
    rank = span.entry.normalized if span.entry.kind == "rank" else None
    return Mention("person", body[span.start : found[1]], name, span.start, found[1], rank=rank, person=name)


def mentions_from_spans(body: str, spans: list[Span]) -> tuple[list[Mention], list[int]]:
    """Mentions in text order, and the offsets of words that say a meeting took place."""
    stops = {span.start for span in spans}
    mentions, cues = [], []
    for span in spans:
        entry, text = span.entry, body[span.start : span.end]
        if entry.kind == "cue":
            cues.append(span.start)
        elif entry.kind in ("rank", "honorific"):
            person = person_after(body, span, stops)
            named = [m for m in mentions if m.kind == "person" and m.start <= span.start < m.end]
            if person and not named:  # "Dr" in "Major General Dr Aisha Malik" is part of one person
                mentions.append(person)
        elif entry.kind == "appointment":
            office = Mention(
                "appointment", text, entry.normalized, span.start, span.end, appointment=entry.normalized
            )
            office.detail = entry.country_code
            mentions.append(office)
            # "Ambassador Jiang Zaidong": a name after an office needs capitals to show it is one.
            person = None if is_arabic(text) else person_after(body, span, stops, min_words=2)
            if person:
                link(person, office)
                mentions.append(person)
        else:
            mention = Mention(entry.kind, text, entry.normalized, span.start, span.end)
            mention.country_code, mention.detail = entry.country_code, entry.detail
            mentions.append(mention)
    return mentions, cues


def link(person: Mention, office: Mention) -> None:
    person.appointment, office.person = office.normalized, person.normalized


def clear_between(mentions: list[Mention], start: int, end: int) -> bool:
    """No person or office stands between two offsets (so a country is not borrowed across one)."""
    return not any(m.kind in PERSONAL and start <= m.start and m.end <= end for m in mentions)


def foreign_place(mention: Mention) -> bool:
    return mention.kind == "place" and mention.country_code not in (None, "PK")


def qualifies(body: str, gap: str, after: Mention) -> bool:
    """Whether a country or organisation after an office, past `gap`, is the office's own: "of the
    Bahrain Defence Force", ", Pakistan Air Force", or a country's name used as the adjective of a force
    ("Commander US Naval Forces Central Command")."""
    if COUNTRY_AFTER.fullmatch(gap):
        return True
    if after.kind == "organisation":
        return bool(ORGANISATION_AFTER.fullmatch(gap))
    return after.detail in ("name", "label") and bool(
        ADJOINING.fullmatch(gap) and NAME_AFTER.match(body, after.end)
    )


def stated_country(body: str, mentions: list[Mention], target: Mention, before: bool = True) -> str | None:
    """The country the text attaches to `target`: an "of" phrase after it, else a name right before it."""
    # Foreign capitals count too: "the Crown Prince of Abu Dhabi".
    coded = [
        m for m in mentions if m.country_code and (m.kind in ("country", "organisation") or foreign_place(m))
    ]
    after = next((m for m in coded if m.start >= target.end), None)
    if (
        after
        and clear_between(mentions, target.end, after.start)
        and qualifies(body, body[target.end : after.start], after)
    ):
        return after.country_code
    place = next((m for m in mentions if m.kind == "place" and m.start >= target.end), None)
    if place and place.country_code and ADJOINING.fullmatch(body[target.end : place.start]):
        return place.country_code  # "Commandant PMA", "Base Commander Masroor"
    earlier = [m for m in coded if m.end <= target.start]
    if before and earlier and clear_between(mentions, earlier[-1].end, target.start):
        gap = body[earlier[-1].end : target.start]
        if (
            COUNTRY_BEFORE.fullmatch(gap)
            or COUNTRY_BEFORE_URDU.fullmatch(gap)
            or (target.normalized == "Delegation" and DELEGATION_BEFORE.fullmatch(gap))
        ):
            return earlier[-1].country_code
    return None


def host_country(body: str, mentions: list[Mention]) -> str | None:
    """The country a release says a Pakistani principal is on a "visit to": the offices met there that
    the text gives no country ("the Crown Prince", "Chairman of the Joint Chiefs of Staff") are its."""
    for m in mentions:
        if m.kind == "country" and VISIT_TO.search(body[max(0, m.start - 20) : m.start]):
            return m.country_code
    return None


def link_offices(body: str, mentions: list[Mention]) -> None:
    """Each office's country: as stated, else its home country, else that of the same office named
    earlier ("the Chinese Ambassador … the Ambassador"), else the host of a visit abroad."""
    host = host_country(body, mentions)
    seen: dict[str, str] = {}
    for office in (m for m in mentions if m.kind == "appointment"):
        office.country_code = (
            stated_country(body, mentions, office) or office.detail or seen.get(office.normalized) or host
        )
        if office.country_code:
            seen.setdefault(office.normalized, office.country_code)


def link_people(body: str, mentions: list[Mention]) -> None:
    """Each person's office (the one right before, else the one right after) and with it a country."""
    offices = [m for m in mentions if m.kind == "appointment"]
    people = [m for m in mentions if m.kind == "person" and m.appointment is None]
    for person in people:
        before = [o for o in offices if o.end <= person.start and o.person is None]
        if before and OFFICE_BEFORE.fullmatch(body[before[-1].end : person.start]):
            link(person, before[-1])
    for person in (p for p in people if p.appointment is None):
        after = next((o for o in offices if o.start >= person.end), None)
        if after and after.person is None and OFFICE_AFTER.fullmatch(body[person.end : after.start]):
            link(person, after)
    people = [m for m in mentions if m.kind == "person"]
    for person in people:
        office = next((o for o in offices if o.person == person.normalized), None)
        person.country_code = (
            (office.country_code if office else None)
            or stated_country(body, mentions, person, before=False)
            or delegation_country(body, mentions, person)
        )
    for person in people:
        if person.appointment is None:
            known = next((p for p in people if p.normalized == person.normalized and p.appointment), None)
            if known:  # the same person, named with their office elsewhere in the release
                person.appointment, person.country_code = known.appointment, known.country_code
            elif person.country_code is None:
                recognise_principal(person)


def recognise_principal(person: Mention) -> None:
    """A Pakistani service chief named without office or country: by name, or by a rank only one
    Pakistani officer holds (a release calls foreign admirals by their country, never just "Admiral")."""
    table = pakistani_principals()
    office = table.get(("name", person.normalized)) or table.get(("rank", person.rank or ""))
    if office:
        person.appointment, person.country_code = office, "PK"


def delegation_country(body: str, mentions: list[Mention], person: Mention) -> str | None:
    """ "A delegation of the Sri Lanka Army led by Major General …": the leader is of that country."""
    if not LED_BY.search(body[max(0, person.start - 10) : person.start]):
        return None
    for m in reversed([m for m in mentions if m.end <= person.start]):
        if SENTENCE_END.search(body[m.end : person.start]):
            return None
        if m.kind in ("country", "organisation") and m.country_code:
            return m.country_code
    return None


def first_principal(candidates) -> Mention | None:
    """The first person or office on a side (a "delegation of …" only when no one else is named), by
    name where the release names the holder later ("the King of Bahrain, His Majesty King Hamad …")."""
    candidates = list(candidates)
    first = min(candidates, key=lambda m: (m.appointment == "Delegation", m.start), default=None)
    if first is None or first.person:
        return first
    same = (first.appointment, first.country_code)
    return next((m for m in candidates if m.person and (m.appointment, m.country_code) == same), first)


def mark_principals(body: str, mentions: list[Mention], cues: list[int]) -> None:
    """Roles for the engagements view, only where the text says a meeting took place."""
    if not cues:
        return
    people = [m for m in mentions if m.kind in PERSONAL and m.country_code]
    foreign = first_principal(m for m in people if m.country_code != "PK")
    pakistani = first_principal(m for m in people if m.country_code == "PK" and m.appointment)
    if not (foreign and pakistani):
        return
    foreign.role, pakistani.role = "foreign_principal", "pakistani_principal"
    # The venue is written in the paragraph that tells of the meeting: "at GHQ", "جی ایچ کیو میں".
    first = min(cues)
    start, end = body.rfind("\n\n", 0, first) + 1, body.find("\n\n", first)
    end = len(body) if end < 0 else end
    for place in mentions:
        if place.kind != "place" or place.detail not in VENUE_TYPES or not start <= place.start < end:
            continue
        if AT.search(body[max(0, place.start - 12) : place.start]) or body[place.end :].startswith(" میں"):
            place.role = "venue"
            return


def extract_mentions(body: str, language: str | None = None) -> list[Mention]:
    """Every mention in a release body, with `start`/`end` offsets into that body.

    `language` is accepted so callers need not care: English and Urdu gazetteers are searched together,
    and text in any other script simply yields fewer mentions.
    """
    if not body:
        return []
    mentions, cues = mentions_from_spans(body, find(body))
    mentions.sort(key=lambda m: (m.start, m.end))
    link_offices(body, mentions)
    link_people(body, mentions)
    mark_principals(body, mentions, cues)
    return mentions
