"""`pressarchive reextract`: rebuild articles from the raw HTML stored with every revision, after an
extractor improves.

No network: each copy's newest revision goes through `extraction.process`, exactly as in a live crawl.
Revisions get the new text; copies take the new hash, so the next crawl does not mistake a better
extraction for an edit on the site; each article takes its fields from its primary copy, chosen by the
same rule the crawl uses (`archive.store.primacy`).
"""

from __future__ import annotations

import json
import zlib
from collections import Counter, defaultdict

import click

from archive.queries import latest_revisions
from archive.schema import open_archive
from archive.store import primacy, rewrite_article, rewrite_revision
from commands.options import db_option, sources_option
from crawlers.sources import Source, load_registry
from extraction import Article, Page, Rejection, process


def stored_page(row: dict) -> Page:
    return Page(
        source=row["source"],
        url=row["fetched_url"],
        status=row["http_status"],
        content_type=row["content_type"] or "",
        raw=zlib.decompress(row["raw_html"]),
        encoding="",  # decoded afresh: a better decoder, like a better extractor, applies to old pages
        fetched_at=row["fetched_at"],
        via=row["via"],
        hints=json.loads(row["hints"] or "{}"),
        capture_timestamp=row.get("capture_timestamp"),
    )


def reextract_archive(path, source: str | None = None, sources_files: tuple[str, ...] = ()) -> Counter:
    """Re-extract every copy's newest revision; counts of what changed."""
    registry = load_registry(*sources_files)
    db = open_archive(path, create=False)
    counts: Counter = Counter()
    by_article: dict[int, list[Article]] = defaultdict(list)
    try:
        with db.atomic():
            for row in latest_revisions(db, source):
                page = stored_page(row)
                known = registry.get(page.source) or Source(page.source, page.source, page.url, ("/",), "$^")
                outcome = process(page, known)
                counts["revisions"] += 1
                if isinstance(outcome, Rejection):
                    counts[f"kept_old_text_{outcome.reason}"] += 1
                    continue
                rewrite_revision(db, row["revision_id"], row["copy_id"], outcome)
                by_article[row["article_id"]].append(outcome)
            for article_id, copies in by_article.items():
                primary = min(copies, key=lambda a: primacy(a.published, a.canonical_url))
                changed = rewrite_article(db, article_id, primary)
                counts["articles_changed" if changed else "articles_unchanged"] += 1
    finally:
        db.close()
    return counts


@click.command()
@db_option
@click.option("--source", help="Only this source's articles.")
@sources_option
def reextract(db_path, source, sources_files):
    """Re-run extraction over the raw HTML stored with every revision (no network), e.g. after an
    extractor improves. Example: pressarchive reextract --db data/archive.db"""
    counts = reextract_archive(db_path, source, sources_files)
    click.echo(
        ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in sorted(counts.items()))
        or "nothing to re-extract"
    )
