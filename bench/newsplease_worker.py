"""Runs inside the peers virtualenv (.venv-peers, news-please installed from bench/peers.lock): reads one
JSON object per line ({"url", "file"}) and writes news-please's title, date and text for each, with the
time `NewsPlease.from_html` took. Kept apart from the project's own environment so that news-please's
dependencies never move our pins."""

from __future__ import annotations

import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

from newsplease import NewsPlease  # noqa: E402


def main() -> None:
    for line in sys.stdin:
        task = json.loads(line)
        with open(task["file"], encoding="utf-8") as handle:
            html = handle.read()
        started = time.perf_counter()
        article = NewsPlease.from_html(html, url=task["url"], fetch_images=False)
        seconds = time.perf_counter() - started
        date = article.date_publish.date().isoformat() if article.date_publish else None
        result = {"title": article.title, "date": date, "body": article.maintext or "", "seconds": seconds}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
