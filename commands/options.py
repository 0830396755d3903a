"""What several commands share: the common options, the registry selection and the Scrapy settings."""

from __future__ import annotations

import json
import os

import click

from archive.errors import ConfigError
from crawlers.sources import load_registry

DEFAULT_DB = "data/archive.db"


def project_settings(sources_files: tuple[str, ...] = ()):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("SOURCES_FILES", list(sources_files))
    return settings


def apply_overrides(settings, overrides: tuple[str, ...]):
    """`--set NAME=VALUE` overrides, at the command line's priority; a malformed one is a usage error."""
    for override in overrides:
        name, sep, value = override.partition("=")
        if not sep or not name.isupper():
            raise ConfigError(f"--set: expected NAME=VALUE with an upper-case setting name, got {override!r}")
        settings.set(name, typed_setting(name, value, settings.get(name)), priority="cmdline")
    return settings


BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def typed_setting(name: str, value: str, current):
    """The --set value as the type the setting already has, so a typo stops the run before it starts
    instead of failing deep inside Scrapy (or being read as something else)."""
    if name == "ARCHIVE_DB":
        raise ConfigError("--set ARCHIVE_DB: choose the archive with --db (the summary reads that file)")
    expected = None
    if isinstance(current, bool):
        expected, parsed = "true or false", BOOLEANS.get(value.strip().lower())
    elif isinstance(current, int | float):
        expected = "a number"
        try:
            parsed = float(value)
        except ValueError:
            parsed = None
        parsed = int(parsed) if parsed is not None and parsed.is_integer() else parsed
    elif isinstance(current, dict | list):
        expected = "JSON (a " + type(current).__name__ + ")"
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(current, list) and parsed is None:
            parsed = [item.strip() for item in value.split(",") if item.strip()]
        parsed = parsed if isinstance(parsed, type(current)) else None
    else:
        return value
    if parsed is None:
        raise ConfigError(f"--set {name}: expected {expected}, got {value!r}")
    return parsed


def parse_base_urls(values: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for value in values:
        key, sep, url = value.partition("=")
        if not sep or not key or not url:
            raise click.BadParameter(f"expected SOURCE=URL, got {value!r}", param_hint="--base-url")
        overrides[key.strip()] = url.strip()
    return overrides


def select_sources(source_names, base_urls, sources_files) -> dict:
    """The registry entries named (all when none are), with --base-url overrides applied."""
    registry = load_registry(*sources_files)
    names = list(source_names) or list(registry)
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise click.UsageError(f"unknown source {unknown[0]!r}; known: {', '.join(registry)}")
    overrides = parse_base_urls(base_urls)
    stray = [n for n in overrides if n not in names]
    if stray:
        raise click.UsageError(f"--base-url names {stray[0]!r}, which is not being crawled")
    return {n: registry[n].with_base_url(overrides[n]) if n in overrides else registry[n] for n in names}


db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite archive file.",
)
base_url_option = click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="SOURCE=URL",
    help="Use URL as SOURCE's base_url (a mirror or test server). Repeatable.",
)
sources_option = click.option(
    "--sources",
    "sources_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra registry file (same format as crawlers/sources.toml) adding or overriding sources.",
)
set_option = click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting for this run, e.g. --set DOWNLOAD_DELAY=5. Repeatable.",
)
