"""Turn one YAML document into a `Revision`, checking what one document can check.

Checks that need the whole series (party ids, `previous` links, `dropped`
references) live in `series.py`; everything here is local to the document.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from ..errors import Problem, did_you_mean, listed, quoted
from ..model import DroppedPoint, Location, Party, Point, Precondition, Reaction, Revision
from .formatspec import DOCUMENT, Invalid, Record
from .yamlsource import Document


def build_revision(document: Document, path: str) -> tuple[Revision | None, list[Problem]]:
    """The revision a document describes, and every mistake in it.

    A revision with mistakes is still returned when its series and id are
    known, so links across files can be checked in the same run; the loader
    does not let it into the catalog.
    """
    problems: list[Problem] = []
    if document.root is None:
        message = "expected a revision (format, proposal, revision, points), found an empty document"
        return None, [Problem(document.location, message)]
    try:
        record = DOCUMENT.convert(document.root, path, problems)
    except Invalid as error:
        return None, [Problem(document.location, str(error))]
    info: Record | None = record.get("revision")
    problems.extend(_reference_problems(record, info))
    if info is None or record.get("proposal") is None or info.get("id") is None:
        return None, problems
    return _revision(record, info), problems


def _revision(record: Record, info: Record) -> Revision:
    return Revision(
        series=record.get("proposal"),
        id=info.get("id"),
        location=info.location,
        points=tuple(_point(item) for item in record.get("points", [])),
        title=record.get("title"),
        label=info.get("label"),
        date=info.get("date"),
        previous=info.get("previous"),
        status=info.get("status"),
        authors=tuple(info.get("authors", [])),
        source=info.get("source"),
        partial=info.get("partial", False),
        parties=tuple(
            Party(p.get("id"), p.get("name"), p.location) for p in _having(record, "parties", "id")
        ),
        reactions=tuple(_reaction(item) for item in _having(record, "reactions", "party")),
        dropped=tuple(
            DroppedPoint(d.get("point"), d.location, d.get("source"), d.get("note"), d.get("certainty"))
            for d in _having(record, "dropped", "point")
        ),
        preconditions=tuple(_precondition(item) for item in _having(record, "preconditions", "party")),
        spans=MappingProxyType({**info.where, "dropped": record.at("dropped")}),
    )


def _point(item: Record) -> Point:
    return Point(
        text=item.get("text"),
        location=item.location,
        id=item.get("id"),
        number=item.get("number"),
        title=item.get("title"),
        topics=tuple(item.get("topics", [])),
        excerpt=item.get("excerpt", False),
        certainty=item.get("certainty"),
    )


def _reaction(item: Record) -> Reaction:
    return Reaction(
        party=item.get("party"),
        stance=item.get("stance"),
        summary=item.get("summary"),
        location=item.location,
        points=tuple(item.get("points", [])),
        quote=item.get("quote"),
        speaker=item.get("speaker"),
        date=item.get("date"),
        source=item.get("source"),
        certainty=item.get("certainty"),
        spans=MappingProxyType(item.where),
    )


def _precondition(item: Record) -> Precondition:
    return Precondition(
        party=item.get("party"),
        text=item.get("text"),
        location=item.location,
        for_=item.get("for"),
        points=tuple(item.get("points", [])),
        status=item.get("status"),
        source=item.get("source"),
        certainty=item.get("certainty"),
        spans=MappingProxyType(item.where),
    )


def _records(record: Record, key: str) -> list[Record]:
    return [item for item in record.get(key, []) if isinstance(item, Record)]


def _having(record: Record, key: str, field: str) -> list[Record]:
    """The items of a list whose `field` converted.

    An item whose party id is `UA`, or a mapping where a slug belongs, already
    has its own located problem; the checks across files must not see it as
    a party with no id. Its other mistakes do not hide it from those checks.
    """
    return [item for item in _records(record, key) if item.get(field) is not None]


def _reference_problems(record: Record, info: Record | None) -> list[Problem]:
    """Duplicate ids, point references and `dropped` without `previous`, inside one document."""
    problems: list[Problem] = []
    points = _records(record, "points")
    ids: dict[str, Location] = {}
    for point in points:
        point_id = point.get("id")
        if point_id is None:
            continue
        if point_id in ids:
            first = ids[point_id]
            message = (
                f"expected unique point ids, found {quoted(point_id)} again (first at line {first.line})"
            )
            problems.append(Problem(point.at("id"), message))
        else:
            ids[point_id] = point.at("id")
    parties: dict[str, Location] = {}
    for party in _records(record, "parties"):
        party_id = party.get("id")
        if party_id in parties:
            message = (
                f"expected each party once, found {quoted(party_id)} again "
                f"(first at line {parties[party_id].line})"
            )
            problems.append(Problem(party.at("id"), message))
        elif party_id is not None:
            parties[party_id] = party.at("id")

    refs = {p.get("id") for p in points} | {p.get("number") for p in points}
    refs.discard(None)
    names = sorted(str(r) for r in refs)
    for key in ("reactions", "preconditions"):
        for item in _records(record, key):
            problems.extend(_point_refs(item, refs, names))

    dropped = _records(record, "dropped")
    if dropped and (info is None or info.get("previous") is None):
        message = (
            "expected 'dropped' only in a revision with revision.previous (it names points of that "
            "revision), found no previous"
        )
        problems.append(Problem(record.at("dropped"), message))
    return problems


def _point_refs(item: Record, refs: set[Any], names: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    known = listed(names) if any(ref not in refs for ref in item.get("points", [])) else ""
    for offset, ref in enumerate(item.get("points", [])):
        if ref in refs:
            continue
        hint = did_you_mean(ref, names)
        message = (
            f"points: expected a point id or number of this revision, found {quoted(ref)}{hint}; "
            f"this revision has: {known}"
        )
        problems.append(Problem(item.at(f"points.{offset}"), message))
    return problems
