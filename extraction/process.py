"""The one way from a fetched page to an article: validate the page, extract the fields with the source's
rules, normalise the date, validate the article, compute the dedup keys.

The crawl's item pipeline, `reextract`, `check` and the benches all call `process`, so they cannot drift
apart. It is pure: no network, no database, no Scrapy.
"""

from __future__ import annotations

from extraction.dates import DateStyle, date_order_for, publication_date
from extraction.normalise import canonical_url, clean_text, content_hash
from extraction.page import Article, Page, Rejection
from extraction.rules import rules_for
from extraction.validate import article_problem, cut_off, page_problem


def process(page: Page, source) -> Article | Rejection:
    """An article, or the reason the page is not one. `source` is the page's registry entry."""
    problem = page_problem(page.status, page.content_type, page.raw, page.html, page.document)
    if problem:
        return Rejection(problem, f"HTTP {page.status}, {page.content_type or 'no content type'}")
    cut = cut_off(page.raw, page.lengths)
    if cut:
        return Rejection("malformed", f"cut off: {cut}")
    rules = rules_for(getattr(source, "rules", None))
    fields = rules.extract(page, source)
    body = clean_text(fields.body)
    block_missing = bool(rules.content_css(source)) and fields.methods.get("body") != "css"
    problem = article_problem(body, page.raw, block_missing)
    if problem:
        return Rejection(problem, f"{len(body)} characters of release text extracted")
    date = publication_date(
        fields.raw_date, fields.language, date_style(page, source), page.url, page.hints.get("listing_date")
    )
    return Article(
        page=page,
        title=clean_text(fields.title) if fields.title else fields.title,
        body=body,
        raw_date={"listing": page.hints.get("listing_date"), "url": date.iso}.get(
            date.origin, fields.raw_date
        ),
        date_origin=date.origin or fields.date_origin,
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


def date_style(page: Page, source) -> DateStyle:
    """How the source writes dates; what its registry entry leaves open is decided from the page (a
    time without an offset is then read as written, a UTC one stays on the UTC calendar)."""
    timezone = getattr(source, "timezone", None) or "UTC"
    order = getattr(source, "date_order", None) or date_order_for(page.html, page.url)
    return DateStyle(timezone, order)
