"""Extraction stage: fill the item's fields with its spider's `extract()` (site selectors, then general
rules), so the same code serves live crawls and `pressarchive reextract` over stored HTML."""

from __future__ import annotations


def apply_fields(item, fields) -> None:
    item.title = fields.title
    item.body = fields.body
    item.raw_date = fields.raw_date
    item.date_origin = fields.date_origin
    item.language = fields.language
    item.service = fields.service
    item.pr_number = fields.pr_number
    item.dateline_place = fields.place
    item.methods = dict(fields.methods)


class ExtractPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        spider = self.crawler.spider
        apply_fields(item, type(spider).extract(item, spider.source))
        return item
