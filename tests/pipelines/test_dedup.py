"""Near-duplicates, primary copies, translations and the persisted LSH index, on real SQLite archives.

The dedup stage (`pipelines.dedup.NearDuplicates`) decides, the store (`archive.store.Archive`) writes;
these tests drive both exactly as the crawl's store stage does, one batch transaction at a time.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from archive import queries
from archive.store import Archive
from extraction import Article, Page
from extraction.normalise import canonical_url, content_hash
from pipelines.dedup import NearDuplicates

ISPR = SimpleNamespace(key="ispr", rules="ispr", service=None)
NAVY = SimpleNamespace(key="paknavy", rules="generic", service="navy")
NEWS = SimpleNamespace(key="newsdesk", rules="generic", service=None)

VISIT = [
    "Colonel General Alexander Fomin, Deputy Defence Minister of the Russian Federation, called on Chief of "
    "the Naval Staff Admiral Naveed Ashraf at Naval Headquarters, Islamabad today.",
    "During the meeting, matters of mutual interest, the regional maritime security environment and avenues "
    "of bilateral naval collaboration, including training exchanges, were discussed.",
    "The visiting dignitary appreciated the professionalism of the Pakistan Navy and its contribution to "
    "maritime security in the Indian Ocean Region.",
    "Upon arrival, the dignitary was presented a guard of honour by a smartly turned out contingent.",
]


def article(
    url, paragraphs, source=ISPR, published="2024-10-29", language="en", pr=None, fetched="2026-01-01"
):
    body = "\n\n".join(paragraphs)
    page = Page(
        source=source.key,
        url=url,
        status=200,
        content_type="text/html",
        raw=f"<html><body>{body}</body></html>".encode(),
        encoding="utf-8",
        fetched_at=fetched,
    )
    return Article(
        page=page,
        title="RUSSIAN DEPUTY DEFENCE MINISTER CALLS ON CNS",
        body=body,
        published=published,
        language=language,
        service="navy",
        pr_number=pr,
        canonical_url=canonical_url(url),
        content_hash=content_hash(body),
    )


@pytest.fixture
def store(tmp_path):
    archive = Archive(tmp_path / "a.db")
    dedup = NearDuplicates(archive)

    def put(item, source=ISPR):
        with archive.transaction():
            placement = dedup.place(item, source)
            outcome = archive.record(item, placement)
            if outcome == "new":
                dedup.link_translation(item)
            return outcome

    put.archive, put.dedup = archive, dedup
    yield put
    archive.close()


def rows(store, sql, params=()):
    cursor = store.archive.db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_a_site_copy_with_its_own_intro_joins_the_release_with_score_and_reason(store):
    assert store(article("https://ispr.invalid/d?id=1", VISIT, pr="288/2024-ISPR")) == "new"
    navy = ["The Russian Deputy Defence Minister, on an official visit, met the Navy leadership.", *VISIT[:3]]
    assert store(article("https://navy.invalid/pr/fomin", navy, NAVY, "2024-10-30"), NAVY) == "copy"
    copy = rows(store, "SELECT * FROM copies ORDER BY id")[1]
    assert copy["article_id"] == 1 and copy["match_score"] >= 0.8
    assert copy["match_reason"].startswith("same statement: text overlap")
    article_row = rows(store, "SELECT * FROM articles")[0]
    assert (article_row["url"], article_row["published"]) == ("https://ispr.invalid/d?id=1", "2024-10-29")


def test_the_same_visitor_calling_on_another_chief_the_same_day_is_another_statement(store):
    store(article("https://ispr.invalid/d?id=1", VISIT))
    air = [
        p.replace(
            "Chief of the Naval Staff Admiral Naveed Ashraf", "Chief of the Air Staff Air Chief Marshal"
        )
        .replace("Naval Headquarters", "Air Headquarters")
        .replace("Pakistan Navy", "Pakistan Air Force")
        for p in VISIT
    ]
    assert store(article("https://ispr.invalid/d?id=2", air)) == "new"
    assert rows(store, "SELECT count(*) AS n FROM articles")[0]["n"] == 2


def test_an_official_copy_is_primary_even_when_an_unofficial_one_is_earlier(store):
    assert store(article("https://news.invalid/fomin", VISIT, NEWS, "2024-10-28"), NEWS) == "new"
    assert store(article("https://ispr.invalid/d?id=1", VISIT[:3], ISPR, "2024-10-29")) == "copy"
    article_row = rows(store, "SELECT url, source, published FROM articles")[0]
    assert article_row == {"url": "https://ispr.invalid/d?id=1", "source": "ispr", "published": "2024-10-28"}
    assert [c["official"] for c in rows(store, "SELECT official FROM copies ORDER BY id")] == [0, 1]


def test_an_edit_with_a_changed_figure_stays_a_revision_and_keeps_the_earliest_date(store):
    store(article("https://ispr.invalid/d?id=1", VISIT, published="2024-10-29"))
    store(article("https://ispr.invalid/d?id=2", VISIT[:3], published="2024-10-30"))
    edited = [*VISIT[:3], "Upon arrival, the dignitary was presented a guard of honour by 120 sailors."]
    later = article("https://ispr.invalid/d?id=2", edited, published="2024-10-31", fetched="2026-02-01")
    assert store(later) == "updated"
    assert rows(store, "SELECT count(*) AS n FROM articles")[0]["n"] == 1
    assert len(rows(store, "SELECT id FROM revisions WHERE url LIKE '%id=2'")) == 2
    article_row = rows(store, "SELECT published, url, last_updated FROM articles")[0]
    assert article_row == {
        "published": "2024-10-29",
        "url": "https://ispr.invalid/d?id=1",
        "last_updated": "2026-02-01",
    }


def test_copies_outside_the_date_window_stay_apart(store):
    store(article("https://ispr.invalid/d?id=1", VISIT, published="2024-10-01"))
    assert store(article("https://navy.invalid/pr/x", VISIT[:3], NAVY, "2024-10-09"), NAVY) == "new"


def test_an_urdu_version_is_linked_not_merged(store):
    store(article("https://ispr.invalid/d?id=1", VISIT, pr="288/2024-ISPR"))
    urdu = ["روسی نائب وزیر دفاع کی نیول چیف سے ملاقات۔"] * 3
    assert store(article("https://ispr.invalid/d?id=9", urdu, language="ur", pr="288/2024-ISPR")) == "new"
    linked = rows(store, "SELECT id, translation_of, translation_reason FROM articles ORDER BY id")
    assert linked[1] == {"id": 2, "translation_of": 1, "translation_reason": "same PR number (288/2024-ISPR)"}
    assert linked[0]["translation_of"] is None


def test_the_index_persists_and_a_reopened_archive_finds_candidates(tmp_path):
    path = tmp_path / "a.db"
    first = Archive(path)
    with first.transaction():
        dedup = NearDuplicates(first)
        first.record(
            article("https://ispr.invalid/d?id=1", VISIT),
            dedup.place(article("https://x.invalid", VISIT), ISPR),
        )
    keys = first.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
    first.close()
    again = Archive(path)
    dedup = NearDuplicates(again)
    with again.transaction():
        assert dedup.index_missing() == 0
        placement = dedup.place(article("https://navy.invalid/a", VISIT[:3], NAVY), NAVY)
    assert keys == dedup.settings.bands
    assert placement.match is not None and placement.match.article_id == 1
    again.close()


def test_translation_candidates_are_sought_by_index_not_by_scanning_the_articles(store):
    """`pressarchive dedup` asks this of every article, and a crawl of every new one: a scan of the
    articles table each time made linking quadratic in the archive's size."""
    store(article("https://ispr.invalid/d?id=1", VISIT, pr="288/2024-ISPR"))
    urdu = ["روسی نائب وزیر دفاع کی نیول چیف سے ملاقات۔"] * 3
    store(article("https://ispr.invalid/d?id=9", urdu, language="ur", pr="289/2024-ISPR"))
    db = store.archive.db
    asked: list[str] = []
    db.conn.set_trace_callback(asked.append)
    assert [row["id"] for row in queries.translation_candidates(db, 1)] == [2]  # same day and service
    db.conn.set_trace_callback(None)
    sql = next(s for s in asked if s.startswith("SELECT"))
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
    lookups = [step for step in plan if step.startswith(("SCAN o", "SEARCH o"))]
    assert lookups == [
        "SEARCH o USING INDEX idx_articles_pr_number (pr_number=?)",
        "SEARCH o USING INDEX idx_articles_published_service (published=? AND service=?)",
    ]
