"""One line of counts: how many changes of each kind, moved, renumbered; and what is hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from ...engine.align import MatchKind
    from ...engine.compare import Comparison
    from ...engine.provisional import Provisional


def summary_content(
    comparison: Comparison, shown: int, hidden_kinds: Iterable[MatchKind], query: str, hits: int
) -> Content:
    summary = comparison.summary
    parts: list[str | tuple[str, str]] = []
    for kind, count in summary.counts:
        if count:
            parts += [(f"{kind.value} ", ""), (str(count), "bold"), "  "]
    # The flags count every change that moved or was renumbered, whatever its kind.
    parts += [("│ flagged moved ", "dim"), (str(summary.moved), "bold"), "  "]
    parts += [("renumbered ", "dim"), (str(summary.renumbered), "bold")]
    hidden = [kind.value for kind in hidden_kinds]
    parts += [("  │  ", "dim"), f"{shown} of {len(comparison.changes)} rows"]
    if hidden:
        parts += [(f" (hidden: {', '.join(hidden)})", "dim")]
    if query:
        parts += [("  │  ", "dim"), "search “", (query, "bold"), f"”: {hits} hit{'s' if hits != 1 else ''}"]
    return Content.assemble(*parts)


def provisional_content(
    provisional: Provisional, phase: str, shown: int, hidden_kinds: Iterable[MatchKind], query: str, hits: int
) -> Content:
    """While the alignment runs: what is decided so far, and how many points wait; no kind counts,
    since a pending point is not yet added, removed or anything else."""
    parts: list[str | tuple[str, str]] = [("still matching", "bold")]
    if phase:
        parts += [f" ({phase})"]
    parts += [": ", (f"{provisional.decided_pairs:,}", "bold"), " pairs decided  "]
    if provisional.decided_dropped:
        parts += [(f"{provisional.decided_dropped:,}", "bold"), " reported dropped  "]
    parts += [(f"{provisional.pending_points:,}", "bold"), " points pending"]
    hidden = [kind.value for kind in hidden_kinds]
    parts += [("  │  ", "dim"), f"{shown:,} of {len(provisional.changes):,} rows"]
    if hidden:
        parts += [(f" (hidden: {', '.join(hidden)})", "dim")]
    if query:
        parts += [("  │  ", "dim"), "search “", (query, "bold"), f"”: {hits} hit{'s' if hits != 1 else ''}"]
    return Content.assemble(*parts)


class SummaryBar(Static):
    """Counts for the pair shown; the filter and search state beside them."""
