"""The source registry: every shipped source loads and starts; bad entries stop with a precise message."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.utils.test import get_crawler

from crawlers.settings import SPIDER_LOADER_CLASS
from crawlers.sources import RegistryError, load_registry
from crawlers.spider_loader import RegistrySpiderLoader
from crawlers.spiders.generic import GenericSpider

REGISTRY = load_registry()
GOOD = """
[sources.demo]
name = "Demo"
base_url = "https://example.org/news"
start_paths = ["/releases/"]
article_pattern = "/release/\\\\d+"
"""


def write(tmp_path, text):
    path = tmp_path / "extra.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_settings_use_the_registry_loader():
    assert SPIDER_LOADER_CLASS == "crawlers.spider_loader.RegistrySpiderLoader"


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_registered_source_loads_and_yields_start_requests(key, tmp_path):
    crawler = get_crawler(settings_dict={})
    loader = RegistrySpiderLoader(crawler.settings)
    spider_class = loader.load(key)
    assert issubclass(spider_class, GenericSpider)
    crawler = get_crawler(spider_class, settings_dict={"ARCHIVE_DB": str(tmp_path / "a.db")})
    spider = crawler._create_spider()
    spider.source = REGISTRY[key]

    async def first_urls():
        return [request.url async for request in spider.start()]

    urls = asyncio.run(first_urls())
    assert urls == REGISTRY[key].start_urls
    assert all(url.startswith(REGISTRY[key].base_url) for url in urls)


def test_an_extra_file_adds_and_overrides_sources(tmp_path):
    path = write(
        tmp_path,
        GOOD + '\n[sources.ispr]\nname = "ISPR mirror"\nbase_url = "http://127.0.0.1:9"\n'
        'start_paths = ["/a"]\narticle_pattern = "x"\n',
    )
    registry = load_registry(path)
    assert registry["demo"].start_urls == ["https://example.org/news/releases/"]
    assert registry["ispr"].name == "ISPR mirror"
    assert registry["demo"].language == "en" and registry["demo"].verified is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('name = "Demo"', "missing required key 'name'"),
        ('article_pattern = "/release/\\\\d+"', "missing required key 'article_pattern'"),
    ],
)
def test_missing_keys_are_named(tmp_path, change, message):
    path = write(tmp_path, GOOD.replace(change, ""))
    with pytest.raises(RegistryError, match=message) as error:
        load_registry(path)
    assert str(path) in str(error.value) and "[sources.demo]" in str(error.value)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('next_pattern = "page=(\\\\d+"', "next_pattern is not a valid regular expression"),
        ('service = "marines"', "service must be one of army, navy, airforce"),
        ('language = "English"', "language must be a language code"),
        ('verified = "yes"', "verified must be true or false"),
        ('body_css = "div[["', "body_css is not a valid CSS selector"),
        ('colour = "green"', "unknown key 'colour'"),
        ("max_pages = 0", "max_pages must be a positive whole number"),
    ],
)
def test_invalid_values_are_named(tmp_path, extra, message):
    path = write(tmp_path, GOOD + extra + "\n")
    with pytest.raises(RegistryError, match=message) as error:
        load_registry(path)
    assert str(path) in str(error.value) and "[sources.demo]" in str(error.value)


def test_bad_base_url_and_bad_toml(tmp_path):
    with pytest.raises(RegistryError, match="base_url must be an http"):
        load_registry(write(tmp_path, GOOD.replace("https://example.org/news", "example.org")))
    with pytest.raises(RegistryError, match="not valid TOML"):
        load_registry(write(tmp_path, "[sources.demo\nname="))
    with pytest.raises(RegistryError, match="no such sources file"):
        load_registry(tmp_path / "missing.toml")


def test_base_url_override_keeps_paths_under_a_mirror_prefix():
    source = REGISTRY["ispr"].with_base_url("http://127.0.0.1:8101/mirror/ispr")
    assert source.start_urls[0] == "http://127.0.0.1:8101/mirror/ispr/press-release-archive.php?cat=army"
    assert source.is_article("http://127.0.0.1:8101/mirror/ispr/press-release-detail.php?id=5")
    assert not source.is_article("http://127.0.0.1:8101/mirror/ispr/press-release-archive.php?cat=army")
