"""Release links on a listing page: which links are releases, which lead to the next listing page.

Links inside page chrome (sidebars, menus, "latest" boxes) list other categories' releases and must not
take this listing's hints, so they count only when the page has no others.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from extraction.dates import find_date_strings
from extraction.dom import in_chrome, parse_html, text_of


def listing_links(html: str, page_url: str, source) -> tuple[list[str], list[str]]:
    """(release URLs, next listing-page URLs) linked from a listing page, on the source's own host, in
    page order without repeats; fragments removed. Release links in page chrome count only when the
    page has no others (a site whose whole list sits in odd containers)."""
    root = parse_html(html)
    if root is None:
        return [], []
    host = urlsplit(source.base_url).netloc.lower()
    main: dict[str, None] = {}
    chrome: dict[str, None] = {}
    pages: dict[str, None] = {}
    base = root.xpath("//base/@href")
    page_base = urljoin(page_url, base[0].strip()) if base else page_url
    for anchor in root.xpath("//a[@href]"):
        url = urldefrag(urljoin(page_base, anchor.get("href").strip())).url
        if urlsplit(url).netloc.lower() != host:
            continue
        if source.is_article(url):
            (chrome if in_chrome(anchor) else main)[url] = None
        elif source.is_next_page(url):
            pages[url] = None
    return list(main or chrome), list(pages)


ROW_DEPTH = 4  # ancestors of a release link searched for its row (a list item, table row or card)


def listing_dates(html: str, page_url: str, releases: list[str]) -> dict[str, str]:
    """The date a listing prints beside each release link, as written: the first date in the link's row,
    the smallest element around the link that holds no other release's link. Extraction checks the
    page's own date against it."""
    root = parse_html(html)
    if root is None or not releases:
        return {}
    wanted = set(releases)
    dates: dict[str, str] = {}
    for anchor in root.xpath("//a[@href]"):
        url = urldefrag(urljoin(page_url, anchor.get("href").strip())).url
        if url not in wanted or url in dates:
            continue
        row = anchor
        for _ in range(ROW_DEPTH):
            parent = row.getparent()
            if parent is None or _other_releases(parent, page_url, url, wanted):
                break
            row = parent
            if found := find_date_strings(text_of(row)):
                dates[url] = found[0]
                break
    return dates


def _other_releases(element, page_url: str, url: str, wanted: set[str]) -> bool:
    for anchor in element.iter("a"):
        other = urldefrag(urljoin(page_url, (anchor.get("href") or "").strip())).url
        if other in wanted and other != url:
            return True
    return False
