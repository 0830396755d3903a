"""`pressarchive reextract`: rebuild articles from the raw HTML stored with every revision, after an
extractor improves.

No network: each copy's newest revision goes through `extraction.process`, exactly as in a live crawl.
Revisions get the new text; copies take the new hash, so the next crawl does not mistake a better
extraction for an edit on the site; each article takes its fields from its primary copy, chosen by the
same rule the crawl uses (`archive.store.primacy`).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import click

from archive.lock import archive_lock
from archive.queries import latest_revisions
from archive.store import Archive, primacy, rewrite_article, rewrite_revision
from commands.options import db_option, sources_option
from crawlers.sources import Source, load_registry
from extraction import Article, Rejection, process
from extraction.similarity import DEFAULTS, band_keys
from extraction.version import extraction_version
from pipelines.dedup import lsh_params, stored_page


def reextract_archive(path, source: str | None = None, sources_files: tuple[str, ...] = ()) -> Counter:
    """Re-extract every copy's newest revision; counts of what changed. Holds the archive's lock, as a
    crawl does: two writers re-deciding the same articles would undo each other."""
    with archive_lock(path):
        return _reextract(path, source, sources_files)


def _reextract(path, source: str | None, sources_files: tuple[str, ...]) -> Counter:
    registry = load_registry(*sources_files)
    archive = Archive(path, create=False)
    db, version, params = archive.db, extraction_version(), lsh_params(DEFAULTS)
    counts: Counter = Counter()
    by_article: dict[int, list[tuple[Article, bool]]] = defaultdict(list)
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
                rewrite_revision(db, row["revision_id"], row["copy_id"], outcome, version)
                archive.index_copy(row["copy_id"], band_keys(outcome.body), params, outcome.published)
                by_article[row["article_id"]].append((outcome, row["official"] != 0))
            for article_id, copies in by_article.items():
                primary, _ = min(copies, key=lambda c: primacy(c[0].published, c[0].canonical_url, c[1]))
                changed = rewrite_article(db, article_id, primary)
                counts["articles_changed" if changed else "articles_unchanged"] += 1
    finally:
        archive.close()
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
