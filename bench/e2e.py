"""End to end: `pressarchive crawl` of a generated mirror (bench/mirror.py) into a fresh archive, beside
the floor (trafilatura extraction alone over the same saved release pages, in one process), in one run.
Also, with --scaling, the same crawl into archives already holding 1k, 10k and 100k articles: time per
new article and peak memory at each size.

    .venv/bin/python bench/e2e.py --releases 2000                  # the quick figure (make bench)
    .venv/bin/python bench/e2e.py --releases 10000                 # memory of a 10k-release crawl
    .venv/bin/python bench/e2e.py --releases 500 --scaling 1000,10000,100000

The politeness delay is off (the mirror is on loopback, so the CLI drops it). Writes
bench/results/e2e.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.mirror import Mirror  # noqa: E402
from bench.synthetic import build  # noqa: E402
from commands.site_server import file_name_for  # noqa: E402


def release_files(mirror: Mirror) -> list[Path]:
    return [mirror.sites[r.site] / file_name_for(r.path) for r in mirror.releases if not r.withdrawn]


def floor_seconds(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        trafilatura.extract(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def crawl(mirror: Mirror, urls: dict, db: Path) -> dict:
    """One real CLI crawl; wall seconds, peak RSS of the crawl process, and its JSON summary."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = mirror.crawl(urls, db, "--json")
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"crawl failed ({done.returncode}): {done.stderr[-2000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    runs = json.loads(done.stdout)["runs"]
    new = sum(run.get("new") or 0 for run in runs) + sum(run.get("copies_added") or 0 for run in runs)
    fetched = sum(run.get("pages_fetched") or 0 for run in runs)
    return {"seconds": seconds, "peak_rss_mb": max(peak_kb, before) / 1024, "new": new, "fetched": fetched}


def end_to_end(releases: int, workdir: Path) -> dict:
    mirror = Mirror(workdir / "mirror", releases=releases)
    files = release_files(mirror)
    floor = floor_seconds(files)
    with mirror.serve() as urls:
        result = crawl(mirror, urls, workdir / "archive.db")
    result.update(floor_seconds=floor, pages=len(files), ratio=result["seconds"] / floor)
    return result


def scaling(releases: int, sizes: list[int], workdir: Path) -> dict:
    """The same new releases crawled into archives of growing size; each size in a fresh copy."""
    mirror = Mirror(workdir / "mirror", releases=releases)
    figures = {}
    for size in sizes:
        db = workdir / f"prefilled-{size}.db"
        build(db, size, seed=size)
        subprocess.run(
            [sys.executable, "-c", "from commands.cli import main; main()", "dedup", "--db", str(db)],
            capture_output=True,
            check=False,
            cwd=ROOT,
        )  # give the synthetic articles their near-duplicate index, as a crawl would have
        with mirror.serve() as urls:
            result = crawl(mirror, urls, db)
        result["ms_per_article"] = 1000 * result["seconds"] / max(1, result["new"])
        figures[size] = result
        db.unlink()
        shutil.rmtree(workdir / "mirror" / "logs", ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--scaling", help="comma-separated archive sizes, e.g. 1000,10000,100000")
    args = parser.parse_args()
    figures: dict = {"releases": args.releases}
    with tempfile.TemporaryDirectory() as folder:
        e2e = end_to_end(args.releases, Path(folder) / "e2e")
        figures["end_to_end"] = e2e
        print(
            f"crawl of {e2e['pages']} release pages ({e2e['fetched']} fetched): {e2e['seconds']:.1f} s, "
            f"{e2e['fetched'] / e2e['seconds']:.1f} pages/s, peak RSS {e2e['peak_rss_mb']:.0f} MB"
        )
        print(
            f"floor (trafilatura alone, same pages): {e2e['floor_seconds']:.1f} s -> crawl / floor "
            f"{e2e['ratio']:.2f} (goal <= 1.5)"
        )
        if args.scaling:
            sizes = [int(size) for size in args.scaling.split(",")]
            figures["scaling"] = scaling(args.releases, sizes, Path(folder) / "scaling")
            first = figures["scaling"][sizes[0]]["ms_per_article"]
            print(f"\n{'archive size':>12}{'ms/new article':>16}{'× smallest':>12}{'peak RSS MB':>13}")
            for size, f in figures["scaling"].items():
                print(
                    f"{size:>12}{f['ms_per_article']:>16.1f}{f['ms_per_article'] / first:>12.2f}"
                    f"{f['peak_rss_mb']:>13.0f}"
                )
    out = ROOT / "bench" / "results" / "e2e.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
