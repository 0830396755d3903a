"""Scoring the entity extractor against the annotated releases in tests/data/entities_gold.jsonl.

Each gold line is one release with what a reader finds in it:
- `persons`: every person written with a rank, as [name as printed, normalised rank];
- `countries`: every foreign country (ISO alpha-2) named, by name, demonym or a national organisation
  ("PLA", "Royal Saudi Land Forces"); Pakistan itself is left out, as it is named in nearly every release;
- `engagements`: [foreign country, Pakistani principal's appointment] when a foreign principal meets one.
`split` is `dev` (used while writing the rules), `test` (held back while writing them, measured once),
`test2` to `test4` (later rounds written in other phrasings, each measured once, then used for fixes).
"""

from __future__ import annotations

import json
from pathlib import Path

from extraction.entities import extract_mentions, normalize_name

GOLD = Path(__file__).parent / "data" / "entities_gold.jsonl"
KINDS = ("persons", "countries", "engagements")


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def predicted(release: dict) -> dict[str, set]:
    mentions = extract_mentions(release["body"], release["language"])
    roles = {m.role: m for m in mentions if m.role}
    engagements = set()
    if "foreign_principal" in roles:
        engagements.add((roles["foreign_principal"].country_code, roles["pakistani_principal"].appointment))
    return {
        "persons": {(m.normalized, m.rank) for m in mentions if m.kind == "person" and m.rank},
        "countries": {
            m.country_code
            for m in mentions
            if m.kind in ("country", "organisation") and m.country_code not in (None, "PK")
        },
        "engagements": engagements,
    }


def expected(release: dict) -> dict[str, set]:
    return {
        "persons": {(normalize_name(name), rank) for name, rank in release["persons"]},
        "countries": set(release["countries"]),
        "engagements": {tuple(pair) for pair in release["engagements"]},
    }


def score(releases: list[dict]) -> tuple[dict[str, dict[str, float]], list[tuple]]:
    """Micro-averaged precision and recall per kind, and every disagreement (for reading, not asserting)."""
    counts = {kind: [0, 0, 0] for kind in KINDS}  # true positives, predicted, expected
    misses = []
    for release in releases:
        got, want = predicted(release), expected(release)
        for kind in KINDS:
            counts[kind][0] += len(got[kind] & want[kind])
            counts[kind][1] += len(got[kind])
            counts[kind][2] += len(want[kind])
            if got[kind] != want[kind]:
                misses.append(
                    (release["id"], kind, sorted(got[kind] - want[kind]), sorted(want[kind] - got[kind]))
                )
    figures = {
        kind: {
            "precision": tp / found if found else 1.0,
            "recall": tp / wanted if wanted else 1.0,
            "expected": wanted,
        }
        for kind, (tp, found, wanted) in counts.items()
    }
    return figures, misses
