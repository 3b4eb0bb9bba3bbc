"""Plain-text export: a summary that reads in a terminal, a mail or a ticket.

No colours or escape codes, so it survives any pipe; word changes are
marked the way `git diff --word-diff=plain` does, `[-deleted-]{+inserted+}`,
which people already know how to read.
"""

from __future__ import annotations

from typing import Iterable

from .. import cells
from ..engine.align import MatchKind
from ..engine.compare import Attached, Change, Comparison, Note
from ..engine.worddiff import Segment
from ..model import Precondition, Reaction
from ..wording import (
    NOT_REPORTED,
    clean,
    dropped_note,
    excerpt_note,
    flags,
    headline,
    kind_label,
    match_label,
    point_certainties,
    refs,
    revision_facts,
    shown,
    statement_parts,
    statement_refs,
    unreported_note,
)

WIDTH = 100
_INDENT = "     "


def render(comparison: Comparison, width: int = WIDTH) -> str:
    """The summary, wrapped at `width` terminal cells (the terminal view passes the screen's)."""
    lines = [*_header(comparison, width), "", *_summary(comparison, width), "", "Changes"]
    for number, change in enumerate(comparison.changes):
        lines += _change(comparison, number, change, width)
    if comparison.parties:
        lines += ["", "Parties"]
        for context in comparison.parties:
            lines += _wrap(f"{clean(context.party.name)}: {context.stance_change}", "  ", width, "    ")
            for side in ("old", "new"):
                lines += _wrap(f"{side} headline: {headline(context.side(side))}", "    ", width)
            for side in ("old", "new"):
                party_side = context.side(side)
                for statement in (*party_side.reactions, *party_side.preconditions):
                    text = f"{side}, {statement_refs(statement)}: {_statement(statement)}"
                    lines += _wrap(text, "    ", width)
    return "\n".join(lines) + "\n"


def _header(comparison: Comparison, width: int) -> list[str]:
    series, old, new = comparison.series, comparison.old, comparison.new
    title = clean(series.display_title)
    lines = _wrap(f"propdiff: {title}" + (f" ({clean(series.id)})" if series.title else ""), "", width, "  ")
    for name, revision in (("old", old), ("new", new)):
        lines += _wrap(f"{name}: {revision_facts(revision)}", "  ", width, "       ")
        if revision.source:
            lines += _wrap(f"source: {clean(revision.source)}", "       ", width)
    return lines


def _summary(comparison: Comparison, width: int) -> list[str]:
    summary = comparison.summary
    counts = ", ".join(f"{kind.value} {count}" for kind, count in summary.counts)
    lines = ["Summary", *_wrap(counts, "  ", width)]
    moved = f"moved (including reworded + moved) {summary.moved}, renumbered {summary.renumbered}"
    lines += _wrap(moved, "  ", width)
    if summary.topics:
        topics = ", ".join(f"{clean(t.topic)} {t.changed}/{t.total}" for t in summary.topics)
        lines += _wrap(f"topics (changed/total): {topics}", "  ", width)
    return lines


def _change(comparison: Comparison, number: int, change: Change, width: int) -> list[str]:
    heading = [f"{number + 1:>3}. {kind_label(change).upper()}", refs(change)]
    if match_label(change):
        heading.append(f"({match_label(change)})")
    heading += flags(change)
    if change.topics:
        heading.append("[" + ", ".join(clean(t) for t in change.topics) + "]")
    line = " ".join(heading)
    lines = _wrap(line, " " * (len(line) - len(line.lstrip())), width, _INDENT)
    for remark in (point_certainties(change), excerpt_note(change)):
        if remark:
            lines += _wrap(remark, _INDENT, width)
    if change.kind is MatchKind.UNCHANGED:
        return lines
    if change.title_segments:
        lines += _wrap(f"title: {inline(shown(change, change.title_segments))}", _INDENT, width)
    for paragraph in inline(shown(change, change.segments)).split("\n"):
        lines += _wrap(paragraph, _INDENT, width)
    for note in (unreported_note(change), dropped_note(change)):
        if note:
            lines += _wrap(note, _INDENT, width)
    for note in comparison.notes_for(number):
        lines += _wrap(_note(note), _INDENT + "> ", width)
    return lines


def inline(segments: Iterable[Segment]) -> str:
    """The word diff in one string, `[-old-]{+new+}` around the changed runs.

    Words an excerpt on the other side does not cover read `[not reported: ...]`.
    """
    unreported = f"[{NOT_REPORTED}: {{}}]"
    marks = {
        "equal": "{}",
        "delete": "[-{}-]",
        "insert": "{{+{}+}}",
        "unreported-old": unreported,
        "unreported-new": unreported,
    }
    out = []
    for op, text in segments:
        text = clean(text)
        if op == "equal":
            out.append(text)
        else:  # keep the marks inside each line, so a wrapped merge stays readable
            out.append("\n".join(marks[op].format(part) if part else "" for part in text.split("\n")))
    return "".join(out)


def _note(note: Note) -> str:
    return f"{clean(note.party.party.name)} ({note.side}): {_statement(note.statement)}"


def _statement(statement: Attached[Reaction] | Attached[Precondition]) -> str:
    parts = statement_parts(statement)
    text = f"{parts.heading}: {parts.text}"
    if parts.quote:
        text += f' "{parts.quote}"'
    if parts.attribution:
        text += f" ({parts.attribution})"
    if parts.certainty:
        text += f" [{parts.certainty}]"
    if parts.source:
        text += f" [source: {parts.source}]"
    return text


def _wrap(text: str, indent: str, width: int, subsequent: str | None = None) -> list[str]:
    return cells.wrap(text, width, indent, subsequent)
