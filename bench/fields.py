"""Field extraction on the saved sites: exact titles, dates, bodies and places per site, and speed.

Each site's release pages are read from tests/fixtures/sites and extracted by the same code a crawl uses
(`extraction.process`, as a crawl does), then compared field by field with the site's manifest. Speed is
extraction alone, side by side with plain trafilatura on the same pages in the same run, as a ratio
(these machines are noisy; absolute figures move between runs, ratios much less): both take turns page
by page, each page's fastest of several runs counts, and the clock is this process's CPU time.

    .venv/bin/python bench/fields.py [--passes 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commands.site_server import file_name_for, resolve_site  # noqa: E402
from crawlers.sources import Source, load_registry  # noqa: E402
from extraction import Article, Page, process  # noqa: E402
from extraction.dates import normalise_date  # noqa: E402

EXPECTED = ROOT / "tests" / "fixtures" / "expected"


def manifest(site: str) -> dict:
    return json.loads((EXPECTED / f"{site}.json").read_text(encoding="utf-8"))


def is_ispr_family(site: str) -> bool:
    """ISPR-family manifests list releases by detail id; generic ones list articles by path."""
    return "releases" in manifest(site)


def pages(site: str) -> list[tuple[str, bytes, dict]]:
    """(path, raw page, expected fields) for every release in the site's manifest."""
    folder = resolve_site(site)
    if is_ispr_family(site):
        releases = {
            f"/press-release-detail.php?id={n}": want for n, want in manifest(site)["releases"].items()
        }
    else:
        releases = manifest(site)["articles"]
    return [(path, (folder / file_name_for(path)).read_bytes(), want) for path, want in releases.items()]


def pages_in(path: Path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    return len(data.get("releases") or data.get("articles") or {})


def source_for(site: str) -> Source:
    if is_ispr_family(site):
        return load_registry()["ispr"]
    entry = manifest(site)["source"]
    source = Source(
        site,
        entry["name"],
        "http://127.0.0.1:8101",
        tuple(entry["start_paths"]),
        entry["article_pattern"],
        entry.get("next_pattern"),
        entry.get("service"),
        entry.get("language", "en"),
        timezone=entry.get("timezone"),
        date_order=entry.get("date_order"),
    )
    return source


def extract(site: str, path: str, raw: bytes, hints: dict | None = None) -> Article | None:
    """What the crawl would store for this page (None when it would drop it); `hints` are what the
    listing said about the link (a manifest gives them where a field depends on them)."""
    source = source_for(site)
    page = Page(site, source.url(path), 200, "text/html", raw, "", "", hints=hints or {})
    outcome = process(page, source)
    return outcome if isinstance(outcome, Article) else None


def score(site: str) -> dict[str, str]:
    hits = {"title": 0, "date": 0, "body": 0}
    entries = pages(site)
    for path, raw, want in entries:
        article = extract(site, path, raw, want.get("hints"))
        if article is None:
            continue
        hits["title"] += article.title == want["title"]
        hits["date"] += article.published == (want["published"] and normalise_date(want["published"]).iso)
        hits["body"] += article.body == "\n\n".join(want["body"])
    return {name: f"{count}/{len(entries)}" for name, count in hits.items()}


def speed(sites: list[str], passes: int) -> tuple[float, float]:
    """Pages per second of our extraction and of plain trafilatura.extract. The two take turns page by
    page, each page is run `passes` times and its fastest run counts, and time is this process's CPU
    time: other work on a shared machine then barely moves the ratio."""
    work = [(site, path, raw) for site in sites for path, raw, _ in pages(site)]
    runners = {
        "pressarchive": lambda site, path, raw: extract(site, path, raw),
        "trafilatura": lambda site, path, raw: trafilatura.extract(raw.decode("utf-8", errors="replace")),
    }
    best = {name: [float("inf")] * len(work) for name in runners}
    for _ in range(passes):
        for index, (site, path, raw) in enumerate(work):
            for name, run in runners.items():
                started = time.process_time()
                run(site, path, raw)
                best[name][index] = min(best[name][index], time.process_time() - started)
    return len(work) / sum(best["pressarchive"]), len(work) / sum(best["trafilatura"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    sites = sorted(path.stem for path in EXPECTED.glob("*.json") if pages_in(path))
    print(f"{'site':<20}{'titles':>8}{'dates':>8}{'bodies':>8}")
    for site in sites:
        figures = score(site)
        print(f"{site:<20}{figures['title']:>8}{figures['date']:>8}{figures['body']:>8}")
    ours, plain = speed(sites, args.passes)
    print(
        f"\nextraction speed: pressarchive {ours:.1f} pages/s, plain trafilatura {plain:.1f} pages/s "
        f"(ratio {ours / plain:.2f}; ours also finds title, date, place and PR number)"
    )


if __name__ == "__main__":
    main()
