"""One line of counts: how many changes of each kind, moved, renumbered; and what is hidden.

The line must fit the terminal: a 10,000-point pair's counts alone are wider
than 80 columns, and a line cut at the edge showed "… rows (hidden:". So the
bar is a list of whole items (`fitting`): first the separators tighten and the
wordier items take their short form, then the least telling items go, one at a
time; an "…" marks kind counts left out (the filter dialog, `f`, lists every
kind with its count).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual.content import Content
from textual.widgets import Static

from .fitting import Item, Separators, fit

if TYPE_CHECKING:
    from ...engine.align import MatchKind
    from ...engine.compare import Comparison
    from ...engine.provisional import Provisional

BAR = Separators(
    gap=("  ",), bar=(("  │  ", "dim"),), tight_gap=(" ",), tight_bar=((" │ ", "dim"),), tighten_rank=0
)
QUERY_CHARS = 24
"""A longer search text is cut (with "…") in the bar: the hits count is what the bar is for."""

# How much an item matters: the least goes first when the line is too long.
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


def _rows_and_search(
    shown: int, total: int, hidden_kinds: Iterable[MatchKind], query: str, hits: int, group: int
) -> list[Item]:
    items = [Item(group, ROWS, (f"{shown:,} of {total:,} rows",), (f"{shown:,}/{total:,} rows",), 0.5)]
    hidden = [kind.value for kind in hidden_kinds]
    if hidden:
        full = f" (hidden: {', '.join(hidden)})"
        short = f" ({hidden[0]} hidden)" if len(hidden) == 1 else f" ({len(hidden)} kinds hidden)"
        items.append(Item(group, HIDDEN, ((full, "dim"),), ((short, "dim"),), 0.2, attached=True))
    if query:
        cut = query if len(query) <= QUERY_CHARS else query[: QUERY_CHARS - 1] + "…"
        found = f"”: {hits:,} hit{'s' if hits != 1 else ''}"
        full, short = ("search “", (cut, "bold"), found), ("“", (cut, "bold"), found)
        items.append(Item(group + 1, SEARCH, full, short, short_rank=0.3))
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
    if summary.moved:
        items.append(Item(1, FLAG_MOVED, (("flagged moved ", "dim"), (f"{summary.moved:,}", "bold"))))
    if summary.renumbered:
        flag = "renumbered " if summary.moved else "flagged renumbered "
        items.append(Item(1, RENUMBERED, ((flag, "dim"), (f"{summary.renumbered:,}", "bold"))))
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
        items.append(Item(0, DETAIL, (f" ({detail})",), attached=True))
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
        return fit(self.items, self.content_size.width, BAR)

    def on_resize(self) -> None:
        self.refresh()
