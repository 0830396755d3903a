"""`pressarchive history` and `pressarchive dedup` on an archive of the crawled ISPR sample, and a crawl
after an extractor upgrade: versions that mean something."""

from __future__ import annotations

import sqlite3

import pytest
import yaml
from click.testing import CliRunner

from commands.dedup import dedup
from commands.history import history
from commands.site_server import FixtureServer
from extraction.normalise import content_hash
from extraction.version import extraction_version
from tests.conftest import ROOT, copy_archive, crawl_outcome, expected, rows, run_cli

EDITED = "6496"  # the ISPR sample's release that tests/fixtures/sites/ispr-edited changes (a figure)
REPOST, ORIGINAL = "6530", "6501"


def crawl(db, server):
    """A full crawl: every release fetched again, as an edit or an upgrade needs to be seen."""
    result = run_cli("crawl", "ispr", "--full", "--db", str(db), "--base-url", f"ispr={server.url}")
    assert result.returncode == crawl_outcome(expected("ispr"))[1], result.stderr
    return rows(db, "SELECT * FROM crawl_runs ORDER BY id")[-1]


@pytest.fixture(scope="module")
def edited_archive(tmp_path_factory):
    """The ISPR sample crawled, then crawled again after one release was edited on the site."""
    db = tmp_path_factory.mktemp("edited") / "archive.db"
    with FixtureServer("ispr") as server:
        crawl(db, server)
        server.set_sites("ispr-edited", "ispr")
        crawl(db, server)
    return db


def article_of(db, number: str) -> int:
    return rows(db, "SELECT article_id FROM copies WHERE url LIKE ?", [f"%id={number}"])[0]["article_id"]


def test_history_shows_every_version_with_a_diff(edited_archive):
    article_id = article_of(edited_archive, EDITED)
    result = CliRunner().invoke(history, [str(article_id), "--db", str(edited_archive)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"article {article_id}: CORPS COMMANDERS")
    assert lines[1].startswith("[1] ") and "ispr" in lines[1] and f"id={EDITED}" in lines[1]
    assert "(first version; extraction " in lines[1]
    assert lines[2].startswith("[2] ") and "(edit; extraction" in lines[2]
    assert any(line.startswith("-") and "1,650 km" in line for line in lines)
    assert any(line.startswith("+") and "1,560 km" in line for line in lines)
    assert "\x1b[" not in result.output  # not a terminal: no colour codes


def test_history_is_coloured_on_a_terminal(edited_archive):
    article_id = article_of(edited_archive, EDITED)
    result = CliRunner().invoke(history, [str(article_id), "--db", str(edited_archive)], color=True)
    assert "\x1b[31m-" in result.output and "\x1b[32m+" in result.output


def test_history_of_an_unknown_article_exits_1_with_one_line(edited_archive):
    result = run_cli("history", "999999", "--db", str(edited_archive))
    assert result.returncode == 1
    assert result.stderr.strip() == f"pressarchive: no article 999999 in {edited_archive}"
    assert result.stdout == ""


def test_history_lists_a_repost_as_another_copy(edited_archive):
    result = CliRunner().invoke(
        history, [str(article_of(edited_archive, ORIGINAL)), "--db", str(edited_archive)]
    )
    assert "(another copy" in result.output and "(same text)" in result.output


def test_dedup_finds_nothing_to_do_after_a_crawl(edited_archive, tmp_path):
    db = copy_archive(edited_archive, tmp_path)
    result = CliRunner().invoke(dedup, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 merges, 0 splits, 0 translation links done")


def separate_the_repost(db) -> None:
    """What an archive made before near-duplicate matching holds: the re-post, with a headline line
    added to its text, as an article of its own."""
    con = sqlite3.connect(db)
    copy_id, article_id = con.execute(
        "SELECT id, article_id FROM copies WHERE url LIKE ?", [f"%id={REPOST}"]
    ).fetchone()
    body = con.execute("SELECT body FROM revisions WHERE copy_id = ?", [copy_id]).fetchone()[0]
    body = "COAS VISITS TROOPS IN NORTH WAZIRISTAN\n\n" + body
    columns = "title, body, published, language, service, pr_number, url, source, first_seen, last_updated"
    con.execute(f"INSERT INTO articles ({columns}) SELECT {columns} FROM articles WHERE id = ?", [article_id])
    new_id = con.execute("SELECT max(id) FROM articles").fetchone()[0]
    con.execute(
        "UPDATE articles SET body = ?, content_hash = ? WHERE id = ?", [body, content_hash(body), new_id]
    )
    con.execute(
        "UPDATE copies SET article_id = ?, match_reason = NULL, content_hash = ? WHERE id = ?",
        [new_id, content_hash(body), copy_id],
    )
    con.execute(
        "UPDATE revisions SET article_id = ?, body = ?, content_hash = ? WHERE copy_id = ?",
        [new_id, body, content_hash(body), copy_id],
    )
    con.commit()
    con.close()


def test_dedup_dry_run_prints_the_merge_and_changes_nothing_then_merges(edited_archive, tmp_path):
    db = copy_archive(edited_archive, tmp_path)
    separate_the_repost(db)
    before = rows(db, "SELECT count(*) AS n FROM articles")[0]["n"]
    dry = CliRunner().invoke(dedup, ["--db", str(db), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "merge: " in dry.output and f"id={REPOST}" in dry.output and "same statement" in dry.output
    assert "1 merges, 0 splits, 0 translation links would be" in dry.output
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == before
    done = CliRunner().invoke(dedup, ["--db", str(db)])
    assert "1 merges, 0 splits, 0 translation links done" in done.output
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == before - 1
    assert article_of(db, REPOST) == article_of(db, ORIGINAL)
    copy = rows(db, "SELECT match_score, match_reason FROM copies WHERE url LIKE ?", [f"%id={REPOST}"])[0]
    assert copy["match_score"] > 0.9 and copy["match_reason"].startswith("same statement")


def test_dedup_splits_a_copy_that_is_another_statement(edited_archive, tmp_path):
    db = copy_archive(edited_archive, tmp_path)
    con = sqlite3.connect(db)
    other = con.execute("SELECT id FROM copies WHERE url LIKE '%id=6541'").fetchone()[0]  # Bannu operation
    con.execute("UPDATE copies SET article_id = ? WHERE id = ?", [article_of(db, EDITED), other])
    con.execute("UPDATE revisions SET article_id = ? WHERE copy_id = ?", [article_of(db, EDITED), other])
    con.execute("DELETE FROM articles WHERE id NOT IN (SELECT article_id FROM copies)")
    con.commit()
    con.close()
    result = CliRunner().invoke(dedup, ["--db", str(db)])
    assert "split: " in result.output and "id=6541" in result.output
    assert "0 merges, 1 splits, 0 translation links done" in result.output
    assert article_of(db, "6541") != article_of(db, EDITED)
    split = rows(db, "SELECT title, published FROM articles WHERE id = ?", [article_of(db, "6541")])[0]
    assert split == {
        "title": "SECURITY FORCES CONDUCT OPERATION IN BANNU DISTRICT",
        "published": "2024-07-29",
    }


def test_an_extractor_upgrade_is_not_an_edit(tmp_path):
    """Revisions stored by an older extractor (other text, other version) are re-extracted from their
    HTML when the crawl meets the page again: no revision is recorded unless the site changed."""
    db = tmp_path / "archive.db"
    with FixtureServer("ispr") as server:
        first = crawl(db, server)
        con = sqlite3.connect(db)
        older = "Text as an older extractor cut it, with site furniture.\n\nREADERS CORNER"
        con.execute(
            "UPDATE revisions SET body = body || ?, extraction_version = '0.0.1+older'", ["\n\n" + older]
        )
        con.execute("UPDATE copies SET content_hash = 'older-' || content_hash")
        con.execute("UPDATE revisions SET content_hash = 'older-' || content_hash")
        con.commit()
        con.close()
        pages = first["new"] + first["copies_added"]
        again = crawl(db, server)
        assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, pages)
        assert rows(db, "SELECT count(*) AS n FROM revisions")[0]["n"] == pages
        assert rows(db, "SELECT count(*) AS n FROM revisions WHERE body LIKE '%READERS CORNER%'")[0]["n"] == 0
        versions = {r["extraction_version"] for r in rows(db, "SELECT extraction_version FROM revisions")}
        assert versions == {extraction_version()}
        server.set_sites("ispr-edited", "ispr")
        edited = crawl(db, server)
    assert (edited["updated"], edited["unchanged"]) == (1, pages - 1)


def canned(name: str) -> str:
    metadata = yaml.safe_load((ROOT / "archive" / "metadata.yml").read_text(encoding="utf-8"))
    return metadata["databases"]["archive"]["queries"][name]["sql"]


def test_the_canned_query_lists_edited_articles_with_revision_counts(edited_archive):
    edited = rows(edited_archive, canned("edited_releases"))
    assert [(r["id"], r["revisions"], r["edits"]) for r in edited] == [
        (article_of(edited_archive, EDITED), 2, 1)
    ]
    reposted = article_of(edited_archive, ORIGINAL)
    assert reposted not in {r["id"] for r in edited}  # two copies are not an edit


@pytest.mark.parametrize("command", [["history", "1"], ["dedup"]])
def test_a_missing_archive_is_one_line_and_exit_2(tmp_path, command):
    result = run_cli(*command, "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert result.stderr.startswith("pressarchive: ") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()
