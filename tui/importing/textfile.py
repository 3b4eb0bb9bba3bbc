"""Plain-text and Markdown drafts, read with the standard library only.

Markdown is read only as far as drafts use it: `#` and underlined headings,
emphasis around a title, list items, fenced blocks and rules. Everything
else is text. The printed numbers of ordered lists stay as written.
"""

from __future__ import annotations

import re

from ..sanitize import neutralise
from .lines import BLANK, Line

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$|^(?:_\s*){3,}$")
_FENCE = re.compile(r"^(```|~~~)")
_ESCAPED_MARKER = re.compile(r"^(\d+)\\([.)])")


def read_text(text: str, *, markdown: bool) -> list[Line]:
    """The lines of a draft; Markdown syntax that is not wording is removed."""
    raw = neutralise(text).split("\n")
    return _markdown_lines(raw) if markdown else [_plain(line, n) for n, line in enumerate(raw, 1)]


def _plain(line: str, number: int) -> Line:
    stripped = line.strip()
    indent = len(line) - len(line.lstrip()) if stripped else 0
    return Line(stripped, f"line {number}", indent=indent)


def _markdown_lines(raw: list[str]) -> list[Line]:
    lines: list[Line] = []
    fenced = False
    for number, line in enumerate(raw, 1):
        where = f"line {number}"
        stripped = line.strip()
        if _FENCE.match(stripped):
            fenced = not fenced
            lines.append(Line(BLANK, where))
            continue
        if fenced:
            lines.append(_plain(line, number))
            continue
        heading = _ATX.match(stripped)
        if heading:
            lines.append(Line(_unemphasise(heading.group(2)), where, heading=len(heading.group(1))))
            continue
        if _SETEXT.match(stripped) and lines and lines[-1].text and not lines[-1].heading:
            previous = lines.pop()
            level = 1 if stripped.startswith("=") else 2
            lines.append(Line(previous.text, previous.where, heading=level))
            lines.append(Line(BLANK, where))
            continue
        if _RULE.match(stripped):
            lines.append(Line(BLANK, where))
            continue
        stripped = _ESCAPED_MARKER.sub(r"\1\2", stripped).removeprefix("> ").rstrip("\\").rstrip()
        lines.append(Line(stripped, where, indent=len(line) - len(line.lstrip()) if stripped else 0))
    return lines


def _unemphasise(text: str) -> str:
    """A heading is already set apart: emphasis around all of it adds nothing."""
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark) : -len(mark)].strip()
    return text
