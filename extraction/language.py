"""Which language a release is written in, from its letters: the sources publish English and Urdu."""

from __future__ import annotations

import re

LETTER = re.compile(r"[^\W\d_]")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z]")
# Letters Urdu has and Arabic does not: enough to tell the two apart in a paragraph.
URDU_ONLY = re.compile("[ٹڈڑںےۓھ]")


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ "ur" or "ar" for mostly Arabic-script text, "en" for Latin script, else the hint."""
    letters = len(LETTER.findall(text))
    if not letters:
        return hint
    if len(ARABIC_SCRIPT.findall(text)) * 2 >= letters:
        return "ur" if URDU_ONLY.search(text) or hint == "ur" else "ar"
    if len(LATIN.findall(text)) * 2 >= letters:
        return hint if hint and hint not in ("ur", "ar") else "en"
    return hint
