"""Group revisions into series, order them, and check links across files.

These checks need every revision of a series at once: duplicate revision
ids, `previous` links (dangling or cyclic), party ids declared in another
file, and `dropped` entries that name points of the previous revision.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from ..errors import Problem, did_you_mean, listed, quoted
from ..model import Location, Party, Revision, Series


@dataclass(frozen=True)
class Checked:
    """Series built from the revisions that passed, and the problems of those that did not."""

    series: tuple[Series, ...]
    problems: tuple[Problem, ...]


def assemble(revisions: Iterable[Revision], failed: Iterable[str] = ()) -> Checked:
    """Check links across files; a file with any problem is left out as a whole.

    `failed` names files that already have problems of their own: their
    revisions are checked too (so the user sees every mistake in one run) but
    never kept. Leaving out a file can break links into it, so checking
    repeats until no new file fails; those messages say the target's file failed.
    """
    revisions = list(revisions)
    problems = _link_problems(revisions, set())
    failed = set(failed) | {p.location.path for p in problems}
    while True:
        problems.extend(_lost_links(revisions, failed))  # adds to `failed`
        kept = [r for r in revisions if r.location.path not in failed]
        lost = {(r.series, r.id) for r in revisions if r.location.path in failed}
        new = [p for p in _link_problems(kept, lost) if p.location.path not in failed]
        if not new:
            break
        problems.extend(new)
        failed |= {p.location.path for p in new}
    by_series: dict[str, list[Revision]] = defaultdict(list)
    for revision in kept:
        by_series[revision.series].append(revision)
    series = tuple(_series(series_id, by_series[series_id]) for series_id in sorted(by_series))
    return Checked(series, tuple(sorted(problems)))


def _lost_links(revisions: Sequence[Revision], failed: set[str]) -> list[Problem]:
    """Revisions whose `previous` is only in failed files, and theirs in turn, in one pass.

    Following the chain here keeps a 10,000-file series linear: the loop in
    `assemble` would otherwise lose one file per round.
    """
    copies: dict[tuple[str, str], int] = defaultdict(int)  # revisions of each id still loaded
    children: dict[tuple[str, str], list[Revision]] = defaultdict(list)
    in_file: dict[str, list[Revision]] = defaultdict(list)
    for revision in revisions:
        in_file[revision.location.path].append(revision)
        copies[(revision.series, revision.id)] += revision.location.path not in failed
        if revision.previous is not None:
            children[(revision.series, revision.previous)].append(revision)
    queue = [key for key, alive in copies.items() if not alive]
    problems: list[Problem] = []
    while queue:
        key = queue.pop()
        for child in children[key]:
            path = child.location.path
            if path in failed:
                continue
            message = f"previous: revision {quoted(key[1])} is in a file that failed to load"
            problems.append(Problem(child.spans.get("previous", child.location), message))
            failed.add(path)
            for gone in in_file[path]:
                copies[(gone.series, gone.id)] -= 1
                if not copies[(gone.series, gone.id)]:
                    queue.append((gone.series, gone.id))
    return problems


def _link_problems(revisions: Sequence[Revision], lost: set[tuple[str, str]]) -> list[Problem]:
    problems: list[Problem] = []
    by_series: dict[str, list[Revision]] = defaultdict(list)
    for revision in revisions:
        by_series[revision.series].append(revision)
    for series_id, members in by_series.items():
        problems.extend(_series_problems(series_id, members, lost))
    return problems


def _series_problems(series_id: str, members: list[Revision], lost: set[tuple[str, str]]) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Revision] = {}
    for revision in sorted(members, key=_place):
        if revision.id in by_id:
            first = by_id[revision.id].location
            message = (
                f"expected revision ids unique in series {quoted(series_id)}, "
                f"found {quoted(revision.id)} again "
                f"(first at {first})"
            )
            problems.append(Problem(revision.spans.get("id", revision.location), message))
        else:
            by_id[revision.id] = revision

    known = ""
    for revision in by_id.values():
        if revision.previous is not None and revision.previous not in by_id:
            where = revision.spans.get("previous", revision.location)
            if (series_id, revision.previous) in lost:
                message = f"previous: revision {quoted(revision.previous)} is in a file that failed to load"
            else:
                hint = did_you_mean(revision.previous, by_id)
                known = known or listed(sorted(by_id))
                message = (
                    f"previous: expected a revision of series {quoted(series_id)}, "
                    f"found {quoted(revision.previous)}{hint}; the series has: {known}"
                )
            problems.append(Problem(where, message))
    problems.extend(_cycle_problems(by_id))

    declared = {party.id for revision in by_id.values() for party in revision.parties}
    for revision in by_id.values():
        problems.extend(_party_problems(revision, declared))
        previous = by_id.get(revision.previous) if revision.previous else None
        if previous is not None:
            problems.extend(_dropped_problems(revision, previous))
    return problems


def _cycle_problems(by_id: dict[str, Revision]) -> list[Problem]:
    """Each `previous` cycle, found in one walk: every revision is stepped over once."""
    problems: list[Problem] = []
    finished: set[str] = set()
    for start in by_id:
        walk: dict[str, int] = {}  # revision id -> its place on this walk
        current: str | None = start
        while current is not None and current in by_id and current not in finished and current not in walk:
            walk[current] = len(walk)
            current = by_id[current].previous
        if current is not None and current in walk:
            cycle = list(walk)[walk[current] :]
            for offset, revision_id in enumerate(cycle):
                revision = by_id[revision_id]
                loop = _loop(cycle, offset)
                message = f"previous: expected links that end at a first revision, found a cycle: {loop}"
                problems.append(Problem(revision.spans.get("previous", revision.location), message))
        finished.update(walk)
    return problems


def _loop(cycle: list[str], offset: int, shown: int = 6) -> str:
    """`a -> b -> c -> a` from the member at `offset`; a long cycle names its first few links."""
    count = len(cycle)
    names = [cycle[(offset + step) % count] for step in range(min(count, shown))]
    if count > shown:
        names.append(f"... ({count - shown} more)")
    return " -> ".join([*names, cycle[offset]])


def _party_problems(revision: Revision, declared: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    uses: list[tuple[str, str, Location]] = [
        ("authors", author, revision.spans.get(f"authors.{i}", revision.location))
        for i, author in enumerate(revision.authors)
    ]
    uses += [("party", r.party, r.spans.get("party", r.location)) for r in revision.reactions]
    uses += [("party", p.party, p.spans.get("party", p.location)) for p in revision.preconditions]
    known = ""
    for key, party, where in uses:
        if party not in declared:
            hint = did_you_mean(party, declared)
            known = known or listed(sorted(declared))
            message = (
                f"{key}: expected a party declared in the series (under parties:), found {quoted(party)}"
                f"{hint}; declared: {known}"
            )
            problems.append(Problem(where, message))
    return problems


def _dropped_problems(revision: Revision, previous: Revision) -> list[Problem]:
    problems: list[Problem] = []
    if not revision.dropped:
        return problems
    names = {p.id for p in previous.points} | {p.number for p in previous.points}
    refs: list[str] = []
    for dropped in revision.dropped:
        if dropped.point not in names:
            refs = refs or [str(p.id or p.number) for p in previous.points if p.id or p.number]
            hint = did_you_mean(dropped.point, refs)
            message = (
                f"dropped: expected a point id or number of the previous revision "
                f"{quoted(previous.id)}, found {quoted(dropped.point)}{hint}"
            )
            problems.append(Problem(dropped.location, message))
    return problems


def _place(revision: Revision) -> tuple[str, int, int]:
    return (revision.location.path, revision.location.line, revision.location.column)


def _tie_key(revision: Revision) -> tuple[bool, date, tuple[str, int, int]]:
    """Undated revisions come after dated ones; then file path and position decide."""
    return (revision.date is None, revision.date or date.min, _place(revision))


def order(revisions: Sequence[Revision]) -> tuple[Revision, ...]:
    """Topological order of `previous` links, ties broken by date, then path.

    Assumes links were checked (no cycles, no dangling ids).
    """
    children: dict[str, list[Revision]] = defaultdict(list)
    ready: list[tuple[tuple[bool, date, tuple[str, int, int]], str]] = []
    by_id = {revision.id: revision for revision in revisions}
    for revision in revisions:
        if revision.previous is None or revision.previous not in by_id:
            heapq.heappush(ready, (_tie_key(revision), revision.id))
        else:
            children[revision.previous].append(revision)
    result: list[Revision] = []
    while ready:
        _, revision_id = heapq.heappop(ready)
        result.append(by_id[revision_id])
        for child in children[revision_id]:
            heapq.heappush(ready, (_tie_key(child), child.id))
    return tuple(result)


def _series(series_id: str, members: list[Revision]) -> Series:
    revisions = order(members)
    names: dict[str, Party] = {}
    for revision in revisions:
        for party in revision.parties:
            names[party.id] = party  # later revisions rename, first declaration keeps its place
    first_seen: dict[str, None] = {}  # ordered set: the order parties first appear in
    for revision in revisions:
        first_seen.update((p.id, None) for p in revision.parties)
    titles = [revision.title for revision in revisions if revision.title]
    return Series(
        id=series_id,
        revisions=revisions,
        parties=tuple(names[party_id] for party_id in first_seen),
        title=titles[-1] if titles else None,
    )
