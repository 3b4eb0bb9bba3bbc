"""What every reader hands to point detection: lines of text, each with its place in the input.

Word and PDF files are flattened to the same lines a pasted text has, so one
detector serves every format and the warnings can still say where to look.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import PropdiffError


class ImportFailure(PropdiffError):
    """A draft that cannot be imported; the message is one line naming the file."""


@dataclass(frozen=True)
class Line:
    """One line of a draft. An empty `text` is a paragraph break."""

    text: str
    where: str
    """Where to look in the input: "line 12", "paragraph 4", "page 2, line 7"."""
    heading: int = 0
    """Heading level (Markdown `#`, Word heading styles), 0 for body text."""
    indent: int = 0
    """Leading spaces of the line in plain text and Markdown (nested lists)."""


BLANK = ""
