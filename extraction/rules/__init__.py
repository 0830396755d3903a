"""Site rules by name: what a registry entry's `rules` key may say.

A rules object has `extract(page, source) -> Fields`; `source` is the registry entry (its selectors,
language hint, name and service).
"""

from __future__ import annotations

from extraction.rules.generic import GenericRules
from extraction.rules.ispr import IsprRules

RULES = {rules.name: rules for rules in (GenericRules(), IsprRules())}


def rules_for(name: str | None):
    """The rules a registry entry names; the general ones when it names none."""
    return RULES[name or GenericRules.name]
