"""Errors the user sees: located problems in their files and one-line failures.

A `Problem` is data, not an exception, so a loader can collect every problem
of a file and report them together instead of stopping at the first.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence, Sized

from .model import Location
from .sanitize import plain, quoted


@dataclass(frozen=True, order=True)
class Problem:
    """One located mistake in an input file."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class PropdiffError(Exception):
    """A failure the CLI reports as one line on stderr, with exit code 1."""


_SUGGEST_LENGTH = 100
_SUGGEST_CHOICES = 1000


def listed(names: Sequence[str] | Iterable[str], limit: int = 12) -> str:
    """`a, b, c` for a message; a long list shows its first names and how many more."""
    names = names if isinstance(names, (list, tuple)) else list(names)
    shown = ", ".join(plain(name) for name in names[:limit])
    more = len(names) - limit
    return f"{shown} and {more} more" if more > 0 else shown or "none"


def did_you_mean(word: object, choices: Iterable[object]) -> str:
    """A ` (did you mean 'x'?)` suffix, or nothing when no choice is close.

    Only text is compared: a value that failed to convert (a mapping where a
    slug was expected) has its own error and gets no suggestion.
    """
    if not isinstance(word, str) or len(word) > _SUGGEST_LENGTH:
        return ""
    if not isinstance(choices, Sized):
        choices = list(choices)
    if len(choices) > _SUGGEST_CHOICES:  # a suggestion costs choices x length: keep errors linear
        return ""
    texts = [choice for choice in choices if isinstance(choice, str)]
    close = difflib.get_close_matches(word, texts, n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


__all__ = ["Problem", "PropdiffError", "did_you_mean", "listed", "quoted"]
