"""Width on screen, in terminal cells: what wrapping and column alignment must count.

`len()` counts code points, but a Chinese character or an emoji takes two
cells and a combining accent none, so text measured with `len()` wraps too
late or too early and columns drift. Rich's table (the one Textual uses)
decides the cells, so the command line and the app agree.
"""

from __future__ import annotations

from rich.cells import cell_len


def width(text: str) -> int:
    """Cells `text` takes on a terminal."""
    return cell_len(text)


def ljust(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` cells."""
    return text + " " * max(0, cells - cell_len(text))


def wrap(text: str, cells: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Lines of at most `cells` cells, broken between words.

    Runs of whitespace become one space. A word is split only when it is
    longer than a whole line (a URL, a long run of Chinese), at character
    boundaries, never between a character and its combining marks.
    """
    subsequent = indent if subsequent is None else subsequent
    lines: list[str] = []
    line, used, prefix = indent, cell_len(indent), indent
    empty = True
    for word in text.split():
        size = cell_len(word)
        if not empty and used + 1 + size <= cells:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not empty:
            lines.append(line)
            prefix = subsequent
            line, used = prefix, cell_len(prefix)
        room = max(1, cells - used)
        if size > room:
            *heads, word = _fold(word, room, max(1, cells - cell_len(subsequent)))
            for head in heads:
                lines.append(line + head)
                prefix = subsequent
                line, used = prefix, cell_len(prefix)
            size = cell_len(word)
        line, used, empty = line + word, used + size, False
    if empty:
        return [indent.rstrip()]
    lines.append(line)
    return lines


def _fold(word: str, room: int, rest: int) -> list[str]:
    """`word` cut into pieces of at most `room` cells, then `rest` cells (at least one character each).

    One pass over the word: a 5 MB word takes linear time, not one pass per line.
    """
    pieces: list[str] = []
    start = used = 0
    for index, char in enumerate(word):
        size = cell_len(char)
        if used + size > room and index > start:
            pieces.append(word[start:index])
            start, used, room = index, 0, rest
        used += size
    pieces.append(word[start:])
    return pieces
