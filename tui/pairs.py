"""Choosing which revisions to compare: the series, the default pair, and stepping along a series.

Shared by the command line and the app so both open on the same pair. Pure core: no UI imports.
"""

from __future__ import annotations

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


def pick_revisions(series: Series, old_id: str | None, new_id: str | None) -> tuple[Revision, Revision]:
    """The pair to compare: named ones, else the last revision and the one before it."""
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
    if old_id:
        old = find(old_id)
    else:
        position = ids.index(new.id)
        if position == 0:
            raise PropdiffError(f"'{new.id}' is the first revision of '{series.id}'; give --from")
        old = series.revisions[position - 1]
    return old, new
