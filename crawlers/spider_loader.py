"""Make every registry source a spider name: `scrapy crawl paknavy` works without a spider module.

A source is crawled by the spider its `rules` name when there is one (a sibling site with ISPR's markup
and `rules = "ispr"` gets the ISPR spider's id walks and listing categories), else by the generic spider.
"""

from __future__ import annotations

from scrapy.spiderloader import SpiderLoader

from crawlers.sources import load_registry
from crawlers.spiders.generic import GenericSpider


class RegistrySpiderLoader(SpiderLoader):
    def __init__(self, settings):
        super().__init__(settings)
        self._spiders.pop(GenericSpider.name, None)  # a template, not a source
        templates = dict(self._spiders)
        for key, source in load_registry(*settings.getlist("SOURCES_FILES")).items():
            if key not in self._spiders:
                base = templates.get(source.rules, GenericSpider)
                self._spiders[key] = type(f"{key.title()}Spider", (base,), {"name": key})
