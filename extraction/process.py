"""The one way from a fetched page to an article: validate the page, extract the fields with the source's
rules, normalise the date, validate the article, compute the dedup keys.

The crawl's item pipeline, `reextract`, `check` and the benches all call `process`, so they cannot drift
apart. It is pure: no network, no database, no Scrapy.
"""

from __future__ import annotations

from extraction.dates import DateStyle, date_order_for, publication_date
from extraction.decode import text_problem
from extraction.normalise import canonical_url, clean_text, content_hash
from extraction.page import Article, Page, Rejection
from extraction.rules import rules_for
from extraction.validate import article_problem, cut_off, page_problem

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
    root = page.document.root
    return root is not None and sum(len(text) for text in root.xpath(VISIBLE_TEXT)) > MAX_TEXT_CHARS


def page_rejection(page: Page) -> str | None:
    """Why a fetched page cannot be a release or a listing: junk, or not text at all."""
    problem = page_problem(page.status, page.content_type, page.raw, page.html, page.document)
    return problem or text_problem(page.html)


def markup_of(page: Page) -> bytes:
    """The markup as UTF-8, so truncation checks read the same whatever the page's encoding (UTF-16)."""
    return page.raw if page.encoding in ("utf-8", "ascii") else page.html.encode()


def rejected_page(page: Page) -> Rejection | None:
    """The page refused before extraction: too large, junk, not text, or cut off in transit."""
    problem = "too_large" if too_large(page) else page_rejection(page)
    if problem:
        detail = f"HTTP {page.status}, {page.content_type or 'no content type'}, {len(page.raw)} bytes"
        return Rejection(problem, detail)
    cut = cut_off(markup_of(page), page.lengths)
    return Rejection("truncated", f"cut off: {cut}") if cut else None


def process(page: Page, source) -> Article | Rejection:
    """An article, or the reason the page is not one. `source` is the page's registry entry."""
    rejected = rejected_page(page)
    if rejected:
        return rejected
    rules = rules_for(getattr(source, "rules", None))
    fields = rules.extract(page, source)
    body = clean_text(fields.body)
    block_missing = bool(rules.content_css(source)) and fields.methods.get("body") != "css"
    problem = (
        "too_large" if len(body) > MAX_BODY_CHARS else article_problem(body, markup_of(page), block_missing)
    )
    if problem:
        return Rejection(problem, f"{len(body)} characters of release text extracted")
    title = clean_text(fields.title) if fields.title else None
    date = publication_date(
        fields.raw_date, fields.language, date_style(page, source), page.url, page.hints.get("listing_date")
    )
    return Article(
        page=page,
        # A "title" of a thousand characters is a paragraph the rules mistook for one: better none.
        title=title if title and len(title) <= MAX_TITLE_CHARS else None,
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
