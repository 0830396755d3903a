"""The project's own errors: the mistakes and conditions a user can act on.

They live in the bottom layer so that every layer can raise them. The CLI turns exactly these into one
clear line and exit status 2; anything else is a bug and keeps its traceback (exit 70).
"""

from __future__ import annotations


class PressArchiveError(Exception):
    """Base of every error a user can fix or must know about; never raised for a programming error."""


class ConfigError(PressArchiveError):
    """A registry file, an option or a setting that cannot be used; the message names where it came from."""


class ArchiveError(PressArchiveError):
    """The archive file cannot be used (not SQLite, newer than this program, not writable)."""


class FetchError(PressArchiveError):
    """A site or service could not be reached or answered in a way no retry will fix."""
