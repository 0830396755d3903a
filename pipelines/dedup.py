"""Dedup stage: the keys that identify a release across places and re-fetches.

The canonical URL recognises the same page however it was linked; the hash of the normalised body
recognises the same statement re-posted at another URL. The archive resolves them against what it holds.
"""

from __future__ import annotations

from pipelines.normalise import canonical_url, content_hash


class DedupPipeline:
    def process_item(self, item):
        item.canonical_url = canonical_url(item.url)
        item.content_hash = content_hash(item.body)
        return item
