"""`pressarchive serve` started for real on a free loopback port, for HTTP and browser tests."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(db, timeout: float = 60):
    """Yield (base URL, process) while `pressarchive serve --db db` runs; stop it with SIGTERM after."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from commands.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {process.stderr.read().decode()}") from None
                time.sleep(0.2)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
