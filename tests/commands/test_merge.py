"""End to end: `pressarchive merge` folds shards written by separate crawls into the archive one crawl of
the same pages makes, whatever order the shards are named in, and merging again changes nothing.

Shard A holds the ISPR sample (then its Urdu version, met in a later run); shard B the Pakistan Navy and
PAF samples, which re-post ISPR releases, and the unofficial newsdesk re-posts: cross-shard near-duplicates
and a cross-run translation link. The reference archive crawls the same servers in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.lock import archive_lock
from commands.site_server import FixtureServer
from tests.commands.test_crawl_dedup import NEWSDESK
from tests.conftest import copy_archive, crawl_outcome, expected, rows, run_cli


def crawl(*args, code: int = 0):
    result = run_cli("crawl", *args)
    assert result.returncode == code, result.stderr


def merge(*args, code: int = 0):
    result = run_cli("merge", *map(str, args))
    assert result.returncode == code, result.stderr
    return result


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Shards A and B and the one-crawl reference, all crawled from the same servers (so the same URLs)."""
    folder = tmp_path_factory.mktemp("shards")
    a, b, one = (str(folder / name) for name in ("a.db", "b.db", "one-crawl.db"))
    registry = folder / "newsdesk.toml"
    sites = {name: FixtureServer(name).start() for name in ("ispr", "paknavy", "paf", "newsdesk")}
    try:
        registry.write_text(NEWSDESK.format(url=sites["newsdesk"].url), encoding="utf-8")
        ispr = ("ispr", "--base-url", f"ispr={sites['ispr'].url}")
        for db in (a, one):
            crawl(*ispr, "--db", db, code=crawl_outcome(expected("ispr"))[1])
        sites["ispr"].set_sites("ispr-urdu", "ispr")  # later, on the same host: the Urdu version appears
        for db in (a, one):
            crawl(*ispr, "--db", db, "--ids", "6545-6549")
        for db in (b, one):
            for name in ("paknavy", "paf"):
                crawl(name, "--db", db, "--base-url", f"{name}={sites[name].url}")
            crawl("--sources", str(registry), "newsdesk", "--db", db)
    finally:
        for server in sites.values():
            server.stop()
    return {"a": a, "b": b, "one": one, "registry": str(registry), "folder": folder}


@pytest.fixture(scope="module")
def merged(crawled):
    target = crawled["folder"] / "merged.db"
    result = merge(crawled["a"], crawled["b"], "--into", target, "--sources", crawled["registry"])
    return target, result.stdout


def dump(db) -> dict:
    """An archive's content by URL and hash (row ids and fetch times differ between crawls)."""
    return {
        "articles": rows(
            db,
            "SELECT a.url, a.source, a.title, a.body, a.published, a.raw_date, a.language, a.service, "
            "a.pr_number, a.dateline_place, a.content_hash, a.extraction, a.word_count, a.withdrawn_at, "
            "t.url AS translation_of, a.translation_reason FROM articles a "
            "LEFT JOIN articles t ON t.id = a.translation_of ORDER BY a.url",
        ),
        "copies": rows(
            db,
            "SELECT c.url, a.url AS article, c.source, c.fetched_url, c.title, c.content_hash, c.via, "
            "c.hints, c.official, c.match_score, c.match_reason, c.fetch_count, c.withdrawn_at, "
            "(SELECT count(*) FROM revisions r WHERE r.copy_id = c.id) AS revisions "
            "FROM copies c JOIN articles a ON a.id = c.article_id ORDER BY c.url",
        ),
        "revisions": rows(
            db,
            "SELECT r.url, a.url AS article, r.content_hash, r.title, r.body, r.published, r.raw_html, "
            "r.http_status, r.content_type, r.extraction_version FROM revisions r "
            "JOIN articles a ON a.id = r.article_id ORDER BY r.url, r.fetched_at",
        ),
        "mentions": rows(
            db,
            "SELECT a.url, m.kind, m.text, m.normalized, m.rank, m.country_code, m.start, m.[end], "
            "m.appointment, m.person, m.role FROM mentions m JOIN articles a ON a.id = m.article_id "
            "ORDER BY a.url, m.start, m.kind, m.text",
        ),
        "engagements": engagements(db),
        "dropped": rows(db, "SELECT url, source, reason, hints, times FROM dropped_pages ORDER BY url"),
        "listings": rows(db, "SELECT url, source, release_links, page_links FROM listing_pages ORDER BY url"),
        "runs": rows(db, "SELECT source, base_url, status FROM crawl_runs ORDER BY source, status, base_url"),
    }


def engagements(db) -> list[dict]:
    return rows(
        db,
        "SELECT url, published, foreign_country, foreign_person, pakistani_person, place FROM engagements "
        "ORDER BY url, foreign_person, pakistani_person",
    )


def test_two_shards_merged_are_the_archive_of_one_crawl(crawled, merged):
    target, _ = merged
    got, want = dump(target), dump(crawled["one"])
    assert want["mentions"] and want["dropped"] and any(c["match_reason"] for c in want["copies"])
    assert any(a["translation_of"] for a in want["articles"]), "the fixture links a translation"
    for table in want:
        assert got[table] == want[table], table


def test_every_fetch_keeps_its_provenance(crawled, merged):
    target, _ = merged
    sql = "SELECT url, fetched_at, content_hash, raw_html, extraction_version FROM revisions ORDER BY 1, 2"
    assert rows(target, sql) == sorted(
        rows(crawled["a"], sql) + rows(crawled["b"], sql), key=lambda r: (r["url"], r["fetched_at"])
    )
    copies = "SELECT url, first_fetched, fetched_at, last_checked, fetch_count FROM copies ORDER BY url"
    assert rows(target, copies) == sorted(
        rows(crawled["a"], copies) + rows(crawled["b"], copies), key=lambda r: r["url"]
    )


def test_the_summary_has_one_line_per_shard(crawled, merged):
    _, stdout = merged
    lines = stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [crawled["a"], crawled["b"]]
    revisions = rows(crawled["a"], "SELECT count(*) AS n FROM revisions")[0]["n"]
    assert re.search(
        rf"revisions {revisions}, new \d+, copy \d+, updated 0, unchanged 0, skipped 0", lines[0]
    )
    assert re.search(r", copy [1-9]\d*,", lines[1]), "B's re-posts join A's releases"


def test_merging_again_changes_nothing(crawled, merged, tmp_path):
    target = copy_archive(merged[0], tmp_path)
    before = dump(target)
    result = merge(crawled["b"], crawled["a"], "--into", target, "--sources", crawled["registry"])
    assert dump(target) == before
    for line in result.stdout.strip().splitlines():
        assert re.search(r"revisions (\d+), new 0, copy 0, updated 0, unchanged 0, skipped \1, runs 0$", line)


def test_the_order_shards_are_named_in_does_not_matter(crawled, merged, tmp_path):
    target = tmp_path / "b-then-a.db"
    merge(crawled["b"], crawled["a"], "--into", target, "--sources", crawled["registry"])
    assert dump(target) == dump(merged[0])


def test_shards_merged_one_by_one_in_any_order_give_the_same_statements(crawled, merged, tmp_path):
    """Merged one command at a time, B before A, B's re-posts are stored first and ISPR's releases join
    them: the same statements, copies and texts, but which copy *founded* an article (the one without a
    match reason) and the order-dependent translation link may differ; the primary copy never does."""
    target = tmp_path / "b-then-a.db"
    merge(crawled["b"], "--into", target, "--sources", crawled["registry"])
    merge(crawled["a"], "--into", target, "--sources", crawled["registry"])
    got, want = dump(target), dump(merged[0])
    loose = ("match_score", "match_reason")
    assert [{k: v for k, v in c.items() if k not in loose} for c in got["copies"]] == [
        {k: v for k, v in c.items() if k not in loose} for c in want["copies"]
    ]
    for table in ("articles", "revisions", "mentions", "dropped", "runs"):
        assert got[table] == want[table], table


@pytest.mark.parametrize("problem", ["missing", "not an archive", "into itself"])
def test_bad_input_is_one_line_and_leaves_the_target_alone(crawled, tmp_path, problem):
    target = copy_archive(Path(crawled["b"] if problem == "into itself" else crawled["one"]), tmp_path)
    shard = {
        "missing": tmp_path / "nowhere.db",
        "not an archive": tmp_path / "notes.db",
        "into itself": target,
    }[problem]
    if problem == "not an archive":
        shard.write_text("not SQLite\n", encoding="utf-8")
    before = target.read_bytes()
    result = merge(crawled["a"], shard, "--into", target, "--sources", crawled["registry"], code=2)
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("pressarchive: ")
    assert str(shard) in result.stderr
    assert target.read_bytes() == before


def test_a_missing_target_is_not_created_on_bad_input(crawled, tmp_path):
    result = merge(tmp_path / "nowhere.db", "--into", tmp_path / "new.db", code=2)
    assert "no such shard" in result.stderr
    assert not (tmp_path / "new.db").exists()


def test_a_shard_of_an_unregistered_source_needs_its_registry(crawled, tmp_path):
    result = merge(crawled["b"], "--into", tmp_path / "new.db", code=2)
    assert "'newsdesk'" in result.stderr and "--sources" in result.stderr
    assert not (tmp_path / "new.db").exists()


def test_a_target_being_crawled_is_left_alone(crawled, tmp_path):
    target = tmp_path / "busy.db"
    with archive_lock(target):
        result = merge(crawled["a"], "--into", target, code=4)
    assert "by another run" in result.stderr and "did nothing" in result.stderr
    assert not target.exists()
