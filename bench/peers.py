"""pressarchive's extraction beside its peer and its floor, on the same saved pages of a generated mirror
(bench/mirror.py: the ISPR markup family and a WordPress-style site) whose true titles, dates and texts
are known:

- pressarchive: `extraction.process`, everything a crawl does to a page (validation, fields, dates, keys);
- the floor: `trafilatura.extract` alone (text only);
- the peer: news-please's `NewsPlease.from_html`, in its own virtualenv (`.venv-peers`, pinned in
  bench/peers.lock; `make bench` makes it), fed the same files.

    .venv/bin/python bench/peers.py --releases 2000

Prints time per page and accuracy (title exact, date exact, body word-F1 and exact) for each; writes
bench/results/peers.json.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.mirror import Mirror  # noqa: E402
from commands.site_server import file_name_for  # noqa: E402
from crawlers.sources import load_registry  # noqa: E402
from extraction import Article, Page, process  # noqa: E402

BASE = {"ispr": "http://127.0.0.1:8101", "news": "http://127.0.0.1:8102"}
WORD = re.compile(r"\w+")
PEER_PYTHON = ROOT / ".venv-peers" / "bin" / "python"


def saved_pages(mirror: Mirror) -> list[dict]:
    """Every live release of the mirror: its file, URL and truth."""
    pages = []
    for release in mirror.releases:
        if release.withdrawn:
            continue
        pages.append(
            {
                "site": release.site,
                "url": BASE[release.site] + release.path,
                "file": str(mirror.sites[release.site] / file_name_for(release.path)),
                "title": release.title,
                "date": release.published.isoformat(),
                "body": "\n\n".join(release.paragraphs),
            }
        )
    return pages


def ours(pages: list[dict], sources: dict) -> list[dict]:
    results = []
    for page in pages:
        raw = Path(page["file"]).read_bytes()
        started = time.perf_counter()
        fetched = Page(page["site"], page["url"], 200, "text/html; charset=utf-8", raw, "utf-8", "")
        outcome = process(fetched, sources[page["site"]])
        seconds = time.perf_counter() - started
        if isinstance(outcome, Article):
            results.append(
                {"title": outcome.title, "date": outcome.published, "body": outcome.body, "seconds": seconds}
            )
        else:
            results.append({"title": None, "date": None, "body": "", "seconds": seconds})
    return results


def floor(pages: list[dict]) -> list[dict]:
    results = []
    for page in pages:
        html = Path(page["file"]).read_text(encoding="utf-8")
        started = time.perf_counter()
        body = trafilatura.extract(html, url=page["url"]) or ""
        results.append({"title": None, "date": None, "body": body, "seconds": time.perf_counter() - started})
    return results


def peer(pages: list[dict], python: Path) -> list[dict] | None:
    if not python.exists():
        print(f"news-please skipped: {python} is missing (make bench creates it from bench/peers.lock)")
        return None
    tasks = "".join(json.dumps({"url": p["url"], "file": p["file"]}) + "\n" for p in pages)
    worker = ROOT / "bench" / "newsplease_worker.py"
    done = subprocess.run([str(python), str(worker)], input=tasks, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def word_f1(got: str, want: str) -> float:
    got_words, want_words = WORD.findall(got.lower()), WORD.findall(want.lower())
    if not got_words or not want_words:
        return float(got_words == want_words)
    common = sum(min(got_words.count(w), want_words.count(w)) for w in set(got_words))
    precision, recall = common / len(got_words), common / len(want_words)
    return 2 * precision * recall / (precision + recall) if common else 0.0


def same_words(got: str | None, want: str) -> bool:
    return bool(got) and WORD.findall(got.lower()) == WORD.findall(want.lower())


def score(pages: list[dict], results: list[dict]) -> dict:
    return {
        "ms_per_page": 1000 * statistics.median(r["seconds"] for r in results),
        "total_s": sum(r["seconds"] for r in results),
        "title_exact": statistics.mean(
            same_words(r["title"], p["title"]) for p, r in zip(pages, results, strict=True)
        ),
        "date_exact": statistics.mean(r["date"] == p["date"] for p, r in zip(pages, results, strict=True)),
        "body_f1": statistics.mean(
            word_f1(r["body"], p["body"]) for p, r in zip(pages, results, strict=True)
        ),
        "body_exact": statistics.mean(
            same_words(r["body"], p["body"]) for p, r in zip(pages, results, strict=True)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--peer-python", type=Path, default=PEER_PYTHON)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        mirror = Mirror(Path(folder) / "mirror", releases=args.releases)
        registry = load_registry(mirror.registry(BASE))
        sources = {"ispr": registry["ispr"].with_base_url(BASE["ispr"]), "news": registry["news"]}
        pages = saved_pages(mirror)
        figures = {
            "pages": len(pages),
            "pressarchive": score(pages, ours(pages, sources)),
            "trafilatura (floor)": score(pages, floor(pages)),
        }
        peer_results = peer(pages, args.peer_python)
        if peer_results is not None:
            figures["news-please"] = score(pages, peer_results)
    print(f"{len(pages)} saved release pages of the mirror ({args.releases} releases)\n")
    print(
        f"{'extractor':<22}{'ms/page':>9}{'× floor':>9}{'titles':>8}{'dates':>8}{'body F1':>9}{'bodies':>8}"
    )
    floor_ms = figures["trafilatura (floor)"]["ms_per_page"]
    for name, f in figures.items():
        if name == "pages":
            continue
        print(
            f"{name:<22}{f['ms_per_page']:>9.2f}{f['ms_per_page'] / floor_ms:>9.2f}{f['title_exact']:>8.3f}"
            f"{f['date_exact']:>8.3f}{f['body_f1']:>9.3f}{f['body_exact']:>8.3f}"
        )
    out = ROOT / "bench" / "results" / "peers.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
