"""One crawl at a time per archive: an fcntl lock on a file next to it.

Two overlapping crawls of one archive would fight over SQLite's write lock and record each other's pages
twice; cron users who forget `flock` got exactly that. The kernel drops the lock when the process dies
(even by SIGKILL), so a stale lock cannot block the next night's run. Readers (`stats`, `serve`,
`export`) never take it: SQLite's WAL mode lets them read while a crawl writes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from archive.errors import ArchiveError

READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)  # what a lock file in a read-only folder meets


class ArchiveLockedError(ArchiveError):
    """Another crawl holds the archive; this one did nothing (exit status 4)."""


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


def _holder(fd: int) -> str:
    """Who holds the lock, from what it wrote into the file (pid and start time)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        owner = json.loads(os.read(fd, 4096).decode() or "{}")
    except (OSError, ValueError):
        owner = {}
    return f"pid {owner.get('pid', 'unknown')}, started {owner.get('started', 'at an unknown time')}"


@contextlib.contextmanager
def archive_lock(db_path: str | Path) -> Iterator[dict]:
    """Hold the archive's crawl lock for the block, or raise ArchiveLockedError at once (never wait: a nightly
    run that queues behind a stuck one only hides the problem)."""
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        why = "the folder is read-only" if exc.errno in READ_ONLY else exc.strerror
        raise ArchiveError(f"{path}: cannot create the archive's lock file: {why}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArchiveLockedError(
                f"{db_path} is being written by another run ({_holder(fd)}); this run did nothing"
            ) from None
        owner = {"pid": os.getpid(), "started": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(owner).encode(), 0)
        yield owner
    finally:
        os.close(fd)  # closing the descriptor releases the lock
