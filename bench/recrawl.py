"""What a nightly re-run costs the sites: requests and seconds, beside a `--full` re-walk in the same run.

Against a local mirror (bench/mirror.py, default 2,000 releases: ISPR markup with three listing
categories, and a WordPress-style site), after one first crawl:

1. a re-run the same day with no new releases (goal: at most listing entry points + 2 requests per source);
2. a re-run after 5 new releases (goal: those 5, plus the listing pages);
3. a re-run a month later, when the re-check slice comes due (entry points + 2 + --recheck-limit);
4. `--full`, the old behaviour of every run, for the ratio.

    .venv/bin/python bench/recrawl.py --releases 2000

Writes bench/results/recrawl.json. The first crawl takes a few minutes (every page is extracted).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.mirror import Mirror, age_archive  # noqa: E402
from bench.results_file import add_json_option, write_json  # noqa: E402

ENTRY_POINTS = {"ispr": 3, "news": 1}  # listing start pages per source


def crawl(mirror: Mirror, urls: dict, db: Path, *extra: str) -> dict:
    """One real CLI run; requests per source (from the servers' logs), seconds, and the JSON summary."""
    before = {name: len(server.requests) for name, server in mirror.servers.items()}
    began = time.perf_counter()
    result = mirror.crawl(urls, db, "--json", *extra)
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"crawl failed ({result.returncode}): {result.stderr[-2000:]}")
    summary = json.loads(result.stdout)
    requests = {name: len(server.requests) - before[name] for name, server in mirror.servers.items()}
    paths = {name: [p for p, _ in server.requests[before[name] :]] for name, server in mirror.servers.items()}
    return {"requests": requests, "seconds": round(seconds, 1), "runs": summary["runs"], "paths": paths}


def measure(releases: int, recheck_limit: int, workdir: Path) -> dict:
    mirror = Mirror(workdir / "mirror", releases=releases)
    db = workdir / "archive.db"
    results = {}
    with mirror.serve() as urls:
        results["first crawl"] = crawl(mirror, urls, db)
        results["same day, nothing new"] = crawl(mirror, urls, db)
        added = mirror.advance(new=5)["new"]
        results["next day, 5 new"] = crawl(mirror, urls, db)
        new_paths = {r.path for r in added}
        fetched = {p for ps in results["next day, 5 new"]["paths"].values() for p in ps if "archive" not in p}
        results["next day, 5 new"]["new_releases_fetched"] = len(new_paths & fetched)
        age_archive(db, 31)
        results["a month later, re-check slice due"] = crawl(
            mirror, urls, db, "--recheck-limit", str(recheck_limit)
        )
        results["--full"] = crawl(mirror, urls, db, "--full")
    return results


def report(results: dict, releases: int, recheck_limit: int) -> str:
    full = sum(results["--full"]["requests"].values())
    lines = [
        f"mirror of {releases} releases; goal for a quiet night: entry points + 2 per source "
        f"({', '.join(f'{k} {v + 2}' for k, v in ENTRY_POINTS.items())}), plus the re-check slice "
        f"(--recheck-limit {recheck_limit} per source when due)",
        f"{'run':38} {'ispr':>6} {'news':>6} {'total':>6} {'vs --full':>9} {'seconds':>8}",
    ]
    for name, result in results.items():
        total = sum(result["requests"].values())
        lines.append(
            f"{name:38} {result['requests']['ispr']:>6} {result['requests']['news']:>6} {total:>6} "
            f"{total / full:>9.3f} {result['seconds']:>8}"
        )
    lines.append(
        f"new releases fetched on the 5-new night: {results['next day, 5 new']['new_releases_fetched']} of 5"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--recheck-limit", type=int, default=100)
    add_json_option(parser, "recrawl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recrawl-") as workdir:
        results = measure(args.releases, args.recheck_limit, Path(workdir))
    print(report(results, args.releases, args.recheck_limit))
    for result in results.values():
        result.pop("paths")
    write_json(args.json, {"releases": args.releases, "results": results})


if __name__ == "__main__":
    main()
