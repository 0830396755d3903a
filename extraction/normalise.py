"""Canonical forms used to recognise the same release: URLs and body text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

# Query parameters that only track the visitor; the same page is reached with or without them.
TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid)$", re.I)
DEFAULT_PORTS = {"http": 80, "https": 443}
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# What a reader never sees, taken out of titles and bodies before matching and storing: soft hyphens
# (Attor\u00adney), zero-width spaces, word joiners and byte-order marks; no-break and narrow spaces become
# spaces. Zero-width (non-)joiners stay in stored text: Urdu and Persian spelling needs them.
INVISIBLE = {
    **dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff\u180e"), None),
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " "),
}
WHITESPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no tracking
    parameters, query parameters sorted, percent-escapes normalised. Path case and trailing slashes are
    kept because servers treat them as different pages."""
    parts = urlsplit(safe_url_string(url.strip()))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(key)
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def clean_text(text: str) -> str:
    """Text without invisible characters, its lines whitespace-collapsed and its paragraphs kept."""
    paragraphs = (collapse_whitespace(p) for p in text.translate(INVISIBLE).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def collapse_whitespace(text: str) -> str:
    return WHITESPACE.sub(" ", text.translate(INVISIBLE)).strip()


def unicode_text(body: str) -> str:
    """The text in one Unicode spelling: compatibility forms folded (NFKC), invisible characters gone."""
    return unicodedata.normalize("NFKC", body).translate(ZERO_WIDTH)


def normalise_body(body: str) -> str:
    """The body as compared for identity: Unicode-normalised, case-folded, whitespace-collapsed, so a
    re-post that differs only in markup, spacing or letter case hashes the same."""
    return collapse_whitespace(unicode_text(body)).casefold()


def content_hash(body: str) -> str:
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()
