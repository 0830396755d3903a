"""A month of nightly runs against a local mirror that changes every day, through the real CLI.

The mirror (bench/mirror.py) publishes, edits and withdraws releases between runs; the archive's check
times are moved a day back between runs (as the calendar would), so the slow re-check schedule comes
round. At the end the archive must hold exactly what one `--full` crawl of the final mirror holds, apart
from the withdrawals, which only the daily runs could see.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bench.mirror import Mirror, age_archive
from commands.gaps import gaps
from commands.stats import stats
from tests.conftest import rows

DAYS = 30
CHANGES_UNTIL = 22  # edits and withdrawals stop a re-check interval before the end, so all are seen
RECHECK_DAYS = 7


def archive_content(db) -> tuple[dict, dict]:
    """(live copies: url -> text hash, articles: text hash -> fields), without what differs by when it
    was fetched; an article whose primary copy was withdrawn keeps that URL (a full crawl never saw it),
    so it is left out there."""
    copies = {
        r["url"]: r["content_hash"] for r in rows(db, "SELECT * FROM copies WHERE withdrawn_at IS NULL")
    }
    partly = {
        r["id"]
        for r in rows(
            db,
            "SELECT a.id FROM articles a JOIN copies c ON c.url = a.url WHERE c.withdrawn_at IS NOT NULL",
        )
    }
    fields = ("title", "body", "published", "language", "service", "pr_number", "dateline_place", "source")
    articles = {
        a["content_hash"]: {k: a[k] for k in fields} | ({} if a["id"] in partly else {"url": a["url"]})
        for a in rows(db, "SELECT * FROM articles WHERE withdrawn_at IS NULL")
    }
    return copies, articles


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    root = tmp_path_factory.mktemp("month")
    mirror = Mirror(root / "mirror", releases=30, seed=11)
    db, full_db = root / "daily.db", root / "full.db"
    runs, changes = [], {"new": 0, "edited": [], "withdrawn": []}
    with mirror.serve() as urls:
        for day in range(DAYS):
            if day:  # the next night: the sites changed during the day
                age_archive(db, 1)
                late = day > CHANGES_UNTIL
                changed = mirror.advance(
                    new=day % 3, edits=0 if late else day % 2, withdrawals=0 if late else int(day % 4 == 1)
                )
                changes["new"] += len(changed["new"])
                changes["edited"] += changed["edited"]
                changes["withdrawn"] += changed["withdrawn"]
            before = {name: len(server.requests) for name, server in mirror.servers.items()}
            result = mirror.crawl(urls, db, "--recheck-days", str(RECHECK_DAYS), "--json")
            requests = sum(len(server.requests) - before[name] for name, server in mirror.servers.items())
            runs.append((result, requests))
        full = mirror.crawl(urls, full_db, "--full")
    return {
        "db": db,
        "full_db": full_db,
        "runs": runs,
        "full": full,
        "changes": changes,
    }


def test_every_nightly_run_succeeds_and_reports_json(month):
    for result, _ in month["runs"]:
        assert result.returncode == 0, result.stderr
        summary = json.loads(result.stdout)
        assert summary["status"] == "ok" and summary["exit_status"] == 0
        assert {run["source"] for run in summary["runs"]} == {"ispr", "news"}
        assert all(isinstance(run["dropped_by_reason"], dict) for run in summary["runs"])
    assert month["full"].returncode == 0, month["full"].stderr


def test_the_month_ends_identical_to_one_full_crawl_apart_from_withdrawals(month):
    assert archive_content(month["db"]) == archive_content(month["full_db"])
    assert rows(month["db"], "PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_withdrawals_are_marked_never_deleted(month):
    withdrawn = {r.path for r in month["changes"]["withdrawn"]}
    assert withdrawn
    marked = rows(month["db"], "SELECT url, withdrawn_at FROM copies WHERE withdrawn_at IS NOT NULL")
    assert {r["url"].split("://", 1)[1].split("/", 1)[1] for r in marked} == {
        p.lstrip("/") for p in withdrawn
    }
    gone = rows(
        month["db"],
        "SELECT a.body FROM articles a WHERE a.withdrawn_at IS NOT NULL AND length(a.body) > 200",
    )
    assert gone, "withdrawn articles keep their last text"
    assert (
        rows(month["full_db"], "SELECT count(*) AS n FROM copies WHERE withdrawn_at IS NOT NULL")[0]["n"] == 0
    )


def test_edits_become_revisions(month):
    for release in month["changes"]["edited"]:
        versions = rows(month["db"], "SELECT body FROM revisions WHERE url LIKE ?", [f"%{release.path}"])
        assert len(versions) == 1 + release.edits, release.path


def test_nightly_runs_cost_a_fraction_of_a_full_walk(month):
    full_requests = rows(month["full_db"], "SELECT sum(listing_pages + pages_fetched) AS n FROM crawl_runs")[
        0
    ]["n"]
    nightly = [requests for _, requests in month["runs"][1:]]
    assert max(nightly) < full_requests
    assert sum(nightly) / len(nightly) < full_requests / 3


def test_gaps_and_run_history_tell_what_the_month_saw(month):
    found = CliRunner().invoke(gaps, ["--db", str(month["db"]), "--json"])
    assert found.exit_code == 0, found.output
    withdrawn = json.loads(found.output)["withdrawn"]
    assert len(withdrawn) == len(month["changes"]["withdrawn"])
    assert {r["source"] for r in withdrawn} <= {"ispr", "news"}
    history = CliRunner().invoke(stats, ["--db", str(month["db"]), "--runs", "--limit", "5", "--json"])
    runs = json.loads(history.output)
    assert [(r["source"], r["status"]) for r in runs] == [("ispr", "ok")] * 5 + [("news", "ok")] * 5
