"""The raw captures of exported articles as a gzipped WARC file, for replay tools and web archives.

Every stored revision becomes a request and a response record at its original URL and fetch time. The
archive keeps the page's bytes, status and Content-Type, not every header, so the HTTP head is rebuilt
from those (the warcinfo record says so). A copy fetched from the Wayback Machine is dated by its capture
time and carries a metadata record naming the Internet Archive as its source. Record ids are derived
from the content, so the same archive gives the same file.
"""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.tables import timestamp_text, to_timestamp

RECORD_NAMESPACE = uuid.UUID("6f1c7a52-3d0e-4a8f-9a57-0b6c2f1e9d41")
CAPTURES_SQL = (
    "SELECT r.id, r.url, r.fetched_at, r.content_hash, r.raw_html, r.http_status, r.content_type, "
    # Each version says where its bytes came from (a copy can be captured one day and fetched live the next).
    "coalesce(r.via, c.via) AS via, coalesce(r.capture_timestamp, c.capture_timestamp) AS capture_timestamp, "
    "coalesce(r.capture_url, c.fetched_url) AS fetched_url "
    "FROM revisions r JOIN copies c ON c.id = r.copy_id "
    "WHERE r.article_id IN ({scope}) ORDER BY r.article_id, r.id"
)


def warc_date(moment: datetime) -> str:
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_id(*parts) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, '/'.join(map(str, parts)))}>"


def _fields(values: dict[str, str]) -> BytesIO:
    return BytesIO("".join(f"{name}: {value}\r\n" for name, value in values.items()).encode("utf-8"))


class CaptureWriter:
    def __init__(self, file, created: datetime, info: dict[str, str]):
        self.writer = WARCWriter(file, gzip=True, warc_version="1.1")
        self._write("", "warcinfo", _fields(info), {"WARC-Date": warc_date(created)}, ("warcinfo", info))

    def _write(self, uri: str, kind: str, payload: BytesIO | None, headers: dict, identity, http=None):
        headers = {"WARC-Record-ID": _record_id(kind, *identity), **headers}
        length = len(payload.getvalue()) if payload else None
        content_type = "application/warc-fields" if kind in ("warcinfo", "metadata") else ""
        record = self.writer.create_warc_record(
            uri,
            kind,
            payload=payload,
            length=length,
            warc_content_type=content_type,
            warc_headers_dict=headers,
            http_headers=http,
        )
        self.writer.write_record(record)
        return headers["WARC-Record-ID"]

    def capture(self, row: dict) -> None:
        """The request and response of one stored revision (and a provenance note for Wayback ones)."""
        identity = (row["id"], row["url"], row["fetched_at"], row["content_hash"])
        fetched = to_timestamp(row["fetched_at"])
        captured = to_timestamp(row["capture_timestamp"]) if row["via"] == "wayback" else None
        date = warc_date(captured or fetched)
        status = row["http_status"] or 200
        reason = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        body = zlib.decompress(row["raw_html"])
        response_headers = [("Content-Length", str(len(body)))]
        if row["content_type"]:
            response_headers.insert(0, ("Content-Type", row["content_type"]))
        response_id = self._write(
            row["url"],
            "response",
            BytesIO(body),
            {"WARC-Date": date},
            identity,
            StatusAndHeaders(f"{status} {reason}".strip(), response_headers, protocol="HTTP/1.1"),
        )
        parts = urlsplit(row["url"])
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = StatusAndHeaders(
            f"GET {target}", [("Host", parts.netloc)], protocol="HTTP/1.1", is_http_request=True
        )
        self._write(
            row["url"],
            "request",
            None,
            {"WARC-Date": date, "WARC-Concurrent-To": response_id},
            identity,
            request,
        )
        if row["via"] == "wayback":
            self._write(
                row["url"],
                "metadata",
                _fields(wayback_note(row, fetched, captured)),
                {"WARC-Date": date, "WARC-Concurrent-To": response_id},
                identity,
            )


def wayback_note(row: dict, fetched: datetime, captured: datetime | None) -> dict[str, str]:
    note = {
        "via": "wayback",
        "note": "Raw capture retrieved from the Internet Archive's Wayback Machine, not from the live site; "
        "WARC-Date is the Wayback capture time.",
        "retrieved-at": timestamp_text(fetched),
    }
    if captured:
        note["capture-timestamp"] = captured.strftime("%Y%m%d%H%M%S")
    if row["fetched_url"] and row["fetched_url"] != row["url"]:
        note["source-uri"] = row["fetched_url"]
    return note


def write_captures(
    db: sqlite_utils.Database, path: Path, scope: str, created: datetime, advance: Callable[[int], None]
) -> int:
    """Every revision of the `scope` articles into a WARC file at `path`; returns the captures written."""
    info = {
        "software": "pressarchive export",
        "format": "WARC File Format 1.1",
        "description": "Raw HTML of every stored revision of the exported articles. HTTP heads are rebuilt "
        "from the stored status and Content-Type; other response headers were not kept.",
        "created": timestamp_text(created),
    }
    cursor = db.execute(CAPTURES_SQL.format(scope=scope))
    names = [d[0] for d in cursor.description]
    count = 0
    with path.open("wb") as file:
        writer = CaptureWriter(file, created, info)
        for values in cursor:
            writer.capture(dict(zip(names, values, strict=True)))
            count += 1
            advance(1)
    return count
