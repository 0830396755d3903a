"""The shape of a line of text, whatever it says: its words, whether it reads as a sentence, whether it is
set in capitals, and a key that compares lines whatever their markup, spacing or punctuation.

What a line says about itself (a byline, a share bar, an end marker) is `extraction.furniture`'s; where a
release was issued from is `extraction.dateline`'s.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
SENTENCE_END = tuple(".!?;:…۔؟\"'”’)»")


def match_key(text: str) -> str:
    """Letters and digits only, case-folded: the same words whatever the markup, spacing or punctuation."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def is_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def in_capitals(text: str) -> bool:
    """Set in capitals, as old sites set headlines (scripts without case never are)."""
    letters = [c for c in text if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    return len(cased) >= 3 and sum(c.isupper() for c in cased) >= 0.8 * len(letters)
