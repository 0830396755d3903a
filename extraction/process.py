"""The one way from a fetched page to an article: validate the page, extract the fields with the source's
rules, normalise the date, validate the article, compute the dedup keys.

The crawl's item pipeline, `reextract`, `check` and the benches all call `process`, so they cannot drift
apart. It is pure: no network, no database, no Scrapy.
"""

from __future__ import annotations

from extraction.dates import publication_date
from extraction.decode import text_problem
from extraction.dom import parse_html
from extraction.normalise import canonical_url, content_hash
from extraction.page import Article, Page, Rejection
from extraction.rules import rules_for
from extraction.validate import article_problem, page_problem

# Bounds on extraction's work and output, whatever path the page came by (the crawl's download limit,
# RELEASE_MAXSIZE, is the same figure): a real release is tens of kilobytes, its title one line.
MAX_PAGE_BYTES = 3 * 1024 * 1024
# The extractors' cost grows with the text they are handed (a 3 MB page of paragraphs took 20 s), so a
# page with more visible text than this is refused before they run; the longest real releases are a
# few tens of thousands of characters, menus and sidebars included.
MAX_TEXT_CHARS = 300_000
MAX_BODY_CHARS = 100_000
MAX_TITLE_CHARS = 1_000
VISIBLE_TEXT = "//body//text()[not(ancestor::script) and not(ancestor::style)]"


def too_large(page: Page) -> bool:
    """Over the bounds on what extraction will work on: the page's bytes, or its visible text."""
    if len(page.raw) > MAX_PAGE_BYTES:
        return True
    root = parse_html(page.html)
    return root is not None and sum(len(text) for text in root.xpath(VISIBLE_TEXT)) > MAX_TEXT_CHARS


def page_rejection(page: Page) -> str | None:
    """Why a fetched page cannot be a release or a listing: junk, or not text at all."""
    return page_problem(page.status, page.content_type, page.raw, page.html) or text_problem(page.html)


def process(page: Page, source) -> Article | Rejection:
    """An article, or the reason the page is not one. `source` is the page's registry entry."""
    problem = "too_large" if too_large(page) else page_rejection(page)
    if problem:
        detail = f"HTTP {page.status}, {page.content_type or 'no content type'}, {len(page.raw)} bytes"
        return Rejection(problem, detail)
    fields = rules_for(getattr(source, "rules", None)).extract(page, source)
    body = fields.body
    # The markup as UTF-8, so the truncation check reads the same whatever the page's encoding (UTF-16).
    markup = page.raw if page.encoding in ("utf-8", "ascii") else page.html.encode()
    problem = (
        "too_large"
        if len(body) > MAX_BODY_CHARS
        else article_problem(body, markup, fields.methods.get("body"))
    )
    if problem:
        return Rejection(problem, f"{len(body)} characters of release text extracted")
    # A "title" of a thousand characters is a paragraph the rules mistook for one: better none.
    title = fields.title if fields.title and len(fields.title) <= MAX_TITLE_CHARS else None
    date = publication_date(fields.raw_date, fields.language)
    return Article(
        page=page,
        title=title,
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
