"""From a page's bytes to its text: which encoding, and whether the result is text at all.

Every path that reads a page (the crawl, `reextract` on stored HTML, `check`, the benches) decodes here,
so a page reads the same everywhere. The order is the one browsers use: a byte-order mark, then the
HTTP header's charset, then the page's own `<meta>` (or XML) declaration, then a guess. The guess prefers
UTF-8, then windows-1252 whenever it reads the page as well as any other single-byte code page: Latin
pages without a charset are nearly always windows-1252, and a detector left to itself picks windows-1257
or -1250 for them as often as not (`naļve`, `Seńor`). Arabic-script pages (Urdu in windows-1256) are
told apart by the detector, which reads them far better as windows-1256.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

# How much of a page the detector and the text check look at: enough to be sure, bounded in cost.
SAMPLE_BYTES = 64 * 1024
SAMPLE_CHARS = 100_000
# Control characters (Unicode category Cc: U+0000-001F, U+007F-009F) other than tab, newline, carriage
# return and form feed, and U+FFFD. One regex scan: a Python loop over the sample was 2.5% of a crawl profile.
GARBAGE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# A page whose text is more than this share control characters or U+FFFD is binary, or text in an
# encoding nothing could read; storing it would archive garbage.
MAX_GARBAGE_SHARE = 0.02
PREFERRED_SINGLE_BYTE = "cp1252"
# Two readings whose detector "chaos" differs by less than this read the page equally well.
CHAOS_TIE = 0.01


def _known(name: str | None) -> str | None:
    """The codec's canonical name, or None for a label Python does not know (a page's typo)."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def guess_encoding(raw: bytes) -> str:
    """The encoding of bytes that declare none: UTF-8 if they are valid UTF-8, else the detector's best
    single-byte reading, windows-1252 when it reads them as well as the best."""
    sample = raw[:SAMPLE_BYTES]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3:  # a character cut by the sample's end
            return "utf-8"
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return PREFERRED_SINGLE_BYTE
    best = min(match.chaos for match in matches)
    tied = [_known(match.encoding) for match in matches if match.chaos <= best + CHAOS_TIE]
    if PREFERRED_SINGLE_BYTE in tied:
        return PREFERRED_SINGLE_BYTE
    return tied[0] or PREFERRED_SINGLE_BYTE


def page_encoding(raw: bytes, content_type: str = "") -> str:
    """BOM, then the Content-Type header's charset, then the page's declaration, then a guess."""
    bom, _ = read_bom(raw)
    if bom:
        return _known(bom) or "utf-8"
    declared = _known(http_content_type_encoding(content_type or "")) or _known(
        html_body_declared_encoding(raw[:4096])
    )
    if declared and declared.startswith(("utf-16", "utf-32")) and b"\x00" not in raw[:512]:
        # Bytes without NULs cannot be UTF-16: the declaration itself was readable as ASCII (browsers
        # then read the page as UTF-8 or guess, and so do we).
        declared = None
    if declared == "utf-8" and guess_encoding(raw) != "utf-8":
        # "UTF-8" that is not: a server's default label on a page saved in a code page. Reading it as
        # declared would turn every accented letter into U+FFFD.
        declared = None
    return declared or guess_encoding(raw)


def decode(raw: bytes, encoding: str) -> str:
    """The text, a BOM removed, undecodable bytes as U+FFFD (counted by `garbage_share`)."""
    bom, mark = read_bom(raw)
    if bom:
        raw = raw[len(mark) :]
    return raw.decode(encoding, errors="replace")


def garbage_share(text: str) -> float:
    """The share of control characters (other than whitespace) and U+FFFD in the text's first part."""
    sample = text[:SAMPLE_CHARS]
    if not sample:
        return 0.0
    return len(GARBAGE.findall(sample)) / len(sample)


def text_problem(text: str) -> str | None:
    """`undecodable` when the text is mostly not text (binary served as HTML, or a wrong encoding)."""
    return "undecodable" if garbage_share(text) > MAX_GARBAGE_SHARE else None
