"""What is already certain about a pair before its alignment is done: the first screen of a long comparison.

Aligning a 10,000-point pair takes seconds, but part of the answer is known in
O(n) by hashing: points that share an id, points whose text and title are
identical, and old points the new revision reports dropped. `align` fixes
exactly those first and never undoes them, so a view can show them at once,
with every other point in document order marked as still being matched, and
replace the lot when `compare` returns.

Honesty: a provisional row claims only what is decided. A pending point is
never called added or removed; a pair of identical texts is "same text", not
"unchanged", because whether it moved (and whether a merge or split will
join it) is decided by the rest of the alignment. A `Provisional` is not a
`Comparison`: it has no summary or alignment, so no exporter can take it.

Pure core: no UI imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..model import Revision, Series
from .align import Match, MatchKind, _renumbered, certain_groups, reading_order
from .compare import (
    Change,
    IndexedPoint,
    Note,
    PartyContext,
    RowLookups,
    _change,
    _holding,
    _notes,
    _party_context,
    resolve_dropped,
)
from .progress import Progress
from .similarity import normalize_text


class Known(str, Enum):
    """What a provisional row already knows."""

    SAME_TEXT = "same text"
    """Paired: identical text and title. Moved or not, and any merge or split, still to be decided."""
    SAME_ID = "same id"
    """Paired: the points share an id. The same caveats."""
    PENDING = "matching…"
    """One point whose counterpart, if any, is not decided yet."""


@dataclass(frozen=True)
class ProvisionalChange(Change):
    """A row of a `Provisional`. Its `kind` is only a stand-in the views must not show as a verdict:
    UNREPORTED for a pending point (so any view that overlooks `known` still says "unknown"),
    UNCHANGED or REWORDED for a decided pair by whether its texts differ."""

    known: Known = Known.PENDING

    @property
    def pending(self) -> bool:
        return self.known is Known.PENDING


@dataclass(frozen=True)
class Provisional(RowLookups):
    """Rows of a pair while its alignment runs: what a view needs from a `Comparison`, and no more.

    `changes` holds `ProvisionalChange`s and, for points the new revision
    reports dropped, the final `Change` itself (that decision is already made).
    Rows are in the comparison's reading order: new order, each old point
    without a decided partner right after the row of the old point before it.
    """

    series: Series
    old: Revision
    new: Revision
    changes: tuple[Change, ...]
    parties: tuple[PartyContext, ...]
    old_changes: tuple[int, ...] = field(repr=False)
    new_changes: tuple[int, ...] = field(repr=False)
    notes: tuple[tuple[Note, ...], ...] = field(repr=False)

    @property
    def decided_pairs(self) -> int:
        return sum(1 for c in self.changes if isinstance(c, ProvisionalChange) and not c.pending)

    @property
    def decided_dropped(self) -> int:
        return sum(1 for c in self.changes if not isinstance(c, ProvisionalChange))

    @property
    def pending_points(self) -> int:
        return sum(1 for c in self.changes if is_pending(c))


def is_pending(change: Change) -> bool:
    """Whether a row is a point still being matched (whatever stand-in kind it carries)."""
    return isinstance(change, ProvisionalChange) and change.pending


def first_screen(
    series: Series, old: Revision, new: Revision, *, progress: Progress | None = None
) -> Provisional:
    """The decided part of comparing `old` with `new`, in O(n); `progress` can cancel it (`Cancelled`)."""
    if progress is not None:
        progress.step("first screen", 0.0)
    dropped = resolve_dropped(series, old, new)
    groups = certain_groups(old.points, new.points, frozenset(dropped))
    if progress is not None:
        progress.step("first screen", 0.5)
    pair_of_new = {g.new[0]: g for g in groups}
    paired_old = {g.old[0] for g in groups}
    present: list[Change] = []
    for j in range(len(new.points)):
        group = pair_of_new.get(j)
        if group is None:
            present.append(_pending(old, new, (), (j,)))
        else:
            present.append(_pair(old, new, group.old[0], j, by_id=group.by_id))
    lost: dict[int, Change] = {}
    for i in range(len(old.points)):
        if i in paired_old:
            continue
        if i in dropped:
            match = Match(MatchKind.REMOVED, (i,), (), 1.0, decided_by="reported dropped")
            lost[i] = _change(old, new, match, dropped)
        else:
            lost[i] = _pending(old, new, (i,), ())
    changes = reading_order(present, lost, lambda change: (p.index for p in change.old))
    old_changes = _holding(changes, len(old.points), "old")
    new_changes = _holding(changes, len(new.points), "new")
    contexts = (_party_context(p, old, new, old_changes, new_changes) for p in series.parties)
    parties = tuple(c for c in contexts if not (c.old.empty and c.new.empty))
    notes = _notes(parties, len(changes))
    if progress is not None:
        progress.step("first screen", 1.0)
    return Provisional(series, old, new, changes, parties, old_changes, new_changes, notes)


def _pair(old: Revision, new: Revision, i: int, j: int, *, by_id: bool) -> ProvisionalChange:
    before, after = IndexedPoint(i, old.points[i]), IndexedPoint(j, new.points[j])
    same = normalize_text(before.point.text) == normalize_text(after.point.text) and normalize_text(
        before.point.title or ""
    ) == normalize_text(after.point.title or "")
    known = Known.SAME_ID if by_id else Known.SAME_TEXT
    return ProvisionalChange(
        kind=MatchKind.UNCHANGED if same or not by_id else MatchKind.REWORDED,
        old=(before,),
        new=(after,),
        confidence=1.0,
        moved=False,
        renumbered=_renumbered(before.point.number, after.point.number),
        by_id=by_id,
        topics=tuple(dict.fromkeys((*before.point.topics, *after.point.topics))),
        decided_by="id" if by_id else "identical text",
        known=known,
    )


def _pending(old: Revision, new: Revision, i: tuple[int, ...], j: tuple[int, ...]) -> ProvisionalChange:
    olds = tuple(IndexedPoint(n, old.points[n]) for n in i)
    news = tuple(IndexedPoint(n, new.points[n]) for n in j)
    return ProvisionalChange(
        kind=MatchKind.UNREPORTED,
        old=olds,
        new=news,
        confidence=0.0,
        moved=False,
        renumbered=False,
        by_id=False,
        topics=tuple(dict.fromkeys(t for p in (*olds, *news) for t in p.point.topics)),
        known=Known.PENDING,
    )
