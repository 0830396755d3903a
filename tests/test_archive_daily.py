"""The archive side of nightly runs: withdrawals, 304s, remembered junk, abandoned runs, the lock, lookups."""

from __future__ import annotations

import pytest

from archive.lock import ArchiveLockedError, archive_lock
from archive.lookup import KnownReleases
from archive.store import Archive
from pipelines.items import DroppedPage
from tests.test_archive import page, record


@pytest.fixture
def store(tmp_path):
    opened = Archive(tmp_path / "a.db")
    yield opened
    opened.close()


URL = "https://ispr.example.invalid/press-release-detail.php?id=7"
REPOST = "https://ispr.example.invalid/press-release-detail.php?id=9"
LATER = "2026-02-01T00:00:00+00:00"


def state(store, table: str, url: str | None = None) -> list:
    sql = f"SELECT withdrawn_at FROM {table}" + (" WHERE url = ?" if url else "")
    return [row[0] for row in store.db.execute(sql, [url] if url else [])]


def test_an_article_is_withdrawn_once_all_its_copies_are_and_comes_back_with_one(store):
    record(store, page(URL, "Troops in Waziristan."))
    record(store, page(REPOST, "Troops in Waziristan."))
    with store.transaction():
        assert store.withdraw(URL, LATER) == "withdrawn"
    assert (state(store, "copies", URL), state(store, "articles")) == ([LATER], [None])
    with store.transaction():
        assert store.withdraw(REPOST, LATER) == "withdrawn"
        assert store.withdraw(REPOST, LATER) == "still_withdrawn"
        assert store.withdraw("https://elsewhere.invalid/x", LATER) == "gone_unknown"
    assert state(store, "articles") == [LATER]
    assert store.db["articles"].get(1)["body"] == "Troops in Waziristan."  # the last text stays
    with store.transaction():
        assert store.not_modified(URL, "2026-03-01T00:00:00+00:00") == "unchanged"
    assert (state(store, "copies", URL), state(store, "articles")) == ([None], [None])


def test_a_304_moves_the_check_time_and_the_fetch_count_only(store):
    record(store, page(URL, "Troops in Waziristan."))
    with store.transaction():
        store.not_modified(URL, LATER)
    copy = store.db["copies"].get(1)
    assert (copy["last_checked"], copy["fetched_at"], copy["fetch_count"]) == (LATER, LATER, 2)
    assert store.db["revisions"].count == 1


def test_junk_is_remembered_until_the_page_becomes_a_release(store, tmp_path):
    with store.transaction():
        store.remember_drop(DroppedPage("ispr", URL, LATER, "soft_404", {"service": "army"}))
        store.remember_drop(DroppedPage("ispr", URL, LATER, "soft_404"))
    known = KnownReleases(tmp_path / "a.db", "ispr")
    try:
        assert known.dropped_reason(URL) == "soft_404" and not known.is_known(URL)
        assert store.db["dropped_pages"].get(URL)["times"] == 2
        record(store, page(URL, "Troops in Waziristan."))
        assert known.dropped_reason(URL) is None and known.is_known(URL)
    finally:
        known.close()


def test_rechecks_are_due_oldest_first_and_bounded(store, tmp_path):
    for number, day in ((1, "2020-01-03"), (2, "2020-01-01"), (3, "2099-01-01")):
        record(store, page(f"{URL}{number}", f"Text {number}.", fetched_at=f"{day}T00:00:00+00:00"))
    known = KnownReleases(tmp_path / "a.db", "ispr")
    try:
        assert [url for url, _ in known.due_for_recheck(30, 10)] == [f"{URL}2", f"{URL}1"]
        assert known.due_for_recheck(30, 1) == [(f"{URL}2", {"service": "army"})]
        assert known.due_for_recheck(30, 0) == []
        assert known.highest_id(r"[?&]id=(\d+)") == 73
    finally:
        known.close()


def test_runs_left_running_are_abandoned_with_their_pid(store):
    run = store.start_run("ispr", "https://www.ispr.gov.pk")
    stale = store.abandon_stale_runs()
    assert [r["id"] for r in stale] == [run]
    row = store.db["crawl_runs"].get(run)
    assert row["status"] == "abandoned" and f"pid {row['pid']}" in row["message"]
    assert store.abandon_stale_runs() == []


def test_the_lock_refuses_a_second_holder_naming_the_first(tmp_path):
    db = tmp_path / "a.db"
    with archive_lock(db) as owner, pytest.raises(ArchiveLockedError) as refused, archive_lock(db):
        pass
    assert f"pid {owner['pid']}, started {owner['started']}" in str(refused.value)
    with archive_lock(db):  # released on exit
        pass
