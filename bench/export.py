"""Export of a large archive: time and peak memory of `pressarchive export`, next to the floor of reading
the same rows out of SQLite.

A synthetic archive (default 100,000 articles, each with one copy and one revision holding ~9 KB of raw
HTML, an eighth of them in Urdu, a few undated or from the Wayback Machine) is written once through the
archive's own schema with bulk SQL. Each configuration then runs in a fresh process, one after another,
and its peak RSS is read from the operating system (wait4), so one run's memory never hides another's.
Ratios to the floor are the figures to compare between machines.

    .venv/bin/python bench/export.py [--articles 100000] [--db PATH] [--keep]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.schema import open_archive  # noqa: E402

# Vocabulary of the synthetic releases, one word list per language (data, read once).
WORDS = tuple(
    re.findall(
        r"\S+",
        "Chief of Army Staff visited troops formations Line of Control operational preparedness morale "
        "Pakistan Navy ships exercise Arabian Sea maritime security cooperation Air Chief Marshal squadron "
        "training ceremony Rawalpindi General Headquarters delegation called on discussed regional matters "
        "mutual interest defence collaboration martyrs sacrifices terrorists operation intelligence based",
    )
)
URDU = tuple(
    re.findall(r"\S+", "پاک فوج کے سربراہ نے لائن آف کنٹرول کا دورہ کیا اور جوانوں کے حوصلے کو سراہا")
)
CHROME = (
    "<nav>" + "<a href='/x'>Menu item</a>" * 120 + "</nav><footer>" + "READERS CORNER " * 200 + "</footer>"
)
# Each measured process reports its own peak (VmHWM of its own memory map): on Linux a child's
# ru_maxrss also counts the parent it was forked from.
PEAK = (
    "import atexit, sys\n"
    "report = sys.argv.pop(1)\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "    open(report, 'w').write(status)\n"
    "atexit.register(peak)\n"
)
FLOOR = (
    PEAK + "import sqlite3\nfor row in sqlite3.connect(sys.argv[1]).execute('SELECT * FROM articles'): pass"
)
EXPORT = PEAK + "from commands.cli import main\nsys.argv[0] = 'pressarchive'\nmain()"
COLUMNS = {
    "articles": "id title body published language service pr_number dateline_place url source first_seen "
    "last_updated content_hash raw_date date_origin extraction word_count",
    "copies": "id article_id source url fetched_url title first_fetched fetched_at fetch_count via "
    "capture_timestamp content_hash hints",
    "revisions": "id article_id copy_id url fetched_at content_hash title body published raw_date "
    "date_origin raw_html encoding http_status content_type",
}
CONFIGS = {
    "floor: read every article row": None,
    "csv": ["--format", "csv"],
    "jsonl": ["--format", "jsonl"],
    "parquet": ["--format", "parquet"],
    "csv,jsonl,parquet": [],
    "all formats + copies, revisions": ["--include", "copies,revisions"],
    "all formats + copies, revisions + WARC": ["--include", "copies,revisions", "--warc"],
}


def synthetic_rows(count: int, seed: int = 13):
    """(article, copy, revision) rows of a plausible archive: ISPR-style ids, 2015-2025 dates."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        urdu = number % 8 == 0
        words = URDU if urdu else WORDS
        paragraphs = [
            " ".join(rng.choices(words, k=rng.randint(40, 90))) + "." for _ in range(rng.randint(3, 6))
        ]
        body = "\n\n".join(paragraphs)
        published = (
            None
            if number % 997 == 0
            else f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
        url = f"https://www.ispr.gov.pk/press-release-detail.php?id={number}"
        fetched = f"2026-0{1 + number % 9}-{1 + number % 28:02d}T{number % 24:02d}:00:00+00:00"
        via, capture = (
            ("wayback", f"2023{number % 12 + 1:02d}01120000") if number % 500 == 0 else ("live", None)
        )
        title = " ".join(rng.choices(words, k=8)).upper()
        digest = f"{number:064x}"
        html = (
            f"<html><body>{CHROME}<h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</body></html>"
        )
        yield (
            (number, title, body, published, "ur" if urdu else "en", ("army", "navy", "airforce")[number % 3],
             f"{number}/2024-ISPR", "Rawalpindi", url, "ispr", fetched, fetched, digest, published,
             "dateline", '{"body": "css"}', len(body.split())),
            (number, number, "ispr", url, url, title, fetched, fetched, 1, via, capture, digest, "{}"),
            (number, number, number, url, fetched, digest, title, body, published, published, "dateline",
             zlib.compress(html.encode(), 6), "utf-8", 200, "text/html; charset=utf-8"),
        )  # fmt: skip


def build_archive(path: Path, count: int) -> None:
    db = open_archive(path)
    batch: list[tuple] = []

    def flush():
        with db.atomic():
            for index, (table, columns) in enumerate(COLUMNS.items()):
                names = columns.split()
                db.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                    [rows[index] for rows in batch],
                )
        batch.clear()

    for rows in synthetic_rows(count):
        batch.append(rows)
        if len(batch) == 5000:
            flush()
    if batch:
        flush()
    with db.atomic():
        db.execute(
            "INSERT INTO crawl_runs (source, base_url, started, finished, status, message) VALUES "
            "('ispr', 'https://www.ispr.gov.pk', '2026-01-01T00:00:00+00:00', '2026-01-02T00:00:00+00:00', "
            "'ok', '')"
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def measure(code: str, args: list[str], report: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one fresh Python process running `code` with `args`."""
    start = time.perf_counter()
    command = [sys.executable, "-c", code, str(report), *args]
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return elapsed, int(report.read_text()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Reuse (or keep) the synthetic archive at this path.")
    parser.add_argument("--keep", action="store_true", help="Keep the exports and the archive.")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    db = options.db or work / "archive.db"
    if not db.exists():
        start = time.perf_counter()
        build_archive(db, options.articles)
        print(f"built {db} ({db.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.0f} s")
    articles = open_archive(db, create=False)["articles"].count
    print(f"{articles} articles\n")
    print(f"| {'configuration':<40} | seconds | × floor | peak RSS (MB) | output (MB) |")
    print(f"|{'-' * 42}|---------|---------|---------------|-------------|")
    floor = None
    for name, flags in CONFIGS.items():
        out = work / name.replace(" ", "-").replace(",", "")
        if flags is None:
            seconds, rss = measure(FLOOR, [str(db)], work / "peak")
        else:
            args = ["export", "--db", str(db), "--out", str(out), "--created", "2026-01-01T00:00:00Z", *flags]
            seconds, rss = measure(EXPORT, args, work / "peak")
        floor = floor or seconds
        size = sum(p.stat().st_size for p in out.iterdir()) / 1e6 if out.exists() else 0
        print(f"| {name:<40} | {seconds:7.1f} | {seconds / floor:7.1f} | {rss:13.0f} | {size:11.0f} |")
        if not options.keep:
            shutil.rmtree(out, ignore_errors=True)
    if not options.keep and not options.db:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
