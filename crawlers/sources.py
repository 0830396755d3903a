"""The source registry: every official site we archive is a table in a TOML file.

Tools outside the code read and write `crawlers/sources.toml`, so its keys are pinned. Entries are checked
when loaded, before any request, so a typo stops the run with a message naming the file, source and key.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import regex
from cssselect import GenericTranslator, SelectorError

from archive.errors import ConfigError
from extraction.dates import DATE_ORDERS, PAKISTAN
from extraction.rules import RULES

DEFAULT_REGISTRY = Path(__file__).with_name("sources.toml")
SERVICES = ("army", "navy", "airforce")
REQUIRED_KEYS = ("name", "base_url", "start_paths", "article_pattern")
SELECTOR_KEYS = ("title_css", "date_css", "body_css", "drop_css")
OPTIONAL_KEYS = (
    "next_pattern",
    "service",
    "language",
    "verified",
    "max_pages",
    "rules",
    "hosts",
    "timezone",
    "date_order",
    *SELECTOR_KEYS,
    "fallback",
    "impersonate",
    "contact",
)
# Registry patterns are run by the `regex` module with a time bound: a pattern that backtracks
# catastrophically on some URL must not hang the crawl (SIGTERM cannot interrupt a running match).
PATTERN_TIMEOUT = 0.5  # seconds per URL at run time; a URL is short, a sane pattern takes microseconds
PROBE_TIMEOUT = 0.1  # seconds per probe string when the registry is loaded
PROBE_LENGTH = 3000
PROBE_RUNS = ("a", "1", "/", "-", ".", "_", "=", "a/", "1-", "a-", "a1", " ")

logger = logging.getLogger(__name__)
# Where a release page that refuses us (bot challenge, 403/429) is fetched from instead.
FALLBACKS = ("wayback", "none")
# Browser fingerprints the impersonating download handler (curl_cffi) can present, by family: the
# family name picks curl_cffi's newest fingerprint of that browser.
IMPERSONATE = ("chrome", "edge", "safari", "firefox")
CONTACT = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


class RegistryError(ConfigError):
    """A registry file or entry that cannot be used; the message names file, source and key."""


@dataclass(frozen=True)
class Source:
    key: str
    name: str
    base_url: str
    start_paths: tuple[str, ...]
    article_pattern: str
    next_pattern: str | None = None
    service: str | None = None
    language: str = "en"
    verified: bool = False
    max_pages: int = 200
    selectors: dict[str, str] = field(default_factory=dict)
    # The site rules extraction applies (`extraction.rules`): "generic" unless the site has its own.
    rules: str = "generic"
    # How the site writes dates (`extraction.dates`): the zone of times without an offset, and the day
    # order of numeric dates. None: Pakistan's for shipped and .pk sources, else decided page by page.
    timezone: str | None = None
    date_order: str | None = None
    # "wayback": a release page that answers with a challenge or 403/429 is taken from the Wayback
    # Machine's newest good capture instead; "none": it is dropped.
    fallback: str = "wayback"
    # A browser whose TLS/HTTP2 fingerprint requests to the site present (None: Scrapy's own client).
    impersonate: str | None = None
    # An e-mail address sent as the From header, so the site's operators can reach whoever runs the crawl.
    contact: str | None = None
    origin: str = ""
    # Other host names the site's pages may redirect to (besides base_url's, with or without "www.").
    extra_hosts: tuple[str, ...] = ()

    def url(self, path: str) -> str:
        """An absolute URL under base_url, keeping any path prefix base_url has (a mirror in a subfolder)."""
        return urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))

    @property
    def start_urls(self) -> list[str]:
        return [self.url(path) for path in self.start_paths]

    @property
    def hosts(self) -> frozenset[str]:
        names = (urlsplit(self.base_url).hostname or "", *self.extra_hosts)
        return frozenset(name.lower().removeprefix("www.") for name in names)

    def is_article(self, url: str) -> bool:
        return _matches(self.article_pattern, url)

    def is_next_page(self, url: str) -> bool:
        return self.next_pattern is not None and _matches(self.next_pattern, url)

    def with_base_url(self, base_url: str) -> Source:
        return replace(self, base_url=_check_base_url(base_url, f"--base-url {self.key}"))


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str):
    return regex.compile(pattern)


def _matches(pattern: str, url: str) -> bool:
    """Whether the registry pattern matches; a match that runs out of time counts as none, logged."""
    try:
        return _compiled(pattern).search(url, timeout=PATTERN_TIMEOUT) is not None
    except TimeoutError:
        logger.warning("pattern %r took over %s s on %s; treated as no match", pattern, PATTERN_TIMEOUT, url)
        return False


def _probes(pattern: str):
    """Long strings built from the pattern's own literal text and runs of URL characters: the inputs on
    which a backtracking pattern shows itself."""
    literals = [part for part in re.split(r"\\.|[\[\](){}|?*+^$.]", pattern) if part] or [""]
    for literal in literals[:6]:
        for run in PROBE_RUNS:
            yield "https://example.org" + literal + run * (PROBE_LENGTH // len(run)) + "\x00"


def _check_pattern(value: object, where: str) -> str:
    try:
        compiled = _compiled(value)
    except (regex.error, TypeError) as exc:
        raise RegistryError(f"{where} is not a valid regular expression: {exc}") from None
    for probe in _probes(value):
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            raise RegistryError(
                f"{where} {value!r} backtracks catastrophically (over {PROBE_TIMEOUT} s on a "
                f"{len(probe)}-character URL); rewrite it without nested repetition"
            ) from None
    return value


def is_loopback(url: str) -> bool:
    """Whether `url` is on this machine (a mirror or test server): no one there to be polite to, and no
    page the public Wayback Machine can have captured."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_base_url(value: object, where: str) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise RegistryError(f"{where}: base_url must be an http(s) URL with a host, got {value!r}")
    try:
        parts.port  # noqa: B018 (urllib checks the port only when asked for it)
    except ValueError:
        raise RegistryError(f"{where}: base_url has an invalid port, got {value!r}") from None
    return value


def _check_start_paths(start_paths: object, base_url: str, where: str) -> tuple[str, ...]:
    """Paths on the source's own site: a start path that leads elsewhere (another host, `file:`,
    `javascript:`) would crawl what is not the source."""
    if (
        not isinstance(start_paths, list)
        or not start_paths
        or not all(isinstance(p, str) and p.strip() for p in start_paths)
    ):
        raise RegistryError(f"{where}: start_paths must be a non-empty list of paths")
    base = urlsplit(base_url)
    for path in start_paths:
        target = urlsplit(urljoin(base_url.rstrip("/") + "/", path.lstrip("/")))
        if (
            urlsplit(path).scheme
            or path.startswith("//")
            or (target.scheme, target.netloc)
            != (
                base.scheme,
                base.netloc,
            )
        ):
            raise RegistryError(f"{where}: start_paths must be paths on {base.netloc}, got {path!r}")
    return tuple(start_paths)


def parse_source(key: str, table: dict, origin: str) -> Source:
    """Check one registry table and turn it into a Source."""
    where = f"{origin}: [sources.{key}]"
    _warn_unknown_keys(table, where)
    for name in REQUIRED_KEYS:
        if name not in table:
            raise RegistryError(f"{where}: missing required key {name!r}")
    if not isinstance(table["name"], str) or not table["name"].strip():
        raise RegistryError(f"{where}: name must be a non-empty string")
    base_url = _check_base_url(table["base_url"], f"{where} base_url")
    start_paths = _check_start_paths(table["start_paths"], base_url, where)
    for name in ("article_pattern", "next_pattern"):
        if name in table:
            _check_pattern(table[name], f"{where}: {name}")
    hosts = _check_hosts(table.get("hosts", []), where)
    service, language, verified, max_pages = _optional_values(table, where)
    pakistani = origin == str(DEFAULT_REGISTRY) or _is_pakistani(base_url)
    return Source(
        key=key,
        name=table["name"].strip(),
        base_url=base_url,
        start_paths=start_paths,
        article_pattern=table["article_pattern"],
        next_pattern=table.get("next_pattern"),
        service=service,
        language=language,
        verified=verified,
        max_pages=max_pages,
        **_extraction_keys(table, where),
        **_date_keys(table, where, pakistani),
        **_check_fetching(table, where),
        origin=origin,
        extra_hosts=hosts,
    )


def _optional_values(table: dict, where: str) -> tuple:
    """service, language, verified and max_pages of a registry table, checked, with defaults."""
    service = table.get("service")
    if service is not None and service not in SERVICES:
        raise RegistryError(
            f"{where}: service must be one of {', '.join(SERVICES)} (or omitted), got {service!r}"
        )
    language = table.get("language", "en")
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language):
        raise RegistryError(
            f"{where}: language must be a language code such as 'en' or 'ur', got {language!r}"
        )
    verified = table.get("verified", False)
    if not isinstance(verified, bool):
        raise RegistryError(f"{where}: verified must be true or false, got {verified!r}")
    max_pages = table.get("max_pages", 200)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise RegistryError(f"{where}: max_pages must be a positive whole number, got {max_pages!r}")
    return service, language, verified, max_pages


def _extraction_keys(table: dict, where: str) -> dict:
    """The site rules and the selectors tried before them."""
    rules = table.get("rules", "generic")
    if rules not in RULES:
        raise RegistryError(f"{where}: rules must be one of {', '.join(RULES)}, got {rules!r}")
    selectors = {name: _check_css(table[name], f"{where}: {name}") for name in SELECTOR_KEYS if name in table}
    return {"rules": rules, "selectors": selectors}


def _is_pakistani(base_url: str) -> bool:
    return (urlsplit(base_url).hostname or "").endswith(".pk")


def _date_keys(table: dict, where: str, pakistani: bool) -> dict:
    """`timezone` (an IANA zone name) and `date_order` (DMY, MDY or YMD), Pakistan's by default for
    Pakistani sources, else left for extraction to decide from each page."""
    timezone = table.get("timezone", PAKISTAN.timezone if pakistani else None)
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise RegistryError(
                f"{where}: timezone must be an IANA time zone name such as 'Asia/Karachi' or "
                f"'America/New_York', got {timezone!r}"
            ) from None
    date_order = table.get("date_order", PAKISTAN.date_order if pakistani else None)
    if date_order is not None and date_order not in DATE_ORDERS:
        raise RegistryError(
            f"{where}: date_order must be one of {', '.join(DATE_ORDERS)}, got {date_order!r}"
        )
    return {"timezone": timezone, "date_order": date_order}


def _warn_unknown_keys(table: dict, where: str) -> None:
    """A key from a newer pressarchive, or a typo: say so, naming file, source and key, and go on."""
    for name in sorted(set(table) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        logger.warning(
            "%s: unknown key %r ignored (known: %s)", where, name, ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
        )


def _check_hosts(hosts: object, where: str) -> tuple[str, ...]:
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h.strip() for h in hosts):
        raise RegistryError(f"{where}: hosts must be a list of host names")
    return tuple(hosts)


def _check_fetching(table: dict, where: str) -> dict:
    """How the site is fetched when it guards itself: the fallback, the browser fingerprint, the contact."""
    fallback = table.get("fallback", "wayback")
    if fallback not in FALLBACKS:
        raise RegistryError(f"{where}: fallback must be one of {', '.join(FALLBACKS)}, got {fallback!r}")
    impersonate = table.get("impersonate")
    if impersonate is not None and impersonate not in IMPERSONATE:
        raise RegistryError(
            f"{where}: impersonate must be one of {', '.join(IMPERSONATE)} (or omitted), got {impersonate!r}"
        )
    contact = table.get("contact")
    if contact is not None and (not isinstance(contact, str) or not CONTACT.fullmatch(contact)):
        raise RegistryError(f"{where}: contact must be an e-mail address, got {contact!r}")
    return {"fallback": fallback, "impersonate": impersonate, "contact": contact}


def _check_css(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(f"{where} must be a CSS selector string")
    try:
        GenericTranslator().css_to_xpath(value)
    except SelectorError as exc:
        raise RegistryError(f"{where} is not a valid CSS selector: {exc}") from None
    return value


def load_registry(*extra_files: str | Path) -> dict[str, Source]:
    """The shipped registry with extra files layered over it; a later file's entry replaces an earlier one."""
    sources: dict[str, Source] = {}
    for path in (DEFAULT_REGISTRY, *map(Path, extra_files)):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RegistryError(f"{path}: no such sources file") from None
        except UnicodeDecodeError as exc:
            raise RegistryError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
        except OSError as exc:
            raise RegistryError(f"{path}: cannot read: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise RegistryError(f"{path}: not valid TOML: {exc}") from None
        tables = data.get("sources")
        if not isinstance(tables, dict):
            raise RegistryError(f"{path}: expected [sources.NAME] tables")
        for key, table in tables.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                raise RegistryError(
                    f"{path}: [sources.{key}]: source names are lower-case letters, digits and _"
                )
            if not isinstance(table, dict):
                raise RegistryError(f"{path}: [sources.{key}] must be a table")
            sources[key] = parse_source(key, table, str(path))
    return sources
