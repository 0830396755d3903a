"""Writers of one exported table in one file format, fed batches of typed rows.

Every writer produces the same bytes for the same rows: CSV by RFC 4180 (CRLF records, fields quoted
only when needed, newlines inside bodies kept), JSONL with sorted keys, and Parquet with fixed settings
and row groups of a fixed number of rows, so exporting an archive twice gives identical files.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from archive.tables import Table, timestamp_text

FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/jsonl", "parquet": "application/vnd.apache.parquet"}
ROW_GROUP_ROWS = 10_000
ARROW_TYPES = {
    "integer": pa.int64(),
    "number": pa.float64(),
    "string": pa.string(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us", tz="UTC"),
}


def _text(value):
    if isinstance(value, datetime):
        return timestamp_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class CsvWriter:
    def __init__(self, path: Path, table: Table):
        self.file = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.file, lineterminator="\r\n")
        self.writer.writerow(table.names)

    def write(self, rows: list[list]) -> None:
        self.writer.writerows([["" if v is None else _text(v) for v in row] for row in rows])

    def close(self) -> None:
        self.file.close()


class JsonlWriter:
    def __init__(self, path: Path, table: Table):
        self.file = path.open("w", encoding="utf-8", newline="\n")
        self.names = table.names

    def write(self, rows: list[list]) -> None:
        for row in rows:
            record = {name: _text(value) for name, value in zip(self.names, row, strict=True)}
            self.file.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.file.close()


def arrow_schema(table: Table) -> pa.Schema:
    """Arrow types and the column descriptions as field metadata, so the file documents itself."""
    return pa.schema(
        [
            pa.field(
                column.name,
                ARROW_TYPES[column.type],
                metadata={"description": column.description} if column.description else None,
            )
            for column in table.columns
        ],
        metadata={"description": table.description} if table.description else None,
    )


class ParquetWriter:
    """Turns each batch into Arrow at once (compact, no Python objects kept) and writes row groups of
    exactly ROW_GROUP_ROWS rows, so memory stays bounded whatever the table's size and the file's layout
    never depends on batch sizes."""

    def __init__(self, path: Path, table: Table):
        self.schema = arrow_schema(table)
        self.writer = pq.ParquetWriter(
            path,
            self.schema,
            compression="zstd",
            compression_level=3,
            use_dictionary=True,
            write_statistics=True,
            version="2.6",
            data_page_version="1.0",
        )
        self.pending: list[pa.RecordBatch] = []
        self.rows = 0

    def write(self, rows: list[list]) -> None:
        columns = [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(self.schema)]
        self.pending.append(pa.RecordBatch.from_arrays(columns, schema=self.schema))
        self.rows += len(rows)
        while self.rows >= ROW_GROUP_ROWS:
            pending = pa.Table.from_batches(self.pending, schema=self.schema)
            self.writer.write_table(pending.slice(0, ROW_GROUP_ROWS), row_group_size=ROW_GROUP_ROWS)
            rest = pending.slice(ROW_GROUP_ROWS)
            self.pending, self.rows = rest.to_batches(), rest.num_rows

    def close(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_batches(self.pending, schema=self.schema))
        self.pending = []
        self.writer.close()


WRITERS = {"csv": CsvWriter, "jsonl": JsonlWriter, "parquet": ParquetWriter}
