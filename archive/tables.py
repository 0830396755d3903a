"""What an exported table looks like: its columns, their types and descriptions, keys and row order.

The columns come from the archive file itself and the descriptions from `archive/metadata.yml` (the same
text Datasette shows), so a column added by a migration is exported and documented without a second list
to keep in step. Raw HTML is not a column of the exported tables: it goes to the WARC file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import sqlite_utils
import yaml

from archive.errors import ArchiveError

METADATA = Path(__file__).with_name("metadata.yml")
# Stored as ISO text in SQLite; exported as real dates and timestamps.
DATE_COLUMNS = frozenset({"published"})
TIMESTAMP_COLUMNS = frozenset(
    {"first_seen", "last_updated", "first_fetched", "fetched_at", "capture_timestamp", "withdrawn_at"}
)


def load_metadata() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: integer, number, string, date, datetime
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, referenced table, referenced column)
    omitted: tuple[str, ...] = ()  # binary columns, left out of the data files

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def select_sql(self) -> str:
        """Every exported column in a stable order: by article, then by the table's own key."""
        columns = ", ".join(f"[{name}]" for name in self.names)
        key = ", ".join(f"[{name}]" for name in self.primary_key) or "rowid"
        order = key if self.name == "articles" else f"[article_id], {key}"
        return f"SELECT {columns} FROM [{self.name}] WHERE {{where}} ORDER BY {order}"


def column_type(name: str, declared: str) -> str:
    declared = declared.upper()
    if name in DATE_COLUMNS:
        return "date"
    if name in TIMESTAMP_COLUMNS:
        return "datetime"
    if "INT" in declared:
        return "integer"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB", "NUMERIC")):
        return "number"
    return "string"


def describe_table(db: sqlite_utils.Database, name: str, metadata: dict | None = None) -> Table:
    """The exported shape of table `name` as it is in this archive file."""
    described = (metadata or load_metadata())["databases"]["archive"]["tables"].get(name, {})
    descriptions = described.get("columns", {})
    info = db.execute(f"PRAGMA table_info([{name}])").fetchall()
    columns = tuple(
        Column(column, column_type(column, declared), descriptions.get(column, ""))
        for _, column, declared, *_ in info
        if "BLOB" not in declared.upper()
    )
    primary_key = tuple(column for _, column, *_, pk in sorted(info, key=lambda row: row[5]) if pk)
    declared_keys = {
        (row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list([{name}])").fetchall()
    }
    if name != "articles" and "article_id" in {c.name for c in columns}:
        declared_keys.add(("article_id", "articles", "id"))
    omitted = tuple(column for _, column, declared, *_ in info if "BLOB" in declared.upper())
    return Table(
        name, described.get("description", ""), columns, primary_key, tuple(sorted(declared_keys)), omitted
    )


def iso_day(text: str) -> date | None:
    """The date of a strict YYYY-MM-DD string, None for anything else (Python accepts looser forms)."""
    try:
        return date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        return None


def to_date(value) -> date | None:
    if value in (None, ""):
        return None
    return iso_day(value) or _refuse(value, "an ISO date (YYYY-MM-DD)")


def to_timestamp(value) -> datetime | None:
    """A stored timestamp as an aware UTC datetime; Wayback's 14-digit form is read too."""
    if value in (None, ""):
        return None
    text = str(value)
    try:
        if text.isdigit() and len(text) == 14:
            return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _refuse(value, "a timestamp")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def timestamp_text(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _refuse(value, expected: str):
    raise ArchiveError(f"{value!r} is stored where {expected} belongs; fix the row before exporting")


CONVERTERS = {"date": to_date, "datetime": to_timestamp}


def typed_rows(table: Table, cursor):
    """The cursor's rows with dates and timestamps as Python objects, in batches of lists."""
    converters = [(i, CONVERTERS[c.type]) for i, c in enumerate(table.columns) if c.type in CONVERTERS]
    while batch := cursor.fetchmany(1000):
        rows = [list(row) for row in batch]
        for row in rows:
            for index, convert in converters:
                try:
                    row[index] = convert(row[index])
                except ArchiveError as exc:
                    raise ArchiveError(f"{table.name}.{table.columns[index].name}: {exc}") from None
        yield rows
