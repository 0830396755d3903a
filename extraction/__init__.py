"""Pure extraction library: no Scrapy, no archive; text and pages in, structured data out."""
