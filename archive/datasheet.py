"""The documents that make an export citable and checkable: datapackage.json, the README.md datasheet and
CITATION.cff.

Field descriptions come from the same table descriptions as the data files (`archive/tables.py`, fed by
`archive/metadata.yml`), so the datapackage, the datasheet and Datasette cannot disagree. Prose lives in
the template `archive/templates/datasheet.md`.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2
import sqlite_utils
import yaml

from archive import gaps
from archive.formats import MEDIA_TYPES
from archive.queries import collection_by_source, counts_by, date_range
from archive.tables import Table, load_metadata, timestamp_text

TEMPLATES = Path(__file__).with_name("templates")
LISTED = 25  # rows of a gap listed by name in the datasheet; the rest are counted
KEYWORDS = ["press releases", "ISPR", "Pakistan", "armed forces", "military", "web archive"]
# metadata.yml states the licence for people (Datasette shows it); datapackage.json and CITATION.cff need
# its identifier, looked up by the licence's URL.
LICENCES = {"https://creativecommons.org/licenses/by/4.0/": ("CC-BY-4.0", "Creative Commons Attribution 4.0")}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class Digests(dict):
    """SHA-256 of each finished file of an export folder, read once for datapackage.json and SHA256SUMS."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def __missing__(self, name: str) -> str:
        self[name] = sha256(self.folder / name)
        return self[name]


def software_version() -> str:
    try:
        return version("pressarchive")
    except PackageNotFoundError:
        return "unknown"


def write_documents(db, folder: Path, tables: list[Table], request, result, scope: str, digests) -> None:
    metadata = load_metadata()
    context = {**gather(db, tables, request, result, scope, metadata), "digests": digests}
    package = datapackage(folder, tables, request, context)
    (folder / "datapackage.json").write_text(
        json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    readme = environment.get_template("datasheet.md").render(**context, described=described)
    (folder / "README.md").write_text(readme, encoding="utf-8", newline="\n")
    (folder / "CITATION.cff").write_text(citation(context), encoding="utf-8", newline="\n")


def gather(db: sqlite_utils.Database, tables, request, result, scope: str, metadata: dict) -> dict:
    """Everything the documents say about this export, read from the same snapshot as the data."""
    collection = collection_by_source(db, scope)
    missing = gaps.missing_ids(db, scope)
    return {
        "title": metadata["title"],
        "licence": {
            "name": LICENCES[metadata["license_url"]][0],
            "path": metadata["license_url"],
            "title": LICENCES[metadata["license_url"]][1],
        },
        "licence_statement": metadata["license"],
        "created": timestamp_text(request.created),
        "created_date": request.created.date().isoformat(),
        "selection": request.selection.describe(),
        "formats": request.formats,
        "tables": tables,
        "rows": result.rows,
        "warc": result.captures if request.warc else None,
        "counts": counts_by(db, scope),
        "span": date_range(db, scope),
        "collection": collection,
        "sources": [
            {"title": s["source"], "path": s["base_url"] or site_of(s["some_url"])} for s in collection
        ],
        "undated": gaps.undated_articles(db, scope),
        "troubled": [
            t for t in gaps.troubled_sources(db) if t["source"] in {s["source"] for s in collection}
        ],
        "wayback": gaps.wayback_copies(db, scope),
        "withdrawn": gaps.withdrawn_copies(db, scope),
        "missing": {
            source: {**span, "ranges": gaps.as_ranges(span["missing"])} for source, span in missing.items()
        },
        "listed": LISTED,
        "schema_version": db.execute("PRAGMA user_version").fetchone()[0],
        "software": software_version(),
    }


def site_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def field_descriptor(column) -> dict:
    descriptor = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "datetime":
        descriptor["format"] = "%Y-%m-%dT%H:%M:%SZ"
    return descriptor


def table_schema(table: Table, fmt: str, exported: set[str]) -> dict:
    schema = {"fields": [field_descriptor(column) for column in table.columns]}
    if fmt == "parquet":
        # Frictionless reads Parquet through pandas, where a missing date or timestamp is NaT.
        schema["missingValues"] = ["", "NaT"]
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    keys = [
        {"fields": column, "reference": {"resource": f"{target}-{fmt}", "fields": target_column}}
        for column, target, target_column in table.foreign_keys
        if target in exported
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def resource(folder: Path, table: Table, fmt: str, exported: set[str], context: dict) -> dict:
    path = folder / f"{table.name}.{fmt}"
    descriptor = {
        "name": f"{table.name}-{fmt}",
        "path": path.name,
        "title": f"{table.name} ({fmt})",
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "schema": table_schema(table, fmt, exported),
        "licenses": [context["licence"]],
        "sources": context["sources"],
    }
    if fmt != "parquet":
        # Frictionless reads Parquet through its own library, not as bytes, so it cannot check these for
        # Parquet files (SHA256SUMS covers every file).
        descriptor.update(
            encoding="utf-8", bytes=path.stat().st_size, hash=f"sha256:{context['digests'][path.name]}"
        )
    if fmt == "csv":
        descriptor["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}
    if fmt == "jsonl":
        # Lines have sorted keys; the dialect gives the column order of the schema.
        descriptor["dialect"] = {"json": {"keyed": True, "keys": table.names}}
    return descriptor


def described(fmt: str, rows: int) -> bool:
    """Whether datapackage.json lists a data file: frictionless cannot read an empty JSONL or Parquet file
    (a CSV file keeps its header), so those are left out of the package, and the datasheet says so."""
    return bool(rows) or fmt == "csv"


def datapackage(folder: Path, tables: list[Table], request, context: dict) -> dict:
    exported = {table.name for table in tables}
    resources = [
        resource(folder, table, fmt, exported, context)
        for table in tables
        for fmt in request.formats
        if described(fmt, context["rows"][table.name])
    ]
    if context["warc"] is not None:
        resources.append(
            {
                "name": "captures",
                "path": "captures.warc.gz",
                "title": "Raw captures (WARC)",
                "description": "Request and response records of every stored version of the exported pages.",
                "format": "warc",
                "mediatype": "application/warc",
                "bytes": (folder / "captures.warc.gz").stat().st_size,
                "hash": f"sha256:{context['digests']['captures.warc.gz']}",
            }
        )
    return {
        "name": "pressarchive-export",
        "title": context["title"],
        "description": f"Official military press releases archived by pressarchive ({context['selection']}).",
        "created": context["created"],
        "version": context["created_date"],
        "keywords": KEYWORDS,
        "licenses": [context["licence"]],
        "sources": context["sources"],
        "contributors": [{"title": "pressarchive", "role": "author"}],
        "resources": resources,
    }


def citation(context: dict) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the dataset, with the export's date as its version."""
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": f"{context['title']} ({context['selection']})",
        "authors": [{"name": "pressarchive contributors"}],
        "version": context["created_date"],
        "date-released": context["created_date"],
        "abstract": (
            f"{context['rows']['articles']} official press releases published "
            f"{context['span']['first']} to {context['span']['last']}, crawled from "
            f"{', '.join(s['title'] for s in context['sources'])} and deduplicated, with provenance."
        ),
        "keywords": KEYWORDS,
        "license": context["licence"]["name"],
    }
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)
