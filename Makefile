# Everything runs from the project's own virtualenv, made on first use from the pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_PORT ?= 8101
DEMO_DB ?= data/demo.db

.PHONY: install demo test browser lint format crawl serve bench bench-full clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pressarchive needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

# Crawl the bundled sample of the ISPR site, served on 127.0.0.1, into $(DEMO_DB), then show what is in it.
# The sample serves two releases behind a bot challenge, so its crawl ends `partial` (exit 1): expected.
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(PY) -m commands.site_server ispr --port $(DEMO_PORT) \
	  --run "$(VENV)/bin/pressarchive crawl ispr --db $(DEMO_DB) --base-url ispr=http://127.0.0.1:$(DEMO_PORT)" \
	  || test $$? -eq 1
	$(VENV)/bin/pressarchive stats --db $(DEMO_DB)
	@echo
	@echo "Browse it: $(VENV)/bin/pressarchive serve --db $(DEMO_DB)   (then open http://127.0.0.1:8001/)"

# The browser tests drive Debian's chromium (never a downloaded browser build); install it when we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); } || \
	  echo "browser tests will be skipped: install Debian's chromium (sudo apt-get install -y chromium)"

test: $(STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# The real sites, politely (robots.txt, 1 request at a time per domain, 2 s apart and slower if they lag).
crawl: $(STAMP)
	$(VENV)/bin/pressarchive crawl --db data/archive.db

serve: $(STAMP)
	$(VENV)/bin/pressarchive serve --db data/archive.db

# Benchmarks print ratios measured side by side in one run; results also go to bench/results/*.json.
# The quick set (a 2,000-release mirror) takes under 10 minutes on 2 cores; bench-full adds scale (10k and
# 100k) and the extraction benches over ../shared. news-please, the peer, lives in its own pinned venv.
PEERS := .venv-peers/.installed

$(PEERS): bench/peers.lock
	$(PYTHON) -m venv .venv-peers
	.venv-peers/bin/python -m pip install --quiet -r bench/peers.lock
	touch $@

bench: $(STAMP) $(PEERS)
	$(PY) bench/peers.py --releases 2000
	$(PY) bench/e2e.py --releases 2000
	$(PY) bench/recrawl.py --releases 2000

bench-full: bench
	$(PY) bench/peer_crawl.py --releases 2000 --shipped-heuristics
	$(PY) bench/extraction.py
	$(PY) bench/fields.py
	$(PY) bench/e2e.py --releases 10000
	$(PY) bench/e2e.py --releases 500 --scaling 1000,10000,100000
	$(PY) bench/serve.py --articles 100000
	$(PY) bench/entities.py

clean:
	rm -rf $(VENV) .venv-peers data .pytest_cache .ruff_cache .hypothesis
