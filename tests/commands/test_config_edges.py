"""Configuration mistakes at the edges: each is one clear line and exit 2, before any request, never a
traceback (issue 10, items 11 and 12)."""

from __future__ import annotations

import logging
import resource
import subprocess
import sys
import time

import pytest

from crawlers.sources import load_registry
from crawlers.spiders.ispr import parse_id_ranges
from tests.conftest import ROOT, run_cli

ENTRY = """[sources.demo]
name = "Demo"
base_url = "https://example.org/news"
start_paths = [{paths}]
article_pattern = "/release/\\\\d+"
"""


def registry(tmp_path, text: str | bytes) -> str:
    path = tmp_path / "mine.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def assert_one_line_exit_2(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith(("pressarchive:", "Error:"))]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], result.stderr


def test_a_registry_that_is_not_utf8_is_named(tmp_path):
    path = registry(tmp_path, ENTRY.format(paths='"/caf\u00e9/"').encode("cp1252"))
    assert_one_line_exit_2(run_cli("crawl", "--sources", path, "demo"), path, "not UTF-8")


@pytest.mark.parametrize(
    "path",
    [
        '"file:///etc/passwd"',
        '"javascript:alert(1)"',
        '"https://elsewhere.example.com/releases/"',
        '"//evil.org/"',
    ],
)
def test_start_paths_must_be_paths_on_the_sources_host(tmp_path, path):
    source = registry(tmp_path, ENTRY.format(paths=path))
    assert_one_line_exit_2(
        run_cli("crawl", "--sources", source, "demo"), source, "start_paths must be paths on"
    )


def test_unknown_keys_are_a_warning_naming_file_and_key(tmp_path, caplog):
    path = registry(tmp_path, ENTRY.format(paths='"/releases/"') + 'colour = "green"\n')
    with caplog.at_level(logging.WARNING):
        sources = load_registry(path)
    assert "demo" in sources
    assert any(path in r.getMessage() and "unknown key 'colour'" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--base-url", "ispr=http://127.0.0.1:99999"], ("invalid port",)),
        (["--base-url", "ispr=http://127.0.0.1:http"], ("invalid port",)),
        (["--set", "DOWNLOAD_TIMEOUT=soon"], ("--set DOWNLOAD_TIMEOUT", "a number")),
        (["--set", "ROBOTSTXT_OBEY=perhaps"], ("--set ROBOTSTXT_OBEY", "true or false")),
        (["--set", "ARCHIVE_DB=/tmp/other.db"], ("--set ARCHIVE_DB", "--db")),
        (["--ids", ""], ("--ids",)),
        (["--ids", " , "], ("--ids",)),
        (["--ids", "1-99999999999999999999"], ("--ids",)),
        (["--ids", "1-30000000"], ("--ids", "more than")),
    ],
)
def test_bad_options_exit_2_with_one_line(tmp_path, args, fragments):
    result = run_cli("crawl", "ispr", "--db", str(tmp_path / "a.db"), *args)
    assert_one_line_exit_2(result, *fragments)
    assert not (tmp_path / "a.db").exists()


def test_a_huge_id_range_is_refused_before_anything_is_expanded():
    started = time.process_time()
    with pytest.raises(Exception, match="more than"):
        parse_id_ranges("1-30000000,5-99999999999")
    assert time.process_time() - started < 0.5


def test_a_huge_id_range_costs_no_memory(tmp_path):
    """Under a 1 GiB address-space limit (the range would need over 10 GB; the CLI's own imports, numpy
    and pandas among them, take a few hundred MB of address space), the refusal is still clean."""
    limit = 1024 * 1024 * 1024
    code = (
        f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit})); "
        "from commands.cli import main; sys.argv[1:] = ['crawl', 'ispr', '--ids', '1-300000000', "
        f"'--db', {str(tmp_path / 'a.db')!r}]; main()"
    )
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY and soft < limit:
        pytest.skip("address space already limited")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert_one_line_exit_2(result, "--ids", "more than")
