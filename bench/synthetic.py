"""A synthetic archive of N releases, written straight into an archive file made by `archive.schema`, for
benchmarks that need scale (serve, export, dedup) rather than realistic extraction.

Texts are drawn with a fixed seed from sentence shapes of real releases filled with ISPR-like vocabulary
and a long tail of names, so the same N gives the same archive.
"""

from __future__ import annotations

import json
import random
import zlib
from datetime import date, timedelta
from pathlib import Path

from archive.schema import open_archive

SOURCES = (("ispr", None), ("paknavy", "navy"), ("paf", "airforce"))
SERVICES = ("army", "navy", "airforce")
PLACES = ("Rawalpindi", "Islamabad", "Karachi", "Lahore", "Peshawar", "Quetta", "Gwadar", "Miranshah")
WORDS = [
    "chief",
    "army",
    "staff",
    "naval",
    "air",
    "visited",
    "troops",
    "corps",
    "commander",
    "briefed",
    "security",
    "situation",
    "operational",
    "preparedness",
    "formation",
    "headquarters",
    "exercise",
    "delegation",
    "called",
    "matters",
    "mutual",
    "interest",
    "regional",
    "defence",
    "cooperation",
    "training",
    "terrorists",
    "operation",
    "district",
    "intelligence",
    "based",
    "martyred",
    "soldiers",
    "ceremony",
    "parade",
    "cadets",
    "academy",
    "graduation",
    "maritime",
    "patrol",
    "squadron",
    "aircraft",
    "flood",
    "relief",
    "border",
]
URDU_WORDS = [
    "آرمی",
    "چیف",
    "جنرل",
    "کور",
    "کمانڈر",
    "فوج",
    "سیکیورٹی",
    "فورسز",
    "دورہ",
    "ملاقات",
    "دفاعی",
    "تعاون",
    "علاقائی",
    "امن",
]
FIRST_DAY, DAYS = date(2015, 1, 1), 3650
SYLLABLES = ("ka", "ra", "mi", "sha", "za", "lo", "nu", "te", "bad", "pur", "ghar", "stan", "wal", "dar")


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Common release words plus a long tail of names, so word frequencies fall off as in real text."""
    tail = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return list(WORDS) * 6 + sorted(tail)


# Sentences in the shape of real releases (function words included: extractors that score text by its
# stop words, as newspaper/news-please do, need them), filled from the vocabulary's long tail of names.
TEMPLATES = (
    "The {a} of the {b} visited the {c} at {place} and was briefed on the {d} and {e} of the formation.",
    "On arrival, he was received by the {a} {b}, who gave a detailed briefing on the {c} situation.",
    "During the visit, the {a} interacted with officers and {b} and appreciated their {c} and {d}.",
    "Matters of mutual interest, {a} {b} and defence cooperation between the two countries were discussed.",
    "Security forces conducted an {a} operation in {b} district on the reported presence of {c}.",
    "The {a} said that the {b} of the {c} would continue to {d} peace and stability in the region.",
    "Earlier, the {a} laid a wreath at the {b} and offered prayers for the {c} of {place}.",
    "A {a} exercise was held at {place}, where {b} and {c} units showed their {d} in realistic conditions.",
)
URDU_TEMPLATES = (
    "{a} نے {place} میں {b} کا دورہ کیا اور {c} کے بارے میں بریفنگ دی گئی۔",
    "اس موقع پر {a} اور {b} کے درمیان {c} پر تبادلہ خیال کیا گیا۔",
    "{a} نے کہا کہ {b} کی {c} کو جاری رکھا جائے گا۔",
)


URDU_PLACES = ("راولپنڈی", "اسلام آباد", "کراچی", "لاہور", "پشاور", "کوئٹہ")


def _sentence(rng: random.Random, words, templates, places) -> str:
    picks = {key: rng.choice(words) for key in "abcde"}
    return rng.choice(templates).format(place=rng.choice(places), **picks)


def _text(rng: random.Random, words, sentences: int) -> str:
    urdu = words is URDU_WORDS
    templates, places = (URDU_TEMPLATES, URDU_PLACES) if urdu else (TEMPLATES, PLACES)
    paragraphs = []
    for _ in range(max(1, sentences // 3)):
        paragraphs.append(" ".join(_sentence(rng, words, templates, places) for _ in range(3)))
    return "\n\n".join(paragraphs)


def _release(rng: random.Random, number: int, vocabulary: list[str]) -> dict:
    source, service = rng.choice(SOURCES)
    urdu = rng.random() < 0.1
    words = URDU_WORDS if urdu else vocabulary
    published = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
    title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 10)))
    return {
        "id": number,
        "title": title if urdu else title.upper(),
        "body": _text(rng, words, rng.randint(3, 15)),
        "published": published,
        "language": "ur" if urdu else "en",
        "service": service or rng.choice(SERVICES),
        "pr_number": f"{number}/{published[:4]}-ISPR" if source == "ispr" else None,
        "dateline_place": rng.choice(PLACES),
        "url": f"https://{source}.example.invalid/release?id={number}",
        "source": source,
        "first_seen": published + "T12:00:00+00:00",
        "last_updated": published + "T12:00:00+00:00",
        "content_hash": f"{number:064x}",
        "raw_date": published,
        "date_origin": "dateline",
        "extraction": json.dumps({"body": "css", "title": "css"}),
    }


def build(path: str | Path, count: int, seed: int = 7, batch: int = 5000) -> Path:
    """An archive at `path` with `count` articles, one copy and one revision each (some with two copies)."""
    path = Path(path)
    db = open_archive(path)
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    html = zlib.compress(b"<html><body><div class='content-text'>synthetic</div></body></html>")
    for start in range(1, count + 1, batch):
        articles = [_release(rng, n, vocabulary) for n in range(start, min(count, start + batch - 1) + 1)]
        for article in articles:
            article["word_count"] = len(article["body"].split())
        copies = [
            {
                "id": a["id"],
                "article_id": a["id"],
                "source": a["source"],
                "url": a["url"],
                "fetched_url": a["url"],
                "title": a["title"],
                "first_fetched": a["first_seen"],
                "fetched_at": a["first_seen"],
                "fetch_count": 1,
                "via": "live",
                "content_hash": a["content_hash"],
                "hints": "{}",
            }
            for a in articles
        ]
        revisions = [
            {
                "article_id": c["article_id"],
                "copy_id": c["id"],
                "url": c["url"],
                "fetched_at": c["fetched_at"],
                "content_hash": c["content_hash"],
                "title": c["title"],
                "body": a["body"],
                "published": a["published"],
                "raw_html": html,
                "encoding": "utf-8",
                "http_status": 200,
                "content_type": "text/html",
            }
            for a, c in zip(articles, copies, strict=True)
        ]
        with db.atomic():
            db["articles"].insert_all(articles)
            db["copies"].insert_all(copies)
            db["revisions"].insert_all(revisions)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def index(path: str | Path) -> int:
    """Give the archive's copies their near-duplicate index: the library call a crawl makes when it opens
    an archive with unindexed copies (the same band keys, stored the same way, a thousand at a time), so
    the index is exactly the one the crawl would have built, without re-matching every copy as
    `pressarchive dedup` does."""
    from archive.store import Archive  # the pipeline (and extraction) only for this, not for build()
    from pipelines.dedup import NearDuplicates

    archive = Archive(path, create=False)
    try:
        with archive.transaction():
            return NearDuplicates(archive).index_missing()
    finally:
        archive.close()
