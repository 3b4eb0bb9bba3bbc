"""Text in paragraphs with hanging indents, wrapped at the widget's width.

A `Static` wraps every line back to its first column: at 80 columns a party's
statement or a history step ran on under its own heading ("as Russian,
including…" at column 0, below "  21 Territory: …"), and the help's key
descriptions ran on under the keys. Here each paragraph says where its first
line and its other lines start, and is wrapped for that.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual.content import Content
from textual.widget import Widget


class Paragraph(NamedTuple):
    first: int
    """Cells before the first line."""
    rest: int
    """Cells before every other line."""
    content: Content


def wrapped(paragraph: Paragraph, width: int) -> list[Content]:
    """The paragraph's lines in `width` cells, indents included."""
    first, rest, content = paragraph
    if not content.plain:
        return [Content("")]
    lines = content.wrap(max(width - first, 1))
    head = lines[0]
    out = [head.pad_left(first)]
    if len(lines) == 1:
        return out
    # The other lines are wrapped again for their own indent: cut after the first line's text.
    plain = content.plain
    offset = len(head.plain)
    while offset < len(plain) and plain[offset] == " ":
        offset += 1
    remainder = content.divide([offset])[-1]
    out += [line.pad_left(rest) for line in remainder.wrap(max(width - rest, 1))]
    return out


class Paragraphs(Widget):
    """Paragraphs with hanging indents (see the module); as tall as its text."""

    DEFAULT_CSS = """
    Paragraphs {
        height: auto;
    }
    """

    def __init__(self, paragraphs: Iterable[Paragraph] = (), *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.paragraphs: tuple[Paragraph, ...] = tuple(paragraphs)
        self._lines: tuple[int, list[Content]] | None = None

    def update(self, paragraphs: Iterable[Paragraph]) -> None:
        self.paragraphs = tuple(paragraphs)
        self._lines = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, [line for p in self.paragraphs for line in wrapped(p, width)])
        return self._lines[1]

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001 - Textual's Size
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))
