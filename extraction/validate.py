"""Keep junk out of the archive: bot challenges, soft-404s, error pages, empty and malformed pages.

A dropped page is an expected outcome of crawling slow, guarded government sites, not a crash: the
crawl counts each one under `dropped/<reason>` and logs one line with its URL and reason.
"""

from __future__ import annotations

import re

from extraction.dom import paragraphs_of, parse_html
from extraction.furniture import is_soft_404

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


def page_problem(status: int, content_type: str, raw: bytes, html: str) -> str | None:
    """Why a fetched page is not a release (a short reason used in stats and logs), or None."""
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
    root = parse_html(html)
    if root is None or not root.xpath("//body//text()[normalize-space()]"):
        return "malformed"
    if looks_like_soft_404(root):
        return "soft_404"
    return None


def looks_like_soft_404(root) -> bool:
    """A "not found" message served with HTTP 200: the title or any short line of the page says so.

    Only short, whole lines count, so a release that merely mentions "not found" is kept.
    """
    lines = [line for element in root.xpath("//title|//body") for line in paragraphs_of(element)]
    return any(is_soft_404(line) for line in lines)


def looks_truncated(raw: bytes) -> bool:
    tail = raw[-2048:].lower()
    return b"</html>" not in tail and b"</body>" not in tail


MIN_BODY_CHARS = 40


def article_problem(body: str, raw: bytes, body_method: str | None) -> str | None:
    """Why extracted text is not a release worth storing; better a logged gap than a junk row."""
    if len(body) < MIN_BODY_CHARS:
        return "malformed" if looks_truncated(raw) else "no_body"
    if looks_truncated(raw) and body_method != "css":
        # A cut-off page without the site's own content block: general extraction would only find the
        # menus and sidebars that came before the cut, so storing it would archive chrome as a release.
        return "malformed"
    return None
