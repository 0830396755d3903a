"""Which language a release is written in, from its letters: the sources publish English and Urdu."""

from __future__ import annotations

ARABIC_SCRIPT = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Letters Urdu has and Arabic does not: enough to tell the two apart in a paragraph.
URDU_ONLY = set("ٹڈڑںےۓھ")


def _is_arabic_script(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ARABIC_SCRIPT)


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ "ur" or "ar" for mostly Arabic-script text, "en" for Latin script, else the hint."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return hint
    arabic = [c for c in letters if _is_arabic_script(c)]
    if len(arabic) * 2 >= len(letters):
        return "ur" if URDU_ONLY.intersection(arabic) or hint == "ur" else "ar"
    latin = sum(1 for c in letters if c.isascii())
    if latin * 2 >= len(letters):
        return hint if hint and hint not in ("ur", "ar") else "en"
    return hint
