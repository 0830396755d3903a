"""The source registry: every official site we archive is a table in a TOML file.

Tools outside the code read and write `crawlers/sources.toml`, so its keys are pinned. Entries are checked
when loaded, before any request, so a typo stops the run with a message naming the file, source and key.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cssselect import GenericTranslator, SelectorError

from archive.errors import ConfigError
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
    *SELECTOR_KEYS,
    "fallback",
    "impersonate",
    "contact",
)
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
    # "wayback": a release page that answers with a challenge or 403/429 is taken from the Wayback
    # Machine's newest good capture instead; "none": it is dropped.
    fallback: str = "wayback"
    # A browser whose TLS/HTTP2 fingerprint requests to the site present (None: Scrapy's own client).
    impersonate: str | None = None
    # An e-mail address sent as the From header, so the site's operators can reach whoever runs the crawl.
    contact: str | None = None
    origin: str = ""

    def url(self, path: str) -> str:
        """An absolute URL under base_url, keeping any path prefix base_url has (a mirror in a subfolder)."""
        return urljoin(self.base_url.rstrip("/") + "/", path.lstrip("/"))

    @property
    def start_urls(self) -> list[str]:
        return [self.url(path) for path in self.start_paths]

    def is_article(self, url: str) -> bool:
        return re.search(self.article_pattern, url) is not None

    def is_next_page(self, url: str) -> bool:
        return self.next_pattern is not None and re.search(self.next_pattern, url) is not None

    def with_base_url(self, base_url: str) -> Source:
        return replace(self, base_url=_check_base_url(base_url, f"--base-url {self.key}"))


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
    if (
        not isinstance(value, str)
        or urlsplit(value).scheme not in ("http", "https")
        or not urlsplit(value).netloc
    ):
        raise RegistryError(f"{where}: base_url must be an http(s) URL with a host, got {value!r}")
    return value


def parse_source(key: str, table: dict, origin: str) -> Source:
    """Check one registry table and turn it into a Source."""
    where = f"{origin}: [sources.{key}]"
    unknown = sorted(set(table) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise RegistryError(
            f"{where}: unknown key {unknown[0]!r} (known: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})"
        )
    for name in REQUIRED_KEYS:
        if name not in table:
            raise RegistryError(f"{where}: missing required key {name!r}")
    if not isinstance(table["name"], str) or not table["name"].strip():
        raise RegistryError(f"{where}: name must be a non-empty string")
    base_url = _check_base_url(table["base_url"], f"{where} base_url")
    start_paths = table["start_paths"]
    if (
        not isinstance(start_paths, list)
        or not start_paths
        or not all(isinstance(p, str) for p in start_paths)
    ):
        raise RegistryError(f"{where}: start_paths must be a non-empty list of paths")
    for name in ("article_pattern", "next_pattern"):
        if name in table:
            try:
                re.compile(table[name])
            except (re.error, TypeError) as exc:
                raise RegistryError(f"{where}: {name} is not a valid regular expression: {exc}") from None
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
    rules = table.get("rules", "generic")
    if rules not in RULES:
        raise RegistryError(f"{where}: rules must be one of {', '.join(RULES)}, got {rules!r}")
    selectors = {}
    for name in SELECTOR_KEYS:
        if name in table:
            selectors[name] = _check_css(table[name], f"{where}: {name}")
    return Source(
        key=key,
        name=table["name"].strip(),
        base_url=base_url,
        start_paths=tuple(start_paths),
        article_pattern=table["article_pattern"],
        next_pattern=table.get("next_pattern"),
        service=service,
        language=language,
        verified=verified,
        max_pages=max_pages,
        selectors=selectors,
        rules=rules,
        **_check_fetching(table, where),
        origin=origin,
    )


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
