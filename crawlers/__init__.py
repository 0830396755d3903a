"""Scrapy project: spiders that fetch release pages, and the source registry that drives them."""
