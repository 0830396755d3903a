"""Run statuses, the one status -> exit status mapping, and the layout alarm rules, on Scrapy-like stats."""

from __future__ import annotations

import json
import signal

import pytest

from archive.runs import EXIT_STATUS, exit_status, run_summary

RUN = {"source": "ispr", "base_url": "https://www.ispr.gov.pk", "walked_ids": False, "reason": "finished"}


def stats(**figures) -> dict:
    """Scrapy stats of a run that found 30 links on 3 listing pages and stored 10 complete new articles."""
    base = {
        "pages/listing": 3,
        "listing/release_links": 30,
        "pages/fetched": 10,
        "archive/new": 10,
        "coverage/new": 10,
        "coverage/date": 10,
        "coverage/title": 10,
        "coverage/body": 10,
        "coverage/pr_number": 9,
    }
    return {**base, **{key.replace("__", "/"): value for key, value in figures.items()}}


def history(runs: int = 5) -> list[dict]:
    """Earlier healthy runs of the source, as crawl_runs rows."""
    return [
        run_summary(stats(), RUN, [])
        | {"status": "ok", "release_links": 30, "dropped": 1, "pages_fetched": 10}
        for _ in range(runs)
    ]


@pytest.mark.parametrize(
    ("statuses", "signal_number", "code"),
    [
        ([], None, 0),
        (["ok", "ok"], None, 0),
        (["ok", "partial"], None, 1),
        (["failed"], None, 1),
        (["partial", "error"], None, 2),
        (["ok", "alarm", "failed"], None, 3),
        (["alarm", "interrupted"], signal.SIGTERM, 143),
        (["ok", "interrupted"], signal.SIGINT, 130),
    ],
)
def test_the_most_severe_run_decides_the_exit_status(statuses, signal_number, code):
    assert exit_status(statuses, signal_number) == code


def test_exit_statuses_are_the_documented_ones():
    assert EXIT_STATUS == {
        "ok": 0,
        "partial": 1,
        "failed": 1,
        "alarm": 3,
        "error": 2,
        "locked": 4,
        "interrupted": 128,
    }


def test_a_healthy_run_is_ok():
    summary = run_summary(stats(), RUN, history())
    assert (summary["status"], summary["message"]) == ("ok", "")
    assert json.loads(summary["coverage"]) == {"new": 10, "date": 10, "title": 10, "body": 10, "pr_number": 9}


def test_failed_pages_make_a_partial_run_listed_by_reason():
    summary = run_summary(
        stats(errors__download=3, errors__download__TimeoutError=2, errors__download__ConnectionLost=1),
        RUN,
        history(),
    )
    assert summary["status"] == "partial"
    assert summary["message"].startswith("3 page(s) failed or lost (ConnectionLost 1, TimeoutError 2)")


def test_no_links_where_there_used_to_be_some_is_an_alarm_with_the_usual_figure():
    summary = run_summary(stats(listing__release_links=0, pages__fetched=0), RUN, history())
    assert summary["status"] == "alarm"
    assert "found no release links on 3 listing page(s), usually 30" in summary["message"]
    assert run_summary(stats(listing__release_links=0, pages__fetched=0), RUN, [])["status"] == "failed"


def test_most_new_pages_dropped_is_an_alarm_but_known_junk_is_not():
    dropped = stats(dropped__no_body=7, archive__new=3, coverage__new=3)
    summary = run_summary(dropped, RUN, history())
    assert summary["status"] == "alarm"
    assert "7 of 10 new release pages dropped" in summary["message"] and "usually 10%" in summary["message"]
    again = {**dropped, "pages/dropped_again": 7}
    assert run_summary(again, RUN, history())["status"] == "ok"


def test_a_field_far_below_its_usual_coverage_is_an_alarm_naming_field_and_usual_share():
    summary = run_summary(stats(coverage__date=1), RUN, history())
    assert summary["status"] == "alarm"
    assert "only 1 of 10 new articles (10%) have a date, usually 100%" in summary["message"]
    # A field the source never had (a PR number on a site without them) raises nothing.
    never = [
        run | {"coverage": json.dumps({"new": 10, "date": 10, "title": 10, "body": 10})} for run in history()
    ]
    assert run_summary(stats(coverage__pr_number=0), RUN, never)["status"] == "ok"
    # Two new articles are too few to call a site changed.
    assert run_summary(stats(coverage__new=2, coverage__date=0), RUN, history())["status"] == "ok"


def test_interrupted_and_error_outrank_everything_and_say_why():
    stopped = run_summary(stats(shutdown__signal="SIGTERM"), {**RUN, "reason": "shutdown"}, history())
    assert stopped["status"] == "interrupted" and "stopped by SIGTERM after 10" in stopped["message"]
    full = run_summary(stats(archive__error="cannot write to a.db: database or disk is full"), RUN, history())
    assert full["status"] == "error"
    assert (
        full["message"]
        == "cannot write to a.db: database or disk is full; the batch in progress was not written"
    )


def test_all_release_pages_dropped_is_an_alarm_even_on_a_first_run_or_a_small_one():
    """Nothing to compare with, or too few pages to call it "most": losing every page still says so."""
    for fetched in (1, 2, 3):
        lost = stats(
            pages__fetched=fetched, **{"dropped/malformed": fetched}, archive__new=0, coverage__new=0
        )
        summary = run_summary(lost, RUN, [])
        assert summary["status"] == "alarm", fetched
        assert (
            f'{fetched} of {fetched} new release pages dropped ({{"malformed": {fetched}}})'
            in summary["message"]
        )
    one_of_two = stats(pages__fetched=2, dropped__malformed=1, archive__new=1, coverage__new=1)
    assert run_summary(one_of_two, RUN, [])["status"] == "ok"


def test_listings_cut_at_max_pages_are_partial_naming_the_fix():
    """Releases past the bound were never seen: the run says so instead of `ok`."""
    summary = run_summary(stats(listing__over_max_pages=4), RUN, history())
    assert summary["status"] == "partial"
    assert "4 more listing link(s) not followed" in summary["message"] and "max_pages" in summary["message"]
