"""Turn a `Revision` back into a document of the proposal format.

The importers (text, Markdown, Word, PDF) produce revisions and write them out
as YAML files with this; the tests use it to check that loading loses nothing.
"""

from __future__ import annotations

from typing import Any

from ..model import Point, Precondition, Reaction, Revision
from .formatspec import FORMAT_VERSION


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop absent optional keys so the written file stays as short as a hand-written one."""
    return {key: value for key, value in mapping.items() if value not in (None, (), [], False)}


def _point(point: Point) -> dict[str, Any]:
    return _compact(
        {
            "id": point.id,
            "number": point.number,
            "title": point.title,
            "text": point.text,
            "topics": list(point.topics),
            "excerpt": point.excerpt,
            "certainty": point.certainty,
        }
    )


def reaction_record(reaction: Reaction) -> dict[str, Any]:
    """Every field of a reaction under its format key, absent ones as None (the JSON export's shape)."""
    return {
        "party": reaction.party,
        "stance": reaction.stance,
        "summary": reaction.summary,
        "quote": reaction.quote,
        "speaker": reaction.speaker,
        "date": reaction.date.isoformat() if reaction.date else None,
        "source": reaction.source,
        "certainty": reaction.certainty,
        "points": list(reaction.points),
    }


def precondition_record(precondition: Precondition) -> dict[str, Any]:
    """Every field of a precondition under its format key (`for`, not `for_`), absent ones as None."""
    return {
        "party": precondition.party,
        "text": precondition.text,
        "for": precondition.for_,
        "status": precondition.status,
        "source": precondition.source,
        "certainty": precondition.certainty,
        "points": list(precondition.points),
    }


def revision_to_document(revision: Revision) -> dict[str, Any]:
    """A plain dict that `yaml.safe_dump` writes as a valid proposal/1 document."""
    info = _compact(
        {
            "id": revision.id,
            "label": revision.label,
            "date": revision.date.isoformat() if revision.date else None,
            "previous": revision.previous,
            "status": revision.status,
            "authors": list(revision.authors),
            "source": revision.source,
            "partial": revision.partial,
        }
    )
    document: dict[str, Any] = {"format": FORMAT_VERSION, "proposal": revision.series}
    if revision.title:
        document["title"] = revision.title
    document["revision"] = info
    if revision.parties:
        document["parties"] = [{"id": p.id, "name": p.name} for p in revision.parties]
    document["points"] = [_point(p) for p in revision.points]
    optional = {
        "reactions": [_compact(reaction_record(r)) for r in revision.reactions],
        "dropped": [
            _compact({"point": d.point, "source": d.source, "note": d.note, "certainty": d.certainty})
            for d in revision.dropped
        ],
        "preconditions": [_compact(precondition_record(p)) for p in revision.preconditions],
    }
    document.update({key: value for key, value in optional.items() if value})
    return document
