"""A hand-off dataset from the archive: data files, a Frictionless datapackage, a datasheet, a citation file
and checksums, optionally the raw captures as WARC.

Safety: everything is written into a hidden folder next to the target and renamed into place at the end,
so an interrupted export leaves no half-written dataset, and an existing non-empty target is replaced
only when asked. Reproducibility: the whole export reads one snapshot of the archive, rows come in key
order, and the only varying field, the creation time, can be fixed; the same archive then gives the same
bytes. Memory stays bounded: rows stream from SQLite to every format at once in batches.

A selection that matches no article is refused (nothing is written): an empty hand-off is more often a
mistyped filter than an intended result, and a refusal says so at once.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import sqlite_utils

from archive.datasheet import Digests, write_documents
from archive.errors import PressArchiveError
from archive.formats import FORMATS, WRITERS
from archive.schema import open_archive
from archive.tables import Table, describe_table, iso_day, load_metadata, typed_rows
from archive.warc import write_captures

INCLUDES = ("copies", "revisions", "mentions")
SCOPE = "SELECT id FROM temp.export_articles"
WARC_NAME = "captures.warc.gz"
CHECKSUMS = "SHA256SUMS"
# Progress reporting: given the total units of work, a context yielding "advance by n".
Progress = Callable[[int], AbstractContextManager[Callable[[int], None]]]


class ExportError(PressArchiveError):
    """The export cannot be made as asked; nothing was written."""


def quiet(total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda n: None)


def parse_choices(value: str | tuple[str, ...], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """A comma-separated list checked against `allowed`, in the canonical order (so output never depends
    on how the user ordered it)."""
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [name.strip().lower() for name in names if name.strip()]
    for name in names:
        if name not in allowed:
            raise ExportError(f"unknown {what} {name!r}; choose from {', '.join(allowed)}")
    return tuple(name for name in allowed if name in names)


def parse_created(value: str | None) -> datetime:
    """--created as an aware UTC moment (a date alone means its midnight UTC); now when not given."""
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ExportError(
            f"--created {value!r} is not an ISO 8601 timestamp (e.g. 2025-01-31T00:00:00Z)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    day = iso_day(value.strip())
    if day is None:
        raise ExportError(f"{flag} {value!r} is not a date in the form YYYY-MM-DD")
    return day


@dataclass(frozen=True)
class Selection:
    """Which articles go into the export: by publication date, source, service and language."""

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def __post_init__(self):
        if self.since and self.until and self.since > self.until:
            raise ExportError(f"--since {self.since} is after --until {self.until}")

    def lists(self) -> list[tuple[str, tuple[str, ...]]]:
        """The column filters that were given: (column, allowed values)."""
        given = (("source", self.sources), ("service", self.services), ("language", self.languages))
        return [(column, values) for column, values in given if values]

    def where(self) -> tuple[str, list]:
        clauses, params = ["1"], []
        if self.since:
            clauses.append("published >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("published <= ?")
            params.append(self.until.isoformat())
        for column, values in self.lists():
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
        return " AND ".join(clauses), params

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"published {self.since or 'any time'} to {self.until or 'any time'}")
        parts += [f"{column} {', '.join(values)}" for column, values in self.lists()]
        return "; ".join(parts) or "every article in the archive"


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    formats: tuple[str, ...] = FORMATS
    include: tuple[str, ...] = ()
    selection: Selection = field(default_factory=Selection)
    warc: bool = False
    created: datetime = field(default_factory=lambda: parse_created(None))
    force: bool = False


@dataclass
class ExportResult:
    out: Path
    rows: dict[str, int]
    files: list[str]
    captures: int = 0


def export_archive(db_path, request: ExportRequest, progress: Progress = quiet) -> ExportResult:
    """Write the dataset `request` describes from the archive at `db_path`; see the module docstring."""
    out = Path(request.out)
    refuse_target(out, request.force)
    db = open_archive(db_path, create=False)
    try:
        with db.atomic():  # one read snapshot, even while a crawl writes
            tables = select_articles(db, request)
            partial = make_partial(out)
            try:
                result = write_dataset(db, partial, tables, request, progress)
                publish(partial, out)
            except BaseException:
                shutil.rmtree(partial, ignore_errors=True)
                raise
            db.execute("DROP TABLE temp.export_articles")
    finally:
        db.close()
    result.out = out
    return result


def refuse_target(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} exists and is not a folder; nothing was written")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ExportError(f"{out} exists and is not empty; use --force to replace it (nothing was written)")


def select_articles(db: sqlite_utils.Database, request: ExportRequest) -> list[Table]:
    """Fill temp.export_articles with the selected ids and return the tables to export."""
    where, params = request.selection.where()
    db.execute("CREATE TEMP TABLE export_articles (id INTEGER PRIMARY KEY)")
    db.execute(f"INSERT INTO temp.export_articles SELECT id FROM articles WHERE {where} ORDER BY id", params)
    if not db.execute("SELECT count(*) FROM temp.export_articles").fetchone()[0]:
        raise ExportError(
            f"no articles match ({request.selection.describe()}); nothing was written. "
            f"This archive has: {present_values(db)}"
        )
    metadata = load_metadata()
    return [describe_table(db, name, metadata) for name in ("articles", *request.include)]


def present_values(db: sqlite_utils.Database) -> str:
    """What the archive holds, so a filter that matched nothing can be corrected at once."""
    parts = []
    for column in ("source", "service", "language"):
        values = [v for (v,) in db.execute(f"SELECT DISTINCT {column} FROM articles ORDER BY 1") if v]
        parts.append(f"{column} {', '.join(values) or '(none)'}")
    first, last = db.execute("SELECT min(published), max(published) FROM articles").fetchone()
    parts.append(f"published {first} to {last}")
    return "; ".join(parts)


def make_partial(out: Path) -> Path:
    """A fresh hidden folder beside `out`; leftovers of killed exports to the same target are removed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.*.partial"):
        match = re.fullmatch(rf"\.{re.escape(out.name)}\.(\d+)\.partial", stale.name)
        if match and not pid_alive(int(match.group(1))):
            shutil.rmtree(stale, ignore_errors=True)
    partial = out.parent / f".{out.name}.{os.getpid()}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    return partial


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(partial: Path, out: Path) -> None:
    """Move the finished export into place, replacing what --force allowed to be replaced."""
    if out.exists():
        old = out.parent / f".{out.name}.{os.getpid()}.replaced"
        out.rename(old)
        partial.rename(out)
        shutil.rmtree(old)
    else:
        partial.rename(out)


def write_dataset(db, folder: Path, tables: list[Table], request: ExportRequest, progress: Progress):
    counts = {table.name: count_rows(db, table.name) for table in tables}
    total = sum(counts.values()) + (count_rows(db, "revisions") if request.warc else 0)
    files = []
    with progress(total) as advance:
        for table in tables:
            files += write_table(db, folder, table, request.formats, advance)
        captures = 0
        if request.warc:
            captures = write_captures(db, folder / WARC_NAME, SCOPE, request.created, advance)
            files.append(WARC_NAME)
    result = ExportResult(folder, counts, files, captures)
    digests = Digests(folder)
    write_documents(db, folder, tables, request, result, SCOPE, digests)
    write_checksums(folder, digests)
    return result


def scope_clause(table_name: str) -> str:
    return f"{'id' if table_name == 'articles' else 'article_id'} IN ({SCOPE})"


def count_rows(db, table_name: str) -> int:
    return db.execute(f"SELECT count(*) FROM [{table_name}] WHERE {scope_clause(table_name)}").fetchone()[0]


def write_table(db, folder: Path, table: Table, formats: tuple[str, ...], advance) -> list[str]:
    """One pass over the table's rows, feeding every format's writer."""
    names = [f"{table.name}.{fmt}" for fmt in formats]
    writers = [WRITERS[fmt](folder / name, table) for fmt, name in zip(formats, names, strict=True)]
    cursor = db.execute(table.select_sql().format(where=scope_clause(table.name)))
    try:
        for batch in typed_rows(table, cursor):
            for writer in writers:
                writer.write(batch)
            advance(len(batch))
    finally:
        for writer in writers:
            writer.close()
    return names


def write_checksums(folder: Path, digests: Digests) -> None:
    """SHA256SUMS in the format `sha256sum -c` reads: every other file, sorted by name."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != CHECKSUMS)
    lines = [f"{digests[name]}  {name}\n" for name in names]
    (folder / CHECKSUMS).write_text("".join(lines), encoding="utf-8", newline="\n")
