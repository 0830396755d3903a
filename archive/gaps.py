"""Where the archive is known to be incomplete: the questions behind an export's "Known gaps" and `gaps`.

Each function takes a `scope`, SQL selecting the article ids to look at (the whole archive by default),
so an export asks about exactly the articles it carries and a command can ask about a source.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import sqlite_utils

from archive.queries import rows

ALL_ARTICLES = "SELECT id FROM articles"
# Release URLs that carry the site's own sequential number: a number missing inside the archived range
# is a release the archive does not have (not yet fetched, withdrawn, or never published).
SEQUENTIAL_ID_URLS = (re.compile(r"/press-release-detail\.php\?id=(\d+)$"),)
RECENT_RUNS = 5


def undated_articles(db: sqlite_utils.Database, scope: str = ALL_ARTICLES) -> list[dict]:
    return rows(
        db,
        f"SELECT id, source, url, title FROM articles WHERE published IS NULL AND id IN ({scope}) "
        "ORDER BY id",
    )


def wayback_copies(db: sqlite_utils.Database, scope: str = ALL_ARTICLES) -> list[dict]:
    """Copies with a version taken from the Wayback Machine rather than the live site (each revision
    records where its text came from; a copy may have been fetched live since), with the newest capture."""
    return rows(
        db,
        f"SELECT c.article_id, c.source, c.url, max(r.capture_timestamp) AS capture_timestamp "
        f"FROM copies c JOIN revisions r ON r.copy_id = c.id "
        f"WHERE r.via = 'wayback' AND c.article_id IN ({scope}) GROUP BY c.id ORDER BY c.article_id, c.id",
    )


def withdrawn_copies(db: sqlite_utils.Database, scope: str = ALL_ARTICLES) -> list[dict]:
    """Copies whose page was later taken down (in archives that record withdrawals)."""
    if "withdrawn_at" not in db["copies"].columns_dict:
        return []
    return rows(
        db,
        f"SELECT article_id, source, url, withdrawn_at FROM copies "
        f"WHERE withdrawn_at IS NOT NULL AND article_id IN ({scope}) ORDER BY article_id, id",
    )


def troubled_sources(db: sqlite_utils.Database, recent: int = RECENT_RUNS) -> list[dict]:
    """Sources whose last `recent` crawls include a failed or partial one (blocked, unreachable, errors),
    with how often pages were refused by a bot challenge."""
    runs = rows(
        db,
        "SELECT source, started, status, message, dropped_by_reason FROM ("
        "  SELECT *, row_number() OVER (PARTITION BY source ORDER BY started DESC, id DESC) AS age"
        "  FROM crawl_runs) WHERE age <= ? ORDER BY source, started",
        [recent],
    )
    by_source: dict[str, list[dict]] = defaultdict(list)
    for run in runs:
        by_source[run["source"]].append(run)
    troubled = []
    for source, recent_runs in sorted(by_source.items()):
        bad = [run for run in recent_runs if run["status"] not in ("ok", "running")]
        if not bad:
            continue
        challenges = sum(
            json.loads(run["dropped_by_reason"] or "{}").get("challenge", 0) for run in recent_runs
        )
        troubled.append(
            {
                "source": source,
                "runs": len(recent_runs),
                "not_ok": len(bad),
                "last_status": recent_runs[-1]["status"],
                "last_problem": bad[-1]["message"] or bad[-1]["status"],
                "last_problem_at": bad[-1]["started"],
                "challenge_pages": challenges,
            }
        )
    return troubled


def sequential_ids(db: sqlite_utils.Database, scope: str | None = None) -> dict[str, set[int]]:
    """Per source, the site's own release numbers among its copies (all copies, or those in `scope`)."""
    sql = "SELECT source, url FROM copies" + (f" WHERE article_id IN ({scope})" if scope else "")
    found: dict[str, set[int]] = defaultdict(set)
    for source, url in db.execute(sql):
        for pattern in SEQUENTIAL_ID_URLS:
            if match := pattern.search(url):
                found[source].add(int(match.group(1)))
    return dict(found)


def missing_ids(db: sqlite_utils.Database, scope: str = ALL_ARTICLES) -> dict[str, dict]:
    """Per sequential-id source: the numbers missing between the lowest and highest in `scope` that no
    copy anywhere in the archive has."""
    archived = sequential_ids(db)
    result = {}
    for source, ids in sorted(sequential_ids(db, scope).items()):
        low, high = min(ids), max(ids)
        missing = [n for n in range(low, high + 1) if n not in archived[source]]
        result[source] = {"low": low, "high": high, "missing": missing}
    return result


def as_ranges(numbers: list[int]) -> str:
    """6482, 6487-6489 for [6482, 6487, 6488, 6489]."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
