"""No regular expression that runs on page text may be super-linear (issue 10, item 3).

Every compiled pattern in `extraction` is run over long hostile inputs (runs of spaces, letters,
digits, punctuation, Urdu) at two lengths, 10x apart: a linear scan costs about 10x more on the longer
one, a quadratic one about 100x. Timings are compared within one run, so a slow machine does not matter,
and they are CPU time, so other processes taking the CPU (a loaded CI runner) do not stretch them.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import time

import pytest

import extraction
from extraction import dateline, furniture

# Text shapes that make backtracking patterns show themselves: long runs of one class of character,
# or of two alternating, with no way to complete a match.
RUNS = (
    " ",
    "\n",
    "a",
    "A",
    "1",
    "-",
    ".",
    "|",
    ":",
    "/",
    "ا",
    "a ",
    "A ",
    "1 ",
    "- ",
    "a.",
    "a-",
    "a,",
    "(a",
)
INPUTS = {f"run of {run!r}": run for run in RUNS}
SCALE = 10
SMALL = 2000
# A quadratic pattern costs about 100x on the 10x longer input; linear about 10x, allow noise on top.
MAX_RATIO = 30
# Below this, timings are noise (and a pattern this fast on 20k characters is harmless anyway).
FLOOR_SECONDS = 0.05


def data_patterns() -> dict[str, re.Pattern]:
    """The patterns built from the data files (furniture kinds, dateline words)."""
    found = {}
    for name, kind in furniture.kinds().items():
        if kind.max_chars is not None:
            continue  # only ever run on short lines (see test_length_guarded_kinds_never_see_long_lines)
        for field in ("pattern", "closing"):
            if getattr(kind, field) is not None:
                found[f"furniture[{name}].{field}"] = getattr(kind, field)
    for field in dataclasses.fields(dateline._rules()):
        value = getattr(dateline._rules(), field.name)
        if isinstance(value, re.Pattern):
            found[f"dateline.rules.{field.name}"] = value
    return found


def patterns():
    """(name, pattern) for every compiled pattern in extraction: at module level (dicts of them included)
    and built from the data files."""
    found = data_patterns()
    for info in pkgutil.walk_packages(extraction.__path__, "extraction."):
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for key, item in values:
                if isinstance(item, re.Pattern):
                    found[f"{info.name}.{attribute}" + (f"[{key}]" if key else "")] = item
    return sorted(found.items())


def hostile(run: str, length: int) -> str:
    """`run` repeated to `length` characters, ended by a character no pattern expects."""
    return run * (length // len(run)) + "\x00"


# Patterns the code only ever tries at one position (`match`/`fullmatch` on a gap between two entity
# mentions, a token walk): one anchored attempt is their real cost, not a scan from every position.
ANCHORED = {
    f"extraction.entities.{name}"
    for name in (
        "mentions.COUNTRY_BEFORE",
        "mentions.COUNTRY_BEFORE_URDU",
        "mentions.COUNTRY_AFTER",
        "mentions.ORGANISATION_AFTER",
        "mentions.ADJOINING",
        "mentions.NAME_AFTER",
        "mentions.OFFICE_BEFORE",
        "mentions.OFFICE_AFTER",
        "mentions.DELEGATION_BEFORE",
        "people.LATIN_TOKEN",
        "people.ARABIC_TOKEN",
    )
}


def scan(pattern: re.Pattern, text: str) -> None:
    for _ in pattern.finditer(text):
        pass


def attempt(pattern: re.Pattern, text: str) -> None:
    pattern.match(text)
    pattern.fullmatch(text)


def cost(pattern: re.Pattern, text: str, repeats: int = 3, use=scan) -> float:
    """Seconds to find every match in `text` (the work of search, findall, split and sub alike), or
    to try once where the code only ever tries once; the best of a few tries, so that another
    process's burst of work is not taken for the pattern's."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        use(pattern, text)
        best = min(best, time.process_time() - started)
        if best > 1:
            break
    return best


def test_the_audit_sees_the_patterns():
    names = dict(patterns())
    assert len(names) > 40
    assert "extraction.body_text._TITLE_SEPARATOR" in names


@pytest.mark.parametrize(("name", "pattern"), patterns(), ids=[name for name, _ in patterns()])
def test_the_pattern_is_linear_on_long_inputs(name, pattern):
    use = attempt if name in ANCHORED else scan
    for label, run in INPUTS.items():
        small = cost(pattern, hostile(run, SMALL), use=use)
        large = cost(pattern, hostile(run, SMALL * SCALE), use=use)
        if large > FLOOR_SECONDS:
            assert large / max(small, 1e-6) < MAX_RATIO, f"{name} on a {label}: {small:.4f}s -> {large:.4f}s"


@pytest.mark.parametrize("name", [name for name, kind in furniture.kinds().items() if kind.max_chars])
def test_length_guarded_kinds_never_see_long_lines(name):
    """Kinds with `max_chars` (soft-404 messages: quadratic patterns, harmless on 160 characters) refuse
    a long line before their pattern runs."""
    kind = furniture.kinds()[name]
    line = " " * 20000 + "x"
    started = time.process_time()
    assert not kind.matches(line, furniture.words_of(line))
    assert time.process_time() - started < FLOOR_SECONDS
