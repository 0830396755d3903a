"""Extraction: a pure library from a fetched page to an article (no Scrapy, no database)."""

from extraction.page import Article, Page, Rejection
from extraction.process import process

__all__ = ["Article", "Page", "Rejection", "process"]
