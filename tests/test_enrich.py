"""Who met whom in an archive: the crawl's enrich stage, `pressarchive enrich`, the engagements view and
the Datasette queries that answer "all engagements with Russia since 2020"."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from archive.mentions import articles_to_enrich, refresh_mentions, replace_mentions
from archive.schema import open_archive
from archive.store import Archive
from commands.enrich import enrich, enrich_archive
from commands.serve import datasette_metadata
from extraction.entities import VERSION
from pipelines.enrich import EnrichPipeline
from tests.conftest import copy_archive, expected, rows, run_cli
from tests.test_archive import page

SAMPLE = expected("ispr")
FOMIN = ("6546", "6547", "6548")  # the three statements of 29 October 2024


def engagements(db, where: str = "1", params=()) -> list[dict]:
    return rows(db, f"SELECT * FROM engagements WHERE {where} ORDER BY pakistani_appointment", params)


def test_crawling_the_sample_gives_three_engagements_with_russia_one_per_service_chief(ispr_archive):
    russia = engagements(ispr_archive, "foreign_country = 'RU'")
    assert [(e["pakistani_appointment"], e["pakistani_person"], e["place"]) for e in russia] == [
        ("Chief of Army Staff", "Syed Asim Munir", "General Headquarters, Rawalpindi"),
        ("Chief of the Air Staff", "Zaheer Ahmed Baber Sidhu", "Air Headquarters, Islamabad"),
        ("Chief of the Naval Staff", "Naveed Ashraf", "Naval Headquarters, Islamabad"),
    ]
    # Aleksandr V. Fomin, Alexander V Fomin and Alexander V. Fomin are one visitor.
    assert {(e["foreign_person"], e["foreign_appointment"], e["published"]) for e in russia} == {
        ("Alexander V Fomin", "Deputy Minister of Defence", "2024-10-29")
    }
    assert sorted(e["url"].rsplit("=", 1)[1] for e in russia) == sorted(FOMIN)


def test_the_crawl_enriches_every_article_at_the_current_version(ispr_archive):
    stamps = rows(
        ispr_archive,
        "SELECT e.version, e.content_hash = a.content_hash AS current FROM articles a "
        "LEFT JOIN enrichment e ON e.article_id = a.id",
    )
    assert len(stamps) == len(SAMPLE["releases"])
    assert {(s["version"], s["current"]) for s in stamps} == {(VERSION, 1)}
    ranks = {
        r["rank"] for r in rows(ispr_archive, "SELECT DISTINCT rank FROM mentions WHERE kind = 'person'")
    }
    assert {"Colonel General", "General", "Admiral", "Air Chief Marshal"} <= ranks
    for mention in rows(
        ispr_archive, "SELECT m.*, a.body FROM mentions m JOIN articles a ON a.id = m.article_id"
    ):
        assert mention["body"][mention["start"] : mention["end"]] == mention["text"]


def test_urdu_releases_are_enriched_without_breaking(ispr_archive):
    urdu = rows(ispr_archive, "SELECT id FROM articles WHERE language = 'ur'")
    assert urdu
    saudi = rows(
        ispr_archive,
        "SELECT m.country_code FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE a.language = 'ur' AND m.kind = 'country'",
    )
    assert "SA" in {m["country_code"] for m in saudi}  # سعودی فضائیہ کے وفد …


def test_enrich_fills_an_archive_crawled_before_the_stage_existed_and_is_idempotent(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    before = engagements(db)
    connection = sqlite3.connect(db)
    connection.executescript("DELETE FROM mentions; DELETE FROM enrichment;")
    connection.close()
    assert engagements(db) == []
    runner = CliRunner()
    first = runner.invoke(enrich, ["--db", str(db)])
    assert first.exit_code == 0, first.output
    assert f"{len(SAMPLE['releases'])} articles enriched" in first.output
    assert engagements(db) == before
    again = runner.invoke(enrich, ["--db", str(db)])
    assert again.output.startswith(
        f"0 articles enriched (0 mentions), {len(SAMPLE['releases'])} already current"
    )
    forced = enrich_archive(db, force=True)
    assert forced["enriched"] == len(SAMPLE["releases"]) and engagements(db) == before


def test_an_upgraded_extractor_or_a_changed_text_is_enriched_again(ispr_archive, tmp_path):
    db = copy_archive(ispr_archive, tmp_path)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE enrichment SET version = '0.old' WHERE article_id IN (1, 2)")
    connection.execute(
        "UPDATE articles SET body = 'The Chinese Ambassador met the COAS.', content_hash = 'x' WHERE id = 3"
    )
    connection.commit()
    connection.close()
    assert enrich_archive(db)["enriched"] == 3
    assert {m["normalized"] for m in rows(db, "SELECT normalized FROM mentions WHERE article_id = 3")} == {
        "China",
        "Ambassador",
        "Chief of Army Staff",
    }
    assert engagements(db, "article_id = 3")[0]["foreign_country"] == "CN"


def test_mentions_are_replaced_whole_and_only_from_the_articles_own_text(tmp_path):
    db = open_archive(tmp_path / "a.db")
    article_id = db["articles"].insert({"title": "t", "body": "b", "content_hash": "h1"}).last_pk
    replace_mentions(
        db, article_id, [{"kind": "country", "text": "Chinese", "normalized": "China"}], "1.a", "h1"
    )
    replace_mentions(db, article_id, [{"kind": "place", "text": "GHQ", "normalized": "GHQ"}], "1.a", "h1")
    assert [m["kind"] for m in db["mentions"].rows] == ["place"]
    assert list(articles_to_enrich(db, "1.a")) == []
    assert [a["id"] for a in articles_to_enrich(db, "2.b")] == [article_id]
    assert refresh_mentions(db, article_id, [], "1.a", "h1") is False  # already current
    assert refresh_mentions(db, article_id, [], "1.a", "other text") is False  # not the article's text
    assert refresh_mentions(db, article_id, [], "2.b", "h1") is True
    assert db["mentions"].count == 0 and db["enrichment"].get(article_id)["version"] == "2.b"
    db.close()


def test_enrich_on_a_missing_archive_is_one_clear_line_and_exit_2(tmp_path):
    result = run_cli("enrich", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f"pressarchive: {tmp_path / 'none.db'}: no such archive "
        f"(run `pressarchive crawl --db {tmp_path / 'none.db'}` first)"
    )
    assert not (tmp_path / "none.db").exists()


@pytest.fixture(scope="module")
def datasette(ispr_archive, tmp_path_factory):
    db = copy_archive(ispr_archive, tmp_path_factory.mktemp("datasette"))
    return Datasette([str(db)], metadata=datasette_metadata(str(db)))


def query(datasette, path: str) -> list[dict]:
    async def get():
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def test_datasette_answers_engagements_with_russia_since_2020(datasette):
    found = query(
        datasette, "/archive/engagements_with_country.json?country=Russia&since=2020-01-01&_shape=array"
    )
    assert sorted((r["published"], r["pakistani_appointment"]) for r in found) == [
        ("2024-10-29", "Chief of Army Staff"),
        ("2024-10-29", "Chief of the Air Staff"),
        ("2024-10-29", "Chief of the Naval Staff"),
    ]
    by_code = query(datasette, "/archive/engagements_with_country.json?country=ru&since=&_shape=array")
    assert by_code == found
    assert (
        query(
            datasette, "/archive/engagements_with_country.json?country=Russia&since=2025-01-01&_shape=array"
        )
        == []
    )


def test_datasette_answers_which_delegations_called_on_the_naval_chief_in_2024(datasette):
    found = query(
        datasette,
        "/archive/delegations_received.json?principal=Naval+Staff&since=2024-01-01&until=2024-12-31&_shape=array",
    )
    assert [(r["foreign_country"], r["foreign_person"], r["pakistani_person"]) for r in found] == [
        ("RU", "Alexander V Fomin", "Naveed Ashraf")
    ]
    by_name = query(
        datasette, "/archive/delegations_received.json?principal=Asim+Munir&since=&until=&_shape=array"
    )
    assert {r["foreign_country"] for r in by_name} >= {"RU"}
    per_year = query(datasette, "/archive/engagements_per_year.json?_shape=array")
    assert {"year": "2024", "foreign_country": "RU", "engagements": 3} in per_year


def test_the_store_writes_mentions_with_the_article_and_refreshes_them_on_upgrade(tmp_path):
    archive = Archive(tmp_path / "a.db")
    url = "https://ispr.example.invalid/press-release-detail.php?id=1"
    body = "The Chinese Ambassador called on the COAS at GHQ."

    def recrawl(version: str, text: str = body) -> str:
        article = EnrichPipeline().process_item(page(url, text))
        article.entities_version = version
        with archive.transaction():
            return archive.record(article)

    assert recrawl("1.a") == "new"
    assert engagements(tmp_path / "a.db")[0]["foreign_country"] == "CN"
    stamped = archive.db["enrichment"].get(1)["enriched_at"]
    assert recrawl("1.a") == "unchanged" and archive.db["enrichment"].get(1)["enriched_at"] == stamped
    archive.db.execute("UPDATE enrichment SET enriched_at = 'before' WHERE article_id = 1")
    assert recrawl("2.b") == "unchanged"  # an upgraded extractor re-enriches on the next crawl
    assert archive.db["enrichment"].get(1)["version"] == "2.b"
    assert recrawl("2.b", "The Saudi Ambassador called on the CNS at NHQ.") == "updated"
    assert engagements(tmp_path / "a.db")[0]["foreign_country"] == "SA"
    archive.close()
