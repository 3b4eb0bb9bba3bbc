"""One line of whole items that fits its width: the summary bar's counts, the header's facts.

A line cut at the terminal's edge lost what mattered ("… rows (hidden:", "1 point known, pa…"
hid that a revision is partial). Here every item is shown whole or not at all: reductions are
applied one at a time, least important first, until the line fits: the separators tighten, an
item takes its short form, an item goes. An "…" marks counts left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from textual.content import Content

Part = "str | tuple[str, str]"
Parts = tuple["str | tuple[str, str]", ...]

ALWAYS = 100.0
"""An item this important is never left out (the line is then cut at the edge, as a last resort)."""


@dataclass(frozen=True)
class Item:
    """A whole piece of a line: `full`, or `short` once that reduction is reached, or gone."""

    group: int
    """Items of one group are separated by the gap, groups by the bar."""
    rank: float
    """How much the item matters: the least important goes first."""
    full: Parts
    short: Parts | None = None
    short_rank: float = 0.0
    """When the short form replaces the full one (it must be below `rank`)."""
    attached: bool = False
    """Follows the previous item directly (its text starts with its own space or comma)."""
    count: bool = False
    """A count of its group: when one is left out, "…" says so."""


@dataclass(frozen=True)
class Separators:
    gap: Parts
    bar: Parts
    tight_gap: Parts
    tight_bar: Parts
    tighten_rank: float = 0.0
    """When the tight separators replace the wide ones."""


def _length(parts: Iterable[str | tuple[str, str]]) -> int:
    return sum(Content(p if isinstance(p, str) else p[0]).cell_length for p in parts)


def _line(
    items: list[Item], kept: list[int], short: set[int], tight: bool, separators: Separators
) -> list[str | tuple[str, str]]:
    gap, bar = (separators.tight_gap, separators.tight_bar) if tight else (separators.gap, separators.bar)
    elided = any(item.count and n not in kept for n, item in enumerate(items))
    parts: list[str | tuple[str, str]] = []
    previous: Item | None = None
    for n in kept:
        item = items[n]
        if previous is not None:
            if previous.count and elided and not (item.count and item.group == previous.group):
                parts.append(("…", "dim"))  # counts were left out of the group that ends here
            if not item.attached:
                parts += bar if item.group != previous.group else gap
        parts += item.short if n in short and item.short is not None else item.full
        previous = item
    if previous is not None and previous.count and elided:
        parts.append(("…", "dim"))
    return parts


def fit(items: Iterable[Item], width: int, separators: Separators) -> Content:
    """The line of `items` in `width` cells, reduced as little as needed (see the module)."""
    every = list(items)
    kept = list(range(len(every)))
    short: set[int] = set()
    tight = False
    while True:
        parts = _line(every, kept, short, tight, separators)
        if _length(parts) <= width:
            return Content.assemble(*parts)
        # (rank, later first among equals, what, which item)
        reductions: list[tuple[float, int, str, int]] = []
        if not tight:
            reductions.append((separators.tighten_rank, 1, "tighten", -1))
        for n in kept:
            item = every[n]
            if item.short is not None and n not in short:
                reductions.append((item.short_rank, -n, "shorten", n))
            if item.rank < ALWAYS:
                reductions.append((item.rank, -n, "drop", n))
        if not reductions:
            return Content.assemble(*parts)  # nothing left to give: the edge cuts it
        _, _, what, n = min(reductions)
        if what == "tighten":
            tight = True
        elif what == "shorten":
            short.add(n)
        else:
            # The item goes, and the notes attached to it with it.
            end = n + 1
            while end < len(every) and every[end].attached:
                end += 1
            kept = [k for k in kept if not n <= k < end]
