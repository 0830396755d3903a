"""The rules every source gets unless its registry entry names others: the registry's own selectors first
(title_css, date_css, body_css, drop_css), then the general rules that hold on markup never seen."""

from __future__ import annotations

from extraction.fields import Fields, extract_fields
from extraction.page import Page


class GenericRules:
    name = "generic"

    def content_css(self, source) -> str | None:
        """The block a release's text is in, when the registry entry names one (body_css)."""
        return source.selectors.get("body_css")

    def extract(self, page: Page, source) -> Fields:
        fields = extract_fields(
            page.html,
            page.url,
            source.selectors,
            source.language,
            names=(source.name,),
            document=page.document,
        )
        fields.service = source.service
        return fields
