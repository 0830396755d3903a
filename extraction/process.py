"""The one way from a fetched page to an article: validate the page, extract the fields with the source's
rules, normalise the date, validate the article, compute the dedup keys.

The crawl's item pipeline, `reextract`, `check` and the benches all call `process`, so they cannot drift
apart. It is pure: no network, no database, no Scrapy.
"""

from __future__ import annotations

from extraction.dates import publication_date
from extraction.normalise import canonical_url, content_hash
from extraction.page import Article, Page, Rejection
from extraction.rules import rules_for
from extraction.validate import article_problem, page_problem


def process(page: Page, source) -> Article | Rejection:
    """An article, or the reason the page is not one. `source` is the page's registry entry."""
    problem = page_problem(page.status, page.content_type, page.raw, page.html)
    if problem:
        return Rejection(problem, f"HTTP {page.status}, {page.content_type or 'no content type'}")
    fields = rules_for(getattr(source, "rules", None)).extract(page, source)
    body = fields.body
    problem = article_problem(body, page.raw, fields.methods.get("body"))
    if problem:
        return Rejection(problem, f"{len(body)} characters of release text extracted")
    date = publication_date(fields.raw_date, fields.language)
    return Article(
        page=page,
        title=fields.title,
        body=body,
        raw_date=fields.raw_date,
        date_origin=fields.date_origin,
        published=date.iso,
        date_problem=date.reason,
        language=fields.language,
        service=fields.service,
        pr_number=fields.pr_number,
        dateline_place=fields.place,
        methods=dict(fields.methods),
        canonical_url=canonical_url(page.url),
        content_hash=content_hash(body),
    )
