"""Enrich stage: who met whom. Finds the people, offices, countries and places in each article's text.

The store stage writes them with the article, in the same batch transaction, and only when the stored
ones came from another text or another extractor version; `pressarchive enrich` does the same for an
archive crawled before this stage existed.
"""

from __future__ import annotations

from extraction.entities import VERSION, extract_mentions


class EnrichPipeline:
    def process_item(self, article):
        article.mentions = [m.row() for m in extract_mentions(article.body, article.language)]
        article.entities_version = VERSION
        return article
