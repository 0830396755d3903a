"""Keep junk out of the archive: bot challenges, soft-404s, error pages, empty and malformed pages.

A dropped page is an expected outcome of crawling slow, guarded government sites, not a crash: the
crawl counts each one under `dropped/<reason>` and logs one line with its URL and reason.
"""

from __future__ import annotations

import re

from extraction.dom import Document
from extraction.furniture import is_soft_404
from extraction.lines import is_sentence

CHALLENGE_MARKERS = re.compile(
    "|".join(
        (
            r"<title>\s*just a moment",
            r"attention required!?\s*\|\s*cloudflare",
            r"cf-browser-verification|/cdn-cgi/challenge-platform|cf_chl_opt|cf-challenge",
            r"checking (?:if the site connection is secure|your browser before accessing)",
            r"enable javascript and cookies to continue",
            r"ddos protection by",
            r"sucuri website firewall|incapsula incident|_incapsula_resource",
            r"<title>\s*access denied\s*</title>",
        )
    ),
    re.I,
)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def page_problem(
    status: int, content_type: str, raw: bytes, html: str, document: Document | None = None
) -> str | None:
    """Why a fetched page is not a release (a short reason used in stats and logs), or None. `document`
    is the page already parsed (`Page.document`), so extraction can reuse the parse and the layout."""
    head = html[:30000]
    if CHALLENGE_MARKERS.search(head):
        return "challenge"
    if status in (404, 410):
        return "not_found"
    if status >= 400:
        return "http_error"
    if not raw.strip():
        return "empty"
    mime = content_type.split(";")[0].strip().lower()
    if (mime and mime not in HTML_TYPES) or raw.lstrip()[:5] in (b"%PDF-", b"PK\x03\x04"):
        return "not_html"
    document = document or Document(html)
    root = document.root
    if root is None or not root.xpath("//body//text()[normalize-space()]"):
        return "malformed"
    if looks_like_soft_404(document):
        return "soft_404"
    return None


# A page holding this many words of prose outside links holds an article (the saved sites' "not found"
# pages hold under 100, chrome included; the shortest real article pages that set a search box's "No
# results found" or a table cell's "Does not exist" beside their text hold over 200).
ARTICLE_WORDS = 200


def looks_like_soft_404(document: Document) -> bool:
    """A "not found" message served with HTTP 200: the title or a heading says so, or a short line of a
    page that holds no article does.

    Only short, whole lines count, so a release that merely mentions "not found" is kept; a loose line
    saying so beside an article is a widget's message (an empty search, an empty related list), not the
    page's.
    """
    found = [block for block in document.layout if not block.figcaption and is_soft_404(block.text)]
    if any(block.heading or block.tag == "head" for block in found):
        return True
    return bool(found) and prose_words(document) < ARTICLE_WORDS


def prose_words(document: Document) -> int:
    """Words in the page's sentences outside links: its article, if it has one."""
    return sum(
        len(block.text.split())
        for block in document.blocks
        if not block.link_heavy and is_sentence(block.text)
    )


def cut_off(raw: bytes, lengths: tuple[int, int] | None = None) -> str | None:
    """Evidence that the response was cut short, as a detail for people, or None.

    Only evidence counts: a body shorter or longer than the Content-Length the server declared, or a
    document that ends inside a tag or comment. Where </html> sits proves nothing: real pages put
    scripts after it, or never write it.
    """
    if lengths and lengths[0] != lengths[1]:
        return f"{lengths[1]} of the {lengths[0]} bytes the server declared"
    tail = raw[-4096:].rstrip()
    if tail.rfind(b"<") > tail.rfind(b">"):
        return "the page ends inside a tag"
    # A comment left open by its author runs to the end of the page; one that a cut left open does not
    # run on to a closing </html>.
    if tail.rfind(b"<!--") > tail.rfind(b"-->") and not tail.lower().endswith(b"</html>"):
        return "the page ends inside a tag"
    return None


def unterminated(raw: bytes) -> bool:
    """The document never closes its body or html element anywhere (not where: anywhere)."""
    lowered = raw.lower()
    return b"</body" not in lowered and b"</html" not in lowered


MIN_BODY_CHARS = 40


def article_problem(body: str, raw: bytes, block_missing: bool) -> str | None:
    """Why extracted text is not a release worth storing; better a logged gap than a junk row.

    `block_missing`: the page lacks the content block its site rules know every release has. With a
    document that never closes, that is a page cut before its text: general extraction would only find
    the menus and sidebars that came before the cut, so storing it would archive chrome as a release.
    """
    if block_missing and unterminated(raw):
        return "truncated"
    if len(body) < MIN_BODY_CHARS:
        return "no_body"
    return None
