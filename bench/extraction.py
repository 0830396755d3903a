"""Article-body extraction benchmark: our extractor against the libraries it builds on, on two sets.

Run from the repo root:

    .venv/bin/python bench/extraction.py [--sets scrapinghub,wcxb] [--json FILE] [--subset all|dev|held-out]
                                         [--passes N] [--slowest N] [--outputs FILE] [--compare FILE]

Two development sets, reported separately, because a rule that helps one and hurts the other is fitted to
one set rather than to the web: the Scrapinghub article-extraction benchmark (181 pages, 2019) and the
article pages of WCXB's development split (711 pages, 2025). Their data and metrics are described in each
folder's README.md. The shingle metric reproduces the Scrapinghub evaluation (word 4-gram shingles,
per-page normalised TP/FP/FN, F1 as the harmonic mean of mean precision and mean recall) so our figures
compare with published ones; on WCXB the script also reports WCXB's own word F1 (bags of lower-cased
words, averaged over pages) and its snippet checks (share of `with` snippets found, of `without` snippets
present). The slowest pages of our extractor are listed with their time: extraction must grow linearly
with page size.

All extractors run in the same process over the same pages. Speeds on a shared
2-core machine drift by tens of percent within a run, so the extractors take
turns page by page (in a rotating order) and every page is run several times
(--passes): an extractor's time is the sum over pages of its fastest run of each
page, which keeps a burst of background load from landing on one extractor only.
The quality scores come from the first pass (every extractor is deterministic).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura
from readability import Document

REPO_ROOT = Path(__file__).resolve().parents[1]
# ../shared/bench beside the checkout (a git worktree sits one level deeper, so the nearest one up counts).
SHARED = next(
    (parent / "shared/bench" for parent in REPO_ROOT.parents if (parent / "shared/bench").is_dir()),
    REPO_ROOT.parent / "shared/bench",
)
DATA = {"scrapinghub": SHARED / "article-extraction", "wcxb": SHARED / "wcxb-dev-articles"}
sys.path.insert(0, str(REPO_ROOT))

from extraction.body_text import extract_body  # noqa: E402

TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4
# Fixed seed: the dev / held-out split must be the same in every run, so tuning
# done on "dev" can be checked honestly on pages it never saw.
SPLIT_SEED = 20240601
DEV_SHARE = 2 / 3

Extractor = Callable[[str, str], str]


# --- metric ------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(text: str) -> Counter:
    """Multiset of 4-token shingles; a text shorter than that is one shorter shingle
    (and an empty text has none), as in the upstream evaluation."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE_SIZE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1))


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    """TP, FP, FN over shingles, divided by their sum so every page weighs the same."""
    true_sh, pred_sh = shingles(truth), shingles(pred)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(truths: list[str], preds: list[str]) -> dict[str, float]:
    """Precision averages only pages with some prediction (an empty output costs
    recall alone); F1 is the harmonic mean of the two means, not a mean of F1s."""
    counts = [page_counts(t, p) for t, p in zip(truths, preds, strict=True)]
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(tokenize(t) == tokenize(p) for t, p in zip(truths, preds, strict=True)) / len(truths)
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


# --- extractors under test -----------------------------------------------------------

# fmt: off
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
})
# fmt: on


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment with a line break at each block boundary, so
    words from adjacent blocks never fuse into one token."""
    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    parts: list[str] = []

    def walk(el) -> None:
        block = isinstance(el.tag, str) and el.tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def run_pressarchive(html: str, url: str) -> str:
    return extract_body(html, url)


def run_trafilatura(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def run_trafilatura_no_comments(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url, include_comments=False) or ""


def run_readability(html: str, url: str) -> str:
    # as upstream runs it: without the URL, which only makes links absolute
    return html_to_text(Document(html).summary(html_partial=True))


EXTRACTORS: dict[str, Extractor] = {
    "pressarchive": run_pressarchive,
    "trafilatura": run_trafilatura,
    "trafilatura-no-comments": run_trafilatura_no_comments,
    "readability": run_readability,
}


# --- WCXB's own metrics --------------------------------------------------------------


def word_f1(truth: str, pred: str) -> float:
    """WCXB's page score: F1 between bags of lower-cased words (an empty output scores 0)."""
    true_bag, pred_bag = Counter(tokenize(truth.lower())), Counter(tokenize(pred.lower()))
    common = sum((true_bag & pred_bag).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred_bag.values()), common / sum(true_bag.values())
    return 2 * precision * recall / (precision + recall)


def snippet_rates(pages: list[dict], preds: list[str]) -> tuple[float, float]:
    """Share of `with` snippets found and of `without` snippets present (whitespace-normalised)."""
    found = wanted = leaked = unwanted = 0
    for page, pred in zip(pages, preds, strict=True):
        text = " ".join(pred.split())
        for snippet in page["with"]:
            wanted += 1
            found += " ".join(snippet.split()) in text
        for snippet in page["without"]:
            unwanted += 1
            leaked += " ".join(snippet.split()) in text
    return found / max(wanted, 1), leaked / max(unwanted, 1)


# --- running -------------------------------------------------------------------------


def _split(ids: list[str], subset: str) -> list[str]:
    if subset == "all":
        return ids
    shuffled = ids[:]
    random.Random(SPLIT_SEED).shuffle(shuffled)
    cut = round(len(shuffled) * DEV_SHARE)
    chosen = set(shuffled[:cut] if subset == "dev" else shuffled[cut:])
    return [i for i in ids if i in chosen]


def _read(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.read()


def load_scrapinghub(data: Path, subset: str) -> list[dict]:
    """Every page as {id, url, html, body}, in a stable order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        {
            "id": page_id,
            "url": truth[page_id]["url"],
            "html": _read(data / "html" / f"{page_id}.html.gz"),
            "body": truth[page_id]["articleBody"],
        }
        for page_id in _split(sorted(truth), subset)
    ]


def load_wcxb(data: Path, subset: str) -> list[dict]:
    """Every page with a true body as {id, url, html, body, with, without, title, date}."""
    pages = []
    ids = sorted(path.name.split(".")[0] for path in (data / "html").glob("*.html.gz"))
    for page_id in _split(ids, subset):
        record = json.loads((data / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        if not truth.get("main_content"):
            continue
        pages.append(
            {
                "id": page_id,
                "url": record["url"],
                "html": _read(data / "html" / f"{page_id}.html.gz"),
                "body": truth["main_content"],
                "with": truth.get("with") or [],
                "without": truth.get("without") or [],
                "title": truth.get("title"),
                "date": truth.get("publish_date"),
            }
        )
    return pages


LOADERS = {"scrapinghub": load_scrapinghub, "wcxb": load_wcxb}


def run_all(pages, passes: int) -> tuple[dict[str, list[str]], dict[str, list[float]]]:
    """First-pass outputs and each page's best time, per extractor."""
    names = list(EXTRACTORS)
    outputs: dict[str, list[str]] = {name: [] for name in names}
    best = {name: [float("inf")] * len(pages) for name in names}
    turn = 0
    for pass_no in range(passes):
        for index, page in enumerate(pages):
            # rotate who goes first, so no extractor always meets cold caches
            turn += 1
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                start = time.perf_counter()
                text = EXTRACTORS[name](page["html"], page["url"])
                best[name][index] = min(best[name][index], time.perf_counter() - start)
                if pass_no == 0:
                    outputs[name].append(text)
    return outputs, best


def bench_set(name: str, pages: list[dict], passes: int, slowest: int) -> dict:
    """Score every extractor on one set and print its table; the scores, for --json."""
    truths = [p["body"] for p in pages]
    outputs, times = run_all(pages, passes)
    results = {}
    for extractor, texts in outputs.items():
        metrics = score(truths, texts)
        metrics["pages_per_second"] = len(pages) / sum(times[extractor])
        metrics["empty"] = sum(not out.strip() for out in texts)
        if "with" in pages[0]:
            metrics["word_f1"] = sum(map(word_f1, truths, texts)) / len(pages)
            metrics["with_found"], metrics["without_present"] = snippet_rates(pages, texts)
        results[extractor] = metrics
    wcxb = "word_f1" in results["pressarchive"]
    print(f"\n{name}: {len(pages)} pages, speed from the fastest of {passes} run(s) of each page")
    header = f"{'extractor':<24} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8} "
    header += f"{'pages/s':>8} {'empty':>5}"
    header += f" {'word F1':>7} {'with':>6} {'without':>7}" if wcxb else ""
    print(header)
    print("-" * len(header))
    for extractor, m in results.items():
        line = (
            f"{extractor:<24} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} "
            f"{m['accuracy']:>8.3f} {m['pages_per_second']:>8.1f} {m['empty']:>5d}"
        )
        if wcxb:
            line += f" {m['word_f1']:>7.3f} {m['with_found']:>6.3f} {m['without_present']:>7.3f}"
        print(line)
    ratio = results["pressarchive"]["pages_per_second"] / results["trafilatura"]["pages_per_second"]
    lost = sum(
        bool(t.strip()) and not o.strip()
        for t, o in zip(outputs["trafilatura"], outputs["pressarchive"], strict=True)
    )
    print(f"speed of pressarchive / plain trafilatura: {ratio:.2f}")
    print(f"pages where trafilatura is non-empty but pressarchive is empty: {lost}")
    ranked = sorted(range(len(pages)), key=lambda i: times["pressarchive"][i], reverse=True)[:slowest]
    print(
        "slowest pages (pressarchive): "
        + ", ".join(
            f"{pages[i]['id'][:12]} {len(pages[i]['html']) // 1024} KB {times['pressarchive'][i]:.2f} s"
            for i in ranked
        )
    )
    keys = ("precision", "recall", "f1", "accuracy", "pages_per_second", "empty", "word_f1", "with_found")
    return {
        "outputs": {page["id"]: text for page, text in zip(pages, outputs["pressarchive"], strict=True)},
        "extractors": {
            e: {k: m[k] for k in (*keys, "without_present") if k in m} for e, m in results.items()
        },
        "pages": len(pages),
        "speed_ratio_vs_trafilatura": ratio,
        "empty_where_trafilatura_is_not": lost,
        "slowest": [[pages[i]["id"], times["pressarchive"][i]] for i in ranked],
    }


def page_f1(truth: str, pred: str) -> float:
    tp, fp, fn = page_counts(truth, pred)
    precision, recall = _precision(tp, fp, fn), _recall(tp, fp, fn)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def compare(name: str, pages: list[dict], outputs: dict[str, str], saved: dict[str, str]) -> None:
    """Every page whose body differs from a saved run's (`--outputs`), with its F1 then and now: a
    change meant to be pure speed must list none, and a rule's gains and losses are counted by page."""
    changed = [p for p in pages if p["id"] in saved and saved[p["id"]] != outputs[p["id"]]]
    gains = losses = 0
    for page in changed:
        before, after = page_f1(page["body"], saved[page["id"]]), page_f1(page["body"], outputs[page["id"]])
        gains += after > before
        losses += after < before
        print(f"  {page['id']}: F1 {before:.3f} -> {after:.3f}")
    print(f"{name}: {len(changed)} of {len(pages)} pages differ from the saved run", end=" ")
    print(f"({gains} better, {losses} worse)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="scrapinghub,wcxb", help="comma-separated: scrapinghub, wcxb")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    parser.add_argument(
        "--subset",
        choices=("all", "dev", "held-out"),
        default="all",
        help="all pages, or the fixed 2/3 development share, or the 1/3 held out from tuning",
    )
    parser.add_argument("--passes", type=int, default=3, help="runs of each page (the fastest one counts)")
    parser.add_argument("--slowest", type=int, default=5, help="how many of our slowest pages to list")
    parser.add_argument("--outputs", type=Path, help="write our body of every page to this JSON file")
    parser.add_argument("--compare", type=Path, help="list the pages whose body differs from --outputs' file")
    args = parser.parse_args(argv)
    payload = {"subset": args.subset}
    saved = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else {}
    for name in args.sets.split(","):
        pages = LOADERS[name](DATA[name], args.subset)
        payload[name] = bench_set(name, pages, args.passes, args.slowest)
        if args.compare:
            compare(name, pages, payload[name]["outputs"], saved.get(name, {}))
    if args.outputs:
        bodies = {name: payload[name]["outputs"] for name in args.sets.split(",")}
        args.outputs.write_text(json.dumps(bodies, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in args.sets.split(","):
        del payload[name]["outputs"]
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
