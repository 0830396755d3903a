"""What an unattended crawl process needs around the Scrapy engine: signals, a log file, a progress line.

- SIGTERM / SIGINT: stop issuing requests at once, store the batch in progress, record the runs as
  `interrupted`, exit 143 / 130. A second signal stops without waiting (the runs stay `running`, and the
  next crawl marks them `abandoned`).
- A rotating log file under the archive's folder (`logs/pressarchive.log`), as well as stderr, so a
  nightly run leaves a record even when cron's mail goes nowhere.
- On a terminal, one progress line (pages fetched, new, dropped, current source); nothing when not a TTY.
"""

from __future__ import annotations

import logging
import logging.handlers
import signal
import sys
from pathlib import Path

LOG_FILE = Path("logs") / "pressarchive.log"
LOG_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def log_to_file(db_path: str | Path) -> logging.Handler:
    """Every INFO line of this run, appended to <archive folder>/logs/pressarchive.log (rotated at 5 MB)."""
    path = Path(db_path).parent / LOG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] %(name)s %(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return handler


class GracefulStop:
    """Signal handlers for the crawl process; `signal_number` is the first stop signal received."""

    def __init__(self, process, crawlers: dict):
        self.process = process
        self.crawlers = crawlers
        self.signal_number: int | None = None
        self.previous = {}

    def install(self) -> None:
        for number in STOP_SIGNALS:
            self.previous[number] = signal.signal(number, self.handle)

    def restore(self) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)

    def handle(self, number, frame) -> None:
        # Only flags and reactor calls here: a signal handler must not log or block.
        from twisted.internet import reactor

        if self.signal_number is not None:
            reactor.callFromThread(reactor.stop)
            return
        self.signal_number = number
        for crawler in self.crawlers.values():
            crawler.stats.set_value("shutdown/signal", signal.Signals(number).name)
        reactor.callFromThread(self.process.stop)


class Progress:
    """One self-overwriting line on a terminal: pages fetched, new, dropped, the source last active."""

    def __init__(self, crawlers: dict, stream=None):
        self.crawlers = crawlers
        self.stream = stream or sys.stderr
        self.last: dict[str, int] = {}
        self.current = next(iter(crawlers), "")
        self.loop = None

    def line(self) -> str:
        totals = {"pages": 0, "new": 0, "dropped": 0}
        for name, crawler in self.crawlers.items():
            stats = crawler.stats.get_stats()
            pages = stats.get("pages/fetched", 0) + stats.get("pages/listing", 0)
            if pages != self.last.get(name, 0):
                self.current, self.last[name] = name, pages
            totals["pages"] += pages
            totals["new"] += stats.get("archive/new", 0)
            totals["dropped"] += sum(v for k, v in stats.items() if k.startswith("dropped/"))
        return (
            f"{totals['pages']} pages fetched, {totals['new']} new, {totals['dropped']} dropped; "
            f"current: {self.current}"
        )

    def show(self) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def start(self) -> None:
        if not self.stream.isatty():
            return
        from twisted.internet import reactor, task

        self.loop = task.LoopingCall(self.show)
        reactor.callWhenRunning(self.loop.start, 1.0, now=False)

    def stop(self) -> None:
        if self.loop is not None:
            if self.loop.running:
                self.loop.stop()
            self.stream.write("\r\x1b[K")
            self.stream.flush()
