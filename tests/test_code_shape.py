"""Rules of the code base that a reviewer should not have to check by eye."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

PACKAGES = ("commands", "crawlers", "pipelines", "extraction", "archive")
MAX_FUNCTION_LINES = 60
# Table declarations are exempt: a schema migration declares whole tables, column by column.
TABLE_DECLARATIONS = {"archive/schema.py": re.compile(r"_v\d+")}


def functions():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), relative)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield relative, node


def test_no_function_is_over_60_lines():
    long = [
        f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node in functions()
        if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
        and not (path in TABLE_DECLARATIONS and TABLE_DECLARATIONS[path].fullmatch(node.name))
    ]
    assert long == []


def test_the_check_sees_every_package():
    seen = {path.split("/")[0] for path, _ in functions()}
    assert seen == set(PACKAGES)
    assert any(node.name == "_v1" for path, node in functions() if path == "archive/schema.py")
