"""Make every registry source a spider name: `scrapy crawl paknavy` works without a spider module.

Sources with a module of their own (ispr) keep it; the rest get a subclass of the generic spider.
"""

from __future__ import annotations

from scrapy.spiderloader import SpiderLoader

from crawlers.sources import load_registry
from crawlers.spiders.generic import GenericSpider


class RegistrySpiderLoader(SpiderLoader):
    def __init__(self, settings):
        super().__init__(settings)
        self._spiders.pop(GenericSpider.name, None)  # a template, not a source
        for key in load_registry(*settings.getlist("SOURCES_FILES")):
            if key not in self._spiders:
                self._spiders[key] = type(f"{key.title()}Spider", (GenericSpider,), {"name": key})
