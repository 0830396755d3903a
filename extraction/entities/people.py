"""People: a rank, title or office followed by a name, read word by word until the name ends.

A name is a run of capitalised words (initials, hyphens and "bin"/"al"-style particles allowed), or of
Urdu words after an Urdu rank; it ends at punctuation, a lower-case word, a post-nominal honour, a word
that shows the rank was not a rank ("General Headquarters"), or anything else the gazetteers know.
"""

from __future__ import annotations

import re
from functools import cache

from extraction.entities.gazetteer import rows, words

# Arabic-script letters and marks, without punctuation (۔ ، ؛ ؟) and digits, which end an Urdu name.
ARABIC = "\u0621-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# Any word: whether it starts with a capital ("Ömer", "Şahin" too) is decided in code, not here.
LATIN_TOKEN = re.compile(r"[ \t]+(\w[\w'’-]*\.?)")
ARABIC_TOKEN = re.compile(rf"[ \t\u200c]+([{ARABIC}]+)")
MAX_TOKENS = 8
MAX_URDU_TOKENS = 4  # Urdu has no capitals to end a name, so only stop words and this limit do


@cache
def stopwords() -> frozenset[str]:
    return words("name_stopwords.txt")


@cache
def particles() -> frozenset[str]:
    return words("name_particles.txt")


@cache
def qualifier() -> re.Pattern:
    """Words between a rank and a name that belong to neither ("(Retd)", "(Dr)")."""
    written = sorted(words("rank_qualifiers.txt"), key=len, reverse=True)
    return re.compile(r"[ \t]+(?:" + "|".join(map(re.escape, written)) + r")(?=[ \t])")


@cache
def pakistani_principals() -> dict[tuple[str, str], str]:
    """(name or rank, the key) -> the office of a Pakistani principal the text names without it."""
    return {(how, key): office for key, office, how in rows("pakistani_principals.tsv")}


@cache
def variants() -> dict[str, str]:
    return {printed.casefold(): canonical for printed, canonical in rows("name_variants.tsv")}


def is_arabic(text: str) -> bool:
    return bool(text) and bool(re.match(rf"[{ARABIC}]", text))


def read_name(body: str, position: int, stops: set[int]) -> tuple[int, int] | None:
    """The span of the name that starts after `position`, or None; `stops` are offsets where another
    gazetteer match begins, which a name never runs into."""
    skipped = qualifier().match(body, position)
    position = skipped.end() if skipped else position
    arabic = is_arabic(body[position:].lstrip(" \t\u200c")[:1])
    pattern = ARABIC_TOKEN if arabic else LATIN_TOKEN
    start = end = None
    tokens = 0
    pending = None  # a particle waits for a capitalised word after it
    while tokens < (MAX_URDU_TOKENS if arabic else MAX_TOKENS):
        match = pattern.match(body, end if end is not None else position)
        if not match or match.start(1) in stops:
            break
        token = match.group(1)
        bare = token.rstrip(".")
        if bare in stopwords() or token in stopwords():
            break
        if not arabic and not token[0].isupper():
            if start is None or pending is not None or token not in particles():
                break
            pending = match
            end = match.end(1)
            continue
        if not arabic and token.endswith(".") and len(bare) > 1:
            # A full stop after a word (not an initial) ends the sentence, and with it the name.
            start = start if start is not None else match.start(1)
            end, pending = match.start(1) + len(bare), None
            tokens += 1
            break
        start = start if start is not None else match.start(1)
        end, pending = match.end(1), None
        tokens += 1
    if start is None:
        return None
    if pending is not None:
        end = pending.start(1)
        end = len(body[:end].rstrip())
    return start, end


def normalize_name(name: str) -> str:
    """The name without full stops, with runs of spaces collapsed and transliterated given names in one
    spelling ("Aleksandr V. Fomin" and "Alexander V Fomin" are one person)."""
    tokens = name.replace(".", " ").split()
    return " ".join(variants().get(token.casefold(), token) for token in tokens)
