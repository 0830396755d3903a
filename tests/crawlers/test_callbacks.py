"""Scrapy's per-response check for generator callbacks that return a value is off (it parsed each
callback's source on every response); this is that check, run once over every spider method."""

import inspect

from scrapy.utils.misc import is_generator_with_return_value

from crawlers.spiders.generic import GenericSpider
from crawlers.spiders.ispr import IsprSpider


def test_no_generator_callback_returns_a_value():
    generators = [
        (cls.__name__, name)
        for cls in (GenericSpider, IsprSpider)
        for name, method in inspect.getmembers(cls, inspect.isfunction)
        if inspect.isgeneratorfunction(method) and method.__module__.startswith("crawlers.")
    ]
    assert len(generators) >= 3  # parse_listing, parse_release and the Wayback listing at least
    returning = [
        (cls, name)
        for cls, name in generators
        if is_generator_with_return_value(getattr(globals()[cls], name))
    ]
    assert returning == []
