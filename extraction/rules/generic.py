"""The rules every source gets unless its registry entry names others: the registry's own selectors first
(title_css, date_css, body_css, drop_css), then the general rules that hold on markup never seen."""

from __future__ import annotations

from extraction.fields import Fields, extract_fields
from extraction.page import Page


class GenericRules:
    name = "generic"

    def extract(self, page: Page, source) -> Fields:
        fields = extract_fields(page.html, page.url, source.selectors, source.language, names=(source.name,))
        fields.service = source.service
        return fields
