"""The Wayback Machine's CDX index and captures, as small pure functions (no Scrapy, no network).

The spiders' request flow (`crawlers/spiders/wayback.py`) and `pressarchive check` both use them, so the
way a capture is chosen cannot differ between the crawl and the canary. Queries follow the CDX server's
documented parameters (`url`, `matchType`, `output=json`, `collapse`, `from`/`to`, `limit`,
`showResumeKey`/`resumeKey`); a capture's raw form is `{WAYBACK_CAPTURE_URL}{timestamp}id_/{original}`,
which returns the page as it was captured, without the Wayback toolbar or rewritten links.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from extraction.validate import HTML_TYPES

CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
TIMESTAMP = re.compile(r"\d{14}")
DATE_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class CdxError(ValueError):
    """A CDX answer that is not the JSON table the API documents (an error page, a cut-off body)."""


@dataclass(frozen=True)
class Capture:
    """One row of the CDX index: a capture of `original` at `timestamp` (14 digits, UTC)."""

    urlkey: str
    timestamp: str
    original: str
    mimetype: str
    statuscode: str
    digest: str
    length: str = ""


def date_bound(text: str, option: str) -> str:
    """A `--since/--until` date (YYYY, YYYY-MM or YYYY-MM-DD) as the CDX timestamp prefix it means."""
    match = DATE_BOUND.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{option} must be a date like 2021-03-15, 2021-03 or 2021, got {text!r}")
    year, month, day = match.groups()
    try:
        datetime(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{option}: {text!r} is not a calendar date") from None
    return "".join(part for part in (year, month, day) if part)


def cdx_query(
    endpoint: str,
    url: str,
    *,
    match_type: str = "exact",
    collapse: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> str:
    """The CDX API URL listing captures of `url` (exact) or of everything under it (prefix)."""
    params = [("url", url), ("output", "json"), ("fl", ",".join(CDX_FIELDS))]
    if match_type != "exact":
        params.append(("matchType", match_type))
    if collapse:
        params.append(("collapse", collapse))
    if since:
        params.append(("from", since))
    if until:
        params.append(("to", until))
    if limit:
        params += [("limit", str(limit)), ("showResumeKey", "true")]
    return f"{endpoint}?{urlencode(params)}"


def resume_at(query: str, resume_key: str | None) -> str:
    """The next page of a paged query. The key comes URL-encoded from the API and goes back unchanged."""
    return f"{query}&resumeKey={resume_key}" if resume_key else query


def parse_cdx(body: bytes) -> tuple[list[Capture], str | None]:
    """The captures in a JSON CDX answer and the resume key for the next page (None on the last page).

    The answer is a header row naming the fields, one row per capture, then, when a `limit` cut the
    results short and `showResumeKey=true` was asked, an empty row and a row holding the key. An empty
    body is the API's way of saying "no captures".
    """
    if not body.strip():
        return [], None
    try:
        table = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CdxError(f"not a JSON CDX answer: {exc}") from None
    if not isinstance(table, list) or not all(isinstance(row, list) for row in table):
        raise CdxError("not a JSON CDX answer: expected a list of rows")
    if not table:
        return [], None
    header, rows = table[0], table[1:]
    missing = [name for name in CDX_FIELDS[:6] if name not in header]
    if missing:
        raise CdxError(f"CDX answer lacks the field {missing[0]!r}")
    resume_key = None
    if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
        resume_key, rows = str(rows[-1][0]), rows[:-2]
    index = {name: header.index(name) for name in CDX_FIELDS if name in header}
    captures = []
    for row in rows:
        if len(row) != len(header):
            continue  # the separator row, or a malformed line: not a capture
        values = {name: str(row[position]) for name, position in index.items()}
        if TIMESTAMP.fullmatch(values["timestamp"]):
            captures.append(Capture(**values))
    return captures, resume_key


def capture_url(base: str, timestamp: str, original: str) -> str:
    """The raw (`id_`) form of a capture: the page as captured, without the Wayback toolbar."""
    return f"{base}{timestamp}id_/{original}"


def capture_timestamp_of(url: str, base: str) -> str | None:
    """The capture timestamp in a capture URL under `base` (after a redirect to the nearest capture, the
    final URL names the capture actually served)."""
    if not url.startswith(base):
        return None
    match = re.match(r"(\d{14})(?:[a-z]{2}_)?/", url[len(base) :])
    return match.group(1) if match else None


def is_html_capture(capture: Capture) -> bool:
    return capture.mimetype.split(";")[0].strip().lower() in HTML_TYPES


def good_candidates(
    captures: list[Capture], *, after: str | None = None, since: str | None = None, until: str | None = None
) -> list[Capture]:
    """Captures worth fetching for one release, newest first: answered 200, HTML, one per distinct content
    (the index lists the same capture twice, and repeated captures of unchanged pages share a digest).

    `after` (14 digits) keeps only captures newer than what the archive already holds; `since`/`until`
    are the date prefixes of `--since/--until`. Whether a capture is itself a challenge or a soft-404
    can only be told by fetching it: the caller validates each one like a live page.
    """
    seen: set[str] = set()
    chosen = []
    for capture in sorted(captures, key=lambda c: c.timestamp, reverse=True):
        if capture.statuscode != "200" or not is_html_capture(capture):
            continue
        if after and capture.timestamp <= after:
            continue
        if since and capture.timestamp[: len(since)] < since:
            continue
        if until and capture.timestamp[: len(until)] > until:
            continue
        key = capture.digest or capture.timestamp
        if key in seen:
            continue
        seen.add(key)
        chosen.append(capture)
    return chosen


def on_base_host(original: str, base_url: str) -> str:
    """A captured URL placed on the source's own scheme and host: the index spells the same page as
    http:// or https://, with or without www. and :80, while the archive knows it by base_url's host."""
    parts, base = urlsplit(original), urlsplit(base_url)
    return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, ""))
