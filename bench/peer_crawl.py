"""news-please's own crawler beside `pressarchive crawl`, over the same served mirror (bench/mirror.py), in
one run: what each found, how right it was, and what it cost.

    .venv/bin/python bench/peer_crawl.py --releases 2000

bench/peers.py compares extraction on saved pages; this compares whole crawlers. news-please runs from its
own virtualenv (`.venv-peers`, made by `make bench` from bench/peers.lock) as its `news-please` command
with a configuration written here from the one it ships, changed only where a loopback mirror needs it:

- the `RecursiveCrawler` from each site's home page (news-please always starts a site at its root);
- output to JSON files in a scratch folder (its default pipelines minus none; no database);
- Scrapy's offsite filter off: news-please gives Scrapy `127.0.0.1:PORT` as the allowed domain, which
  Scrapy ignores (a port is not a domain), so every request would be filtered;
- its article heuristic: the shipped condition needs `og:type = article` meta, which neither mirror site
  has, so out of the box it keeps nothing; the bench runs it with `linked_headlines and
  self_linked_headlines` (pages whose headings are mostly not links), its best fit here. The shipped
  condition's count is printed too (`--shipped-heuristics`).

Both crawl with no politeness delay (loopback) and their own default concurrency. Figures: CPU and wall
seconds of the crawler's processes (children of this one), the largest process's peak RSS, releases found
of the mirror's live ones, other pages stored as articles (listings, home pages), and on the releases
found: title exact, date exact, body word F1 and exact, against the mirror's truth. CPU time is the
figure to read on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.e2e import run_measured, usage  # noqa: E402
from bench.mirror import Mirror  # noqa: E402
from bench.peers import PEER_PYTHON, same_words, word_f1  # noqa: E402
from bench.results_file import add_json_option, write_json  # noqa: E402

LOOPBACK_CONDITION = '"linked_headlines and self_linked_headlines"'
OFFSITE = "{'scrapy.downloadermiddlewares.offsite.OffsiteMiddleware': None}"


def truth(mirror: Mirror, urls: dict[str, str]) -> dict[str, dict]:
    """The mirror's live releases by the URL a crawler sees them at."""
    return {
        urls[r.site] + r.path: {
            "title": r.title,
            "date": r.published.isoformat(),
            "body": "\n\n".join(r.paragraphs),
        }
        for r in mirror.releases
        if not r.withdrawn
    }


def newsplease_config(folder: Path, urls: dict[str, str], python: Path, shipped: bool) -> Path:
    """news-please's shipped config.cfg with the loopback changes of the module docstring."""
    package = subprocess.run(
        [str(python), "-c", "import newsplease, os; print(os.path.dirname(newsplease.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    config = (Path(package) / "config" / "config.cfg").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^working_path = .*$", f"working_path = {folder / 'out'}/", config)
    config = re.sub(r"(?m)^(ITEM_CLASS = .*)$", rf"\1\nDOWNLOADER_MIDDLEWARES = {OFFSITE}", config)
    if not shipped:
        config = re.sub(
            r"(?m)^pass_heuristics_condition = .*$",
            f"pass_heuristics_condition = {LOOPBACK_CONDITION}",
            config,
        )
    cfg = folder / "cfg"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "config.cfg").write_text(config, encoding="utf-8")
    sites = [{"url": url + "/", "crawler": "RecursiveCrawler"} for url in urls.values()]
    (cfg / "sitelist.hjson").write_text(json.dumps({"base_urls": sites}), encoding="utf-8")
    return cfg


def newsplease_crawl(folder: Path, urls: dict[str, str], python: Path, shipped: bool) -> tuple[dict, dict]:
    """The JSON records news-please wrote, by URL, and how many articles its pipeline passed (more than
    the files when two pages share a save path: its path has no part for a URL's query string)."""
    cfg = newsplease_config(folder, urls, python, shipped)
    started = time.perf_counter()
    done = run_measured([str(python.parent / "news-please"), "-c", str(cfg), "-no-confirm"])
    if done.returncode != 0:
        raise SystemExit(f"news-please failed ({done.returncode}): {done.stderr[-2000:]}")
    scraped = sum(int(n) for n in re.findall(r"'item_scraped_count': (\d+)", done.stdout + done.stderr))
    found = {}
    for path in (folder / "out" / "data").rglob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        published = record.get("date_publish")
        found[record["url"]] = {
            "title": record.get("title"),
            "date": published[:10] if published else None,
            "body": record.get("maintext") or "",
        }
    return found, {**usage(done, started), "passed": scraped}


def our_crawl(mirror: Mirror, urls: dict[str, str], db: Path) -> tuple[dict, dict]:
    started = time.perf_counter()
    done = run_measured(mirror.crawl_command(urls, db))
    if done.returncode not in (0, 1):
        raise SystemExit(f"pressarchive crawl failed ({done.returncode}): {done.stderr[-2000:]}")
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT copies.url, articles.title, articles.published, articles.body"
            " FROM copies JOIN articles ON articles.id = copies.article_id"
        ).fetchall()
    found = {url: {"title": title, "date": date, "body": body or ""} for url, title, date, body in rows}
    return found, {**usage(done, started), "passed": len(found)}


def score(found: dict[str, dict], want: dict[str, dict]) -> dict:
    hits = [(found[url], want[url]) for url in want if url in found]
    share = lambda test: sum(test(got, true) for got, true in hits) / len(want)  # noqa: E731
    return {
        "releases": len(want),
        "found": len(hits),
        "other_pages_stored": len(set(found) - set(want)),
        "title_exact": share(lambda got, true: same_words(got["title"], true["title"])),
        "date_exact": share(lambda got, true: got["date"] == true["date"]),
        "body_f1": share(lambda got, true: word_f1(got["body"], true["body"])),
        "body_exact": share(lambda got, true: same_words(got["body"], true["body"])),
    }


def run(releases: int, python: Path, shipped: bool) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        mirror = Mirror(folder / "mirror", releases=releases)
        with mirror.serve() as urls:
            want = truth(mirror, urls)
            figures = {}
            ours, cost = our_crawl(mirror, urls, folder / "archive.db")
            figures["pressarchive crawl"] = {**score(ours, want), **cost}
            if not python.exists():
                print(
                    f"news-please skipped: {python} is missing (make bench creates it from bench/peers.lock)"
                )
                return figures
            runs = {"news-please crawler": False} | (
                {"news-please, shipped heuristics": True} if shipped else {}
            )
            for name, condition in runs.items():
                peer, cost = newsplease_crawl(folder / f"np-{condition}", urls, python, shipped=condition)
                figures[name] = {**score(peer, want), **cost}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--peer-python", type=Path, default=PEER_PYTHON)
    parser.add_argument(
        "--shipped-heuristics", action="store_true", help="also run news-please's own condition"
    )
    add_json_option(parser, "peer_crawl")
    args = parser.parse_args()
    figures = run(args.releases, args.peer_python, args.shipped_heuristics)
    print(f"{args.releases} releases on the mirror\n")
    print(
        f"{'crawler':<34}{'CPU s':>8}{'wall s':>8}{'RSS MB':>8}{'passed':>7}{'found':>7}{'other':>7}"
        f"{'titles':>8}{'dates':>7}{'body F1':>9}{'bodies':>8}"
    )
    for name, f in figures.items():
        print(
            f"{name:<34}{f['cpu_seconds']:>8.1f}{f['seconds']:>8.1f}{f['peak_rss_mb']:>8.0f}{f['passed']:>7}"
            f"{f['found']:>7}{f['other_pages_stored']:>7}{f['title_exact']:>8.3f}{f['date_exact']:>7.3f}"
            f"{f['body_f1']:>9.3f}{f['body_exact']:>8.3f}"
        )
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
