"""Is this release another copy of that one? Near-duplicate matching of release texts.

ISPR texts are formulaic: two releases a week apart can share most of their words and still be different
events (another visitor, another chief, another district, another course, another count). So matching
has two steps. MinHash LSH over word shingles finds candidates cheaply (and its band keys persist with
the archive); then each candidate pair gets a precise check: enough shared text, and no difference that
names another event. Differences are read from a word alignment of the two texts: a paragraph added or
cut, a headline line or a site's own intro are insertions and deletions and say nothing; a *substitution*
of a name, appointment, place, unit, count or date says "another statement". Every decision carries a
score and a one-line reason, stored with the copy so a merge can be explained and audited.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

from extraction.normalise import unicode_text

WORDS_FILE = Path(__file__).parent / "data" / "dedup_words.toml"
TOKEN = re.compile(r"\w+(?:[-/.,]\w+)*")
PR_NUMBER = re.compile(r"\W+")
FIGURE = re.compile(r"\d+(?:,\d{3})*")
END_MARKER = re.compile(r"0(?:-0)*")  # ISPR's "-0-0-0-" end of release, not a number
SHINGLE = 3
BRIDGE = 3  # changes fewer than this many equal words apart are one substitution
MIN_SHINGLES = 8  # texts shorter than this are never merged on text alone


@dataclass(frozen=True)
class Settings:
    """The thresholds, tuned on the training part of tests/data/dedup_pairs.jsonl."""

    window_days: int = 3
    containment: float = 0.6  # shared shingles / those of the shorter text, with a date on both sides
    jaccard: float = 0.3  # shared shingles / all shingles: a short excerpt of a long text is not enough
    undated_containment: float = 0.75  # stricter when a date cannot rule candidates out
    undated_jaccard: float = 0.5
    num_perm: int = 128
    bands: int = 42  # 42 bands of 3 rows: a pair with Jaccard 0.4 is a candidate 94% of the time
    rows: int = 3


DEFAULTS = Settings()


@dataclass(frozen=True)
class Release:
    """What matching needs to know of one copy."""

    body: str
    language: str | None = None
    published: str | None = None
    pr_number: str | None = None


@dataclass(frozen=True)
class Decision:
    duplicate: bool
    score: float
    reason: str


@cache
def words() -> dict[str, frozenset[str]]:
    lists = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return {name: frozenset(text.split()) for name, text in lists.items()}


@dataclass(frozen=True)
class Text:
    """A body as matching sees it: its words (as written, and case-folded) and its word shingles."""

    words: tuple[str, ...]
    folded: tuple[str, ...]
    shingles: frozenset[str]


@lru_cache(maxsize=1024)
def text(body: str) -> Text:
    """Cached: during a crawl the same stored copies are compared with many new pages."""
    words = tuple(TOKEN.findall(unicode_text(body)))
    folded = tuple(w.casefold() for w in words)
    if len(folded) < SHINGLE:
        shingles = frozenset([" ".join(folded)] if folded else [])
    else:
        shingles = frozenset(" ".join(folded[i : i + SHINGLE]) for i in range(len(folded) - SHINGLE + 1))
    return Text(words, folded, shingles)


@cache
def permutations(num_perm: int):
    """The MinHash permutations, made once: drawing them was a third of a text's hashing time, paid by
    every page a crawl stores and twice by every copy `pressarchive dedup` re-matches."""
    from datasketch import MinHash  # see band_keys

    # Seed and scheme are pinned: keys stored in an archive must stay valid across datasketch versions.
    return MinHash(num_perm=num_perm, seed=8, scheme="affine32").permutations


def band_keys(body: str, settings: Settings = DEFAULTS) -> list[int]:
    """The LSH band keys of a text: two texts that share a key are candidates. Each key is a signed
    64-bit integer (what SQLite stores natively) naming the band and its rows of the MinHash signature."""
    # Imported here: datasketch loads scipy and its BLAS threads, which every command that merely imports
    # the pipeline (and refuses bad arguments first) should not pay for.
    from datasketch import MinHash

    minhash = MinHash(
        settings.num_perm, seed=8, scheme="affine32", permutations=permutations(settings.num_perm)
    )
    minhash.update_batch([s.encode("utf-8") for s in text(body).shingles])
    values = minhash.hashvalues
    keys = []
    for band in range(settings.bands):
        chunk = values[band * settings.rows : (band + 1) * settings.rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


@lru_cache(maxsize=65536)
def salient(token: str) -> bool:
    """Can this word name a person, appointment, place, unit, count or date?"""
    folded = token.casefold()
    lists = words()
    if is_count(token) or folded in lists["distinguishing_words"]:
        return True
    if END_MARKER.fullmatch(token):
        return False
    if token[0].isupper():
        return folded not in lists["function_words_en"]
    caseless = token[0].isalpha() and not token[0].islower()
    return caseless and folded not in lists["function_words_ur"]


@lru_cache(maxsize=65536)
def is_count(token: str) -> bool:
    if END_MARKER.fullmatch(token):
        return False
    return any(ch.isdigit() for ch in token) or token.casefold() in words()["number_words"]


@lru_cache(maxsize=65536)
def is_typo(old: str, new: str) -> bool:
    """Spelling variants of one word (never two numbers): at least 80% of their letters align."""
    if is_count(old) or is_count(new) or 3 * min(len(old), len(new)) < 2 * max(len(old), len(new)):
        return False
    matcher = SequenceMatcher(None, old.casefold(), new.casefold())
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def typo_pairs(gone: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Drop the words that are only a spelling fix of each other."""
    gone, new = list(gone), list(new)
    for old in list(gone):
        match = next((n for n in new if is_typo(old, n)), None)
        if match:
            gone.remove(old)
            new.remove(match)
    return gone, new


@dataclass(frozen=True)
class Difference:
    """A substitution between the texts that names something else: `gone` from one, `new` in the other."""

    gone: tuple[str, ...]
    new: tuple[str, ...]
    casualty_figure: bool

    def __str__(self) -> str:
        return f"'{' '.join(self.gone)}' vs '{' '.join(self.new)}'"


def changed_regions(fa: tuple[str, ...], fb: tuple[str, ...]) -> list[tuple[int, int, int, int]]:
    """Spans (a1, a2, b1, b2) where the texts differ. Changes separated by fewer than BRIDGE equal words
    are one region: "the Chairman Joint Chiefs of Staff Committee" against "the Chief of Army Staff"
    aligns word by word into a replace, an insert and a delete, but it is one substitution."""
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, fa, fb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if regions and i1 - regions[-1][1] < BRIDGE and j1 - regions[-1][3] < BRIDGE:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return [tuple(region) for region in regions]


def differences(ta: Text, tb: Text) -> list[Difference]:
    """The substitutions that name something else. A word counts as gone only if the other text has
    fewer of it (so words merely moved, as in "12 March" and "March 12", are not differences)."""
    a, b, fa, fb = ta.words, tb.words, ta.folded, tb.folded
    count_a, count_b = Counter(fa), Counter(fb)
    found = []
    for i1, i2, j1, j2 in changed_regions(fa, fb):
        gone = [t for t in a[i1:i2] if salient(t) and count_b[t.casefold()] < count_a[t.casefold()]]
        new = [t for t in b[j1:j2] if salient(t) and count_a[t.casefold()] < count_b[t.casefold()]]
        gone, new = typo_pairs(gone, new)
        if gone and new:
            context = set(fa[max(i1 - 2, 0) : i2 + 3]) | set(fb[max(j1 - 2, 0) : j2 + 3])
            figure = all(map(is_count, gone + new)) and bool(context & words()["casualty_words"])
            found.append(Difference(tuple(gone), tuple(new), figure))
    return found


def days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def same_pr_number(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    return PR_NUMBER.sub("", a).casefold() == PR_NUMBER.sub("", b).casefold()


def overlap(a: Text, b: Text) -> tuple[float, float]:
    """(containment, Jaccard) of the two texts' word shingles."""
    sa, sb = a.shingles, b.shingles
    if min(len(sa), len(sb)) < MIN_SHINGLES:
        return 0.0, 0.0
    shared = len(sa & sb)
    return shared / min(len(sa), len(sb)), shared / len(sa | sb)


def compare(a: Release, b: Release, settings: Settings = DEFAULTS) -> Decision:
    """Are `a` and `b` copies of one statement? Cheap refusals first, then text, then differences."""
    if (a.language or "") != (b.language or ""):
        return Decision(False, 0.0, f"different languages ({a.language} vs {b.language})")
    gap = days_apart(a.published, b.published)
    if gap is not None and gap > settings.window_days:
        return Decision(False, 0.0, f"{gap} days apart (window ±{settings.window_days})")
    same_pr = same_pr_number(a.pr_number, b.pr_number)
    if same_pr is False:
        return Decision(False, 0.0, f"different PR numbers ({a.pr_number} vs {b.pr_number})")
    ta, tb = text(a.body), text(b.body)
    containment, jaccard = overlap(ta, tb)
    score = round(containment, 3)
    need = (settings.containment, settings.jaccard)
    if gap is None:
        need = (settings.undated_containment, settings.undated_jaccard)
    if containment < need[0] or jaccard < need[1]:
        undated = " (undated)" if gap is None else ""
        shared = f"text overlap {containment:.2f}/{jaccard:.2f} below {need[0]}/{need[1]}"
        return Decision(False, score, shared + undated)
    found = differences(ta, tb)
    # A same-day re-post (or one under the same PR number) may correct casualty figures as reports come
    # in; any other substitution, or a figure changed days later, is another event.
    corrections = [d for d in found if d.casualty_figure and (gap == 0 or same_pr)]
    others = [d for d in found if d not in corrections]
    if others:
        return Decision(False, score, "names another event: " + "; ".join(map(str, others[:3])))
    reason = f"same statement: text overlap {containment:.2f}, no other name, place or count"
    if corrections:
        reason += "; figures corrected (" + "; ".join(map(str, corrections)) + ")"
    return Decision(True, score, reason)


def figures(body: str) -> list[int]:
    """The numbers a text states, in any script's digits (Urdu releases often use ۰–۹), sorted."""
    return sorted(int(match.replace(",", "")) for match in FIGURE.findall(unicode_text(body)))


def translation_reason(a: Release, b: Release) -> str | None:
    """Why `b` is `a` in another language, or None. Names cannot be compared across scripts, so the
    evidence is the PR number, or the same date with the same figures (at least two of them)."""
    if (a.language or "") == (b.language or ""):
        return None
    if same_pr_number(a.pr_number, b.pr_number):
        return f"same PR number ({a.pr_number})"
    if a.published and a.published == b.published:
        day = date.fromisoformat(a.published)
        # The date itself, written in the text, is no evidence: both releases of that day may state it.
        stated = [n for n in figures(a.body) if n not in (day.day, day.year)]
        if len(stated) >= 2 and stated == [n for n in figures(b.body) if n not in (day.day, day.year)]:
            return f"same date ({a.published}) and figures ({', '.join(map(str, stated[:6]))})"
    return None
