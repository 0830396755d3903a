"""How fast `pressarchive serve` answers a researcher on a large archive, measured through the running
server over HTTP: start-up time, and p50/p95 latency of an FTS search, a faceted table page, the monthly
chart query and an article page, beside a trivial `select 1` page (the floor) in the same run.

    .venv/bin/python bench/serve.py --articles 100000

Goal: start-up under 3 s and p95 under 200 ms for each page on a 2-core machine. Writes
bench/results/serve.json.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results_file import add_json_option, write_json  # noqa: E402
from bench.synthetic import build  # noqa: E402
from commands.serve import served  # noqa: E402


def pages(db_name: str, articles: int, rng: random.Random) -> dict:
    """Each measured page as a function giving the next URL path (article pages vary the id)."""
    search = "/search.json?q=troops&since=2019-01-01&until=&service=army&source=&language=&_shape=array"
    return {
        "floor: select 1": lambda: f"/{db_name}.json?sql=select+1",
        "FTS search (canned, filtered)": lambda: f"/{db_name}{search}",
        "faceted table page": lambda: f"/{db_name}/articles?_facet=source&_facet=service&_facet=language",
        "monthly chart query": lambda: f"/{db_name}/releases_per_month.json",
        "article page": lambda: f"/{db_name}/articles/{rng.randint(1, articles)}",
    }


def measure(base: str, path_of, requests: int) -> list[float]:
    for _ in range(3):  # warm the page cache and Datasette's own caches first
        urllib.request.urlopen(base + path_of(), timeout=60).read()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        urllib.request.urlopen(base + path_of(), timeout=60).read()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    add_json_option(parser, "serve")
    args = parser.parse_args()
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        db = build(Path(folder) / "bench.db", args.articles)
        print(f"built a {args.articles}-article archive in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with served(db) as (base, _):
            startup = time.perf_counter() - started
            results = {
                name: measure(base, path_of, args.requests)
                for name, path_of in pages(db.stem, args.articles, rng).items()
            }
    floor = statistics.median(results["floor: select 1"])
    print(f"\nstart-up: {startup:.2f} s (goal < 3 s)\n")
    print(f"{'page':<32}{'p50 ms':>9}{'p95 ms':>9}{'p50 / floor':>13}")
    figures = {"articles": args.articles, "startup_s": round(startup, 2), "pages": {}}
    for name, times in results.items():
        p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
        figures["pages"][name] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
        print(f"{name:<32}{p50:>9.1f}{p95:>9.1f}{p50 / floor:>13.1f}")
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
