"""`pressarchive history ARTICLE_ID`: every version of a statement, with what changed between them.

Researchers cite a statement and need to see how it was edited after publication: each stored version
(every revision of every copy, in the order they were fetched) with its time, source and URL, and a
unified diff of the text between consecutive versions. Colour only on a terminal, so the output pipes
cleanly into files and other tools.
"""

from __future__ import annotations

import difflib
import sys

import click

from archive.queries import article_versions
from archive.schema import open_archive
from commands.options import db_option

STYLES = {"+": "green", "-": "red", "@": "cyan"}


def version_text(version: dict) -> list[str]:
    """A version as diffed: the title, then one line per paragraph."""
    paragraphs = [p.strip() for p in (version["body"] or "").split("\n") if p.strip()]
    return [f"# {version['title'] or ''}".rstrip(), *paragraphs]


def history_lines(path, article_id: int) -> list[str] | None:
    """The history of one article as lines of text, or None when the archive has no such article."""
    db = open_archive(path, create=False)
    try:
        article = db.execute(
            "SELECT id, title, published FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if article is None:
            return None
        versions = article_versions(db, article_id)
    finally:
        db.close()
    lines = [f"article {article[0]}: {article[1]} (published {article[2] or 'undated'})"]
    previous = None
    for number, version in enumerate(versions, 1):
        what = "first version" if previous is None else "edit" if version["is_edit"] else "another copy"
        lines.append(
            f"[{number}] {version['fetched_at']}  {version['source']}  {version['url']}  ({what}"
            + (f"; extraction {version['extraction_version']}" if version["extraction_version"] else "")
            + ")"
        )
        if previous is not None:
            diff = difflib.unified_diff(
                version_text(previous[1]),
                version_text(version),
                fromfile=f"[{previous[0]}] {previous[1]['url']}",
                tofile=f"[{number}] {version['url']}",
                lineterm="",
            )
            lines.extend(list(diff) or ["  (same text)"])
        previous = (number, version)
    return lines


@click.command()
@click.argument("article_id", type=int)
@db_option
def history(article_id, db_path):
    """Every version of an article with its time and source, and a unified diff between consecutive
    versions (coloured on a terminal).

    Example: pressarchive history 42 --db data/archive.db"""
    lines = history_lines(db_path, article_id)
    if lines is None:
        click.echo(f"pressarchive: no article {article_id} in {db_path}", err=True)
        sys.exit(1)
    for line in lines:
        # click.echo drops the colour codes when stdout is not a terminal.
        click.echo(click.style(line, fg=STYLES.get(line[:1])) if line[:1] in STYLES else line)
