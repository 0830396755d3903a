"""Datasette plugin loaded by `pressarchive serve` (with --plugins-dir): a release reads as a release.

- The `articles` row page gets the release as a reader wants it (the row template in ./templates uses
  `release`): title, date, dateline place, PR number, service, the body as paragraphs, every copy with
  links to the page, its raw capture and, for Wayback copies, the capture itself.
- `/-/raw/<db>/<revision id>` shows a revision's stored HTML, decompressed, as plain text under a sandbox
  policy: archived pages are hostile input and must never run in the archive's origin.
"""

from __future__ import annotations

import zlib

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

WAYBACK = "https://web.archive.org/web/{timestamp}/{url}"
RAW_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "X-Content-Type-Options": "nosniff",
}


def _dicts(result) -> list[dict]:
    return [dict(row) for row in result.rows]


async def release_of(db, article_id) -> dict | None:
    """The article with its paragraphs and its copies (newest revision of each, capture link)."""
    articles = _dicts(await db.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
    if not articles:
        return None
    article = articles[0]
    copies = _dicts(
        await db.execute(
            "SELECT c.id, c.source, c.url, c.via, c.capture_timestamp, c.first_fetched, c.fetched_at, "
            "(SELECT max(r.id) FROM revisions r WHERE r.copy_id = c.id) AS revision_id, "
            "(SELECT count(*) FROM revisions r WHERE r.copy_id = c.id) AS versions "
            "FROM copies c WHERE c.article_id = ? ORDER BY c.first_fetched, c.id",
            [article_id],
        )
    )
    for copy in copies:
        timestamp = copy.get("capture_timestamp")
        copy["capture_url"] = WAYBACK.format(timestamp=timestamp, url=copy["url"]) if timestamp else None
    body = article.get("body") or ""
    article["paragraphs"] = [part.strip() for part in body.split("\n\n") if part.strip()]
    article["direction"] = "rtl" if article.get("language") in ("ur", "ar", "fa") else "ltr"
    article["copies"] = copies
    return article


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    if table != "articles" or not template.startswith("row-") or request is None:
        return {}

    async def inner():
        db = datasette.get_database(database)
        article_id = request.url_vars.get("pks", "").split(",")[0]
        return {"release": await release_of(db, article_id), "database_name": database}

    return inner


async def raw_capture(request, datasette):
    database, revision = request.url_vars["database"], request.url_vars["revision"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        raise NotFound("no such database") from None
    rows = (await db.execute("SELECT raw_html FROM revisions WHERE id = ?", [revision])).rows
    if not rows or rows[0][0] is None:
        raise NotFound("no such revision")
    text = zlib.decompress(rows[0][0]).decode("utf-8", errors="replace")
    return Response.text(text, headers=RAW_HEADERS)


@hookimpl
def register_routes():
    return [(r"^/-/raw/(?P<database>[^/]+)/(?P<revision>\d+)$", raw_capture)]
