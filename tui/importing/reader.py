"""Pick the reader for a draft file by what it is, then by its name.

A PDF saved as `draft.txt`, or a Word file without its `.docx`, is still read
as what it is: the first bytes say so more reliably than the name.
"""

from __future__ import annotations

from pathlib import Path

from .decoding import decode
from .lines import ImportFailure, Line

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Drafts are kilobytes to a few megabytes; anything bigger is a wrong file."""

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def read_lines(path: Path, *, encoding: str | None = None) -> list[Line]:
    """The lines of a draft file; `ImportFailure` with one line of explanation when it cannot be read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportFailure("expected a file, found a folder or a device")
        if size > MAX_INPUT_BYTES:
            raise ImportFailure(f"the file is {size / 1024 / 1024:.0f} MB; drafts over 50 MB are refused")
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise ImportFailure(f"cannot read the file: {error.strerror or error}") from None
    if size == 0:
        raise ImportFailure("the file is empty")
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

    return read_text(decode(path.read_bytes(), encoding), markdown=suffix in MARKDOWN_SUFFIXES)


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
