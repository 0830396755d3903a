"""The extractor's version, stamped on every stored revision.

A crawl that meets a page stored under another version re-extracts the stored HTML before comparing, so
an extractor upgrade is never recorded as an edit on the site. The version is the package version plus a
fingerprint of the extraction code and word lists, so any change to them (released or not) counts,
while the near-duplicate matcher, which never changes extracted text, is left out.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE = Path(__file__).parent
NOT_EXTRACTION = {"similarity.py", "dedup_words.toml", "version.py"}


@cache
def extraction_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".toml", ".txt", ".json") and path.name not in NOT_EXTRACTION:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        release = version("pressarchive")
    except PackageNotFoundError:
        release = "0"
    return f"{release}+{digest.hexdigest()[:10]}"
