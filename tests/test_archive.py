"""The archive library on real SQLite files: identity rules, migrations, WAL, FTS, failure messages."""

from __future__ import annotations

import sqlite3
import zlib

import pytest

from archive.schema import SCHEMA_VERSION, ArchiveError, open_archive
from archive.store import Archive
from extraction import Article, Page
from extraction.normalise import canonical_url, content_hash


def page(
    url: str, body: str, title: str = "COAS VISITS TROOPS", fetched_at: str = "2026-01-01T00:00:00+00:00"
):
    fetched = Page(
        source="ispr",
        url=url,
        status=200,
        content_type="text/html",
        raw=f"<html>{body}</html>".encode(),
        encoding="utf-8",
        fetched_at=fetched_at,
        hints={"service": "army"},
    )
    return Article(
        page=fetched,
        title=title,
        body=body,
        published="2024-05-10",
        language="en",
        methods={"body": "css"},
        canonical_url=canonical_url(url),
        content_hash=content_hash(body),
    )


@pytest.fixture
def archive(tmp_path):
    store = Archive(tmp_path / "a.db")
    yield store
    store.close()


def record(archive, item) -> str:
    with archive.transaction():
        return archive.record(item)


def count(archive, table: str) -> int:
    return archive.db[table].count


def test_new_then_unchanged_then_edited(archive):
    url = "https://ispr.example.invalid/press-release-detail.php?id=1"
    assert record(archive, page(url, "First text of the release.")) == "new"
    assert (
        record(archive, page(url + "#top", "First  text of the release.", fetched_at="2026-01-02"))
        == "unchanged"
    )
    copy = archive.db["copies"].get(1)
    assert (copy["fetch_count"], copy["fetched_at"], copy["first_fetched"]) == (
        2,
        "2026-01-02",
        "2026-01-01T00:00:00+00:00",
    )
    assert record(archive, page(url, "Corrected text of the release.", fetched_at="2026-01-03")) == "updated"
    article = archive.db["articles"].get(1)
    assert (article["body"], article["last_updated"], article["first_seen"]) == (
        "Corrected text of the release.",
        "2026-01-03",
        "2026-01-01T00:00:00+00:00",
    )
    bodies = [r["body"] for r in archive.db["revisions"].rows_where(order_by="id")]
    assert bodies == ["First text of the release.", "Corrected text of the release."]
    assert (count(archive, "articles"), count(archive, "copies")) == (1, 1)


def test_same_text_elsewhere_is_a_copy_not_an_article(archive):
    assert record(archive, page("https://ispr.example.invalid/x?id=1", "Same statement.")) == "new"
    assert record(archive, page("https://ispr.example.invalid/x?id=2", "Same  STATEMENT.")) == "copy"
    assert record(archive, page("https://ispr.example.invalid/x?id=3", "Another statement.")) == "new"
    assert (count(archive, "articles"), count(archive, "copies"), count(archive, "revisions")) == (2, 3, 3)
    assert [c["article_id"] for c in archive.db["copies"].rows_where(order_by="id")] == [1, 1, 2]


def test_an_article_is_dated_by_its_earliest_copy(archive):
    repost = page("https://ispr.example.invalid/x?id=2", "Same statement.")
    repost.published = "2024-10-30"
    original = page("https://ispr.example.invalid/x?id=1", "Same statement.")
    original.published = "2024-10-29"
    later = page("https://ispr.example.invalid/x?id=3", "Same statement.")
    later.published = "2024-11-02"
    assert [record(archive, p) for p in (repost, original, later)] == ["new", "copy", "copy"]
    article = archive.db["articles"].get(1)
    assert (article["published"], article["url"]) == ("2024-10-29", "https://ispr.example.invalid/x?id=1")


def test_with_equal_dates_the_lower_id_is_the_primary_copy(archive):
    repost = page("https://ispr.example.invalid/x?id=9241", "Same statement.")
    original = page("https://ispr.example.invalid/x?id=9214", "Same statement.")
    original.service = "navy"
    assert [record(archive, p) for p in (repost, original)] == ["new", "copy"]
    article = archive.db["articles"].get(1)
    assert (article["url"], article["service"]) == ("https://ispr.example.invalid/x?id=9214", "navy")


def test_raw_html_is_kept_compressed(archive):
    record(archive, page("https://ispr.example.invalid/x?id=1", "Body text."))
    raw = archive.db["revisions"].get(1)["raw_html"]
    assert zlib.decompress(raw) == b"<html>Body text.</html>"


def test_full_text_search_follows_edits(archive):
    url = "https://ispr.example.invalid/x?id=1"
    record(archive, page(url, "Troops in Waziristan."))
    search = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    assert archive.db.execute(search, ["Waziristan"]).fetchall() == [(1,)]
    record(archive, page(url, "Troops in Kurram."))
    assert archive.db.execute(search, ["Waziristan"]).fetchall() == []
    assert archive.db.execute(search, ["Kurram"]).fetchall() == [(1,)]


def test_a_failed_batch_leaves_nothing_half_written(archive):
    with pytest.raises(RuntimeError), archive.transaction():
        archive.record(page("https://ispr.example.invalid/x?id=1", "One."))
        raise RuntimeError("killed mid-batch")
    assert (count(archive, "articles"), count(archive, "copies"), count(archive, "revisions")) == (0, 0, 0)


def test_schema_version_wal_and_indexes(tmp_path):
    db = open_archive(tmp_path / "a.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "copies", "revisions", "crawl_runs", "articles_fts"} <= set(db.table_names())
    assert "idx_copies_url" in {i.name for i in db["copies"].indexes}
    db.close()
    reopened = open_archive(tmp_path / "a.db")
    assert reopened.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_files_that_are_not_usable_archives_are_refused(tmp_path):
    with pytest.raises(ArchiveError, match="no such archive"):
        open_archive(tmp_path / "missing.db", create=False)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError, match=r"cannot open as an SQLite archive|cannot prepare"):
        open_archive(garbage)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ArchiveError, match="not a pressarchive archive"):
        open_archive(other)
    newer = tmp_path / "newer.db"
    open_archive(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(ArchiveError, match="newer than this pressarchive"):
        open_archive(newer)
