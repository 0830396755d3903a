"""Every title we get wrong on WCXB, beside every title the page itself offers, counted by class.

Run from the repo root:

    .venv/bin/python bench/title_audit.py [--subset all|dev|held-out] [--list]

Each page goes through `extraction.process` as in `bench/metadata.py`. For a miss, the candidates are
each <h1> and <h2> (marked "-chrome" when in site furniture), og:title, twitter:title, og:site_name,
JSON-LD `headline` and `name`, microdata `headline`, the last item of a breadcrumb that names the page
(JSON-LD or shown), the <title> and each of its parts between
separators. The class says which of them WCXB's title is: a rule can only choose among what the page
offers, so the classes show what a general rule could still win and what only WCXB's labelling decides.
`--list` prints each miss with its candidates ("==" equal to WCXB's, "~=" equal up to typographic
quotes and dashes).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.dom import in_chrome, json_ld_values, parse_html, text_of  # noqa: E402
from extraction.headline import TITLE_SEPARATORS, breadcrumb_ends  # noqa: E402

_spec = importlib.util.spec_from_file_location("metadata_bench", ROOT / "bench" / "metadata.py")
metadata_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(metadata_bench)
same_text, body_bench = metadata_bench.same_text, metadata_bench.body_bench

MAX_HEADINGS = 6  # of each level, in document order


def candidates(html: str, url: str) -> list[tuple[str, str]]:
    """(origin, text) for every title the page offers."""
    root = parse_html(html)
    if root is None:
        return []
    found = [
        (f"{level}{'-chrome' if in_chrome(h) else ''}", text_of(h))
        for level in ("h1", "h2")
        for h in root.xpath(f"//{level}")[:MAX_HEADINGS]
    ]
    for key in ("og:title", "twitter:title", "og:site_name"):
        found += [(key, v) for v in root.xpath("//meta[@property=$k or @name=$k]/@content", k=key)]
    found += [("json-ld", v) for key in ("headline", "name") for v in json_ld_values(root, key)]
    found += [("microdata", text_of(e)) for e in root.xpath("//*[@itemprop='headline']")]
    found += [("breadcrumb", text) for text in breadcrumb_ends(root, url)]
    title = root.find(".//title")
    if title is not None:
        found.append(("title", text_of(title)))
        parts = [p.strip() for p in TITLE_SEPARATORS.split(text_of(title)) if p.strip()]
        found += [(f"title-part{i}", part) for i, part in enumerate(parts)] if len(parts) > 1 else []
    return found


def miss_class(ours: str | None, truth: str, found: list[tuple[str, str]]) -> str:
    """Which of the page's titles WCXB's is, for a title of ours that differs from it."""
    origins = {origin.split("-chrome")[0] for origin, text in found if same_text(text, truth)}
    sites = {text.casefold() for origin, text in found if origin == "og:site_name"}
    low, true = (ours or "").casefold(), truth.casefold()
    if not ours:
        return "no title stored (page refused)"
    if same_text(ours, truth, typographic=True):
        if origins:
            return "typographic only: another source of the page has WCXB's spelling"
        return "typographic only: WCXB straightened the page's ’ (no source of the page has it straight)"
    if low == true:
        return "letter case only"
    if true in sites or (origins and all(o.startswith("title-part") and o != "title-part0" for o in origins)):
        return "WCXB's title is the site's name"
    if origins == {"title"} and true.startswith(low):
        return "WCXB kept the <title>'s site suffix"
    if true in low:
        return "WCXB cut a subtitle or suffix the page's heading carries"
    if low in true:
        return "ours is a part of WCXB's"
    if origins & {"h1", "h2"}:
        return "WCXB took the visible heading; we metadata or another heading"
    if origins & {"og:title", "twitter:title", "json-ld", "microdata"}:
        return "WCXB took og:title/JSON-LD; we the visible heading"
    if origins:
        return "WCXB took the <title> or a part; heading and og:title say otherwise"
    if any(same_text(text, truth, typographic=True) for _, text in found):
        return "on the page only up to typography"
    return "on no candidate of the page"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subset", choices=("all", "dev", "held-out"), default="all")
    parser.add_argument("--list", action="store_true", help="print every miss with its candidates")
    args = parser.parse_args(argv)
    pages = body_bench.load_wcxb(body_bench.DATA["wcxb"], args.subset)
    classes: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        ours = metadata_bench.ours(page)[0]
        if same_text(ours, page["title"]):
            continue
        found = candidates(page["html"], page["url"])
        kind = miss_class(ours, page["title"], found)
        classes[kind].append(page["id"])
        if args.list:
            print(f"{page['id']} [{kind}]\n  WCXB: {page['title']!r}\n  ours: {ours!r}")
            for origin, text in found:
                mark = "==" if same_text(text, page["title"]) else "  "
                mark = "~=" if mark == "  " and same_text(text, page["title"], typographic=True) else mark
                print(f"   {mark} {origin}: {text[:160]!r}")
    misses = sum(len(ids) for ids in classes.values())
    print(f"WCXB articles: {len(pages)} pages, {len(pages) - misses} titles exact, {misses} misses")
    for kind, ids in sorted(classes.items(), key=lambda item: -len(item[1])):
        print(f"{len(ids):4}  {kind}: {' '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
