"""Builds tests/data/dedup_pairs.jsonl from the hand-written releases next to it.

Each hand-written release yields the re-posts the issue names (headline line inside the body, trimmed
or appended paragraph, fixed typo, corrected casualty figure, a Navy or PAF site copy with its own
intro, a re-post with other boilerplate, an undated copy) and its hand-written hard negatives (another
visitor, chief, district, course or count), alone and dressed up as a re-post. The split is by release:
every third release is held out, so no held-out text is ever seen while tuning. Pairs written out in
full by hand (pairs_by_hand.py) are added, split the same way.

Run: .venv/bin/python -m tests.data.build_dedup_pairs
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from tests.data import pairs_by_hand, releases_en_a, releases_en_b, releases_ur

OUT = Path(__file__).with_name("dedup_pairs.jsonl")
SITE_OF_SERVICE = {"ispr": "paknavy", "paknavy": "ispr", "paf": "ispr"}
HEADERS = [
    "PRESS RELEASE\nNo PR-{pr}\nDated: {long}",
    "Inter Services Public Relations (ISPR)\n{place}, {long}",
    "For immediate release — {long}",
]
FOOTERS = [
    "-0-0-0-0-0-",
    "*****",
    "For more details, visit www.ispr.gov.pk",
    "(Directorate of Public Relations)",
]


def shifted(day: str | None, days: int) -> str | None:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat() if day else None


def long_date(day: str) -> str:
    return date.fromisoformat(day).strftime("%B %d, %Y")


def copy_of(release: dict, **changes) -> dict:
    side = {
        "source": release["source"],
        "language": release.get("language", "en"),
        "published": release["published"],
        "pr_number": release.get("pr_number"),
        "title": release["title"],
        "paragraphs": list(release["body"]),
    }
    side.update(changes)
    return side


def replaced(side: dict, replacements: list) -> dict:
    out = dict(side)
    for old, new in replacements:
        # ISPR headlines are in capitals: a place or name changed in the text changes there too.
        out["title"] = out["title"].replace(old, new).replace(old.upper(), new.upper())
        out["paragraphs"] = [p.replace(old, new) for p in out["paragraphs"]]
    return out


def typo(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The same text with one long lower-case word misspelt (two letters swapped)."""
    words = [
        (i, w) for i, p in enumerate(paragraphs) for w in p.split() if w.isalpha() and not w[0].isupper()
    ]
    words = [(i, w) for i, w in words if len(w) >= 5]
    index, word = rng.choice(words)
    cut = rng.randrange(1, len(word) - 2)
    wrong = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :]
    out = list(paragraphs)
    out[index] = out[index].replace(word, wrong, 1)
    return out


def other_site(release: dict) -> str:
    return SITE_OF_SERVICE[release["source"]]


def duplicates(release: dict, rng: random.Random) -> list[tuple[str, dict, dict]]:
    base = copy_of(release)
    paras = base["paragraphs"]
    out = [
        ("headline_in_body", base, copy_of(release, paragraphs=[release["title"], *paras])),
        (
            "trimmed_paragraph",
            base,
            copy_of(release, paragraphs=paras[:-1], pr_number=None, source=other_site(release)),
        ),
        ("typo_fixed", copy_of(release, paragraphs=typo(paras, rng)), base),
    ]
    if len(paras) > 3:
        middle = rng.randrange(1, len(paras) - 1)
        out.append(
            ("trimmed_paragraph", base, copy_of(release, paragraphs=paras[:middle] + paras[middle + 1 :]))
        )
    if "append" in release:
        later = shifted(release["published"], 1)
        out.append(
            (
                "appended_paragraph",
                base,
                copy_of(release, paragraphs=[*paras, release["append"]], published=later),
            )
        )
    if "revisable" in release:
        out.append(("changed_casualty_figure", base, replaced(base, [release["revisable"]])))
    if "intro" in release:
        navy = copy_of(
            release,
            paragraphs=[release["intro"], *paras],
            source=other_site(release),
            pr_number=None,
            title=release["title"].title(),
            published=shifted(release["published"], 1),
        )
        out.append(("site_copy_with_intro", base, navy))
        out.append(("site_copy_with_intro", base, dict(navy, paragraphs=navy["paragraphs"][:-1])))
    header = rng.choice(HEADERS).format(
        pr=base["pr_number"] or "none", long=long_date(base["published"]), place="Rawalpindi"
    )
    boiler = copy_of(release, paragraphs=[header, *paras, rng.choice(FOOTERS)])
    out.append(("other_boilerplate", copy_of(release, paragraphs=[*paras, rng.choice(FOOTERS)]), boiler))
    out.append(
        (
            "undated_copy",
            base,
            copy_of(release, published=None, pr_number=None, paragraphs=[release["title"], *paras[:-1]]),
        )
    )
    return out


def negatives(release: dict, rng: random.Random) -> list[tuple[str, dict, dict]]:
    base = copy_of(release)
    out = []
    for kind, replacements, days in release["negatives"]:
        other = replaced(base, replacements)
        other["published"] = shifted(base["published"], days)
        if other["pr_number"]:
            number, rest = other["pr_number"].split("/", 1)
            other["pr_number"] = f"{int(number) + max(days, 1)}/{rest}"
        out.append((f"different_{kind}", base, other))
        # The same other statement as another site re-posts it: no PR number, a headline line, a trim.
        dressed = dict(
            other,
            pr_number=None,
            source=other_site(release),
            paragraphs=[other["title"], *other["paragraphs"][:-1]],
        )
        out.append((f"different_{kind}", base, dressed))
    return out


def side_record(side: dict) -> dict:
    record = {key: side[key] for key in ("source", "language", "published", "pr_number", "title")}
    record["body"] = "\n\n".join(side["paragraphs"])
    return record


def main() -> None:
    rng = random.Random(8)
    lines = []
    releases = [*releases_en_a.RELEASES, *releases_en_b.RELEASES, *releases_ur.RELEASES]
    for number, release in enumerate(releases):
        split = "heldout" if number % 3 == 2 else "train"
        for label, pairs in (("duplicate", duplicates(release, rng)), ("different", negatives(release, rng))):
            for kind, a, b in pairs:
                lines.append(
                    {
                        "release": release["id"],
                        "split": split,
                        "label": label,
                        "kind": kind,
                        "a": side_record(a),
                        "b": side_record(b),
                    }
                )
    for number, pair in enumerate(pairs_by_hand.PAIRS):
        a, b = (
            {
                "language": "en",
                "title": "",
                **dict(zip(("published", "source", "pr_number", "body"), side, strict=True)),
            }
            for side in (pair["a"], pair["b"])
        )
        lines.append(
            {
                "release": f"by-hand-{number}",
                "split": "heldout" if number % 3 == 2 else "train",
                "label": pair["label"],
                "kind": pair["kind"],
                "a": a,
                "b": b,
            }
        )
    with OUT.open("w", encoding="utf-8") as out:
        for index, line in enumerate(lines):
            out.write(json.dumps({"id": index, **line}, ensure_ascii=False) + "\n")
    print(f"{len(lines)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
