"""No regular expression that runs on page text may be super-linear (issue 10, item 3).

Every compiled pattern in `extraction` is run over long hostile inputs (runs of spaces, letters,
digits, punctuation, Urdu) at two lengths, 10x apart: a linear scan costs about 10x more on the longer
one, a quadratic one about 100x. Timings are compared within one run, so a slow machine does not matter.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import extraction

# Text shapes that make backtracking patterns show themselves: long runs of one class of character,
# or of two alternating, with no way to complete a match.
RUNS = (" ", "\n", "a", "A", "1", "-", ".", "|", ":", "/", "ا", "a ", "A ", "1 ", "- ", "a.", "a-", "a,", "(a")
INPUTS = {f"run of {run!r}": (lambda run: lambda n: run * (n // len(run)) + "\x00")(run) for run in RUNS}
SCALE = 10
SMALL = 2000
# A quadratic pattern costs about 100x on the 10x longer input; linear about 10x, allow noise on top.
MAX_RATIO = 30
# Below this, timings are noise (and a pattern this fast on 20k characters is harmless anyway).
FLOOR_SECONDS = 0.005


def patterns():
    """(name, pattern) for every compiled pattern at module level in extraction, dicts of them included."""
    found = {}
    for info in pkgutil.walk_packages(extraction.__path__, "extraction."):
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for key, item in values:
                if isinstance(item, re.Pattern):
                    found[f"{info.name}.{attribute}" + (f"[{key}]" if key else "")] = item
    return sorted(found.items())


def cost(pattern: re.Pattern, text: str) -> float:
    """Seconds to find every match in `text`: the work of search, findall, split and sub alike."""
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - started


def test_the_audit_sees_the_patterns():
    names = dict(patterns())
    assert len(names) > 40
    assert "extraction.body_text._TITLE_SEPARATOR" in names


@pytest.mark.parametrize(("name", "pattern"), patterns(), ids=[name for name, _ in patterns()])
def test_the_pattern_is_linear_on_long_inputs(name, pattern):
    for label, make in INPUTS.items():
        small, large = cost(pattern, make(SMALL)), cost(pattern, make(SMALL * SCALE))
        if large > FLOOR_SECONDS:
            assert large / max(small, 1e-6) < MAX_RATIO, f"{name} on a {label}: {small:.4f}s -> {large:.4f}s"
