"""What one crawl of one source did, from Scrapy's stats: the crawl_runs row and the CLI's summary."""

from __future__ import annotations

import json


def _count(stats: dict, prefix: str) -> dict[str, int]:
    return {
        key[len(prefix) :]: value
        for key, value in stats.items()
        if key.startswith(prefix) and "/" not in key[len(prefix) :]
    }


def run_summary(stats: dict, source: str, base_url: str, walked_ids: bool = False) -> dict:
    """Counts, a status (ok / partial / failed) and a message a person can act on."""
    dropped = _count(stats, "dropped/")
    listing_problems = _count(stats, "listing/")
    release_links = listing_problems.pop("release_links", 0)
    errors = (
        stats.get("errors/download", 0)
        + stats.get("spider_exceptions/count", 0)
        + stats.get("errors/item", 0)
    )
    summary = {
        "listing_pages": stats.get("pages/listing", 0),
        "pages_fetched": stats.get("pages/fetched", 0),
        "new": stats.get("archive/new", 0),
        "copies_added": stats.get("archive/copy", 0),
        "updated": stats.get("archive/updated", 0),
        "unchanged": stats.get("archive/unchanged", 0),
        "dropped": sum(dropped.values()),
        "dropped_by_reason": json.dumps(dropped, sort_keys=True),
        "errors": errors,
    }
    reached = summary["listing_pages"] + summary["pages_fetched"]
    if reached == 0:
        first = stats.get("errors/first", "no response")
        status, message = "failed", f"could not reach {base_url} ({first}); nothing was written"
    elif (
        not walked_ids
        and summary["listing_pages"]
        and listing_problems.get("challenge") == summary["listing_pages"]
    ):
        status, message = (
            "failed",
            f"blocked by a bot challenge at {base_url}; nothing was written "
            "(try later, --ids, or --via wayback)",
        )
    elif not walked_ids and release_links == 0:
        status, message = (
            "failed",
            (
                f"found no release links on {summary['listing_pages']} listing page(s) at {base_url}: "
                f"the site may "
                f"have changed; run `pressarchive check {source}`"
            ),
        )
    elif errors:
        status, message = (
            "partial",
            f"{errors} error(s) while crawling (see the log above); the rest was archived",
        )
    else:
        status, message = "ok", ""
    summary.update(status=status, message=message, stats=json.dumps(stats, sort_keys=True, default=str))
    return summary
