"""JSON export, the `propdiff-diff/2` contract for other programs.

The output is byte-deterministic: keys in a fixed order, lists in reading
order, confidences rounded, so a diff of two exports shows only real
changes and the file can be checked in. `tui/schemas/propdiff-diff-2.schema.json`
describes it.

Texts are carried exactly as loaded. JSON already escapes C0 controls; the
other characters of `tui.sanitize.UNSAFE` (C1 controls, DEL, bidi overrides,
line separators, lone surrogates) would pass through raw with
`ensure_ascii=False`, so they are written as `\\u` escapes too: the data is
unchanged, but no raw control character reaches a terminal or an editor.
Source locations (file paths) are left out: they describe the user's
checkout, not the proposal, and would make exports differ between machines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import orjson

from ..engine.compare import Attached, Change, Comparison, PartyContext, PartySide
from ..model import Precondition, Reaction, Revision
from ..reading.serialize import precondition_record, reaction_record
from ..sanitize import json_escape

FORMAT = "propdiff-diff/2"
"""Version 2 (issue 9) added certainty, excerpt, unreported_side, the unreported-old/-new
segment ops and each headline stance's basis; README lists the differences."""


def render(comparison: Comparison) -> str:
    """The export text: what `json.dumps(document, ensure_ascii=False, indent=2)` writes, escaped."""
    return "".join(pieces(comparison))


_CHANGES = '\n  "changes": [],\n'
"""Where the changes go in the document's text: two-space indent only at the top level."""


def pieces(comparison: Comparison) -> Iterator[str]:
    """The export text in pieces: the document around the changes, then each change as it is encoded.

    orjson writes exactly what `json.dumps(..., ensure_ascii=False, indent=2)`
    does (a test compares them) many times faster. A change is encoded on
    its own and its lines indented by 4, which is how it sits in the whole
    document (JSON strings hold no raw newline): a 100,000-point export never
    exists as one document, nor as one text. orjson refuses lone surrogates,
    which the reader already reports as errors at their place in the file; a
    comparison built some other way that holds one still exports, through
    the standard library, with the surrogate escaped.
    """
    frame = _encode(_document(comparison, []))
    if not comparison.changes:
        yield frame + "\n"
        return
    head, tail = frame.split(_CHANGES, 1)
    yield head + '\n  "changes": ['
    separator = "\n    "
    for change in comparison.changes:
        yield separator + _encode(_change(change)).replace("\n", "\n    ")
        separator = ",\n    "
    yield "\n  ],\n" + tail + "\n"


def _encode(data: Any) -> str:
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return json_escape(text)


def document(comparison: Comparison) -> dict[str, Any]:
    """The export as plain data, before encoding (tests validate this against the schema)."""
    return _document(comparison, [_change(change) for change in comparison.changes])


def _document(comparison: Comparison, changes: list[dict[str, Any]]) -> dict[str, Any]:
    series = comparison.series
    return {
        "format": FORMAT,
        "series": {"id": series.id, "title": series.title},
        "old": _revision(comparison.old),
        "new": _revision(comparison.new),
        "summary": {kind.value: count for kind, count in comparison.summary.counts},
        "changes": changes,
        "parties": [_party(context) for context in comparison.parties],
        "topics": [
            {"topic": t.topic, "changed": t.changed, "total": t.total} for t in comparison.summary.topics
        ],
    }


def _revision(revision: Revision) -> dict[str, Any]:
    return {
        "revision": revision.id,
        "label": revision.label,
        "date": revision.date.isoformat() if revision.date else None,
        "partial": revision.partial,
        "source": revision.source,
    }


def _change(change: Change) -> dict[str, Any]:
    dropped = change.dropped
    return {
        "kind": change.kind.value,
        "unreported_side": change.unreported_side,
        "old": list(change.old_refs),
        "new": list(change.new_refs),
        "confidence": round(float(change.confidence), 3),
        "moved": change.moved,
        "renumbered": change.renumbered,
        "by_id": change.by_id,
        "score": None if change.score is None else round(float(change.score), 3),
        "runner_up": None
        if change.runner_up is None
        else {
            "side": change.runner_up.side,
            "ref": change.runner_up.point.ref,
            "score": round(float(change.runner_up.score), 3),
        },
        "decided_by": change.decided_by,
        "excerpt": {"old": change.excerpt("old"), "new": change.excerpt("new")},
        "certainty": {
            "old": [p.point.certainty for p in change.old],
            "new": [p.point.certainty for p in change.new],
        },
        "segments": [[op, text] for op, text in change.segments],
        "title_segments": [[op, text] for op, text in change.title_segments],
        "topics": list(change.topics),
        "dropped": None
        if dropped is None
        else {"source": dropped.source, "note": dropped.note, "certainty": dropped.certainty},
    }


def _party(context: PartyContext) -> dict[str, Any]:
    return {
        "party": context.party.id,
        "name": context.party.name,
        "stance": {"old": context.old.stance, "new": context.new.stance},
        "basis": {"old": _basis(context.old), "new": _basis(context.new)},
        "old": _side(context.old),
        "new": _side(context.new),
    }


def _basis(side: PartySide) -> int | None:
    return next((n for n, r in enumerate(side.reactions) if r.item is side.basis), None)


def _side(side: PartySide) -> dict[str, Any]:
    return {
        "reactions": [_reaction(r) for r in side.reactions],
        "preconditions": [_precondition(p) for p in side.preconditions],
    }


def _reaction(attached: Attached[Reaction]) -> dict[str, Any]:
    return {**reaction_record(attached.item), "changes": list(attached.changes)}


def _precondition(attached: Attached[Precondition]) -> dict[str, Any]:
    return {**precondition_record(attached.item), "changes": list(attached.changes)}
