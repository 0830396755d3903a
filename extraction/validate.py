"""Keep junk out of the archive: bot challenges, soft-404s, error pages, empty and malformed pages.

A dropped page is an expected outcome of crawling slow, guarded government sites, not a crash: the
crawl counts each one under `dropped/<reason>` and logs one line with its URL and reason.
"""

from __future__ import annotations

import re

from extraction.dom import paragraphs_of, parse_html

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
SOFT_404_LINES = (
    r"(?:error\W*)?404(?:\s*(?:error|not found|[-:–|]).*)?",
    r"(?:sorry\W+)?(?:the\s+)?(?:requested\s+)?(?:page|record|article|post|news|press release|content|item|"
    r"entry|result)s?\b.{0,60}?\b(?:was\s+|is\s+)?(?:not|cannot|can't|could\s+not|couldn't)\s+(?:be\s+)?found.*",
    r"(?:sorry\W+)?no\s+(?:record|result|post|article|data|entr(?:y|ie))s?\s+(?:was\s+|were\s+)?found.*",
    r"nothing\s+(?:was\s+)?found.*",
    r".*\b(?:does not|doesn't|no longer) exists?\b.*",
    r"(?:(?:this|the)\s+)?(?:page|release|press release|article|item|news item|story|post)\s+"
    r"(?:is\s+not|isn[’']t|not)\s+available.*",
    r"(?:sorry\W+)?we\s+(?:could\s+not|couldn[’']t|cannot|can[’']t)\s+(?:locate|find|retrieve|load|display)\b.*",
    r"(?:(?:sorry|oops)\W+)?(?:the\s+)?(?:page|press release|release|article|post|news|item|content)\s+you\s+"
    r"(?:are|were|have been)\s+(?:looking for|trying to reach|requested)\b.*"
    r"\b(?:moved|removed|deleted|withdrawn|unavailable|not (?:be )?found|does not exist|no longer)\b.*",
    r"ریکارڈ\s+نہیں\s+ملا.*",
    r"(?:معذرت\W*)?(?:یہ\s+|مطلوبہ\s+)?(?:صفحہ|پریس\s+ریلیز|خبر)\b.{0,60}(?:دستیاب|موجود)\s+نہیں.*",
    r"صفحہ\s+نہیں\s+ملا.*",
)
SOFT_404 = re.compile(r"^\W*(?:" + "|".join(SOFT_404_LINES) + r")\W*$", re.I)
SOFT_404_MAX_CHARS = (
    160  # a whole line this short saying "not found" is the page's message, not a sentence of a release
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
    return any(len(line) <= SOFT_404_MAX_CHARS and SOFT_404.match(line) for line in lines)


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
