"""`pressarchive export` checked by the tools researchers use: frictionless, DuckDB, pyarrow, Python's csv,
sha256sum and warcio, on the crawled ISPR sample plus releases written through the archive library."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import pty
import shutil
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archive.export import ExportRequest, export_archive
from archive.store import Archive
from commands.cli import main
from commands.export import export
from extraction import Article, Page
from tests.conftest import ROOT, copy_archive, rows

BIN = Path(sys.executable).parent
CREATED = "2025-06-30T12:00:00Z"
TRICKY_BODY = (
    'The spokesman said: "Peace, not war."\n\nCommas, "quotes", and a line\r\nbreak; '
    "اردو متن: پاکستان زندہ باد، ۱۲ مئی\n\nEnd."
)
WAYBACK_URL = "https://ispr.example.invalid/press-release-detail.php?id=6600"


def article(url: str, body: str, published: str | None = "2024-05-10", **page_fields) -> Article:
    """A release as extraction hands it to the store."""
    fetched = Page(
        **{
            "source": "ispr",
            "url": url,
            "status": 200,
            "content_type": "text/html; charset=utf-8",
            "raw": f"<html><body><h1>COAS VISITS TROOPS</h1><p>{body}</p></body></html>".encode(),
            "encoding": "utf-8",
            "fetched_at": "2026-02-01T10:00:00+00:00",
            "hints": {"service": "army"},
            **page_fields,
        }
    )
    return Article(
        page=fetched,
        title="COAS VISITS TROOPS",
        body=body,
        published=published,
        language="en",
        service="army",
        methods={"body": "css"},
        canonical_url=url,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
    )


@pytest.fixture(scope="module")
def archive_db(ispr_archive, tmp_path_factory):
    """The crawled ISPR sample plus an awkward body, an undated release, a Wayback copy, an edit and a
    failed crawl."""
    db = copy_archive(ispr_archive, tmp_path_factory.mktemp("export-archive"))
    store = Archive(db)
    release = "https://ispr.example.invalid/press-release-detail.php?id={}".format
    with store.transaction():
        store.record(article(release(6601), TRICKY_BODY))
        store.record(article(release(6602), "Undated.", published=None))
        store.record(article(WAYBACK_URL, "Captured.", via="wayback", capture_timestamp="20230115083000"))
        store.record(article(WAYBACK_URL, "Captured, corrected.", fetched_at="2026-03-01T10:00:00+00:00"))
    store.db.execute(
        "INSERT INTO crawl_runs (source, base_url, started, finished, status, message, dropped_by_reason) "
        "VALUES ('ispr', 'https://www.ispr.gov.pk', '2026-03-02T00:00:00+00:00', "
        "'2026-03-02T00:01:00+00:00', "
        "'failed', 'blocked by a bot challenge at https://www.ispr.gov.pk', '{\"challenge\": 12}')"
    )
    store.close()
    return db


def run_export(db, out, *args):
    """`pressarchive export` through the real entry point, in-process: exit status and both streams."""
    runner = CliRunner()
    result = runner.invoke(
        export, ["--db", str(db), "--out", str(out), "--created", CREATED, *args], catch_exceptions=False
    )
    return result


def run_main(capsys, monkeypatch, *args) -> tuple[int, str, str]:
    """The `pressarchive` entry point (its error handling included), in-process."""
    monkeypatch.setattr(sys, "argv", ["pressarchive", *args])
    try:
        main()
        status = 0
    except SystemExit as exc:
        status = exc.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def validate(folder: Path) -> dict:
    """`frictionless validate` on the package, as a researcher would run it; its JSON report."""
    command = [BIN / "frictionless", "validate", "--json", "datapackage.json"]
    return json.loads(subprocess.run(command, cwd=folder, capture_output=True, check=False).stdout)


@pytest.fixture(scope="module")
def full(archive_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("full") / "release"
    result = run_export(archive_db, out, "--include", "copies,revisions", "--warc")
    assert result.exit_code == 0, result.output
    return out


def test_frictionless_validates_the_package(full, tmp_path):
    report = validate(full)
    assert report["valid"], report
    names = [task["name"] for task in report["tasks"]]
    assert "articles-parquet" in names and "revisions-jsonl" in names and "captures" in names
    broken = tmp_path / "broken"
    shutil.copytree(full, broken)
    csv_text = (broken / "articles.csv").read_text(encoding="utf-8")
    (broken / "articles.csv").write_text(csv_text.replace(",2019-", ",not a date-", 1), encoding="utf-8")
    report = validate(broken)
    assert not report["valid"]


def test_datapackage_describes_types_keys_licence_sources_and_time(full):
    package = json.loads((full / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == CREATED
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert [s["title"] for s in package["sources"]] == ["ispr"]
    resources = {r["name"]: r for r in package["resources"]}
    fields = {f["name"]: f for f in resources["articles-parquet"]["schema"]["fields"]}
    assert fields["published"]["type"] == "date" and fields["first_seen"]["type"] == "datetime"
    assert all(f["description"] for f in fields.values())
    copies = resources["copies-csv"]["schema"]
    assert copies["primaryKey"] == ["id"]
    assert copies["foreignKeys"] == [
        {"fields": "article_id", "reference": {"resource": "articles-csv", "fields": "id"}}
    ]
    assert "raw_html" not in {f["name"] for f in resources["revisions-csv"]["schema"]["fields"]}


def test_parquet_reads_in_duckdb_and_pyarrow_as_in_sqlite(full, archive_db):
    stored = rows(archive_db, "SELECT id, title, body, published, first_seen FROM articles ORDER BY id")
    for table in ("articles", "copies", "revisions"):
        parquet = str(full / f"{table}.parquet")
        (count,) = duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall()[0]
        assert (
            count
            == rows(archive_db, f"SELECT count(*) AS n FROM {table}")[0]["n"]
            == pq.read_metadata(parquet).num_rows
        )
    arrow = pq.read_table(full / "articles.parquet").to_pylist()
    assert [r["id"] for r in arrow] == [r["id"] for r in stored]
    for got, want in zip(arrow[::7], stored[::7], strict=True):
        assert (got["title"], got["body"]) == (want["title"], want["body"])
        assert got["published"] == (date.fromisoformat(want["published"]) if want["published"] else None)
    by_duckdb = dict(duckdb.sql(f"SELECT id, published FROM '{full / 'articles.parquet'}'").fetchall())
    assert all(
        by_duckdb[r["id"]] == (date.fromisoformat(r["published"]) if r["published"] else None) for r in stored
    )
    (kind,) = duckdb.sql(f"SELECT typeof(first_seen) FROM '{full / 'articles.parquet'}' LIMIT 1").fetchall()[
        0
    ]
    assert kind == "TIMESTAMP WITH TIME ZONE"


def test_csv_keeps_commas_quotes_newlines_and_urdu(full, archive_db):
    with (full / "articles.csv").open(encoding="utf-8", newline="") as file:
        records = list(csv.DictReader(file))
    stored = rows(archive_db, "SELECT id, body, published FROM articles ORDER BY id")
    assert [int(r["id"]) for r in records] == [r["id"] for r in stored]
    tricky = next(r for r in records if "Peace, not war" in r["body"])
    assert tricky["body"] == TRICKY_BODY
    assert all(
        r["body"] == s["body"] and r["published"] == (s["published"] or "")
        for r, s in zip(records, stored, strict=True)
    )
    lines = (full / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(stored)
    assert any(json.loads(line)["body"] == TRICKY_BODY for line in lines)
    assert list(json.loads(lines[0])) == sorted(json.loads(lines[0]))


def test_sha256sum_checks_every_file(full, tmp_path):
    listed = [line.split("  ", 1)[1] for line in (full / "SHA256SUMS").read_text().splitlines()]
    assert sorted(listed) == sorted(p.name for p in full.iterdir() if p.name != "SHA256SUMS")
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=full, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    tampered = tmp_path / "tampered"
    shutil.copytree(full, tampered)
    with (tampered / "copies.jsonl").open("a") as file:
        file.write("\n")
    assert (
        subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tampered, capture_output=True).returncode == 1
    )


def test_warc_is_valid_and_keeps_urls_times_and_wayback_provenance(full, archive_db):
    check = subprocess.run([BIN / "warcio", "check", "-v", "captures.warc.gz"], cwd=full, capture_output=True)
    assert check.returncode == 0, check.stdout + check.stderr
    with (full / "captures.warc.gz").open("rb") as stream:
        records = [(r.rec_type, r.rec_headers, r.content_stream().read()) for r in ArchiveIterator(stream)]
    revisions = rows(archive_db, "SELECT url, fetched_at, raw_html FROM revisions ORDER BY article_id, id")
    responses = [(h, body) for kind, h, body in records if kind == "response"]
    assert len(responses) == len(revisions) == len([1 for kind, *_ in records if kind == "request"])
    assert records[0][0] == "warcinfo"
    for (headers, body), revision in zip(responses, revisions, strict=True):
        assert headers.get_header("WARC-Target-URI") == revision["url"]
        assert body == zlib.decompress(revision["raw_html"])
    # The first version came from a capture, the corrected one from the live site: each record says so.
    wayback = [h for h, _ in responses if h.get_header("WARC-Target-URI") == WAYBACK_URL]
    assert [h.get_header("WARC-Date") for h in wayback] == ["2023-01-15T08:30:00Z", "2026-03-01T10:00:00Z"]
    notes = [body.decode() for kind, h, body in records if kind == "metadata"]
    assert len(notes) == 1 and all(
        "Wayback Machine" in n and "capture-timestamp: 20230115083000" in n for n in notes
    )
    live = next(h for h, _ in responses if h.get_header("WARC-Target-URI").endswith("id=6601"))
    assert live.get_header("WARC-Date") == "2026-02-01T10:00:00Z"


def test_exporting_twice_gives_identical_bytes(full, archive_db, tmp_path):
    again = tmp_path / "again"
    assert run_export(archive_db, again, "--include", "revisions,copies", "--warc").exit_code == 0
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in full.iterdir())
    for path in full.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    later = tmp_path / "later"
    runner = CliRunner()
    args = ["--db", str(archive_db), "--out", str(later), "--include", "copies,revisions", "--warc"]
    assert runner.invoke(export, [*args, "--created", "2026-01-01T00:00:00Z"]).exit_code == 0
    changed = {p.name for p in full.iterdir() if (later / p.name).read_bytes() != p.read_bytes()}
    assert changed == {"datapackage.json", "README.md", "CITATION.cff", "SHA256SUMS", "captures.warc.gz"}


def test_datasheet_documents_collection_counts_gaps_fields_and_citation(full, archive_db):
    sheet = (full / "README.md").read_text(encoding="utf-8")
    assert f"on {CREATED}" in sheet
    total = rows(archive_db, "SELECT count(*) AS n FROM articles")[0]["n"]
    assert f"{total} articles, published 2019-01-14 to 2024-11-25; 1 without a date." in sheet
    for column, value in (("language", "ur"), ("substr(published, 1, 4)", "2024"), ("service", "navy")):
        n = rows(archive_db, f"SELECT count(*) AS n FROM articles WHERE {column} = ?", [value])[0]["n"]
        assert f"| {value} | {n} |" in sheet
    assert "- " + str(rows(archive_db, "SELECT id FROM articles WHERE published IS NULL")[0]["id"]) in sheet
    # The last problem is the latest run that was not ok: the sample's own crawl (partial: it loses two
    # challenged releases) when it ran after the blocked run inserted above.
    (last,) = rows(
        archive_db,
        "SELECT message FROM crawl_runs WHERE status NOT IN ('ok', 'running') ORDER BY started DESC, id DESC "
        "LIMIT 1",
    )
    assert f"{last['message']}; 14 page(s) answered with a bot challenge" in sheet
    assert f"{WAYBACK_URL} (captured 20230115083000)" in sheet
    numbers = {int(r["url"].rsplit("=", 1)[1]) for r in rows(archive_db, "SELECT url FROM copies")}
    missing = [n for n in range(min(numbers), max(numbers) + 1) if n not in numbers]
    assert f"Between {min(numbers)} and {max(numbers)}" in sheet
    assert f"covers, {len(missing)} number(s) have no release" in sheet
    assert "6482, 6487, 6492" in sheet and "6549-6599" in sheet and missing[-1] == 6599
    for table in ("articles", "copies", "revisions"):
        for column in rows(archive_db, f"SELECT name FROM pragma_table_info('{table}') WHERE type != 'BLOB'"):
            assert f"| `{column['name']}` |" in sheet.split(f"### `{table}`")[1]
    assert "| `body` | string | Release text, paragraphs separated by a blank line" in sheet
    assert "Not in the data files: `raw_html`" in sheet
    citation = yaml.safe_load((full / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "dataset"
    assert citation["date-released"] == "2025-06-30" and citation["authors"]


def test_filters_select_articles_and_their_related_rows(archive_db, tmp_path):
    out = tmp_path / "urdu-2020s"
    args = ["--format", "csv", "--since", "2020-01-01", "--until", "2023-12-31", "--language", "ur"]
    result = run_export(archive_db, out, *args, "--include", "copies")
    assert result.exit_code == 0, result.output
    with (out / "articles.csv").open(encoding="utf-8", newline="") as file:
        articles = list(csv.DictReader(file))
    expected = rows(
        archive_db,
        "SELECT id FROM articles WHERE language = 'ur' AND published BETWEEN '2020-01-01' AND '2023-12-31'",
    )
    assert sorted(int(a["id"]) for a in articles) == sorted(r["id"] for r in expected) and expected
    with (out / "copies.csv").open(encoding="utf-8", newline="") as file:
        assert {int(c["article_id"]) for c in csv.DictReader(file)} == {r["id"] for r in expected}
    assert sorted(p.name for p in out.iterdir()) == [
        "CITATION.cff",
        "README.md",
        "SHA256SUMS",
        "articles.csv",
        "copies.csv",
        "datapackage.json",
    ]
    assert "Selection: published 2020-01-01 to 2023-12-31; language ur." in (out / "README.md").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv,xml"], "unknown format 'xml'; choose from csv, jsonl, parquet"),
        (["--include", "copies,pages"], "unknown include 'pages'; choose from copies, revisions, mentions"),
        (["--since", "2024-13-01"], "--since '2024-13-01' is not a date in the form YYYY-MM-DD"),
        (
            ["--since", "2024-02-01", "--until", "2024-01-01"],
            "--since 2024-02-01 is after --until 2024-01-01",
        ),
        (["--created", "yesterday"], "--created 'yesterday' is not an ISO 8601 timestamp"),
        (
            ["--source", "nosuch"],
            "no articles match (source nosuch); nothing was written. This archive has: source",
        ),
    ],
)
def test_bad_requests_exit_2_with_one_line_and_write_nothing(
    archive_db, tmp_path, capsys, monkeypatch, args, message
):
    out = tmp_path / "out"
    status, _, stderr = run_main(
        capsys, monkeypatch, "export", "--db", str(archive_db), "--out", str(out), *args
    )
    assert status == 2
    assert stderr.startswith(f"pressarchive: {message}") and stderr.count("\n") == 1, stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_kept_unless_forced(archive_db, tmp_path, capsys, monkeypatch):
    out = tmp_path / "release"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    status, _, stderr = run_main(capsys, monkeypatch, "export", "--db", str(archive_db), "--out", str(out))
    assert status == 2 and "exists and is not empty; use --force" in stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"] and (out / "notes.txt").read_text() == "mine"
    status, _, stderr = run_main(
        capsys,
        monkeypatch,
        "export",
        "--db",
        str(archive_db),
        "--out",
        str(out),
        "--force",
        "--format",
        "csv",
    )
    assert status == 0, stderr
    assert not (out / "notes.txt").exists() and (out / "articles.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_export(archive_db, empty, "--format", "jsonl").exit_code == 0


def test_an_interrupted_export_leaves_no_folder(archive_db, tmp_path):
    out = tmp_path / "release"

    def interrupt_halfway(total):
        done = [0]

        def advance(n):
            done[0] += n
            if done[0] > total / 2:
                raise KeyboardInterrupt

        return _Context(advance)

    with pytest.raises(KeyboardInterrupt):
        export_archive(archive_db, ExportRequest(out=out, include=("copies", "revisions")), interrupt_halfway)
    assert list(tmp_path.iterdir()) == []
    stale = tmp_path / ".release.999999999.partial"  # left by a killed export: its process is gone
    stale.mkdir()
    (stale / "articles.csv").write_text("half")
    export_archive(archive_db, ExportRequest(out=out, formats=("csv",)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


class _Context:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False


def test_mentions_of_the_exported_articles_are_exported(archive_db, tmp_path):
    out = tmp_path / "with-mentions"
    result = run_export(archive_db, out, "--include", "mentions", "--since", "2023-01-01")
    assert result.exit_code == 0, result.output
    expected = rows(
        archive_db,
        "SELECT m.id, m.article_id, m.kind, m.normalized, m.country_code FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE a.published >= '2023-01-01' "
        "ORDER BY m.article_id, m.id",
    )
    assert expected  # the sample's releases name people, offices and countries
    exported = pq.read_table(out / "mentions.parquet").to_pylist()
    columns = ("id", "article_id", "kind", "normalized", "country_code")
    assert [tuple(m[c] for c in columns) for m in exported] == [tuple(r.values()) for r in expected]
    package = json.loads((out / "datapackage.json").read_text())
    mentions = next(r for r in package["resources"] if r["name"] == "mentions-csv")
    assert {"fields": "article_id", "reference": {"resource": "articles-csv", "fields": "id"}} in mentions[
        "schema"
    ]["foreignKeys"]
    sheet = (out / "README.md").read_text()
    assert "`mentions` lists the people (with their normalised rank)" in sheet
    assert "### `mentions`" in sheet and "| `country_code` | string | ISO 3166" in sheet
    report = validate(out)
    assert report["valid"], report


def test_output_is_quiet_when_not_a_terminal(archive_db, tmp_path):
    result = CliRunner().invoke(
        export, ["--db", str(archive_db), "--out", str(tmp_path / "q"), "--format", "csv"]
    )
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout.count("\n") == 1


def test_a_terminal_shows_a_progress_bar(archive_db, tmp_path):
    controller, terminal = pty.openpty()
    command = [
        sys.executable,
        "-c",
        "from commands.cli import main; main()",
        "export",
        "--db",
        str(archive_db),
    ]
    completed = subprocess.run(
        [*command, "--out", str(tmp_path / "tty"), "--format", "csv"],
        stderr=terminal,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal reads as closed once the child is gone
        while chunk := os.read(controller, 65536):
            shown += chunk
    os.close(controller)
    assert completed.returncode == 0
    assert b"exporting" in shown and b"100%" in shown


def test_an_empty_related_table_still_gives_a_valid_package(archive_db, tmp_path):
    db = copy_archive(archive_db, tmp_path)
    store = Archive(db)
    store.db.execute("DELETE FROM mentions")
    store.close()
    out = tmp_path / "no-mentions"
    assert run_export(db, out, "--include", "mentions", "--source", "ispr").exit_code == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{out / 'mentions.parquet'}'").fetchall() == [(0,)]
    assert (out / "mentions.jsonl").read_bytes() == b""
    header = ",".join(r["name"] for r in rows(db, "SELECT name FROM pragma_table_info('mentions')"))
    assert (out / "mentions.csv").read_bytes() == f"{header}\r\n".encode()
    package = json.loads((out / "datapackage.json").read_text())
    assert "mentions-csv" in {r["name"] for r in package["resources"]}
    assert (
        "(not in `datapackage.json`: frictionless cannot read an empty parquet file)"
        in (out / "README.md").read_text()
    )
    report = validate(out)
    assert report["valid"], report


def test_filters_take_repeated_options_and_comma_lists(archive_db, tmp_path):
    out = tmp_path / "two-services"
    result = run_export(
        archive_db, out, "--format", "jsonl", "--service", "army,navy", "--service", "airforce"
    )
    assert result.exit_code == 0, result.output
    exported = [json.loads(line)["id"] for line in (out / "articles.jsonl").read_text().splitlines()]
    expected = rows(
        archive_db, "SELECT id FROM articles WHERE service IN ('army', 'navy', 'airforce') ORDER BY id"
    )
    assert exported == [r["id"] for r in expected]
