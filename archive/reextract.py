"""Rebuild articles from the raw HTML stored with every revision, after an extractor improves.

No network: each copy's newest revision is run through the same extraction, date and validation code as
a live crawl. Revisions get the new text; articles take it from their primary copy; copies take the new
hash so the next crawl does not mistake a better extraction for an edit on the site.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter

from scrapy.utils.project import get_project_settings

from archive.queries import latest_revisions
from archive.schema import open_archive
from archive.store import article_fields
from crawlers.items import ReleasePage
from crawlers.sources import Source, load_registry
from crawlers.spider_loader import RegistrySpiderLoader
from crawlers.spiders.generic import GenericSpider
from pipelines.dates import date_item
from pipelines.extract import apply_fields
from pipelines.normalise import content_hash
from pipelines.validate import ValidateArticlePipeline


def reextract(path, source: str | None = None, sources_files: tuple[str, ...] = ()) -> Counter:
    settings = get_project_settings()
    settings.set("SOURCES_FILES", list(sources_files))
    loader = RegistrySpiderLoader(settings)
    registry = load_registry(*sources_files)
    db = open_archive(path, create=False)
    counts: Counter = Counter()
    primary: dict[int, dict] = {}
    with db.atomic():
        for row in latest_revisions(db, source):
            page = ReleasePage(
                source=row["source"],
                url=row["fetched_url"],
                status=row["http_status"],
                content_type=row["content_type"] or "",
                raw=zlib.decompress(row["raw_html"]),
                encoding=row["encoding"] or "utf-8",
                fetched_at=row["fetched_at"],
                via=row["via"],
                hints=json.loads(row["hints"] or "{}"),
            )
            known = registry.get(page.source) or Source(page.source, page.source, page.url, ("/",), "$^")
            spider_class = loader.load(page.source) if page.source in loader.list() else GenericSpider
            apply_fields(page, spider_class.extract(page, known))
            date_item(page)
            counts["revisions"] += 1
            if len(page.body) < ValidateArticlePipeline.min_chars:
                counts["kept_old_text_no_body"] += 1
                continue
            page.content_hash = content_hash(page.body)
            db["revisions"].update(
                row["revision_id"],
                {
                    "title": page.title,
                    "body": page.body,
                    "published": page.published,
                    "raw_date": page.raw_date,
                    "date_origin": page.date_origin,
                    "content_hash": page.content_hash,
                },
            )
            db["copies"].update(row["copy_id"], {"content_hash": page.content_hash, "title": page.title})
            if row["is_primary"]:
                primary[row["article_id"]] = article_fields(page)
        for article_id, after in primary.items():
            after.update(earliest_date(db, article_id) or {})
            before = db["articles"].get(article_id)
            if any(before[key] != value for key, value in after.items()):
                db["articles"].update(article_id, after)
                counts["articles_changed"] += 1
            else:
                counts["articles_unchanged"] += 1
    db.close()
    return counts


def earliest_date(db, article_id: int) -> dict | None:
    """The date of the article's earliest-dated copy (its newest revision of each), as the crawl keeps it."""
    row = db.execute(
        "SELECT published, raw_date, date_origin FROM revisions "
        "WHERE article_id = ? AND published IS NOT NULL "
        "AND id IN (SELECT max(id) FROM revisions GROUP BY copy_id) ORDER BY published LIMIT 1",
        [article_id],
    ).fetchone()
    return dict(zip(("published", "raw_date", "date_origin"), row, strict=True)) if row else None
