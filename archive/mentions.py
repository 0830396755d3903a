"""Writing an article's mentions (people, offices, countries, places, organisations).

An article's mentions are replaced as a whole, in one transaction, together with the stamp that says
which extractor version found them in which text; an article whose stamp matches both the current
version and its current text is left alone, so enrichment can run any number of times.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import sqlite_utils

COLUMNS = (
    "kind",
    "text",
    "normalized",
    "rank",
    "country_code",
    "start",
    "end",
    "appointment",
    "person",
    "role",
)


def refresh_mentions(
    db: sqlite_utils.Database, article_id: int, mentions: list[dict], version: str, content_hash: str
) -> bool:
    """Replace the article's mentions with ones found in `content_hash`'s text, unless that is not the
    article's text (a copy whose statement was since edited elsewhere) or they are already current."""
    current, stamp_version, stamp_hash = db.execute(
        "SELECT a.content_hash, e.version, e.content_hash FROM articles a "
        "LEFT JOIN enrichment e ON e.article_id = a.id WHERE a.id = ?",
        [article_id],
    ).fetchone()
    if current != content_hash or (stamp_version, stamp_hash) == (version, content_hash):
        return False
    replace_mentions(db, article_id, mentions, version, content_hash)
    return True


def replace_mentions(
    db: sqlite_utils.Database, article_id: int, mentions: list[dict], version: str, content_hash: str
) -> None:
    """The article's mentions become `mentions` (dicts with COLUMNS), stamped with `version`."""
    with db.atomic():
        db.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        db.conn.executemany(
            f"INSERT INTO mentions (article_id, {', '.join(f'[{c}]' for c in COLUMNS)}) "
            f"VALUES (?, {', '.join('?' for _ in COLUMNS)})",
            [[article_id, *(m.get(c) for c in COLUMNS)] for m in mentions],
        )
        db.execute(
            "INSERT OR REPLACE INTO enrichment (article_id, version, content_hash, enriched_at, mentions) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                article_id,
                version,
                content_hash,
                datetime.now(UTC).isoformat(timespec="seconds"),
                len(mentions),
            ],
        )


def articles_to_enrich(db: sqlite_utils.Database, version: str, force: bool = False) -> Iterator[dict]:
    """Articles whose mentions are missing, from another version, or from an older text (all, if forced)."""
    sql = (
        "SELECT a.id, a.body, a.language, a.content_hash FROM articles a "
        "LEFT JOIN enrichment e ON e.article_id = a.id"
    )
    if not force:
        sql += " WHERE e.article_id IS NULL OR e.version IS NOT ? OR e.content_hash IS NOT a.content_hash"
    cursor = db.execute(sql + " ORDER BY a.id", [] if force else [version])
    names = [d[0] for d in cursor.description]
    for row in cursor.fetchall():
        yield dict(zip(names, row, strict=True))
