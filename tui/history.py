"""What became of one point through a whole series: each revision, what it was called, how it changed.

No diff tool shows this. It is built from the same comparisons as every
other view (`compare` per pair, cached), walking `previous` links: back from
the revision the reader started in, then forward over every revision in
series order, branches included (the E3 counter-proposal and the Geneva
version both revise draft-28, and each gets its own step).

A partial revision that does not report the point is *unknown* there, never
dropped; the next revision is then compared with the nearest ancestor where
the point was known (as the default pair rule does), so the thread picks up
again after the gap. Pure core: no UI imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .engine.align import MatchKind
from .engine.compare import Change, ComparisonCache, IndexedPoint, compare
from .engine.progress import Progress
from .model import Precondition, Reaction, Revision, Series
from .pairs import lineage, parent
from .wording import clean, dropped_note

State = Literal["present", "unknown", "absent", "untraced"]
"""present: the point is there; unknown: a partial revision does not report it; absent: not (yet, or
any more) in the revision; untraced: no `previous` link connects the revision to where the point was."""


@dataclass(frozen=True)
class HistoryStep:
    revision: Revision
    state: State
    points: tuple[IndexedPoint, ...]
    """The point (or points, after a split) in this revision; empty unless present."""
    what: str
    """How it got here: `reworded`, `merged into 14 (with 22)`, `reported dropped (...)`, `added here`."""
    base: Revision | None
    """The revision this step was compared with: the parent, or the nearest ancestor knowing the point."""
    changes: tuple[Change, ...]
    """The changes of that comparison that hold the point."""
    statements: tuple[Reaction | Precondition, ...]
    """What parties said in this revision about these points."""


def point_history(
    series: Series,
    revision: Revision,
    indices: tuple[int, ...],
    cache: ComparisonCache | None = None,
    progress: Progress | None = None,
) -> tuple[HistoryStep, ...]:
    """The history of the points `indices` of `revision`, one step per revision of the series, in order.

    `cache` is the caller's comparison cache (the app's), so pairs already shown are not recomputed;
    `progress` hears each comparison's phases and cancels the tracing (`Cancelled`).
    """
    known: dict[str, tuple[int, ...] | None] = {revision.id: tuple(indices)}
    _trace_back(series, revision, tuple(indices), known, cache, progress)
    steps = [_forward(series, r, known, cache, progress) for r in series.revisions]
    return tuple(steps)


def _trace_back(
    series: Series,
    revision: Revision,
    tracked: tuple[int, ...],
    known: dict[str, tuple[int, ...] | None],
    cache: ComparisonCache | None,
    progress: Progress | None,
) -> None:
    """Fill `known` for the ancestors: their points, `()` before the point existed, None where unknown."""
    current = revision
    while tracked:
        ancestors = lineage(series, current)[:-1][::-1]
        moved_on = False
        for ancestor in ancestors:
            comparison = compare(series, ancestor, current, cache=cache, progress=progress)
            changes = _holding(comparison.changes, "new", tracked)
            olds = tuple(sorted({p.index for c in changes for p in c.old}))
            if olds:
                known[ancestor.id] = olds
                current, tracked, moved_on = ancestor, olds, True
                break
            if any(c.kind is MatchKind.UNREPORTED for c in changes):
                known[ancestor.id] = None  # a partial ancestor: try the one before it
                continue
            known[ancestor.id] = ()  # added in `current`
            for older in lineage(series, ancestor)[:-1]:
                known.setdefault(older.id, ())
            return
        if not moved_on:
            return


def _forward(
    series: Series,
    revision: Revision,
    known: dict[str, tuple[int, ...] | None],
    cache: ComparisonCache | None,
    progress: Progress | None,
) -> HistoryStep:
    base = _base(series, revision, known)
    here = known.get(revision.id, "missing")
    if base is None:
        if here == "missing":
            return HistoryStep(revision, "untraced", (), "not linked to where the point was", None, (), ())
        if here is None:
            return _unknown(revision, None, ())
        if not here:
            return HistoryStep(revision, "absent", (), "not in this revision yet", None, (), ())
        first = "first revision" if parent(series, revision) is None else "earliest revision traced"
        return _present(revision, here, first, None, ())
    base_points = known[base.id]
    assert base_points is not None
    if not base_points:
        if here == "missing" or not here:
            known.setdefault(revision.id, ())
            return HistoryStep(revision, "absent", (), f"not in {base.id} and not traced here", base, (), ())
        assert isinstance(here, tuple)
        return _present(revision, here, "added here", base, ())
    comparison = compare(series, base, revision, cache=cache, progress=progress)
    changes = _holding(comparison.changes, "old", base_points)
    news = tuple(sorted({p.index for c in changes for p in c.new}))
    if here == "missing":
        if news:
            known[revision.id] = news
        elif changes and all(c.kind is MatchKind.UNREPORTED for c in changes):
            known[revision.id] = None
        else:
            known[revision.id] = ()
    what = "; ".join(dict.fromkeys(_phrase(c, base_points) for c in changes)) or "not matched"
    if base is not parent(series, revision):
        what += f" (compared with {base.id}, the nearest revision where the point was known)"
    current = known[revision.id]
    if current is None:
        return _unknown(revision, base, changes)
    if not current:
        return HistoryStep(revision, "absent", (), what, base, changes, ())
    return _present(revision, current, what, base, changes)


def _base(series: Series, revision: Revision, known: dict[str, tuple[int, ...] | None]) -> Revision | None:
    """The nearest ancestor whose state is known (present or absent), skipping unknown ones."""
    for ancestor in lineage(series, revision)[:-1][::-1]:
        if ancestor.id in known and known[ancestor.id] is not None:
            return ancestor
    return None


def _present(
    revision: Revision,
    indices: tuple[int, ...],
    what: str,
    base: Revision | None,
    changes: tuple[Change, ...],
) -> HistoryStep:
    points = tuple(IndexedPoint(i, revision.points[i]) for i in indices)
    return HistoryStep(revision, "present", points, what, base, changes, _statements(revision, indices))


def _unknown(revision: Revision, base: Revision | None, changes: tuple[Change, ...]) -> HistoryStep:
    what = f"unknown: {revision.id} is partial and does not report this point"
    return HistoryStep(revision, "unknown", (), what, base, changes, ())


def _holding(changes: tuple[Change, ...], side: str, indices: tuple[int, ...]) -> tuple[Change, ...]:
    wanted = set(indices)
    return tuple(c for c in changes if any(p.index in wanted for p in (c.old if side == "old" else c.new)))


def _refs(points: tuple[IndexedPoint, ...]) -> str:
    return ", ".join(clean(p.ref) for p in points)


def _phrase(change: Change, tracked: tuple[int, ...]) -> str:
    """One change as a step of a point's life: `reworded, renumbered 21 → 14`, `merged into 14 (with 22)`."""
    number = change.number_change
    renumbered = f", renumbered {number[0]} → {number[1]}" if number else ""
    kind = change.kind
    if kind is MatchKind.UNCHANGED:
        return "unchanged" + renumbered
    if kind in (MatchKind.REWORDED, MatchKind.MOVED):
        return kind.value + renumbered
    if kind is MatchKind.MERGED:
        others = tuple(p for p in change.old if p.index not in tracked)
        return f"merged into {_refs(change.new)}" + (f" (with {_refs(others)})" if others else "")
    if kind is MatchKind.SPLIT:
        return f"split into {_refs(change.new)}"
    if kind is MatchKind.REMOVED:
        return dropped_note(change) if change.dropped is not None else "dropped (no counterpart)"
    if kind is MatchKind.UNREPORTED:
        return "unknown: not reported in this partial revision"
    return kind.value


def _statements(revision: Revision, indices: tuple[int, ...]) -> tuple[Reaction | Precondition, ...]:
    wanted = set(indices)
    return tuple(
        statement
        for statement in (*revision.reactions, *revision.preconditions)
        if any(revision.find_point(ref) in wanted for ref in statement.points)
    )
