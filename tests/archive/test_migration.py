"""An archive made with schema version 1 (before near-duplicate matching) is migrated in place, losing
nothing, and then takes part in matching like a new one."""

from __future__ import annotations

import sqlite3
import zlib

import pytest
import sqlite_utils

from archive.errors import ArchiveError
from archive.schema import MIGRATIONS, SCHEMA_VERSION, open_archive
from commands.dedup import dedup_archive
from extraction.normalise import content_hash

BODY = (
    "Security forces conducted an intelligence based operation in Bannu District on the reported presence "
    "of terrorists.\n\nDuring the operation, three terrorists were apprehended and a cache of weapons and "
    "explosives was recovered.\n\nSecurity forces remain determined to eliminate the menace of terrorism."
)


def version_1_archive(path) -> None:
    db = sqlite_utils.Database(path)
    MIGRATIONS[1](db)
    db.execute("PRAGMA user_version = 1")
    url = "https://www.ispr.gov.pk/press-release-detail.php?id={}"
    for number, body in (
        (6541, BODY),
        (6542, BODY),
        (6543, "COAS VISITS KAKUL\n\n" + BODY.replace("Bannu", "Kurram")),
    ):
        article_id = 1 if number == 6542 else number - 6540
        if number != 6542:
            db["articles"].insert(
                {
                    "id": article_id,
                    "title": f"Release {number}",
                    "body": body,
                    "published": "2024-07-29",
                    "language": "en",
                    "service": "army",
                    "pr_number": f"{number}/2024-ISPR",
                    "url": url.format(number),
                    "source": "ispr",
                    "first_seen": "2026-01-01",
                    "last_updated": "2026-01-01",
                    "content_hash": content_hash(body),
                    "extraction": '{"body": "css"}',
                    "word_count": 40,
                }
            )
        copy = db["copies"].insert(
            {
                "article_id": article_id,
                "source": "ispr",
                "url": url.format(number),
                "fetched_url": url.format(number),
                "title": f"Release {number}",
                "first_fetched": "2026-01-01",
                "fetched_at": "2026-01-02",
                "fetch_count": 2,
                "via": "live",
                "content_hash": content_hash(body),
                "hints": "{}",
            }
        )
        db["revisions"].insert(
            {
                "article_id": article_id,
                "copy_id": copy.last_pk,
                "url": url.format(number),
                "fetched_at": "2026-01-01",
                "content_hash": content_hash(body),
                "title": f"Release {number}",
                "body": body,
                "published": "2024-07-29",
                "raw_html": zlib.compress(body.encode()),
                "encoding": "utf-8",
                "http_status": 200,
                "content_type": "text/html",
            }
        )
    db["crawl_runs"].insert(
        {"source": "ispr", "started": "2026-01-01", "status": "ok", "new": 2, "copies_added": 1}
    )
    db.close()


def dump(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    tables = ("articles", "copies", "revisions", "crawl_runs")
    old_columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in tables}
    con.close()
    return old_columns


def rows_of(path, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    out = {
        t: con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY id").fetchall()
        for t, cols in columns.items()
    }
    con.close()
    return out


def test_a_version_1_archive_is_migrated_in_place_with_no_loss(tmp_path):
    path = tmp_path / "old.db"
    version_1_archive(path)
    columns = dump(path)
    before = rows_of(path, columns)
    db = open_archive(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    db.close()
    assert rows_of(path, columns) == before
    con = sqlite3.connect(path)
    assert con.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Kurram'").fetchall() == [
        (3,)
    ]
    assert con.execute("SELECT DISTINCT official FROM copies").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == 0
    con.close()


def test_a_migrated_archive_is_indexed_and_matched(tmp_path):
    path = tmp_path / "old.db"
    version_1_archive(path)
    counts = dedup_archive(path, echo=lambda line: None)
    assert (counts["indexed"], counts["merges"], counts["splits"]) == (3, 0, 0)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(DISTINCT copy_id) FROM lsh_bands").fetchone()[0] == 3
    reasons = con.execute("SELECT url, match_reason FROM copies ORDER BY id").fetchall()
    con.close()
    assert [reason for _, reason in reasons] == [None, "same text (normalised body hash)", None]


def test_dedup_links_language_versions_in_an_old_archive(tmp_path):
    path = tmp_path / "old.db"
    version_1_archive(path)
    con = sqlite3.connect(path)
    urdu = "سیکیورٹی فورسز نے بنوں میں آپریشن کیا۔ " * 5
    con.execute(
        "INSERT INTO articles (id, title, body, published, language, pr_number, url, content_hash) "
        "VALUES (9, 'بنوں آپریشن', ?, '2024-07-29', 'ur', '6541/2024-ISPR', 'https://u.invalid/9', ?)",
        [urdu, content_hash(urdu)],
    )
    con.execute(
        "INSERT INTO copies (id, article_id, source, url) VALUES (9, 9, 'ispr', 'https://u.invalid/9')"
    )
    con.execute("INSERT INTO revisions (article_id, copy_id, body) VALUES (9, 9, ?)", [urdu])
    con.commit()
    con.close()
    lines = []
    counts = dedup_archive(path, echo=lines.append)
    assert counts["links"] == 1
    assert lines == ["link: article 1 (en) and article 9: same PR number (6541/2024-ISPR)"]
    con = sqlite3.connect(path)
    assert con.execute(
        "SELECT id, translation_of FROM articles WHERE translation_of IS NOT NULL"
    ).fetchall() == [(9, 1)]
    con.close()


def test_a_migration_numbered_below_the_archives_version_is_still_applied(tmp_path):
    """Feature numbers land out of order: an archive at version 6 made before migration 2 existed (it has
    had 1, 5 and 6) gets 2 when opened, and each migration is applied once."""
    path = tmp_path / "v6.db"
    db = sqlite_utils.Database(path)
    for number in (1, 5, 6):
        MIGRATIONS[number](db)
    db.execute("PRAGMA user_version = 6")
    db.close()
    db = open_archive(path)
    assert "match_score" in db["copies"].columns_dict
    assert [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")] == sorted(
        MIGRATIONS
    )
    db.close()
    assert "match_score" in open_archive(path)["copies"].columns_dict


def test_an_archive_recording_a_migration_this_version_lacks_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_archive(path).execute("INSERT INTO schema_migrations VALUES (99, NULL)").connection.commit()
    with pytest.raises(ArchiveError, match="newer than this pressarchive"):
        open_archive(path)
