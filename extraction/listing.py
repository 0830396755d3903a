"""Release links on a listing page: which links are releases, which lead to the next listing page.

Links inside page chrome (sidebars, menus, "latest" boxes) list other categories' releases and must not
take this listing's hints, so they count only when the page has no others.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from extraction.dom import parse_html


def in_page_chrome(element) -> bool:
    """Inside a sidebar, menu, header, footer or carousel: "latest" and "featured" boxes there list other
    categories' releases, which must not take this listing's category."""
    return any(
        ancestor.tag in CHROME_TAGS
        or CHROME_CLASSES.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}")
        for ancestor in element.iterancestors()
    )


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
            (chrome if in_page_chrome(anchor) else main)[url] = None
        elif source.is_next_page(url):
            pages[url] = None
    return list(main or chrome), list(pages)


CHROME_TAGS = {"aside", "nav", "header", "footer"}
CHROME_CLASSES = re.compile(r"sidebar|widget|carousel|slider|swiper|ticker", re.I)
