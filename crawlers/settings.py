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
# Each crawler crawls one source, so this is "one request at a time per site" too (default 16). The per-
# domain limit alone does not hold with no delay: the downloader starts every request queued for a slot
# in one pass before any of them counts as transferring, so up to CONCURRENT_REQUESTS ran at once; and
# requests queued in the downloader all finish after SIGTERM. With one at a time, neither can happen.
CONCURRENT_REQUESTS = 1
DOWNLOAD_DELAY = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2
AUTOTHROTTLE_MAX_DELAY = 60
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# The official sites are slow; give them time before declaring failure (default 180 s / 2 retries).
DOWNLOAD_TIMEOUT = 60
RETRY_TIMES = 3
# A site answering 429/503 with a Retry-After longer than this is not retried in this run (ours).
RETRY_AFTER_MAX = 120

# Our own guards replace four stock middlewares (at their default positions): challenge pages are not
# retried; redirects off the source's hosts or in circles, and compressed bodies that inflate past the
# size limit, are dropped with a reason the run counts instead of vanishing or reading like robots.txt.
# The Internet Archive gets its own throttle and backoff (WaybackMiddleware, next to retries). Requests to a
# source's site carry its contact and, where the registry asks, a browser's fingerprint
# (SiteIdentityMiddleware, after the User-Agent and compression middlewares set their headers).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.ChallengeAwareRetryMiddleware": 550,
    # Records Content-Length against the bytes received, before HttpCompressionMiddleware (590) decodes.
    "crawlers.middlewares.DeclaredLengthMiddleware": 595,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawlers.middlewares.GuardedMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawlers.middlewares.BoundedDecompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawlers.middlewares.GuardedRedirectMiddleware": 600,
    "crawlers.middlewares.WaybackMiddleware": 560,
    "crawlers.middlewares.SiteIdentityMiddleware": 597,
}
# At most this many redirects in a row (default 20); more is a loop by another name.
REDIRECT_MAX_TIMES = 5

# scrapy-impersonate's handler sends a request through curl_cffi (a browser's TLS and HTTP/2 fingerprint)
# only when the request's meta names a browser (a source with `impersonate`); every other request goes
# through Scrapy's own HTTP/1.1 handler, which it extends (default: that handler alone).
DOWNLOAD_HANDLERS = {
    "http": "scrapy_impersonate.ImpersonateDownloadHandler",
    "https": "scrapy_impersonate.ImpersonateDownloadHandler",
}

# The Wayback Machine (fallback for pages that refuse us, and `crawl --via wayback`). The endpoints are
# settings so that tests, or another Wayback-compatible archive, can stand in (`crawl --set NAME=URL`);
# a capture is fetched raw as {WAYBACK_CAPTURE_URL}{timestamp}id_/{original URL}.
WAYBACK_CDX_URL = "https://web.archive.org/cdx/search/cdx"
WAYBACK_CAPTURE_URL = "https://web.archive.org/web/"
# At most one request per second to the Archive, whatever the site's delay; doubled on each 429/503 up to
# WAYBACK_MAX_DELAY, with WAYBACK_RETRY_TIMES retries before giving up on a request.
WAYBACK_DELAY = 1.0
WAYBACK_MAX_DELAY = 120.0
WAYBACK_RETRY_TIMES = 5
# CDX rows per listing page (each page's resume key is kept in the archive), and captures tried per
# release before giving up (many captures of guarded sites are challenge pages themselves).
WAYBACK_CDX_PAGE_SIZE = 1000
WAYBACK_MAX_CAPTURES = 5
DOWNLOAD_SLOTS = {"wayback": {"concurrency": 1, "jitter": 0}}

# Listing pages can be long; anything far larger is not a site's index (default 1 GiB / warn at 32 MiB).
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# Release pages get their own, much smaller limit (ours): a real release is tens of kilobytes, and a
# 15 MB "release" once cost two minutes of extraction and 1.5 GB of memory. Larger ones (compressed or
# not) are dropped as `too_large` / `decompression_limit`.
RELEASE_MAXSIZE = 3 * 1024 * 1024

# Challenge pages (403/503), soft errors and 404s reach the spider so the validate stage can count and
# log them by reason, instead of HttpErrorMiddleware hiding them (default: only 2xx reach callbacks).
HTTPERROR_ALLOW_ALL = True

# Extraction (validate page, fields, dates, validate article, dedup keys) is one pure call; enrichment
# (who met whom) reads the final text; storing comes last, in batches, with the article's mentions.
ITEM_PIPELINES = {
    "pipelines.process.ProcessPipeline": 100,
    "pipelines.enrich.EnrichPipeline": 300,
    "pipelines.store.StorePipeline": 500,
}

# Items of one response are handled one at a time (default 100 at once): every stage is synchronous, so
# there is nothing to overlap, and Scrapy starts that many asyncio tasks for every response's output
# whatever it holds (0.5 ms of CPU per response, about a tenth of Scrapy's own work on loopback).
# tests/crawlers/test_settings_cost.py checks the stages stay synchronous.
CONCURRENT_ITEMS = 1

# Dropped pages are expected outcomes (challenge, soft-404); log them as one clear line each.
LOG_FORMATTER = "pipelines.process.DropLogFormatter"

# Where articles go; the CLI's --db and `scrapy crawl -s ARCHIVE_DB=…` override it.
ARCHIVE_DB = "data/archive.db"
# Extra registry files (the CLI's --sources) layered over crawlers/sources.toml.
SOURCES_FILES = []
# Items per SQLite transaction: large enough to be fast, small enough that a killed crawl loses little.
ARCHIVE_BATCH_SIZE = 50
# Near-duplicates are looked for among copies dated this many days either side (undated: text alone).
DEDUP_WINDOW_DAYS = 3

FEED_EXPORT_ENCODING = "utf-8"
# Scrapy re-reads and parses each callback's source on every response to warn about a generator that
# returns a value (default True: 6% of a loopback crawl's time in a profile); our callbacks are checked
# once by tests/crawlers/test_callbacks.py instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
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
