"""Import a draft (text, Markdown, Word, PDF) as a proposal/1 revision.

Pure core, no Textual: the CLI's `propdiff import` and the app's palette
command both call `read_draft` then `to_revision` and `to_yaml`. Small modules,
one job each: `reader` picks the format, `decoding`/`textfile`/`wordfile`/
`pdffile` turn a file into `Line`s, `markers` and `detect` find the points,
`build` makes and checks the revision, `preview` shows the split, `joining` makes a
draft the next revision of a loaded series (the app's import command).
Word and PDF need the optional extra `propdiff[import]`; their libraries are
imported only when such a file is read.
"""

from __future__ import annotations

from pathlib import Path

from .build import ImportOptions, check_slug, slug, to_revision, to_yaml
from .detect import DetectedPoint, Draft, Notice, detect
from .lines import ImportFailure, Line
from .preview import format_preview
from .reader import read_lines, read_pasted

__all__ = [
    "DetectedPoint",
    "Draft",
    "ImportFailure",
    "ImportOptions",
    "Line",
    "Notice",
    "check_slug",
    "detect",
    "format_preview",
    "read_draft",
    "read_lines",
    "read_pasted",
    "slug",
    "to_revision",
    "to_yaml",
]


def read_draft(path: Path, *, encoding: str | None = None) -> Draft:
    """The detected points of a draft file; `ImportFailure` (one line) when it cannot be read."""
    return detect(read_lines(path, encoding=encoding))
