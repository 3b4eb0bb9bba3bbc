"""Wording shared by every view (the exports and the app), so they all say the same things.

The strings returned here are plain and neutralised (no control characters);
each format escapes them for its own syntax afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .model import Certainty, Precondition, Reaction, Revision, Stance
from .sanitize import neutralise

if TYPE_CHECKING:
    # Types only: the app's first frame (header, party names) uses this module
    # before the engine (numpy, scipy) is imported. A change's kind is read as
    # `type(change.kind).X`, the MatchKind class without importing it.
    from .engine.compare import Attached, Change, PartySide, Side
    from .engine.worddiff import Segment

ARROW = "→"
NOTHING = "—"
UNREPORTED_NOTES: dict[Side, str] = {
    "new": "fate unknown: the new revision is partial and does not report this point",
    "old": "not known to be new: the old revision is partial and does not report this point's counterpart",
}
PENDING_NOTE = "still being matched"
"""The empty side of a provisional row (`tui.engine.provisional`): its counterpart is not decided yet."""
NOT_REPORTED = "not reported"
"""What words of one side are called when an excerpt on the other side does not cover them."""

_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]\\`]+")


def clean(text: str | None) -> str:
    """Untrusted text made safe to print: the loader already neutralised it, but an
    exporter must not rely on every caller having gone through the loader."""
    return "" if text is None else neutralise(text)


def split_urls(text: str) -> list[tuple[str, str | None]]:
    """A source cut into pieces, each `(text, None)` or, for a web address, `(host, url)`.

    Sources are free text that often holds addresses; HTML and Markdown show
    each address as a short link labelled by its host instead of a long line.
    """
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group().rstrip(".,;:!?")
        if text[position : match.start()]:
            pieces.append((text[position : match.start()], None))
        pieces.append((url.split("/")[2] or url, url))
        position = match.start() + len(url)
    if text[position:]:
        pieces.append((text[position:], None))
    return pieces


def shown(change: Change, segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """Segments as a view should mark them: an unreported point is neither struck through
    nor marked inserted, since nobody said it was deleted or new; one side is known only in part."""
    if change.kind is type(change.kind).UNREPORTED:
        return tuple(segment._replace(op="equal") for segment in segments)
    return tuple(segments)


def unreported_note(change: Change) -> str:
    """Why an unreported change's other side is unknown; empty for any other kind."""
    if getattr(change, "pending", False):
        return PENDING_NOTE
    side = change.unreported_side
    return "" if side is None else UNREPORTED_NOTES[side]


def excerpt_note(change: Change) -> str:
    """`new text is an excerpt: ...` when a side holds only the reported part of its point."""
    sides = [side for side in ("old", "new") if change.excerpt(side)]
    if not sides:
        return ""
    if len(sides) == 2:
        return (
            "both texts are excerpts: words either one does not cover are not reported "
            "(not deleted or inserted)"
        )
    side = sides[0]
    other, verb = ("new", "inserted") if side == "old" else ("old", "deleted")
    return f"{side} text is an excerpt: {other} words it does not cover are not reported (not {verb})"


def certainty_phrase(certainty: Certainty | None) -> str:
    """`medium certainty`, or `certainty unstated`: how firmly the sources establish an item."""
    return f"{certainty} certainty" if certainty else "certainty unstated"


def point_certainties(change: Change) -> str:
    """`sources: old 12 medium certainty; new 9 low certainty` for points whose certainty is stated.

    Not the match confidence: that is how sure the pairing is, this is how
    sure the sources are that the point says what it says.
    """
    parts = [
        f"{side} {clean(p.ref)} {certainty_phrase(p.point.certainty)}"
        for side, points in (("old", change.old), ("new", change.new))
        for p in points
        if p.point.certainty
    ]
    return "sources: " + "; ".join(parts) if parts else ""


def dropped_note(change: Change) -> str:
    """`reported dropped (source: ...; medium certainty); note: ...`: a report, not a certain removal."""
    dropped = change.dropped
    if dropped is None:
        return ""
    inside = [f"source: {clean(dropped.source)}" if dropped.source else "source not given"]
    inside.append(certainty_phrase(dropped.certainty))
    text = f"reported dropped ({'; '.join(inside)})"
    if dropped.note:
        text += f"; note: {clean(dropped.note)}"
    return text


def match_label(change: Change) -> str:
    """The match confidence, said so that no one reads it as the sources' certainty.

    `match 83%` for paired points; `no match 97%` for a point without a
    counterpart (how sure we are that none of the other side's points is it);
    `no reported match 97%` for a point a partial revision does not report:
    only the points it does report were searched, so "no match 100%" there
    would read as a certainty about the unknown; empty for a reported drop,
    whose basis is the report (see `dropped_note`), and for a provisional row,
    whose confidence is not decided yet.
    """
    if _known(change) is not None:
        return ""
    if change.old and change.new:
        return f"match {percent(change.confidence)}"
    if change.dropped is not None:
        return ""
    if change.kind is type(change.kind).UNREPORTED:
        return f"no reported match {percent(change.confidence)}"
    return f"no match {percent(change.confidence)}"


def stance_basis(side: PartySide) -> str:
    """`Karoline Leavitt, 2025-11-20, high certainty`: the reaction a headline stance rests on."""
    basis = side.basis
    if basis is None:
        return ""
    parts = [clean(basis.speaker) or "speaker not given", basis.date.isoformat() if basis.date else "undated"]
    if basis.certainty:
        parts.append(certainty_phrase(basis.certainty))
    return ", ".join(parts)


def headline(side: PartySide) -> str:
    """`support (rests on: Karoline Leavitt, 2025-11-20)` or `no stance on the whole revision`."""
    if side.stance is None:
        return "no stance on the whole revision"
    return f"{side.stance} (rests on: {stance_basis(side)})"


def kind_label(change: Change) -> str:
    """The kind as a reader says it: "reworded + moved", "reported dropped", "unreported (old)";
    for a provisional row, only what is known: "same text", "same id", "matching…"."""
    known = _known(change)
    if known is not None:
        return known
    kinds = type(change.kind)
    if change.kind is kinds.REWORDED and change.moved:
        return "reworded + moved"
    if change.kind is kinds.REMOVED and change.dropped is not None:
        return "reported dropped"
    if change.kind is kinds.UNREPORTED and change.unreported_side == "old":
        return "unreported (old)"
    return change.kind.value


def percent(confidence: float) -> str:
    return f"{round(confidence * 100)}%"


def refs(change: Change) -> str:
    """`21 → 14`, `3+4 → 3`, `— → 5` for an added point."""
    old = "+".join(clean(r) for r in change.old_refs) or NOTHING
    new = "+".join(clean(r) for r in change.new_refs) or NOTHING
    return f"{old} {ARROW} {new}"


def flags(change: Change) -> list[str]:
    """The match's qualifiers beyond its kind, in a fixed order."""
    out = []
    kinds = type(change.kind)
    if change.moved and change.kind not in (kinds.MOVED, kinds.REWORDED):
        out.append("moved")
    if change.renumbered:
        out.append("renumbered")
    if change.by_id:
        out.append("matched by id")
    if _known(change) is not None and not getattr(change, "pending", False):
        out.append("provisional")
    return out


def _known(change: Change) -> str | None:
    """What a provisional row (`tui.engine.provisional.ProvisionalChange`) knows; None for a change.

    Read by attribute, not `isinstance`, so this module does not import the engine (see above).
    """
    known = getattr(change, "known", None)
    return None if known is None else known.value


def revision_facts(revision: Revision) -> str:
    """`28-point draft (draft-28), 2025-11-20, draft, 28 points, partial`."""
    parts = [clean(revision.display_name)]
    if revision.label:
        parts[0] += f" ({clean(revision.id)})"
    if revision.date:
        parts.append(revision.date.isoformat())
    if revision.status:
        parts.append(revision.status)
    count = len(revision.points)
    parts.append(f"{count} point{'s' if count != 1 else ''}{' known' if revision.partial else ''}")
    if revision.partial:
        parts.append("partial")
    return ", ".join(parts)


def statement_refs(statement: Attached[Reaction] | Attached[Precondition]) -> str:
    """`points 21, 22` or `whole revision`."""
    if statement.whole_revision:
        return "whole revision"
    names = ", ".join(clean(ref) for ref in statement.item.points)
    return f"point{'s' if len(statement.item.points) != 1 else ''} {names}"


@dataclass(frozen=True)
class StatementParts:
    """A reaction or precondition cut into what every format shows, in this order.

    All pieces are clean plain text (empty when absent); each format only
    escapes and decorates them, so text, Markdown and HTML say the same thing.
    """

    stance: Stance | None
    """The reaction's stance; None for a precondition."""
    heading: str
    """The stance, or `precondition (open) for ceasefire`."""
    text: str
    """The reaction's summary or the condition itself."""
    quote: str
    attribution: str
    """`Vladimir Putin, 2025-11-27`: who said it and when (reactions only)."""
    source: str
    certainty: str
    """`medium certainty`, or empty when the file does not state one."""


def statement_parts(statement: Attached[Reaction] | Attached[Precondition]) -> StatementParts:
    item = statement.item
    if isinstance(item, Reaction):
        who = [clean(item.speaker), item.date.isoformat() if item.date else ""]
        return StatementParts(
            stance=item.stance,
            heading=item.stance,
            text=clean(item.summary),
            quote=clean(item.quote),
            attribution=", ".join(part for part in who if part),
            source=clean(item.source),
            certainty=certainty_phrase(item.certainty) if item.certainty else "",
        )
    heading = "precondition"
    if item.status:
        heading += f" ({item.status})"
    if item.for_:
        heading += f" for {clean(item.for_)}"
    certainty = certainty_phrase(item.certainty) if item.certainty else ""
    return StatementParts(None, heading, clean(item.text), "", "", clean(item.source), certainty)


def pluralise(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
