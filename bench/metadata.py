"""Title and date extraction on WCXB's article pages: ours against trafilatura's metadata and htmldate.

Run from the repo root:

    .venv/bin/python bench/metadata.py [--subset all|dev|held-out] [--slowest N]

Each page goes through `extraction.process` as a crawl of an unknown (non-Pakistani) site would send it,
so what is scored is what would be stored. In the same run, `trafilatura.bare_extraction(
with_metadata=True)` gives its title, date and text, and `htmldate.find_date` its date. Scores:

- titles exact: the stored title equals WCXB's (whitespace collapsed, Unicode NFC); the goal is judged on
  this column;
- titles ~typo: the same, but equal up to typographic quotes and dashes (’ and ', – and -), since WCXB
  straightens some of the page's ’ and keeps others, while we store the page's own characters; computed
  the same way for every extractor, for information only;
- dates exact: on pages with a true date, the stored date equals it;
- no date kept: on pages WCXB gives no date, the share where nothing was stored (a wrong date is worse
  than none);
- body word F1: WCXB's own body metric, for the text each one returns.

The slowest pages of our extraction are printed with their time, since field extraction must grow
linearly with page size.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawlers.sources import Source  # noqa: E402
from extraction import Article, Page, process  # noqa: E402

# The body bench's loader and metric (its file name is the extraction package's, so load it by path).
_spec = importlib.util.spec_from_file_location("body_bench", ROOT / "bench" / "extraction.py")
body_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(body_bench)


# Typographic quotes and dashes and the plain characters they stand for.
TYPOGRAPHIC = str.maketrans(
    {**dict.fromkeys("‘’‚‛", "'"), **dict.fromkeys("“”„‟", '"'), **dict.fromkeys("‐‑‒–—―", "-")}
)


def same_text(a: str | None, b: str | None, typographic: bool = False) -> bool:
    norm = lambda s: " ".join(unicodedata.normalize("NFC", s or "").split())  # noqa: E731
    if typographic:
        a, b = a and norm(a).translate(TYPOGRAPHIC), b and norm(b).translate(TYPOGRAPHIC)
    return bool(a) and bool(b) and norm(a) == norm(b)


def ours(page: dict) -> tuple[str | None, str | None, str]:
    parts = urlsplit(page["url"])
    source = Source("bench", "", f"{parts.scheme}://{parts.netloc}", ("/",), ".")
    raw = page["html"].encode("utf-8")
    outcome = process(Page("bench", page["url"], 200, "text/html", raw, "utf-8", ""), source)
    if not isinstance(outcome, Article):
        return None, None, ""
    return outcome.title, outcome.published, outcome.body


def theirs(page: dict) -> tuple[str | None, str | None, str]:
    doc = trafilatura.bare_extraction(page["html"], url=page["url"], with_metadata=True)
    if doc is None:
        return None, None, ""
    return doc.title, doc.date, doc.text or ""


def htmldate(page: dict) -> tuple[None, str | None, str]:
    return None, find_date(page["html"], url=page["url"], original_date=True), ""


RUNNERS = {"pressarchive": ours, "trafilatura": theirs, "htmldate": htmldate}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subset", choices=("all", "dev", "held-out"), default="all")
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args(argv)
    pages = body_bench.load_wcxb(body_bench.DATA["wcxb"], args.subset)
    results = {name: [] for name in RUNNERS}
    times = {name: [] for name in RUNNERS}
    for page in pages:
        for name, run in RUNNERS.items():
            started = time.perf_counter()
            results[name].append(run(page))
            times[name].append(time.perf_counter() - started)
    dated = [i for i, p in enumerate(pages) if p["date"]]
    undated = [i for i, p in enumerate(pages) if not p["date"]]
    print(f"WCXB articles: {len(pages)} pages, {len(dated)} with a true date, {len(undated)} without")
    header = (
        f"{'extractor':<14} {'titles':>7} {'~typo':>7} {'dates':>7} {'no date kept':>12} {'body wF1':>8} "
    )
    header += f"{'pages/s':>8}"
    print(header)
    print("-" * len(header))
    for name, found in results.items():
        titles = sum(same_text(f[0], p["title"]) for f, p in zip(found, pages, strict=True)) / len(pages)
        loose = sum(same_text(f[0], p["title"], True) for f, p in zip(found, pages, strict=True)) / len(pages)
        dates = sum(found[i][1] == pages[i]["date"] for i in dated) / max(len(dated), 1)
        none_kept = sum(not found[i][1] for i in undated) / max(len(undated), 1)
        body = sum(body_bench.word_f1(p["body"], f[2]) for f, p in zip(found, pages, strict=True)) / len(
            pages
        )
        speed = len(pages) / sum(times[name])
        title_cell = f"{titles:>7.3f} {loose:>7.3f}" if name != "htmldate" else f"{'-':>7} {'-':>7}"
        body_cell = f"{body:>8.3f}" if name != "htmldate" else f"{'-':>8}"
        print(f"{name:<14} {title_cell} {dates:>7.3f} {none_kept:>12.3f} {body_cell} {speed:>8.1f}")
    ranked = sorted(range(len(pages)), key=lambda i: times["pressarchive"][i], reverse=True)[: args.slowest]
    print(
        "slowest pages (pressarchive): "
        + ", ".join(
            f"{pages[i]['id']} {len(pages[i]['html']) // 1024} KB {times['pressarchive'][i]:.2f} s"
            for i in ranked
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
