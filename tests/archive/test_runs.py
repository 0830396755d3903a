"""A run that dropped most of a source's release pages is never `ok`."""

from __future__ import annotations

from archive.runs import dropped_alarm, run_summary


def stats(fetched: int, dropped: dict[str, int]) -> dict:
    return {
        "pages/listing": 1,
        "listing/release_links": fetched,
        "pages/fetched": fetched,
        "archive/new": fetched - sum(dropped.values()),
        **{f"dropped/{reason}": count for reason, count in dropped.items()},
    }


def test_all_or_most_release_pages_dropped_is_an_alarm_with_the_reasons():
    summary = run_summary(stats(3, {"malformed": 3}), "agsite", "https://ag.example.gov")
    assert summary["status"] == "alarm"
    assert summary["message"].startswith('3 of 3 release pages were dropped ({"malformed": 3})')
    assert run_summary(stats(10, {"no_body": 6}), "agsite", "https://ag.example.gov")["status"] == "alarm"


def test_a_few_dropped_pages_are_ordinary():
    assert run_summary(stats(10, {"soft_404": 2}), "agsite", "https://ag.example.gov")["status"] == "ok"
    assert dropped_alarm(2, 1, "{}") is None  # one of two: too little to call it "most"
    assert dropped_alarm(0, 0, "{}") is None
    assert dropped_alarm(2, 2, "{}") is not None  # but all of them is
