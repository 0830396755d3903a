"""Every bench of issue 15 still runs on today's code: each script on a tiny N through its real command
line (a subprocess, loopback servers only), exiting 0, printing its table and writing its JSON. The
benches were written before the features they now measure were merged, and nothing else runs them;
these tests never look at a speed (benchmarks are not tests), only at the shape and the counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PEER_PYTHON = ROOT / ".venv-peers" / "bin" / "python"
NO_PEER = not PEER_PYTHON.exists()

# Each bench on a tiny N, with the arguments that make it finish in seconds. They all start at once, so
# the module takes about as long as its longest bench (the recrawl: five CLI runs), not the sum.
RUNS = {
    "mirror": ("mirror.py", "{tmp}/mirror", "--releases", "12"),
    "e2e": ("e2e.py", "--releases", "8", "--scaling", "30", "--stages"),
    "peers-ours": ("peers.py", "--releases", "8", "--peer-python", "{tmp}/no-such-python"),
    "peers-news-please": ("peers.py", "--releases", "8"),
    "peer-crawl-ours": ("peer_crawl.py", "--releases", "8", "--peer-python", "{tmp}/no-such-python"),
    "peer-crawl-news-please": ("peer_crawl.py", "--releases", "8"),
    "recrawl": ("recrawl.py", "--releases", "8", "--recheck-limit", "2"),
    "serve": ("serve.py", "--articles", "200", "--requests", "3"),
    "dedup": ("dedup.py", "--sizes", "120"),
}


@pytest.fixture(scope="module")
def benches(tmp_path_factory):
    """Every bench started in its own subprocess, writing its JSON into a temporary folder (never over
    bench/results/); yields a function that waits for one and returns (its output, its JSON path)."""
    tmp = tmp_path_factory.mktemp("benches")
    started = {}
    for name, (script, *args) in RUNS.items():
        if name.endswith("news-please") and NO_PEER:
            continue
        command = [sys.executable, str(ROOT / "bench" / script), *(a.format(tmp=tmp) for a in args)]
        if name != "mirror":
            command += ["--json", str(tmp / f"{name}.json")]
        started[name] = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def finished(name: str) -> tuple[str, Path]:
        process = started[name]
        try:
            out, err = process.communicate(timeout=150)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        assert process.returncode == 0, f"{name} exited {process.returncode}:\n{out}\n{err[-3000:]}"
        return out, tmp / f"{name}.json"

    yield finished
    for process in started.values():
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_mirror_writes_both_sites(benches):
    out, json_path = benches("mirror")
    assert "12 releases written" in out
    mirror = json_path.parent / "mirror"
    assert (mirror / "ispr" / "robots.txt").is_file() and (mirror / "news" / "robots.txt").is_file()


def test_e2e_with_scaling(benches):
    out, json_path = benches("e2e")
    assert "crawl / floor" in out and "ms/new article" in out
    figures = json.loads(json_path.read_text())
    e2e = figures["end_to_end"]
    assert e2e["pages"] > 0 and e2e["fetched"] == e2e["pages"]  # every live release page was fetched
    assert e2e["new"] == e2e["pages"] and e2e["floor_cpu_seconds"] > 0
    scaled = figures["scaling"]["30"]
    assert scaled["new"] == e2e["pages"] and scaled["prefill"]["how"] == "index"
    assert scaled["cpu_seconds"] > 0 and scaled["peak_rss_mb"] > 0 and scaled["prefill"]["cpu_seconds"] > 0
    # --stages: every release page was timed in the crawl's extraction stage, then alone
    assert e2e["stages"]["pages"] == e2e["pages"] and e2e["stages"]["alone_cpu_seconds"] > 0


def test_peers_ours_and_floor(benches):
    out, json_path = benches("peers-ours")
    assert "news-please skipped" in out and "trafilatura (floor)" in out
    figures = json.loads(json_path.read_text())
    assert set(figures) == {"pages", "pressarchive", "trafilatura (floor)"}
    assert figures["pressarchive"]["title_exact"] == 1.0  # the mirror's titles are known exactly


@pytest.mark.skipif(
    NO_PEER,
    reason="news-please runs in its own virtualenv, .venv-peers, which is absent (`make bench` makes it)",
)
def test_peers_news_please(benches):
    out, json_path = benches("peers-news-please")
    assert "news-please" in out and "skipped" not in out
    figures = json.loads(json_path.read_text())
    assert 0 <= figures["news-please"]["body_f1"] <= 1


def test_peer_crawl_ours(benches):
    out, json_path = benches("peer-crawl-ours")
    assert "news-please skipped" in out
    (ours,) = json.loads(json_path.read_text()).values()
    assert ours["found"] == ours["releases"] == ours["passed"] and ours["other_pages_stored"] == 0
    assert ours["title_exact"] == ours["date_exact"] == 1.0 and ours["cpu_seconds"] > 0


@pytest.mark.skipif(
    NO_PEER, reason="news-please's virtualenv, .venv-peers, is absent (`make bench` makes it)"
)
def test_peer_crawl_news_please(benches):
    out, json_path = benches("peer-crawl-news-please")
    figures = json.loads(json_path.read_text())
    assert "skipped" not in out and figures["news-please crawler"]["passed"] > 0


def test_recrawl(benches):
    out, json_path = benches("recrawl")
    assert "new releases fetched on the 5-new night: 5 of 5" in out
    results = json.loads(json_path.read_text())["results"]
    assert results["same day, nothing new"]["requests"] == {"ispr": 4, "news": 2}


def test_serve(benches):
    out, json_path = benches("serve")
    assert "FTS search" in out and "monthly chart query" in out
    assert len(json.loads(json_path.read_text())["pages"]) == 5


def test_dedup(benches):
    out, json_path = benches("dedup")
    assert "120" in out
    (size,) = json.loads(json_path.read_text())["sizes"]
    assert size["articles"] == 120 and size["different_statements_merged"] == 0
