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
