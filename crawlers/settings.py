"""Scrapy settings for pressarchive. Every changed default says why and what it replaced."""

BOT_NAME = "pressarchive"

SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"
# Registry sources without a spider module of their own get the generic spider (default: scrapy's loader).
SPIDER_LOADER_CLASS = "crawlers.spider_loader.RegistrySpiderLoader"

# Identify ourselves honestly so site operators can tell who we are (default: "Scrapy/VERSION").
USER_AGENT = (
    "pressarchive/0.1 (research archive of official press releases; polite crawler, obeys robots.txt)"
)

# Obey robots.txt (the project template's choice; never turn this off).
ROBOTSTXT_OBEY = True

# Politeness for live sites: one request at a time per domain, at least 2 s apart, slowing further when
# the site answers slowly (defaults: 8 per domain, no delay, AutoThrottle off). The CLI relaxes the delay
# only when every target is on the loopback interface (a mirror or test server on this machine).
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# Each source is one site fetched one page at a time, so more requests handed to the downloader only wait
# in its queue, and a SIGTERM would still send them all before stopping (default 16).
CONCURRENT_REQUESTS = 2
DOWNLOAD_DELAY = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2
AUTOTHROTTLE_MAX_DELAY = 60
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# The official sites are slow; give them time before declaring failure (default 180 s / 2 retries).
DOWNLOAD_TIMEOUT = 60
RETRY_TIMES = 3

# Don't retry bot-challenge pages: it cannot pass them and only adds load (default: plain RetryMiddleware).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.ChallengeAwareRetryMiddleware": 550,
}

# Release pages are small; anything far larger is not a press release (default 1 GiB / warn at 32 MiB).
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Challenge pages (403/503), soft errors and 404s reach the spider so the validate stage can count and
# log them by reason, instead of HttpErrorMiddleware hiding them (default: only 2xx reach callbacks).
HTTPERROR_ALLOW_ALL = True

# Extraction (validate page, fields, dates, validate article, dedup keys) is one pure call; storing comes
# after it, in batches.
ITEM_PIPELINES = {
    "pipelines.process.ProcessPipeline": 100,
    "pipelines.store.StorePipeline": 500,
}

# Dropped pages are expected outcomes (challenge, soft-404); log them as one clear line each.
LOG_FORMATTER = "pipelines.process.DropLogFormatter"

# Where articles go; the CLI's --db and `scrapy crawl -s ARCHIVE_DB=…` override it.
ARCHIVE_DB = "data/archive.db"
# Extra registry files (the CLI's --sources) layered over crawlers/sources.toml.
SOURCES_FILES = []
# Items per SQLite transaction: large enough to be fast, small enough that a killed crawl loses little.
ARCHIVE_BATCH_SIZE = 50

FEED_EXPORT_ENCODING = "utf-8"
# Past this size the archive refuses writes as a full disk would (0: no limit): a quota for small disks.
ARCHIVE_MAX_BYTES = 0

# Incremental nightly runs (README, "Every day from cron"). The CLI sets them from --full,
# --known-pages, --recheck-days, --recheck-limit and --missing-ids.
# Re-walk every listing page and re-fetch every release, as a first crawl does.
FULL_CRAWL = False
# Stop paging a category after this many whole listing pages holding only archived releases.
KNOWN_PAGES_STOP = 1
# Re-fetch known releases last checked this many days ago, at most RECHECK_LIMIT per source and run.
RECHECK_DAYS = 30
RECHECK_LIMIT = 100
# An open-ended id walk (`--ids A-`, `--ids new`) stops after this many missing ids in a row.
MISSING_IDS_STOP = 25
