"""Errors the user sees: located problems in their files and one-line failures.

A `Problem` is data, not an exception, so a loader can collect every problem
of a file and report them together instead of stopping at the first.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from .model import Location
from .sanitize import neutralise


@dataclass(frozen=True, order=True)
class Problem:
    """One located mistake in an input file."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class PropdiffError(Exception):
    """A failure the CLI reports as one line on stderr, with exit code 1."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix, or nothing when no choice is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def quoted(value: object, limit: int = 40) -> str:
    """Show a found value briefly, on one line and terminal-safe, in an error message."""
    if not isinstance(value, str):
        return repr(value)
    value = neutralise(value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))
    text = f"'{value}'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"
