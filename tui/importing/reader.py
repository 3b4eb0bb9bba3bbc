"""Pick the reader for a draft file by what it is, then by its name.

A PDF saved as `draft.txt`, or a Word file without its `.docx`, is still read
as what it is: the first bytes say so more reliably than the name.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..reading.yamlsource import OPEN_FLAGS, read_at_most
from .decoding import decode
from .lines import ImportFailure, Line

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Drafts are kilobytes to a few megabytes; anything bigger is a wrong file."""

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def read_lines(path: Path, *, encoding: str | None = None) -> list[Line]:
    """The lines of a draft file; `ImportFailure` with one line of explanation when it cannot be read."""
    data = _read_regular(path)
    if not data:
        raise ImportFailure("the file is empty")
    head = data[:8]
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-") or (suffix == ".pdf" and not head.startswith(b"PK")):
        from .pdffile import read_pdf

        return read_pdf(path)
    if head.startswith(b"PK\x03\x04") or suffix in (".docx", ".docm", ".doc"):
        from .wordfile import read_docx

        return read_docx(path)
    if suffix in (".odt", ".rtf", ".pages"):
        raise ImportFailure(f"{suffix} files are not read: save the draft as .docx, .pdf or text")
    from .textfile import read_text

    return read_text(decode(data, encoding), markdown=suffix in MARKDOWN_SUFFIXES)


def _read_regular(path: Path) -> bytes:
    """The whole file, read only when it is a regular file and never past the limit.

    `st_size` is a hint, not a bound: a file can be swapped for a FIFO or grow
    between the check and the read, so the opened descriptor is checked again
    and the read stops one byte past the limit.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ImportFailure("expected a regular file, found a folder or a device")
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as error:
        raise ImportFailure(f"cannot read the file: {error.strerror or error}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ImportFailure("expected a regular file, found a folder or a device")
        data = read_at_most(descriptor, MAX_INPUT_BYTES)
    except OSError as error:
        raise ImportFailure(f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if data is None:
        raise ImportFailure("the file is over 50 MB; drafts that big are refused")
    return data


def read_pasted(data: bytes, *, encoding: str | None = None) -> list[Line]:
    """The lines of a draft piped in on stdin: text or Markdown only (Word and PDF go by their path)."""
    if not data.strip():
        raise ImportFailure("nothing on standard input")
    if data.startswith((b"%PDF-", b"PK\x03\x04")):
        raise ImportFailure("a PDF or Word file on standard input: give its path instead of -")
    if len(data) > MAX_INPUT_BYTES:
        raise ImportFailure("over 50 MB on standard input; drafts that big are refused")
    from .textfile import read_text

    text = decode(data, encoding)
    markdown = any(line.startswith("#") for line in text.splitlines())
    return read_text(text, markdown=markdown)
