"""Wording shared by every view (the exports and the app), so they all say the same things.

The strings returned here are plain and neutralised (no control characters);
each format escapes them for its own syntax afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .engine.align import MatchKind
from .engine.compare import Attached, Change
from .engine.worddiff import Segment
from .model import Precondition, Reaction, Revision, Stance
from .sanitize import neutralise

ARROW = "→"
NOTHING = "—"
UNREPORTED_NOTE = "fate unknown (partial revision)"

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
    """Segments as a view should mark them: an unreported point is not struck through,
    since nobody said it was deleted; the new revision is only known in part."""
    if change.kind is MatchKind.UNREPORTED:
        return tuple(Segment("equal", segment.text) for segment in segments)
    return tuple(segments)


def kind_label(change: Change) -> str:
    """The kind as a reader says it: a reworded point that also moved is "reworded + moved"."""
    if change.kind is MatchKind.REWORDED and change.moved:
        return "reworded + moved"
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
    if change.moved and change.kind not in (MatchKind.MOVED, MatchKind.REWORDED):
        out.append("moved")
    if change.renumbered:
        out.append("renumbered")
    if change.by_id:
        out.append("matched by id")
    return out


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
        )
    heading = "precondition"
    if item.status:
        heading += f" ({item.status})"
    if item.for_:
        heading += f" for {clean(item.for_)}"
    return StatementParts(None, heading, clean(item.text), "", "", clean(item.source))


def pluralise(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
