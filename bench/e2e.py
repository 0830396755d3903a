"""End to end: `pressarchive crawl` of a generated mirror (bench/mirror.py) into a fresh archive, beside
the floor (trafilatura extraction alone over the same saved release pages, in one process), in one run.
Also, with --scaling, the same crawl into archives already holding 1k, 10k and 100k articles: time per
new article and peak memory at each size.

    .venv/bin/python bench/e2e.py --releases 2000                  # the quick figure (make bench)
    .venv/bin/python bench/e2e.py --releases 10000                 # memory of a 10k-release crawl
    .venv/bin/python bench/e2e.py --releases 2000 --stages         # extraction in the crawl vs alone
    .venv/bin/python bench/e2e.py --releases 500 --scaling 1000,10000,100000
    .venv/bin/python bench/e2e.py --releases 500 --scaling 1000,10000,100000 --prefill dedup

The politeness delay is off (the mirror is on loopback, so the CLI drops it). Writes
bench/results/e2e.json.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
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
from bench.results_file import add_json_option, write_json  # noqa: E402
from bench.stage_probe import STAGE_PROBE  # noqa: E402
from bench.synthetic import build  # noqa: E402
from commands.site_server import file_name_for  # noqa: E402
from crawlers.sources import load_registry  # noqa: E402
from extraction import process  # noqa: E402
from extraction.page import Page  # noqa: E402


def release_files(mirror: Mirror) -> list[Path]:
    return [mirror.sites[r.site] / file_name_for(r.path) for r in mirror.releases if not r.withdrawn]


def floor_seconds(files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of trafilatura alone over the saved pages, in this process."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in files:
        trafilatura.extract(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started, time.process_time() - cpu


def run_measured(command: list[str]) -> subprocess.CompletedProcess:
    """Run `command` from the repo root, stdout and stderr apart (the crawl's JSON summary is its stdout),
    keeping its own resource usage: peak RSS and CPU of that process alone (RUSAGE_CHILDREN would give the
    largest of every child so far, the pre-fill's included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        done = subprocess.CompletedProcess(
            command, process.returncode, out.read().decode(), err.read().decode()
        )
    done.usage = usage
    return done


def usage(done: subprocess.CompletedProcess, started: float) -> dict:
    """Wall and CPU seconds and peak RSS of one measured process. CPU time is the steadier figure on a
    shared machine: other jobs stretch wall time, not CPU time."""
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": done.usage.ru_utime + done.usage.ru_stime,
        "peak_rss_mb": done.usage.ru_maxrss / 1024,
    }


def crawl(mirror: Mirror, urls: dict, db: Path, *extra: str) -> dict:
    """One real CLI crawl: its usage and its JSON summary's new articles and pages fetched."""
    started = time.perf_counter()
    done = run_measured(mirror.crawl_command(urls, db, "--json", *extra))
    if done.returncode not in (0, 1):
        raise SystemExit(f"crawl failed ({done.returncode}): {done.stderr[-2000:]}")
    runs = json.loads(done.stdout)["runs"]
    new = sum(run.get("new") or 0 for run in runs) + sum(run.get("copies_added") or 0 for run in runs)
    fetched = sum(run.get("pages_fetched") or 0 for run in runs)
    return {**usage(done, started), "new": new, "fetched": fetched}


def end_to_end(releases: int, workdir: Path, extra: list[str], stages: bool = False) -> dict:
    mirror = Mirror(workdir / "mirror", releases=releases)
    files = release_files(mirror)
    before = floor_seconds(files)
    probe = workdir / "stages.pickle"
    if stages:
        os.environ[STAGE_PROBE] = str(probe)
        extra = [*extra, "--set", 'EXTENSIONS={"bench.stage_probe.StageProbe": 0}']
    with mirror.serve() as urls:
        result = crawl(mirror, urls, workdir / "archive.db", *extra)
    if stages:
        result["stages"] = extraction_in_and_out(probe, mirror.registry(urls), urls)
    # The floor runs before and after the crawl and counts as their mean: on shared cores even CPU time
    # stretches with the load (by up to 2x over an afternoon), so one side measured at another moment
    # than the other skews the ratio.
    after = floor_seconds(files)
    floor, floor_cpu = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
    result.update(floor_seconds=floor, floor_cpu_seconds=floor_cpu, pages=len(files))
    result.update(floor_cpu_before_after=[before[1], after[1]])
    result.update(ratio=result["seconds"] / floor, cpu_ratio=result["cpu_seconds"] / floor_cpu)
    return result


def extraction_in_and_out(probe: Path, registry: Path, urls: dict) -> dict:
    """CPU seconds of `extraction.process` inside the crawl (bench/stage_probe.py) and then alone in this
    process over the very same pages, with the same registry entries, right after."""
    with probe.open("rb") as file:
        inside = pickle.load(file)
    registered = load_registry(registry)
    sources = {name: registered[name].with_base_url(url) for name, url in urls.items()}
    alone = []
    for fields in inside["pages"]:
        page = Page(**fields)
        started = time.thread_time()
        process(page, sources[page.source])
        alone.append(time.thread_time() - started)
    return {
        "pages": len(alone),
        "in_crawl_cpu_seconds": sum(inside["seconds"]),
        "alone_cpu_seconds": sum(alone),
        "ratio": sum(inside["seconds"]) / max(sum(alone), 1e-9),
        "median_page_ratio": median_ratio(inside["seconds"], alone),
        "collector_passes": inside["collector"]["passes"],
        "collector_cpu_seconds": inside["collector"]["seconds"],
    }


def median_ratio(inside: list[float], alone: list[float]) -> float:
    ratios = sorted(a / max(b, 1e-9) for a, b in zip(inside, alone, strict=True))
    return ratios[len(ratios) // 2] if ratios else 0.0


# How a synthetic archive gets its near-duplicate index before the crawl: `index`, the library call a
# crawl makes on opening an archive with unindexed copies (exactly the index a crawl would have built);
# `dedup`, the real `pressarchive dedup` (the same index, plus every copy re-matched and language
# versions linked), whose own time and memory at each size are then the figure.
PREFILL = {
    "index": "import sys; from bench.synthetic import index; index(sys.argv[1])",
    "dedup": "import sys; from commands.cli import main; sys.argv[1:] = ['dedup', '--db', *sys.argv[1:]]; "
    "main()",
}


def scaling(releases: int, sizes: list[int], workdir: Path, extra: list[str], prefill: str = "index") -> dict:
    """The same new releases crawled into archives of growing size; each size in a fresh copy, given its
    near-duplicate index first (PREFILL, timed). Re-checks are off: the synthetic articles' URLs are not
    on the mirror (bench/recrawl.py measures re-checks)."""
    mirror = Mirror(workdir / "mirror", releases=releases)
    figures = {}
    for size in sizes:
        db = workdir / f"prefilled-{size}.db"
        build(db, size, seed=size)
        started = time.perf_counter()
        done = run_measured([sys.executable, "-c", PREFILL[prefill], str(db)])
        if done.returncode != 0:
            raise SystemExit(f"pre-fill failed ({done.returncode}): {done.stderr[-2000:]}")
        with mirror.serve() as urls:
            result = crawl(mirror, urls, db, "--recheck-limit", "0", *extra)
        result["prefill"] = {"how": prefill, **usage(done, started)}
        result["ms_per_article"] = 1000 * result["seconds"] / max(1, result["new"])
        result["cpu_ms_per_article"] = 1000 * result["cpu_seconds"] / max(1, result["new"])
        figures[size] = result
        db.unlink()
        shutil.rmtree(workdir / "mirror" / "logs", ignore_errors=True)
    return figures


def print_stages(stages: dict) -> None:
    print(
        f"extraction.process over the same {stages['pages']} pages: "
        f"{stages['in_crawl_cpu_seconds']:.1f} s CPU in the crawl, {stages['alone_cpu_seconds']:.1f} s alone "
        f"-> {stages['ratio']:.2f} "
        f"(median page {stages['median_page_ratio']:.2f}); garbage collector in the crawl: "
        f"{stages['collector_passes']} passes, {stages['collector_cpu_seconds']:.1f} s CPU"
    )


def print_scaling(figures: dict) -> None:
    """Per new article, wall and CPU (the steadier on a shared machine), each against the smallest size;
    then the pre-fill's own CPU time per archived article and peak RSS."""
    first = next(iter(figures.values()))
    print(
        f"\n{'archive size':>12}{'ms/new article':>16}{'× smallest':>12}{'CPU ms':>8}{'× smallest':>12}"
        f"{'peak RSS MB':>13}{'pre-fill CPU s':>16}{'ms/article':>12}{'pre-fill RSS MB':>17}"
    )
    for size, f in figures.items():
        prefill = f["prefill"]
        print(
            f"{size:>12}{f['ms_per_article']:>16.1f}{f['ms_per_article'] / first['ms_per_article']:>12.2f}"
            f"{f['cpu_ms_per_article']:>8.1f}{f['cpu_ms_per_article'] / first['cpu_ms_per_article']:>12.2f}"
            f"{f['peak_rss_mb']:>13.0f}{prefill['cpu_seconds']:>16.1f}"
            f"{1000 * prefill['cpu_seconds'] / int(size):>12.2f}{prefill['peak_rss_mb']:>17.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument(
        "--stages", action="store_true", help="also time extraction inside the crawl and alone, same pages"
    )
    parser.add_argument("--scaling", help="comma-separated archive sizes, e.g. 1000,10000,100000")
    parser.add_argument(
        "--prefill",
        choices=sorted(PREFILL),
        default="index",
        help="how each archive gets its index (--scaling)",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting for the crawls"
    )
    add_json_option(parser, "e2e")
    args = parser.parse_args()
    figures: dict = {"releases": args.releases, "settings": args.set}
    extra = [option for setting in args.set for option in ("--set", setting)]
    with tempfile.TemporaryDirectory() as folder:
        e2e = end_to_end(args.releases, Path(folder) / "e2e", extra, args.stages)
        figures["end_to_end"] = e2e
        print(
            f"crawl of {e2e['pages']} release pages ({e2e['fetched']} fetched): {e2e['seconds']:.1f} s "
            f"({e2e['cpu_seconds']:.1f} s CPU), {e2e['fetched'] / e2e['seconds']:.1f} pages/s, "
            f"peak RSS {e2e['peak_rss_mb']:.0f} MB"
        )
        print(
            f"floor (trafilatura alone, same pages): {e2e['floor_seconds']:.1f} s "
            f"({e2e['floor_cpu_seconds']:.1f} s CPU, mean of before and after the crawl: "
            f"{e2e['floor_cpu_before_after'][0]:.1f} and {e2e['floor_cpu_before_after'][1]:.1f}) "
            f"-> crawl / floor {e2e['ratio']:.2f} wall, "
            f"{e2e['cpu_ratio']:.2f} CPU (goal <= 1.5)"
        )
        if args.stages:
            print_stages(e2e["stages"])
        if args.scaling:
            sizes = [int(size) for size in args.scaling.split(",")]
            figures["scaling"] = scaling(args.releases, sizes, Path(folder) / "scaling", extra, args.prefill)
            print_scaling(figures["scaling"])
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
