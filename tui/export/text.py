"""Plain-text export: a summary that reads in a terminal, a mail or a ticket.

No colours or escape codes, so it survives any pipe; word changes are
marked the way `git diff --word-diff=plain` does, `[-deleted-]{+inserted+}`,
which people already know how to read.
"""

from __future__ import annotations

from typing import Callable, Iterable

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

Paint = Callable[[str, str], str]
"""How a view styles one piece of the summary, `paint(role, text)`.

Roles: `section` (a heading line), `kind` (a change's kind label), a word-diff
segment's kind (`equal`, `delete`, `insert`, `unreported-old`, `unreported-new`)
and `mark` (the `[-`, `-]`, `{+`, `+}` around a changed run). The roles come
from the comparison, never from reading the rendered text back, so a point
whose text holds `[-x-]` is styled as the words it is.
"""


def render(comparison: Comparison, width: int = WIDTH, paint: Paint | None = None) -> str:
    """The summary, wrapped at `width` terminal cells (the terminal view passes the screen's).

    With `paint` (the terminal's colours) the layout is the plain one, each
    piece styled by its role; without it the text is plain, marks and all.
    """
    section = paint or (lambda role, text: text)
    lines = [*_header(comparison, width), "", *_summary(comparison, width, section), ""]
    lines.append(section("section", "Changes"))
    for number, change in enumerate(comparison.changes):
        lines += _change(comparison, number, change, width, paint)
    if comparison.parties:
        lines += ["", section("section", "Parties")]
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


def _summary(comparison: Comparison, width: int, section: Paint) -> list[str]:
    summary = comparison.summary
    counts = ", ".join(f"{kind.value} {count}" for kind, count in summary.counts)
    lines = [section("section", "Summary"), *_wrap(counts, "  ", width)]
    moved = f"moved (including reworded + moved) {summary.moved}, renumbered {summary.renumbered}"
    lines += _wrap(moved, "  ", width)
    if summary.topics:
        topics = ", ".join(f"{clean(t.topic)} {t.changed}/{t.total}" for t in summary.topics)
        lines += _wrap(f"topics (changed/total): {topics}", "  ", width)
    return lines


def _change(
    comparison: Comparison, number: int, change: Change, width: int, paint: Paint | None
) -> list[str]:
    label = kind_label(change).upper()
    heading = [f"{number + 1:>3}. {label}", refs(change)]
    if match_label(change):
        heading.append(f"({match_label(change)})")
    heading += flags(change)
    if change.topics:
        heading.append("[" + ", ".join(clean(t) for t in change.topics) + "]")
    line = " ".join(heading)
    lines = _wrap(line, " " * (len(line) - len(line.lstrip())), width, _INDENT)
    if paint is not None:
        lines[0] = _paint_label(lines[0], f"{number + 1:>3}. ", label, paint)
    for remark in (point_certainties(change), excerpt_note(change)):
        if remark:
            lines += _wrap(remark, _INDENT, width)
    if change.kind is MatchKind.UNCHANGED:
        return lines
    if change.title_segments:
        title = [("title: ", "equal"), *runs(shown(change, change.title_segments))]
        lines += _wrap_runs(title, _INDENT, width, paint)
    for paragraph in _paragraphs(runs(shown(change, change.segments))):
        lines += _wrap_runs(paragraph, _INDENT, width, paint)
    for note in (unreported_note(change), dropped_note(change)):
        if note:
            lines += _wrap(note, _INDENT, width)
    for note in comparison.notes_for(number):
        lines += _wrap(_note(note), _INDENT + "> ", width)
    return lines


def runs(segments: Iterable[Segment]) -> list[tuple[str, str]]:
    """The word diff as `(text, role)` pieces: each segment's text under its kind, and the
    `[-` `-]` `{+` `+}` around a changed run as `mark`, so a view can style by kind.

    Words an excerpt on the other side does not cover read `[not reported: ...]`.
    """
    pieces: list[tuple[str, str]] = []
    for op, text in segments:
        text = clean(text)
        if op == "equal":
            pieces.append((text, op))
            continue
        for index, part in enumerate(text.split("\n")):  # marks inside each line: a wrapped merge reads well
            if index:
                pieces.append(("\n", "equal"))
            if not part:
                continue
            if op in ("delete", "insert"):
                opening, closing = ("[-", "-]") if op == "delete" else ("{+", "+}")
                pieces += [(opening, "mark"), (part, op), (closing, "mark")]
            else:
                pieces.append((f"[{NOT_REPORTED}: {part}]", op))
    return pieces


def inline(segments: Iterable[Segment]) -> str:
    """The word diff in one string, `[-old-]{+new+}` around the changed runs."""
    return "".join(text for text, _ in runs(segments))


def _paragraphs(pieces: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The pieces cut at each line break, one list per paragraph."""
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for text, role in pieces:
        for index, part in enumerate(text.split("\n")):
            if index:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part, role))
    return paragraphs


def _wrap_runs(pieces: list[tuple[str, str]], indent: str, width: int, paint: Paint | None) -> list[str]:
    """`pieces` wrapped as plain text, then, with `paint`, each character styled by its piece's role.

    Wrapping keeps every non-space character in order and puts one space where
    the text had whitespace, so the roles map back by counting characters; a
    space takes the role of the whitespace it stands for.
    """
    lines = _wrap("".join(text for text, _ in pieces), indent, width)
    if paint is None:
        return lines
    roles: list[str] = []  # per non-space character
    gaps: list[str] = []  # per non-space character: the role of the whitespace before it
    gap: str | None = None
    for text, role in pieces:
        for char in text:
            if not char.isspace():
                roles.append(role)
                gaps.append(gap or "equal")
                gap = None
            elif gap is None:
                gap = role
    painted, index = [], 0
    for line in lines:
        spans: list[tuple[str, list[str]]] = []
        for char in line[len(indent) :]:
            if char == " ":
                role = gaps[index]
            else:
                role, index = roles[index], index + 1
            if spans and spans[-1][0] == role:
                spans[-1][1].append(char)
            else:
                spans.append((role, [char]))
        painted.append(line[: len(indent)] + "".join(paint(role, "".join(chars)) for role, chars in spans))
    return painted


def _paint_label(line: str, number: str, label: str, paint: Paint) -> str:
    """A change's first line with its kind label styled (only its first word if a narrow screen cut it)."""
    for shown_label in (label, label.split()[0]):
        if line.startswith(number + shown_label):
            end = len(number) + len(shown_label)
            return number + paint("kind", shown_label) + line[end:]
    return line


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
