"""A Scrapy extension for `bench/e2e.py --stages`: what extraction costs inside a real crawl, page by page.

Enabled through `crawl --set EXTENSIONS=…` with the environment variable STAGE_PROBE naming a file, it
times every `extraction.process` call of the extraction stage (CPU time of the crawl's thread), the
cyclic garbage collector's passes, and keeps each page as the stage received it, so that the bench can
run the very same pages through `extraction.process` alone afterwards and set the two side by side. A
subtraction of whole crawls (with and without the stage) mixes in every other per-item cost and the
machine's load at two different moments; this measures the one call.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import gc
import os
import pickle
import time

from scrapy import signals

import pipelines.process

STAGE_PROBE = "STAGE_PROBE"
# Every crawler of the process adds to these; written once, at exit.
FIGURES: dict = {"pages": [], "seconds": [], "collector": {"passes": 0, "seconds": 0.0}}
_collecting = [0.0]


def timed(process, page, source):
    FIGURES["pages"].append({field.name: getattr(page, field.name) for field in dataclasses.fields(page)})
    started = time.thread_time()
    outcome = process(page, source)
    FIGURES["seconds"].append(time.thread_time() - started)
    return outcome


def on_collect(phase: str, info: dict) -> None:
    if phase == "start":
        _collecting[0] = time.thread_time()
    else:
        FIGURES["collector"]["passes"] += 1
        FIGURES["collector"]["seconds"] += time.thread_time() - _collecting[0]


def write(path: str) -> None:
    with open(path, "wb") as file:
        pickle.dump(FIGURES, file)


class StageProbe:
    """Installs the timer once per process (a run crawls several sources, one crawler each)."""

    def __init__(self, crawler):
        crawler.signals.connect(self.started, signals.engine_started)
        if on_collect not in gc.callbacks:
            original = pipelines.process.process
            pipelines.process.process = functools.partial(timed, original)
            gc.callbacks.append(on_collect)
            atexit.register(write, os.environ[STAGE_PROBE])

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def started(self):
        FIGURES["collector"].update(passes=0, seconds=0.0)  # start-up's collections are not the crawl's
