"""Choosing which revisions to compare: the series, the default pair, and stepping along a series.

Shared by the command line and the app so both open on the same pair. Pure core: no UI imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .errors import PropdiffError
from .model import Catalog, Revision, Series


def pick_series(catalog: Catalog, series_id: str | None, revision_ids: Sequence[str] = ()) -> Series:
    """The series named, else the only one, else the one holding the named revisions."""
    if series_id is not None:
        series = catalog.get(series_id)
        if series is None:
            known = ", ".join(s.id for s in catalog.series) or "none loaded"
            raise PropdiffError(f"no series '{series_id}'; known series: {known}")
        return series
    if len(catalog.series) == 1:
        return catalog.series[0]
    if not catalog.series:
        raise PropdiffError("no series loaded")
    known = ", ".join(s.id for s in catalog.series)
    if revision_ids:
        holding = [s for s in catalog.series if all(s.revision(r) for r in revision_ids)]
        if len(holding) == 1:
            return holding[0]
        if not holding:
            homes = [
                f"'{r}' is in {', '.join(s.id for s in catalog.series if s.revision(r)) or 'no series'}"
                for r in revision_ids
            ]
            raise PropdiffError(f"no series has all the revisions named: {'; '.join(homes)}")
    raise PropdiffError(f"several series are loaded; choose one with --series ({known})")


@dataclass(frozen=True)
class Pair:
    """Two revisions to compare, and why these two, in words a CLI or the app can show as is."""

    old: Revision
    new: Revision
    reason: str


def pick_revisions(series: Series, old_id: str | None, new_id: str | None) -> tuple[Revision, Revision]:
    """The pair to compare; see `choose_pair`."""
    pair = choose_pair(series, old_id, new_id)
    return pair.old, pair.new


def choose_pair(series: Series, old_id: str | None, new_id: str | None) -> Pair:
    """The pair to compare: the named revisions, with defaults for what is not named.

    The new revision defaults to the newest. The old one defaults to the
    nearest earlier *complete* revision the new one descends from (following
    `previous` links): a partial revision lists only the points someone
    reported, so comparing with it says little about what changed (US series:
    framework-20 revises the partial geneva-19, so it is compared with
    draft-28). Without a complete ancestor, the revision it revises; without
    a `previous` link, the revision before it in the series order.
    """
    ids = [r.id for r in series.revisions]

    def find(revision_id: str) -> Revision:
        revision = series.revision(revision_id)
        if revision is None:
            raise PropdiffError(
                f"series '{series.id}' has no revision '{revision_id}'; its revisions: {', '.join(ids)}"
            )
        return revision

    if len(series.revisions) < 2 and (old_id is None or new_id is None):
        raise PropdiffError(f"series '{series.id}' has {len(series.revisions)} revision(s); two are needed")
    new = find(new_id) if new_id else series.revisions[-1]
    which = f"{new.id} as asked" if new_id else f"{new.id} is the newest revision"
    if old_id:
        old = find(old_id)
        return Pair(old, new, f"{old.id} and {new.id} as asked" if new_id else f"{old.id} as asked; {which}")
    partial_line: list[Revision] = []
    seen = {new.id}
    ancestor = series.revision(new.previous) if new.previous else None
    while ancestor is not None and ancestor.partial and ancestor.id not in seen:
        seen.add(ancestor.id)
        partial_line.append(ancestor)
        ancestor = series.revision(ancestor.previous) if ancestor.previous else None
    if ancestor is not None and not ancestor.partial and ancestor.id not in seen:
        if not partial_line:
            return Pair(ancestor, new, f"{which}; it revises {ancestor.id}")
        skipped = ", ".join(r.id for r in partial_line)
        return Pair(
            ancestor,
            new,
            f"{which}; the revision it revises ({skipped}) is known only in part, so it is compared with "
            f"{ancestor.id}, the nearest earlier complete revision it descends from",
        )
    if partial_line:
        previous = partial_line[0]
        return Pair(
            previous,
            new,
            f"{which}; no complete revision in its line, so it is compared with the revision it revises, "
            f"{previous.id} (known only in part)",
        )
    position = ids.index(new.id)
    if position == 0:
        raise PropdiffError(f"'{new.id}' is the first revision of '{series.id}'; give --from")
    before = series.revisions[position - 1]
    return Pair(
        before,
        new,
        f"{which}; it names no revision it revises, so it is compared with the one before it, {before.id}",
    )


def parent(series: Series, revision: Revision) -> Revision | None:
    """The revision this one revises, when the series holds it."""
    return series.revision(revision.previous) if revision.previous else None


def children(series: Series, revision: Revision) -> tuple[Revision, ...]:
    """Revisions that revise this one, in series order: more than one is a branch."""
    return tuple(r for r in series.revisions if r.previous == revision.id)


def lineage(series: Series, revision: Revision) -> tuple[Revision, ...]:
    """The revision and its ancestors by `previous` links, oldest first."""
    chain: list[Revision] = []
    seen: set[str] = set()
    current: Revision | None = revision
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = parent(series, current)
    return tuple(reversed(chain))


@dataclass(frozen=True)
class Step:
    """A pair reached by stepping along a series: a revision and the one it revises.

    `branches` are the other revisions that revise the same `old` (competing
    counter-proposals): stepping visits them one after the other in series
    order, and a view names them so the reader knows the series forks there.
    """

    old: Revision
    new: Revision
    branches: tuple[Revision, ...]


def step(series: Series, new: Revision, direction: int) -> Step | None:
    """The pair one revision newer (`direction` 1) or older (-1) than the pair ending at `new`.

    The series is a tree of `previous` links, not a line: the E3 counter-proposal
    and the Geneva version both revise draft-28. Stepping moves the NEW side to
    the next (or previous) revision in series order that revises something, and
    the OLD side is always the revision it actually revises, never its neighbour
    in the list; so from draft-28 -> geneva-19 one step older is draft-28 ->
    e3-counter, and one step newer is geneva-19 -> framework-20. None at either end.
    """
    order = list(series.revisions)
    position = [r.id for r in order].index(new.id) + direction
    while 0 <= position < len(order):
        candidate = order[position]
        old = parent(series, candidate)
        if old is not None:
            return Step(old, candidate, tuple(r for r in children(series, old) if r is not candidate))
        position += direction
    return None


def position_parts(series: Series, revision: Revision) -> tuple[str, str, str]:
    """`3 of 4`, `revises draft-28`, `branch: e3-counter too` ("" when it has no sibling): the
    pieces of `position`, for a view that must leave the least telling out."""
    index = [r.id for r in series.revisions].index(revision.id) + 1
    where = f"{index} of {len(series.revisions)}"
    previous = parent(series, revision)
    if previous is None:
        return where, "first revision" if not revision.previous else f"revises {revision.previous}", ""
    siblings = [r.id for r in children(series, previous) if r is not revision]
    return where, f"revises {previous.id}", f"branch: {', '.join(siblings)} too" if siblings else ""


def position(series: Series, revision: Revision) -> str:
    """Where a revision stands: `3 of 4, revises draft-28 (branch: e3-counter too)`."""
    where, link, branch = position_parts(series, revision)
    return f"{where}, {link}" + (f" ({branch})" if branch else "")
