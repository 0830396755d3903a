"""Finding the gazetteers in release texts: one Aho-Corasick automaton against one regex per entry.

Both find the same entries (word boundaries, case rules) in the annotated releases of
tests/data/entities_gold.jsonl; the regex side is what "hundreds of regexes" costs. They take turns over
the same texts in one run, and the best of several passes is kept, so background load on a shared machine
moves both alike; the ratio is the figure to read.

    .venv/bin/python bench/entities.py [--passes 5]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.entities import extract_mentions  # noqa: E402
from extraction.entities.gazetteer import find, gazetteer_entries, written_as  # noqa: E402

GOLD = ROOT / "tests" / "data" / "entities_gold.jsonl"


def regex_table() -> list[tuple[re.Pattern, object]]:
    return [
        (re.compile(r"(?<!\w)" + re.escape(entry.variant.strip()) + r"(?!\w)", re.IGNORECASE), entry)
        for entry in gazetteer_entries()
    ]


def find_with_regexes(table, body: str) -> set[tuple[int, int]]:
    """Every entry's matches, leftmost-longest and non-overlapping, like `find`."""
    candidates = [
        (m.start(), m.end())
        for pattern, entry in table
        for m in pattern.finditer(body)
        if written_as(m.group(0), entry)
    ]
    chosen, edge = set(), 0
    for start, end in sorted(set(candidates), key=lambda c: (c[0], c[0] - c[1])):
        if start >= edge:
            chosen.add((start, end))
            edge = end
    return chosen


def best_of(passes: int, run) -> float:
    times = []
    for _ in range(passes):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    bodies = [json.loads(line)["body"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    table = regex_table()
    find(bodies[0])  # builds the automaton once, as a crawl does
    same = all({(s.start, s.end) for s in find(b)} == find_with_regexes(table, b) for b in bodies)
    automaton = best_of(args.passes, lambda: [find(b) for b in bodies])
    regexes = best_of(args.passes, lambda: [find_with_regexes(table, b) for b in bodies])
    whole = best_of(args.passes, lambda: [extract_mentions(b) for b in bodies])
    chars = sum(len(b) for b in bodies)
    print(f"{len(bodies)} releases, {chars} characters, {len(table)} gazetteer entries; same matches: {same}")
    print(f"Aho-Corasick automaton: {1000 * automaton / len(bodies):.3f} ms per release")
    print(f"one regex per entry:    {1000 * regexes / len(bodies):.3f} ms per release")
    print(f"ratio (regexes / automaton): {regexes / automaton:.0f}x")
    print(
        f"whole extract_mentions (people, links, principals): {1000 * whole / len(bodies):.3f} ms per release"
    )


if __name__ == "__main__":
    main()
