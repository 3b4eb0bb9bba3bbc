"""One line of counts: how many changes of each kind, moved, renumbered; and what is hidden.

The line must fit the terminal: a 10,000-point pair's counts alone are wider
than 80 columns, and a line cut at the edge showed "… rows (hidden:". So the
bar is a list of items, each whole or absent: first the separators tighten and
the wordier items take their short form, then the least important items go,
one at a time (an "…" marks counts left out; the filter dialog, `f`, lists
every kind with its count).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from ...engine.align import MatchKind
    from ...engine.compare import Comparison
    from ...engine.provisional import Provisional

Parts = tuple["str | tuple[str, str]", ...]

QUERY_CHARS = 24
"""A longer search text is cut (with "…") in the bar: the hits count is what the bar is for."""

# How much an item matters: the lowest goes first when the line is too long.
SEARCH = 10
STATUS = 9
ROWS = 8
PENDING = 6
HIDDEN = 5
FLAG_MOVED = 4
UNCHANGED = 3
RENUMBERED = 2
DETAIL = 1
KIND_RANKS = {"removed": 7.5, "added": 7.5, "unreported": 7.5, "reworded": 7, "merged": 6.8, "split": 6.8}
"""Counts of change kinds: what was cut or added, and what is unknown, last to go; then rewording."""
CHANGES = 6.5
"""Any other kind's count (moved)."""


@dataclass(frozen=True)
class Item:
    """A whole piece of the bar, shown as `full`, or `short` once the line is tight, or not at all."""

    group: int
    """Items of one group are separated by spaces, groups by a bar."""
    rank: float
    full: Parts
    short: Parts | None = None
    attached: bool = False
    """Follows the previous item after one space (a note on it), not after the group's gap."""
    count: bool = False
    """A kind's count: when one is left out, "…" says so."""

    def parts(self, tight: bool) -> Parts:
        return self.short if tight and self.short is not None else self.full


def _length(parts: Parts) -> int:
    return sum(len(p if isinstance(p, str) else p[0]) for p in parts)


def _line(items: list[Item], tight: bool, elided: bool) -> list[str | tuple[str, str]]:
    gap, bar = (" ", (" │ ", "dim")) if tight else ("  ", ("  │  ", "dim"))
    parts: list[str | tuple[str, str]] = []
    previous: Item | None = None
    for item in items:
        if previous is not None:
            if previous.count and elided and not (item.count and item.group == previous.group):
                parts += [("…", "dim")]  # counts were left out of the group that ends here
            if item.attached:
                parts.append(" ")
            elif item.group != previous.group:
                parts.append(bar)
            else:
                parts.append(gap)
        parts += item.parts(tight)
        previous = item
    if previous is not None and previous.count and elided:
        parts += [("…", "dim")]
    return parts


def fit(items: Iterable[Item], width: int) -> Content:
    """The items that fit in `width` cells: all in full; else all tight; else the most important, tight."""
    every = list(items)
    for tight in (False, True):
        parts = _line(every, tight, elided=False)
        if _length(tuple(parts)) <= width:
            return Content.assemble(*parts)
    kept = list(every)
    while kept:
        elided = any(item.count and item not in kept for item in every)
        parts = _line(kept, True, elided)
        if _length(tuple(parts)) <= width:
            return Content.assemble(*parts)
        # The least important item goes; of equals, the last one (a note before what it notes).
        drop = min(reversed(range(len(kept))), key=lambda n: kept[n].rank)
        dropped = kept.pop(drop)
        # A note never stays without what it notes.
        kept = [k for k in kept if not (k.attached and _owner(every, k) is dropped)]
    return Content("")


def _owner(items: list[Item], note: Item) -> Item | None:
    """The item an attached note follows."""
    at = items.index(note)
    return next((items[n] for n in range(at - 1, -1, -1) if not items[n].attached), None)


def _rows_and_search(
    shown: int, total: int, hidden_kinds: Iterable[MatchKind], query: str, hits: int, group: int
) -> list[Item]:
    items = [Item(group, ROWS, (f"{shown:,} of {total:,} rows",), (f"{shown:,}/{total:,} rows",))]
    hidden = [kind.value for kind in hidden_kinds]
    if hidden:
        full = f"(hidden: {', '.join(hidden)})"
        short = f"({hidden[0]} hidden)" if len(hidden) == 1 else f"({len(hidden)} kinds hidden)"
        items.append(Item(group, HIDDEN, ((full, "dim"),), ((short, "dim"),), attached=True))
    if query:
        cut = query if len(query) <= QUERY_CHARS else query[: QUERY_CHARS - 1] + "…"
        found = f"”: {hits:,} hit{'s' if hits != 1 else ''}"
        items.append(Item(group + 1, SEARCH, ("search “", (cut, "bold"), found), ("“", (cut, "bold"), found)))
    return items


def summary_items(
    comparison: Comparison, shown: int, hidden_kinds: Iterable[MatchKind], query: str, hits: int
) -> list[Item]:
    hidden_kinds = list(hidden_kinds)
    summary = comparison.summary
    items: list[Item] = []
    for kind, count in summary.counts:
        if count:
            rank = KIND_RANKS.get(kind.value, CHANGES)
            if kind.value == "unchanged":
                rank = UNCHANGED if kind in hidden_kinds else CHANGES
            items.append(Item(0, rank, (f"{kind.value} ", (f"{count:,}", "bold")), count=True))
    # The flags count every change that moved or was renumbered, whatever its kind.
    moved, renumbered = (f"{summary.moved:,}", "bold"), (f"{summary.renumbered:,}", "bold")
    items.append(Item(1, FLAG_MOVED, (("flagged moved ", "dim"), moved)))
    items.append(Item(1, RENUMBERED, (("renumbered ", "dim"), renumbered)))
    return items + _rows_and_search(shown, len(comparison.changes), hidden_kinds, query, hits, 2)


def provisional_items(
    provisional: Provisional,
    status: tuple[str, str],
    shown: int,
    hidden_kinds: Iterable[MatchKind],
    query: str,
    hits: int,
) -> list[Item]:
    """While the alignment runs: what is decided so far, and how many points wait; no kind counts,
    since a pending point is not yet added, removed or anything else. `status`: what the comparison
    is doing, as ("still matching", "pairing points 57%")."""
    lead, detail = status
    items = [Item(0, STATUS, ((lead, "bold"),))]
    if detail:
        items.append(Item(0, DETAIL, (f"({detail})",), attached=True))
    items.append(Item(1, PENDING, ((f"{provisional.decided_pairs:,}", "bold"), " pairs decided")))
    if provisional.decided_dropped:
        items.append(Item(1, PENDING, ((f"{provisional.decided_dropped:,}", "bold"), " reported dropped")))
    items.append(Item(1, STATUS, ((f"{provisional.pending_points:,}", "bold"), " points pending")))
    return items + _rows_and_search(shown, len(provisional.changes), hidden_kinds, query, hits, 2)


class SummaryBar(Static):
    """Counts for the pair shown; the filter and search state beside them; fitted to its width."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, markup=False)
        self.items: tuple[Item, ...] = ()

    def show(self, items: Iterable[Item]) -> None:
        self.items = tuple(items)
        self.refresh()

    def render(self) -> Content:
        return fit(self.items, self.content_size.width)

    def on_resize(self) -> None:
        self.refresh()
