"""Wrapping by terminal cells, so both sides of the diff stay aligned with any script.

CJK and emoji take two cells, combining marks none; a line is cut between
words and a word is cut only when it is longer than the line. The same cut
positions serve to measure a block (how many lines) and to draw it, so the
row heights the view scrolls by are the heights it paints.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORDS = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets at which `text` is cut into lines of at most `width` cells; newlines always cut.

    Returned offsets exclude 0 and len(text), as `rich.text.Text.divide` wants.
    The spaces after a word stay on its line (they are trimmed when drawn).
    """
    width = max(width, 1)
    if len(text) <= width and "\n" not in text and text.isascii():
        return []  # the common short line: no measuring needed
    measure = len if text.isascii() else cell_len
    cuts: list[int] = []
    start = 0
    for paragraph in text.split("\n"):
        if start:
            cuts.append(start)
        used = 0
        for match in _WORDS.finditer(paragraph):
            word = match.group()
            bare = word.rstrip()
            size = measure(bare)
            word_start = start + match.start()
            if used and used + size > width:
                cuts.append(word_start)
                used = 0
            while size > width:  # a word longer than the line: cut it by cells
                cut = _fitting(bare, width)
                cuts.append(word_start + cut)
                word_start += cut
                bare = bare[cut:]
                size = measure(bare)
            used += size + (len(word) - len(word.rstrip()))
        start = start + len(paragraph) + 1
    return [c for c in cuts if 0 < c < len(text)]


def _fitting(word: str, width: int) -> int:
    """How many leading characters of `word` fit in `width` cells (at least one)."""
    taken = 0
    for index, char in enumerate(word):
        taken += cell_len(char)
        if taken > width:
            return max(index, 1)
    return len(word)
