"""Near-duplicate ingest benchmark: does storing an article stay as fast when the archive is 100 times
bigger?

Run from the repo root:

    .venv/bin/python bench/dedup.py [--sizes 1000,10000,100000] [--json FILE]

Each size is ingested into a fresh SQLite archive in its own process (so peak memory is that size's own)
through the crawl's store path, `pipelines.dedup.NearDuplicates.store`: placed (LSH candidates from
SQLite, the precise check), recorded by `archive.store.Archive.record`, and a new article linked to its
version in another language, 50 articles per transaction like a crawl. The
articles are synthetic ISPR-style releases from a few formulaic templates with varying people, places,
units and figures, about 12 a day (an archive grows over time; a day does not get more releases). No
event (visitor and chief, area and district, course) recurs within a week, and one in ten articles is
a re-post of a release from the last two days (headline line added, paragraph cut, or a site's intro).
It reports the mean ingest time per article (wall and CPU) over the whole run and over its last 1,000
articles (the cost at that size), peak resident memory, the archive's size on disk, and how many
re-posts were merged (and how many different statements were, which must be none).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bench.results_file import add_json_option, write_json  # noqa: E402

PER_DAY = 12
WEEK = 7 * PER_DAY  # statements
BATCH = 50
PEOPLE = [
    "General Michael Kurilla",
    "Admiral Tony Radakin",
    "General Fayyadh Al-Ruwaili",
    "General Metin Gurak",
    "Lieutenant General Ramiz Tahirov",
    "Air Marshal Asghar Khan",
    "Major General Ahmad Burkhanov",
    "General Mubarak Al-Khayareen",
    "Vice Admiral Saif Al-Rahbi",
    "General Zhang Youxia",
    "Lieutenant General Selim Bilgin",
    "Rear Admiral Fahd Al-Shehri",
    "General Gurbir Bhinder",
]
ROLES = [
    "Chief of Defence Staff of Fiji",
    "Commander of the Turkish Land Forces",
    "Chief of General Staff of Saudi Arabia",
    "Commander of the Azerbaijan Air Force",
    "Commander of the Royal Navy of Oman",
    "Chief of the Qatari Armed Forces",
    "Vice Chairman of the Central Military Commission of China",
    "Commander United States Central Command",
]
CHIEFS = [
    ("the Chief of Army Staff", "General Headquarters, Rawalpindi"),
    ("the Chief of the Naval Staff", "Naval Headquarters, Islamabad"),
    ("the Chief of the Air Staff", "Air Headquarters, Islamabad"),
    ("the Chairman Joint Chiefs of Staff Committee", "Joint Staff Headquarters, Rawalpindi"),
]
DISTRICTS = [
    "North Waziristan",
    "South Waziristan",
    "Khyber",
    "Bannu",
    "Lakki Marwat",
    "Dera Ismail Khan",
    "Tank",
    "Kurram",
    "Bajaur",
    "Mohmand",
    "Orakzai",
    "Zhob",
    "Kech",
    "Panjgur",
    "Awaran",
    "Harnai",
    "Kohlu",
    "Dera Bugti",
]
AREAS = ["Mir Ali", "Datta Khel", "Spinwam", "Tirah", "Kulachi", "Wana", "Razmak", "Hassan Khel", "Jani Khel"]
TOPICS = ["training", "defence production", "counter terrorism", "maritime security", "cyber security"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
ACADEMIES = [
    ("Pakistan Military Academy, Kakul", "PMA Long Course"),
    ("PAF Academy Asghar Khan, Risalpur", "GD(P) Course"),
    ("Pakistan Naval Academy, Karachi", "Midshipmen Course"),
]
CLOSINGS = [
    "Security forces of Pakistan are determined to wipe out the menace of terrorism from the country.",
    "Sanitisation operation is being carried out to eliminate any other terrorist found in the area.",
    "The local people appreciated the operation and expressed their full support to eliminate terrorism.",
    "The forum resolved to continue supporting the government in the national effort for peace.",
]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def call_on(rng: random.Random) -> tuple[str, list[str]]:
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    chief, place = rng.choice(CHIEFS)
    return f"{role.upper()} CALLS ON {chief.upper()[4:]}", [
        f"{person}, {role}, called on {chief} at {place} today.",
        f"During the meeting, matters of mutual interest, regional security and avenues of cooperation in "
        f"{rng.choice(TOPICS)} were discussed.",
        f"The visiting dignitary appreciated the professionalism of Pakistan's armed forces and their "
        f"contributions to regional peace and stability, including {rng.randint(2, 40)} joint exercises.",
        "Upon arrival, the dignitary was presented a guard of honour by a smartly turned out contingent.",
    ]


def operation(rng: random.Random) -> tuple[str, list[str]]:
    district, area, count = rng.choice(DISTRICTS), rng.choice(AREAS), rng.choice(NUMBERS)
    return f"SECURITY FORCES CONDUCT IBO IN {district.upper()}", [
        f"Security forces conducted an intelligence based operation in the general area {area}, {district} "
        f"District, on the reported presence of terrorists.",
        f"During the conduct of the operation, own troops effectively engaged the terrorists' location and "
        f"resultantly, {count} terrorists were killed while {rng.choice(NUMBERS)} were apprehended.",
        f"Weapons, ammunition and {rng.randint(2, 90)} kilograms of explosives were also recovered.",
        rng.choice(CLOSINGS),
    ]


def parade(rng: random.Random) -> tuple[str, list[str]]:
    academy, course = rng.choice(ACADEMIES)
    number = rng.randint(100, 160)
    return f"PASSING OUT PARADE HELD AT {academy.split(',')[0].upper()}", [
        f"The passing out parade of {ordinal(number)} {course} was held at {academy} today.",
        f"{rng.choice(PEOPLE)} was the chief guest. He reviewed the parade and awarded prizes to "
        f"{rng.randint(5, 30)} distinguished cadets.",
        "Addressing the parade, the chief guest congratulated the newly commissioned officers and their "
        "proud parents, and said that the nation reposes great trust in its armed forces.",
    ]


TEMPLATES = [call_on, operation, parade]


def repost(rng: random.Random, title: str, paragraphs: list[str]) -> list[str]:
    kind = rng.randrange(3)
    if kind == 0:
        return [title, *paragraphs]
    if kind == 1:
        return paragraphs[:-1]
    return ["The military's media wing said in a statement issued on the day:", *paragraphs]


def synthetic(n: int, seed: int = 8):
    """(article, truth) pairs: truth is the index of the original for a re-post, else None."""
    from extraction import Article, Page
    from extraction.normalise import canonical_url, content_hash

    rng = random.Random(seed)
    start = date(2005, 1, 1)
    # The first paragraph names the event (who called on whom, which area and district, which course);
    # the same event twice within a week would be one statement, so no statement repeats it that soon.
    last_seen: dict[str, int] = {}
    seen: set[str] = set()  # and no text is ever repeated: identical texts are one statement
    recent: list[tuple[int, str, list[str], str]] = []
    for index in range(n):
        day = (start + timedelta(days=index // PER_DAY)).isoformat()
        original = None
        if recent and rng.random() < 0.1:
            original, title, paragraphs, _ = rng.choice(recent)
            paragraphs = repost(rng, title, paragraphs)
            source = "paknavy"
        else:
            title, paragraphs = rng.choice(TEMPLATES)(rng)
            while index - last_seen.get(paragraphs[0], -WEEK) < WEEK or "\n\n".join(paragraphs) in seen:
                title, paragraphs = rng.choice(TEMPLATES)(rng)
            last_seen[paragraphs[0]] = index
            seen.add("\n\n".join(paragraphs))
            recent.append((index, title, paragraphs, day))
            source = "ispr"
        recent = recent[-2 * PER_DAY :]
        body = "\n\n".join(paragraphs)
        url = f"https://{source}.example.invalid/release/{index}"
        page = Page(source, url, 200, "text/html", body.encode(), "utf-8", f"{day}T12:00:00+00:00")
        yield (
            Article(
                page,
                title,
                body,
                published=day,
                language="en",
                service="army",
                canonical_url=canonical_url(url),
                content_hash=content_hash(body),
            ),
            original,
        )


def ingest(n: int) -> dict:
    """Ingest n synthetic articles into a fresh archive; the figures of that run."""
    from types import SimpleNamespace

    from archive.store import Archive
    from pipelines.dedup import NearDuplicates

    sources = {
        "ispr": SimpleNamespace(rules="ispr", service=None),
        "paknavy": SimpleNamespace(rules="generic", service="navy"),
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        archive = Archive(path)
        dedup = NearDuplicates(archive)
        items = synthetic(n)  # made as they are ingested, as a crawl meets pages
        article_of: dict[int, int] = {}
        merged = wrong = reposts = 0
        times = []
        cpu = time.process_time()
        for start in range(0, n, BATCH):
            began = time.perf_counter()
            with archive.transaction():
                for index in range(start, min(start + BATCH, n)):
                    item, original = next(items)
                    outcome, _, _ = dedup.store(item, sources[item.page.source])
                    article_of[index] = archive.article_at(item.canonical_url)
                    reposts += original is not None
                    if outcome == "copy":
                        merged += original is not None and article_of[original] == article_of[index]
                        wrong += original is None or article_of[original] != article_of[index]
            times.append((time.perf_counter() - began, min(BATCH, n - start)))
        cpu = time.process_time() - cpu
        archive.close()
        size = sum(f.stat().st_size for f in Path(folder).iterdir())
    total = sum(t for t, _ in times)
    tail = times[-(1000 // BATCH) :]
    return {
        "articles": n,
        "ms_per_article": 1000 * total / n,
        "ms_per_article_last_1000": 1000 * sum(t for t, _ in tail) / sum(k for _, k in tail),
        "cpu_ms_per_article": 1000 * cpu / n,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "archive_mb": size / 2**20,
        "reposts": reposts,
        "reposts_merged": merged,
        "different_statements_merged": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    add_json_option(parser, "dedup")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(ingest(args.one)))
        return
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
        )
        results.append(json.loads(child.stdout))
        report(results)
    write_json(args.json, {"sizes": results})


def report(results: list[dict]) -> None:
    """The table so far (printed after each size, so a long run shows its progress)."""
    wall, cpu = results[0]["ms_per_article"], results[0]["cpu_ms_per_article"]
    print(
        f"{'articles':>9} {'wall ms/art':>12} {'x 1st':>6} {'CPU ms/art':>11} {'x 1st':>6} {'last 1k':>8} "
        f"{'peak RSS MB':>12} {'archive MB':>11} {'re-posts merged':>16} {'wrong merges':>13}"
    )
    for r in results:
        print(
            f"{r['articles']:>9} {r['ms_per_article']:>12.2f} {r['ms_per_article'] / wall:>6.2f} "
            f"{r['cpu_ms_per_article']:>11.2f} {r['cpu_ms_per_article'] / cpu:>6.2f} "
            f"{r['ms_per_article_last_1000']:>8.2f} {r['peak_rss_mb']:>12.0f} {r['archive_mb']:>11.1f} "
            f"{r['reposts_merged']:>7}/{r['reposts']:<8} {r['different_statements_merged']:>13}"
        )
    print()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
