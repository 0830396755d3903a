"""Extraction: a pure library from a fetched page to an article (no Scrapy, no database)."""
