"""One comparison of two revisions: the changes point by point, and what parties said.

Everything a view or an exporter shows about a pair of revisions is computed
here once, as immutable data, so the TUI, the CLI and every export format
agree on it and none of them recomputes an alignment or a word diff. Views
only lay the result out.

Pure core: no UI imports.
"""

from __future__ import annotations

import contextlib
import threading
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Generic, Literal, TypeVar

from .. import collector
from ..model import DroppedPoint, Party, Point, Precondition, Reaction, Revision, Series, Stance
from .align import Alignment, Match, MatchKind, align
from .progress import Cancelled, Progress
from .worddiff import Segment, diff_words, split_side

Side = Literal["old", "new"]
Statement = TypeVar("Statement", Reaction, Precondition)

_CACHE_SIZE = 32
_TITLE_JOIN = " / "
_STEP_EVERY = 512
"""Items between two progress reports inside a loop: often enough to cancel a 10,000-point pair
within milliseconds, rarely enough that reporting costs nothing measurable."""


@dataclass(frozen=True)
class IndexedPoint:
    """A point with its 0-based place in its revision, which refs and anchors need."""

    index: int
    point: Point

    @property
    def ref(self) -> str:
        return self.point.ref(self.index + 1)


@dataclass(frozen=True)
class Alternative:
    """A point on the other side that could have been the partner, with its similarity score."""

    side: Side
    point: IndexedPoint
    score: float


@dataclass(frozen=True)
class Change:
    """One match of the alignment, ready to show: which points, how they differ, why we think so."""

    kind: MatchKind
    old: tuple[IndexedPoint, ...]
    new: tuple[IndexedPoint, ...]
    confidence: float
    moved: bool
    renumbered: bool
    by_id: bool
    topics: tuple[str, ...]
    """Both sides' topics, old first, each once."""
    dropped: DroppedPoint | None = None
    """The new revision's `dropped` entry for an old point of this change, with its source."""
    score: float | None = None
    """The weighted word overlap behind the match (see `Match.score`); None for lone points and ids."""
    runner_up: Alternative | None = None
    """The best other partner the matcher passed over (for a lone point: its most similar point)."""
    decided_by: str = ""
    """What decided the match (one of `tui.engine.align.DECIDERS`)."""

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        """Word diff of the NFC-normalised texts; several points on one side are joined with "\\n".

        NFC because "é" typed as one code point or as "e" plus an accent looks
        the same to the reader and must not show as a change. Computed on first
        use: a view of a long document diffs only the changes it shows.

        When one side is an excerpt (any of its points has `excerpt: true`),
        the other side's words it does not share are `unreported-old` or
        `unreported-new`, never deleted or inserted: the excerpt does not say
        whether the rest of the point was kept.
        """
        segments = diff_words(_joined(self.old, "text"), _joined(self.new, "text"))
        return _excerpt_aware(segments, old=self.excerpt("old"), new=self.excerpt("new"))

    def excerpt(self, side: Side) -> bool:
        """Whether that side's text is only the reported part of its point(s)."""
        return any(p.point.excerpt for p in (self.old if side == "old" else self.new))

    @property
    def unreported_side(self) -> Side | None:
        """For an UNREPORTED change, the side whose counterpart is unknown.

        "new" when the new revision is partial and says nothing of an old
        point; "old" when the old revision is partial and a new point has no
        known counterpart in it (so it is not known to be new).
        """
        if self.kind is not MatchKind.UNREPORTED:
            return None
        return "new" if self.old else "old"

    @cached_property
    def title_segments(self) -> tuple[Segment, ...]:
        """Word diff of the NFC-normalised titles; several on one side are joined with " / ".

        Excerpt-aware like `segments`: the title of an excerpt names only the
        reported part, so a struck-out title word would claim a removal.
        """
        segments = diff_words(_joined(self.old, "title"), _joined(self.new, "title"))
        return _excerpt_aware(segments, old=self.excerpt("old"), new=self.excerpt("new"))

    @property
    def old_refs(self) -> tuple[str, ...]:
        return tuple(p.ref for p in self.old)

    @property
    def new_refs(self) -> tuple[str, ...]:
        return tuple(p.ref for p in self.new)

    @property
    def number_change(self) -> tuple[str, str] | None:
        """("21", "14") when the printed references differ; merges and splits join them with "+"."""
        if not self.old or not self.new:
            return None
        old, new = "+".join(self.old_refs), "+".join(self.new_refs)
        return (old, new) if old != new else None

    def pieces(self, side: Side) -> tuple[tuple[Segment, ...], ...]:
        """One side's part of `segments`, cut into one run per point, for side-by-side views."""
        points = self.old if side == "old" else self.new
        lengths = [len(_nfc(p.point.text)) for p in points]
        return split_side(self.segments, side, lengths)

    @property
    def is_change(self) -> bool:
        """Anything but an unchanged point: what a reader scanning for differences wants."""
        return self.kind is not MatchKind.UNCHANGED


@dataclass(frozen=True)
class Attached(Generic[Statement]):
    """A reaction or precondition with the points it names and the changes holding them.

    `points` are indices in the statement's own revision. `changes` are
    indices into `Comparison.changes`; both are empty when the statement is
    about the whole revision.
    """

    item: Statement
    points: tuple[int, ...]
    changes: tuple[int, ...]

    @property
    def whole_revision(self) -> bool:
        return not self.item.points


@dataclass(frozen=True)
class PartySide:
    """What one party said about one of the two revisions."""

    reactions: tuple[Attached[Reaction], ...]
    preconditions: tuple[Attached[Precondition], ...]
    basis: Reaction | None
    """The reaction the headline stance rests on; see `headline_reaction`."""

    @property
    def stance(self) -> Stance | None:
        """The party's headline stance on the revision: its basis's stance."""
        return self.basis.stance if self.basis is not None else None

    @property
    def empty(self) -> bool:
        return not self.reactions and not self.preconditions


@dataclass(frozen=True)
class PartyContext:
    party: Party
    old: PartySide
    new: PartySide

    @property
    def stance_change(self) -> str:
        """A short phrase: "conditional → oppose", "no stance in old → support", "oppose (unchanged)".

        "No stance" means no reaction to the whole revision; the party may
        still have spoken about some of its points.
        """
        old, new = self.old.stance, self.new.stance
        if old is None and new is None:
            return "no stance on either revision"
        if old is None:
            return f"no stance in old → {new}"
        if new is None:
            return f"{old} → no stance in new"
        if old == new:
            return f"{old} (unchanged)"
        return f"{old} → {new}"

    def side(self, side: Side) -> PartySide:
        return self.old if side == "old" else self.new


@dataclass(frozen=True)
class Note:
    """A party's statement shown next to one change."""

    party: PartyContext
    side: Side
    statement: Attached[Reaction] | Attached[Precondition]


@dataclass(frozen=True)
class TopicCount:
    topic: str
    changed: int
    """Changes other than unchanged that carry the topic."""
    total: int
    """All changes that carry the topic."""


@dataclass(frozen=True)
class Summary:
    counts: tuple[tuple[MatchKind, int], ...]
    """Every kind, in `MatchKind` order, zeros included."""
    moved: int
    """Changes whose points moved, whether or not their text changed too."""
    renumbered: int
    topics: tuple[TopicCount, ...]
    """Topics, most changed first."""

    def count(self, kind: MatchKind) -> int:
        return dict(self.counts)[kind]


class RowLookups:
    """What a view asks of a pair's rows on every line: one owner for a comparison and its first screen.

    Subclasses are frozen dataclasses holding `old_changes`, `new_changes`
    (for each point of a side, the index of the change holding it) and
    `notes` (for each change, its notes).
    """

    old_changes: tuple[int, ...]
    new_changes: tuple[int, ...]
    notes: tuple[tuple[Note, ...], ...]

    def change_holding(self, side: Side, index: int) -> int:
        """The index of the change holding point `index` (0-based) of one side of the pair.

        A live view keeps the reader's place across a reload or a pair switch
        by the point under the cursor, so this is a table lookup, not a scan.
        IndexError when that revision has no such point.
        """
        table = self.old_changes if side == "old" else self.new_changes
        if not 0 <= index < len(table):
            raise IndexError(f"the {side} revision has no point at index {index}")
        return table[index]

    def notes_for(self, change: int) -> tuple[Note, ...]:
        """Reactions and preconditions attached to one change: old before new, then party by party."""
        return self.notes[change]


@dataclass(frozen=True)
class Comparison(RowLookups):
    series: Series
    old: Revision
    new: Revision
    alignment: Alignment
    changes: tuple[Change, ...]
    """One per match of the alignment, in reading order."""
    parties: tuple[PartyContext, ...]
    """Parties of the series, in series order, that said anything about either revision."""
    summary: Summary
    old_changes: tuple[int, ...] = field(default=(), repr=False, compare=False)
    """For each old point index, the index of the change holding it."""
    new_changes: tuple[int, ...] = field(default=(), repr=False, compare=False)
    """For each new point index, the index of the change holding it."""
    notes: tuple[tuple[Note, ...], ...] = field(default=(), repr=False, compare=False)
    """For each change, what `notes_for` returns: computed once, because a view asks on every row."""


class ComparisonCache:
    """Comparisons already computed, the most recently used kept; the caller owns it and can clear it.

    Keyed by the series and revision ids and checked by object identity:
    hashing the frozen dataclasses (what `functools.lru_cache` would do) walks
    every point text on each lookup, and a reloaded file gives new objects,
    which must not hit a stale entry. Thread-safe, because the app computes in
    a worker while the UI thread looks up. A comparison is computed outside
    the lock, so a long one never blocks a lookup; a cancelled one is never
    stored.

    A pair asked for while it is being computed is not computed again: the
    second asker joins the computation in flight and waits for it (the app's
    point history asks for the very pair the main screen is still aligning,
    10,000 points, seconds of work). Each asker keeps its own cancel flag: one
    that cancels stops waiting, and the computation stops only once every
    asker has cancelled.
    """

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, str, str], tuple[Series, Revision, Revision, Comparison]] = (
            OrderedDict()
        )
        self._flights: dict[tuple[str, str, str], _Flight] = {}
        self._lock = threading.Lock()

    def get(self, series: Series, old: Revision, new: Revision) -> Comparison | None:
        """The cached comparison of exactly these objects, or None; never computes."""
        with self._lock:
            return self._cached((series.id, old.id, new.id), series, old, new)

    def _cached(
        self, key: tuple[str, str, str], series: Series, old: Revision, new: Revision
    ) -> Comparison | None:
        hit = self._entries.get(key)
        if hit is not None and hit[0] is series and hit[1] is old and hit[2] is new:
            self._entries.move_to_end(key)
            return hit[3]
        return None

    def compare(
        self, series: Series, old: Revision, new: Revision, *, progress: Progress | None = None
    ) -> Comparison:
        """The cached comparison, else the one being computed, else a new one; stored unless every
        asker cancelled. `Cancelled` is raised to an asker whose `progress` was cancelled."""
        key = (series.id, old.id, new.id)
        with self._lock:
            hit = self._cached(key, series, old, new)
            if hit is not None:
                return hit
            flight = self._flights.get(key)
            if flight is not None and flight.serves(series, old, new):
                flight.askers.append(progress)
                joined = True
            else:
                flight = self._flights[key] = _Flight(self, key, (series, old, new), progress)
                joined = False
        return flight.wait(progress) if joined else flight.fly(progress)

    def _landed(self, flight: _Flight, comparison: Comparison | None) -> None:
        """The computation ended with `comparison` (None: it failed or was cancelled); lock held."""
        if self._flights.get(flight.key) is flight:
            del self._flights[flight.key]
        if comparison is not None:
            self._entries[flight.key] = (*flight.pair, comparison)
            self._entries.move_to_end(flight.key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


_JOINED_POLL = 0.05
"""Seconds between two looks at a waiting asker's cancel flag (it has no other way to wake the waiter)."""


class _Flight:
    """One comparison in progress and who asks for it: the first asker's thread computes it."""

    def __init__(
        self,
        cache: ComparisonCache,
        key: tuple[str, str, str],
        pair: tuple[Series, Revision, Revision],
        first: Progress | None,
    ) -> None:
        self.cache = cache
        self.key = key
        self.pair = pair
        self.askers: list[Progress | None] = [first]
        """Each asker's own progress (None: one that cannot cancel); an asker that cancels leaves."""
        self.done = threading.Event()
        self.result: Comparison | None = None
        self.error: BaseException | None = None

    def serves(self, series: Series, old: Revision, new: Revision) -> bool:
        return self.pair[0] is series and self.pair[1] is old and self.pair[2] is new

    def fly(self, mine: Progress | None) -> Comparison:
        """Compute, for every asker; `Cancelled` when every asker cancelled, or when `mine` did."""
        comparison = None
        try:
            with collector.paused():  # millions of small objects that stay: see tui/collector.py
                comparison = _compare(*self.pair, _Shared(self))
            self.result = comparison
        except BaseException as error:
            self.error = error
            raise
        finally:
            with self.cache._lock:
                self.cache._landed(self, comparison)
            self.done.set()
        if mine is not None and mine.cancelled:
            raise Cancelled("left before the comparison was done")
        return comparison

    def wait(self, mine: Progress | None) -> Comparison:
        """Wait for the asker that computes; leave (`Cancelled`) as soon as `mine` is cancelled."""
        while not self.done.wait(None if mine is None else _JOINED_POLL):
            assert mine is not None
            if mine.cancelled:
                with self.cache._lock:
                    self.askers = [p for p in self.askers if p is not mine]
                raise Cancelled("left while waiting for the comparison")
        if mine is not None and mine.cancelled:
            raise Cancelled("left while waiting for the comparison")
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result

    def live(self) -> list[Progress | None]:
        """The askers still waiting; with none left, the flight is abandoned (caller holds the lock)."""
        self.askers = [p for p in self.askers if p is None or not p.cancelled]
        return self.askers


class _Shared(Progress):
    """The progress a shared computation runs under: it reports each phase to every asker still
    there and is cancelled once none is."""

    def __init__(self, flight: _Flight) -> None:
        super().__init__()
        self._flight = flight

    @property
    def cancelled(self) -> bool:
        with self._flight.cache._lock:
            return not self._flight.live()

    def step(self, phase: str, fraction: float) -> None:
        with self._flight.cache._lock:
            askers = list(self._flight.live())
            if not askers:
                # Nobody can join it any more: a later asker starts afresh.
                self._flight.cache._landed(self._flight, None)
                raise Cancelled(phase)
        for asker in askers:
            if asker is not None:
                with contextlib.suppress(Cancelled):  # it left just now; the next step notices
                    asker.step(phase, fraction)


shared_cache = ComparisonCache()
"""What `compare` uses when given no cache: one per process, right for the command line."""


def compare(
    series: Series,
    old: Revision,
    new: Revision,
    *,
    progress: Progress | None = None,
    cache: ComparisonCache | None = None,
) -> Comparison:
    """Compare two revisions of a series; the same objects give the same (cached) result.

    `progress` hears each phase and raises `Cancelled` between phases (and
    inside long loops) once its owner cancels; nothing cancelled is cached.
    `cache` defaults to `shared_cache`; a view that must drop its results
    when it closes passes its own.
    """
    return (shared_cache if cache is None else cache).compare(series, old, new, progress=progress)


def _step(progress: Progress | None, phase: str, fraction: float) -> None:
    if progress is not None:
        progress.step(phase, fraction)


def _compare(series: Series, old: Revision, new: Revision, progress: Progress | None = None) -> Comparison:
    _step(progress, "dropped", 0.0)
    dropped = resolve_dropped(series, old, new)
    _step(progress, "align", 0.0)
    alignment = align(
        old.points, new.points, partial=new.partial, dropped=tuple(sorted(dropped)), progress=progress
    )
    if old.partial:
        alignment = _old_partial(alignment)
    built: list[Change] = []
    total = max(len(alignment.matches), 1)
    for n, match in enumerate(alignment.matches):
        if n % _STEP_EVERY == 0:
            _step(progress, "changes", n / total)
        built.append(_change(old, new, match, dropped))
    changes = tuple(built)
    old_changes = _holding(changes, len(old.points), "old")
    new_changes = _holding(changes, len(new.points), "new")
    _step(progress, "parties", 0.0)
    contexts = (_party_context(p, old, new, old_changes, new_changes) for p in series.parties)
    parties = tuple(c for c in contexts if not (c.old.empty and c.new.empty))
    _step(progress, "summary", 0.0)
    notes = _notes(parties, len(changes))
    summary = _summary(changes)
    _step(progress, "done", 1.0)
    return Comparison(series, old, new, alignment, changes, parties, summary, old_changes, new_changes, notes)


def _holding(changes: tuple[Change, ...], count: int, side: Side) -> tuple[int, ...]:
    """Point index -> index of the change holding it, for one side (-1 only if the aligner lost a point)."""
    table = [-1] * count
    for n, change in enumerate(changes):
        for point in change.old if side == "old" else change.new:
            table[point.index] = n
    return tuple(table)


def _notes(parties: tuple[PartyContext, ...], count: int) -> tuple[tuple[Note, ...], ...]:
    """Every change's notes in one pass over the statements, in `notes_for` order."""
    per_change: list[list[Note]] = [[] for _ in range(count)]
    sides: tuple[Side, Side] = ("old", "new")
    for side in sides:
        for context in parties:
            party_side = context.side(side)
            for statement in (*party_side.reactions, *party_side.preconditions):
                for change in statement.changes:
                    per_change[change].append(Note(context, side, statement))
    return tuple(tuple(notes) for notes in per_change)


def _old_partial(alignment: Alignment) -> Alignment:
    """A new point with no counterpart in a partial old revision is unreported, not added.

    The old revision lists only the points whose text is known, so the new
    point may well have been there: its history is unknown. The confidence
    (how sure we are it has no counterpart among the known points) is kept.
    """
    return Alignment(
        tuple(
            replace(match, kind=MatchKind.UNREPORTED) if match.kind is MatchKind.ADDED else match
            for match in alignment.matches
        )
    )


def _excerpt_aware(segments: tuple[Segment, ...], *, old: bool, new: bool) -> tuple[Segment, ...]:
    """Words only one side has become unreported when the other side is an excerpt."""
    if not old and not new:
        return segments
    renamed = {
        "delete": "unreported-old" if new else "delete",
        "insert": "unreported-new" if old else "insert",
    }
    merged: list[Segment] = []
    for op, text in segments:
        op = renamed.get(op, op)
        if merged and merged[-1].op == op:
            merged[-1] = Segment(op, merged[-1].text + text)
        else:
            merged.append(Segment(op, text))
    return tuple(merged)


def resolve_dropped(series: Series, old: Revision, new: Revision) -> dict[int, DroppedPoint]:
    """Old point indices that the new revision reports as dropped, with the report.

    A `dropped` entry says that a point of the revision `new.previous` (P)
    is gone in `new`. It applies when `old` is P, where the reference is
    looked up directly (id first, then number), and when `old` is an earlier
    revision that P descends from: then it applies to the old point that is
    the same as P's point, the one with the same id if P's point has an id
    that `old` also has, else the one with the same printed number. Against
    any other old revision (a later one, a sibling counter-proposal, `new`
    itself) the report says nothing about the pair and is left out, as are
    entries that match no old point. The first entry for a point wins.
    """
    if new.previous is None or not new.dropped:
        return {}
    previous = series.revision(new.previous)
    if previous is None or not _descends_from(series, previous, old):
        return {}
    found: dict[int, DroppedPoint] = {}
    for entry in new.dropped:
        index = (
            old.find_point(entry.point) if previous.id == old.id else _counterpart(old, previous, entry.point)
        )
        if index is not None:
            found.setdefault(index, entry)
    return found


def _descends_from(series: Series, revision: Revision, ancestor: Revision) -> bool:
    """Whether `ancestor` is `revision` or reached from it by `previous` links."""
    seen: set[str] = set()
    current: Revision | None = revision
    while current is not None and current.id not in seen:
        if current.id == ancestor.id:
            return True
        seen.add(current.id)
        current = series.revision(current.previous) if current.previous else None
    return False


def _counterpart(old: Revision, previous: Revision, ref: str) -> int | None:
    position = previous.find_point(ref)
    if position is None:
        return None
    point = previous.points[position]
    for key, value in (("id", point.id), ("number", point.number)):
        if value is not None:
            for index, candidate in enumerate(old.points):
                if getattr(candidate, key) == value:
                    return index
    return None


def _change(old: Revision, new: Revision, match: Match, dropped: dict[int, DroppedPoint]) -> Change:
    old_points = tuple(IndexedPoint(i, old.points[i]) for i in match.old)
    new_points = tuple(IndexedPoint(j, new.points[j]) for j in match.new)
    topics = tuple(dict.fromkeys(t for p in (*old_points, *new_points) for t in p.point.topics))
    return Change(
        kind=match.kind,
        old=old_points,
        new=new_points,
        confidence=match.confidence,
        moved=match.moved,
        renumbered=match.renumbered,
        by_id=match.by_id,
        topics=topics,
        dropped=next((dropped[p.index] for p in old_points if p.index in dropped), None),
        score=match.score,
        runner_up=_alternative(old, new, match),
        decided_by=match.decided_by,
    )


def _alternative(old: Revision, new: Revision, match: Match) -> Alternative | None:
    runner = match.runner_up
    if runner is None:
        return None
    points = old.points if runner.side == "old" else new.points
    return Alternative(runner.side, IndexedPoint(runner.index, points[runner.index]), runner.score)


def _joined(points: tuple[IndexedPoint, ...], field: Literal["text", "title"]) -> str:
    if field == "text":
        return "\n".join(_nfc(p.point.text) for p in points)
    return _TITLE_JOIN.join(_nfc(p.point.title) for p in points if p.point.title)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _party_context(
    party: Party,
    old: Revision,
    new: Revision,
    old_to_change: tuple[int, ...],
    new_to_change: tuple[int, ...],
) -> PartyContext:
    return PartyContext(
        party,
        _party_side(party.id, old, old_to_change),
        _party_side(party.id, new, new_to_change),
    )


def _party_side(party: str, revision: Revision, to_change: tuple[int, ...]) -> PartySide:
    reactions = tuple(_attach(r, revision, to_change) for r in revision.reactions if r.party == party)
    preconditions = tuple(_attach(p, revision, to_change) for p in revision.preconditions if p.party == party)
    return PartySide(reactions, preconditions, headline_reaction(tuple(r.item for r in reactions)))


def _attach(item: Statement, revision: Revision, to_change: tuple[int, ...]) -> Attached[Statement]:
    """Resolve a statement's refs in its own revision, then through the alignment to changes.

    A ref that names no point was already reported by the loader; it is
    skipped here rather than failing the whole comparison.
    """
    points = tuple(dict.fromkeys(i for ref in item.points if (i := revision.find_point(ref)) is not None))
    changes = tuple(sorted({to_change[i] for i in points if to_change[i] >= 0}))
    return Attached(item, points, changes)


def headline_reaction(reactions: tuple[Reaction, ...]) -> Reaction | None:
    """The reaction a party's headline stance on a revision rests on (the format's rule).

    Only reactions to the whole revision count, and the latest wins: by date,
    undated ones counting as older than dated ones, and among equals the one
    written last. Reactions to single points do not make a headline: a
    remark about one clause is not a verdict on the text, and a majority of
    such remarks has no one statement a reader could check. None: no
    reaction to the whole revision.
    """
    whole = [(r.date is not None, r.date, n, r) for n, r in enumerate(reactions) if not r.points]
    if not whole:
        return None
    return max(whole, key=lambda entry: entry[:3])[3]


def _summary(changes: tuple[Change, ...]) -> Summary:
    kinds = Counter(change.kind for change in changes)
    changed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for change in changes:
        total.update(change.topics)
        # An unreported point's fate is unknown: counting it as a change would
        # rank every topic of a leak-based partial revision as "changed".
        if change.is_change and change.kind is not MatchKind.UNREPORTED:
            changed.update(change.topics)
    topics = sorted(total, key=lambda topic: (-changed[topic], -total[topic], topic))
    return Summary(
        counts=tuple((kind, kinds[kind]) for kind in MatchKind),
        moved=sum(1 for c in changes if c.moved or c.kind is MatchKind.MOVED),
        renumbered=sum(1 for c in changes if c.renumbered),
        topics=tuple(TopicCount(t, changed[t], total[t]) for t in topics),
    )
