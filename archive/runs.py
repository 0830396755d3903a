"""What one crawl of one source did, from Scrapy's stats: the crawl_runs row, its status, and the exit status.

A run that broke must say so in its status, its exit status and its one-line message, because nobody
watches a nightly crawl. The statuses, most severe last:

- `ok`: everything fetched was stored;
- `partial`: some pages could not be fetched, or were lost on the way (LOST_REASONS: a challenge, a
  timeout, a cut-off or undecodable page…), counted by reason, or listings were cut at `max_pages`;
  the rest was stored;
- `failed`: nothing could be fetched (unreachable, blocked by a challenge, no release links on a first run);
- `alarm`: the site answered but no longer looks the way it did (`layout_alarm`);
- `error`: the archive could not be written (disk full, read-only file); the batch in progress was rolled
  back, nothing is half-written;
- `interrupted`: SIGTERM or SIGINT; the batch in progress was stored;
- `abandoned`: set by a later run on a row a killed crawl left `running`.
"""

from __future__ import annotations

import json
import signal

# Run status -> crawl exit status (README, "Exit statuses"); the most severe run of a crawl decides.
EXIT_STATUS = {"ok": 0, "partial": 1, "failed": 1, "alarm": 3, "error": 2, "locked": 4, "interrupted": 128}
SEVERITY = ("ok", "partial", "failed", "alarm", "error", "interrupted")
COVERAGE_FIELDS = ("date", "title", "body", "pr_number")
BODY_MIN_CHARS = 200  # a body shorter than this is counted as missing in the coverage figures
# Layout alarm thresholds: "most" pages dropped, a field "far below" its usual share, and the least
# evidence worth alarming on (a quiet night with one odd release is not a changed site).
DROPPED_SHARE = 0.5
COVERAGE_FALL = 0.5
MIN_PAGES = 3


def exit_status(statuses: list[str], signal_number: int | None = None) -> int:
    """The crawl's exit status from its runs' statuses: 0 ok, 1 pages failed, 2 archive error, 3 layout
    alarm, 130 / 143 interrupted by SIGINT / SIGTERM."""
    worst = max(statuses, key=SEVERITY.index, default="ok")
    if worst == "interrupted":
        return EXIT_STATUS[worst] + (signal_number or signal.SIGINT)
    return EXIT_STATUS[worst]


# Drop reasons that mean a release may have been lost: the site or the network failed to give us the page
# (as opposed to pages that are not releases: soft-404s, empty or non-HTML pages, pages without text). A
# run that lost pages is never "ok".
LOST_REASONS = frozenset(
    {
        "challenge",
        "http_error",
        "offsite_redirect",
        "redirect_loop",
        "too_large",
        "decompression_limit",
        "undecodable",
        "timeout",
        "unreachable",
        "truncated",
        "connection_lost",
        "download_error",
    }
)


def walked_every_listing(status: str, stats_json: str | None) -> bool:
    """Whether a finished run read every listing page it asked for (see `archive.lookup`)."""
    if status == "ok":
        return True
    return status == "partial" and not json.loads(stats_json or "{}").get("listing/lost")


def _count(stats: dict, prefix: str) -> dict[str, int]:
    return {
        key[len(prefix) :]: value
        for key, value in stats.items()
        if key.startswith(prefix) and "/" not in key[len(prefix) :]
    }


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def usual(history: list[dict], numerator, denominator) -> tuple[int, int]:
    """Sum of a figure and of its base over the source's recent healthy runs."""
    return sum(numerator(run) for run in history), sum(denominator(run) for run in history)


def layout_alarm(summary: dict, stats: dict, history: list[dict], walked_ids: bool) -> str | None:
    """The one rule for "this site changed": the message naming the figure and its usual value, or None.

    - a source that yielded release links in earlier runs finds none now;
    - all release pages fetched were dropped, or most of them when that is not the source's usual share
      (not counting withdrawals, nor junk dropped before);
    - a field's coverage among new articles (date, title, body over 200 characters, PR number where the
      source has them) falls far below the source's recent average.
    """
    links_before = [run["release_links"] for run in history if run.get("release_links")]
    if not walked_ids and summary["listing_pages"] and summary["release_links"] == 0 and links_before:
        return (
            f"found no release links on {summary['listing_pages']} listing page(s), usually "
            f"{sum(links_before) // len(links_before)}: the site's layout may have changed"
        )
    again = stats.get("pages/dropped_again", 0)
    # Pages the site answered and extraction dropped: not those lost on the way (`partial`'s business).
    unfetched = stats.get("download/lost", 0) + stats.get("listing/lost", 0)
    pages = summary["pages_fetched"] - summary["not_modified"] - again
    dropped = summary["dropped"] - again - unfetched
    if pages and (dropped >= pages or (pages >= MIN_PAGES and dropped > DROPPED_SHARE * pages)):
        before, fetched = usual(history, lambda r: r["dropped"] or 0, lambda r: r["pages_fetched"] or 0)
        if dropped >= pages or not fetched or before <= DROPPED_SHARE * fetched:
            return (
                f"{dropped} of {pages} new release pages dropped "
                f"({summary['dropped_by_reason']}), usually {_share(before, fetched)}"
            )
    coverage = json.loads(summary["coverage"])
    if coverage.get("new", 0) < MIN_PAGES:
        return None
    before = [json.loads(run["coverage"]) for run in history if run.get("coverage")]
    for name in COVERAGE_FIELDS:
        had, new = usual(before, lambda c, n=name: c.get(n, 0), lambda c: c.get("new", 0))
        if new and had / new >= 0.5 and coverage[name] / coverage["new"] < COVERAGE_FALL * had / new:
            return (
                f"only {coverage[name]} of {coverage['new']} new articles "
                f"({_share(coverage[name], coverage['new'])}) have a {name.replace('_', ' ')}, "
                f"usually {_share(had, new)}: the site's layout may have changed"
            )
    return None


def counts(stats: dict) -> dict:
    """The crawl_runs figures, from Scrapy's stats."""
    dropped = _count(stats, "dropped/")
    return {
        "listing_pages": stats.get("pages/listing", 0),
        "release_links": stats.get("listing/release_links", 0),
        "skipped_pages": stats.get("pages/skipped_listing", 0),
        "pages_fetched": stats.get("pages/fetched", 0),
        "not_modified": stats.get("pages/not_modified", 0),
        "rechecked": stats.get("pages/rechecked", 0),
        "new": stats.get("archive/new", 0),
        "copies_added": stats.get("archive/copy", 0),
        "updated": stats.get("archive/updated", 0),
        "unchanged": stats.get("archive/unchanged", 0),
        "withdrawn": stats.get("archive/withdrawn", 0),
        "dropped": sum(dropped.values()),
        "dropped_by_reason": json.dumps(dropped, sort_keys=True),
        "errors": stats.get("errors/download", 0)
        + stats.get("spider_exceptions/count", 0)
        + stats.get("errors/item", 0),
        "coverage": json.dumps(
            {"new": stats.get("coverage/new", 0)}
            | {name: stats.get(f"coverage/{name}", 0) for name in COVERAGE_FIELDS},
            sort_keys=True,
        ),
    }


def run_status(summary: dict, stats: dict, run: dict, history: list[dict]) -> tuple[str, str]:
    """(status, message a person can act on). `run` holds source, base_url, walked_ids and the reason
    Scrapy gave for closing the spider."""
    base_url, listing_pages = run["base_url"], summary["listing_pages"]
    if stats.get("archive/error"):
        return "error", f"{stats['archive/error']}; the batch in progress was not written"
    if run["reason"] == "shutdown":
        how = stats.get("shutdown/signal", "a shutdown request")
        return "interrupted", (
            f"stopped by {how} after {summary['pages_fetched']} release page(s); what was fetched is "
            f"stored, the next run carries on"
        )
    lost = {reason: count for reason, count in _count(stats, "dropped/").items() if reason in LOST_REASONS}
    if listing_pages + summary["pages_fetched"] == 0:
        first = stats.get("errors/first") or ", ".join(f"{k} {v}" for k, v in lost.items()) or "no response"
        return "failed", f"could not reach {base_url} ({first}); nothing was written"
    if not run["walked_ids"] and listing_pages and stats.get("listing/challenge") == listing_pages:
        return (
            "failed",
            f"blocked by a bot challenge at {base_url}; nothing was written "
            "(try later, --ids, or --via wayback)",
        )
    alarm = layout_alarm(summary, stats, history, run["walked_ids"])
    if alarm:
        return "alarm", f"layout alarm: {alarm}; run `pressarchive check {run['source']}`"
    if not run["walked_ids"] and summary["release_links"] == 0:
        return "failed", (
            f"found no release links on {listing_pages} listing page(s) at {base_url}: the site may have "
            f"changed; run `pressarchive check {run['source']}`"
        )
    if summary["errors"] or lost:
        by_type = _count(stats, "errors/download/") | lost
        reasons = ", ".join(f"{name} {n}" for name, n in sorted(by_type.items())) or "see the log"
        failed = summary["errors"] + sum(lost.values())
        return "partial", f"{failed} page(s) failed or lost ({reasons}); the rest was archived"
    if unfollowed := stats.get("listing/over_max_pages"):
        # Releases past the bound were never seen: the archive is short of the site, so not `ok`.
        return "partial", (
            f"stopped at max_pages listing pages ({unfollowed} more listing link(s) not followed): raise "
            f"max_pages for {run['source']} in the registry, or backfill with --ids"
        )
    return "ok", ""


def run_summary(stats: dict, run: dict, history: list[dict]) -> dict:
    """The crawl_runs row for a finished run: counts, status, message, and the raw stats (JSON)."""
    summary = counts(stats)
    status, message = run_status(summary, stats, run, history)
    summary.update(status=status, message=message, stats=json.dumps(stats, sort_keys=True, default=str))
    return summary
