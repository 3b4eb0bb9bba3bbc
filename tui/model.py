"""The proposal model: series, revisions, parties, points and what parties said.

Everything here is immutable and carries the place in the input it came from,
so that any later view or error can point the user back at their own file.
This module is part of the pure core: it imports nothing from the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Literal, Mapping

from .sanitize import shown_path

Stance = Literal["support", "conditional", "oppose", "mixed", "neutral", "unclear"]
STANCES: tuple[Stance, ...] = ("support", "conditional", "oppose", "mixed", "neutral", "unclear")

RevisionStatus = Literal["draft", "proposed", "agreed", "rejected", "superseded"]
REVISION_STATUSES: tuple[RevisionStatus, ...] = (
    "draft",
    "proposed",
    "agreed",
    "rejected",
    "superseded",
)

Certainty = Literal["high", "medium", "low"]
CERTAINTIES: tuple[Certainty, ...] = ("high", "medium", "low")
"""How firmly the sources establish an item; None on an item means unstated. Not a match confidence."""

PreconditionStatus = Literal["open", "met", "dropped"]
PRECONDITION_STATUSES: tuple[PreconditionStatus, ...] = ("open", "met", "dropped")


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column are 1-based, as editors show them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        """`file:line:col` as messages show it: a hostile file name cannot act on the terminal."""
        return f"{shown_path(self.path)}:{self.line}:{self.column}"


Spans = Mapping[str, Location]
"""Where each key's value sat ("party", "previous", "authors.0"), for precise errors."""

NO_SPANS: Spans = MappingProxyType({})


def _spans() -> Spans:
    return field(default_factory=lambda: NO_SPANS, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    location: Location


@dataclass(frozen=True)
class Point:
    text: str
    location: Location
    id: str | None = None
    number: str | None = None
    title: str | None = None
    topics: tuple[str, ...] = ()
    excerpt: bool = False
    """`text` is only the reported part of the point: the rest is unknown, not absent."""
    certainty: Certainty | None = None

    def ref(self, position: int) -> str:
        """The reference exports use: number, else id, else `#` and the 1-based position."""
        if self.number is not None:
            return self.number
        if self.id is not None:
            return self.id
        return f"#{position}"

    def label(self, position: int) -> str:
        """A short human label such as `21 Territory` or `#3`."""
        ref = self.ref(position)
        return f"{ref} {self.title}" if self.title else ref


@dataclass(frozen=True)
class Reaction:
    party: str
    stance: Stance
    summary: str
    location: Location
    points: tuple[str, ...] = ()
    """Point ids or numbers of the same revision; empty means the whole revision."""
    quote: str | None = None
    speaker: str | None = None
    date: date | None = None
    source: str | None = None
    certainty: Certainty | None = None
    spans: Spans = _spans()


@dataclass(frozen=True)
class Precondition:
    party: str
    text: str
    location: Location
    for_: str | None = None
    points: tuple[str, ...] = ()
    status: PreconditionStatus | None = None
    source: str | None = None
    certainty: Certainty | None = None
    spans: Spans = _spans()


@dataclass(frozen=True)
class DroppedPoint:
    """A point of the previous revision reported as removed in this one."""

    point: str
    location: Location
    source: str | None = None
    note: str | None = None
    certainty: Certainty | None = None


@dataclass(frozen=True)
class Revision:
    series: str
    id: str
    location: Location
    points: tuple[Point, ...] = ()
    title: str | None = None
    label: str | None = None
    date: date | None = None
    previous: str | None = None
    status: RevisionStatus | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    partial: bool = False
    parties: tuple[Party, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    dropped: tuple[DroppedPoint, ...] = ()
    preconditions: tuple[Precondition, ...] = ()
    spans: Spans = _spans()

    @property
    def display_name(self) -> str:
        return self.label or self.id

    def find_point(self, ref: str) -> int | None:
        """Index of the point a reference names: an id first, then a printed number."""
        ids, numbers = self._point_index
        found = ids.get(ref)
        return found if found is not None else numbers.get(ref)

    @cached_property
    def _point_index(self) -> tuple[dict[str, int], dict[str, int]]:
        """The first point with each id and each number; a scan per reference made party
        context quadratic (70 s of a 100,000-point export)."""
        ids: dict[str, int] = {}
        numbers: dict[str, int] = {}
        for index, point in enumerate(self.points):
            if point.id is not None:
                ids.setdefault(point.id, index)
            if point.number is not None:
                numbers.setdefault(point.number, index)
        return ids, numbers


@dataclass(frozen=True)
class Series:
    """All revisions of one proposal, in the order the format defines."""

    id: str
    revisions: tuple[Revision, ...]
    parties: tuple[Party, ...] = ()
    title: str | None = None

    @property
    def display_title(self) -> str:
        return self.title or self.id

    def revision(self, revision_id: str) -> Revision | None:
        for revision in self.revisions:
            if revision.id == revision_id:
                return revision
        return None

    def party(self, party_id: str) -> Party | None:
        for party in self.parties:
            if party.id == party_id:
                return party
        return None


@dataclass(frozen=True)
class Catalog:
    """What a load produced: every series that loaded and every file that did not."""

    series: tuple[Series, ...] = ()
    files: tuple[Path, ...] = ()
    failed: tuple[Path, ...] = ()

    def get(self, series_id: str) -> Series | None:
        for series in self.series:
            if series.id == series_id:
                return series
        return None
