"""Markdown export, written to read well where it is usually pasted: GitHub.

Every untrusted text is escaped, so a point that says `**` or `<script>` or
`| a |` shows those characters instead of turning into markup. Word changes
are `~~deleted~~` and `**inserted**`; where GitHub's rules for those marks
would not apply (a change that starts or ends with punctuation next to a
word), the same change is wrapped in `<del>`/`<ins>`, which GitHub allows.
Line breaks inside a text become `<br>`, so no text ever starts a Markdown
line and turns into a heading, list or table by accident.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..engine.compare import Attached, Change, Comparison, Note
from ..engine.worddiff import Segment
from ..model import Precondition, Reaction, Revision
from ..wording import (
    NOT_REPORTED,
    NOTHING,
    certainty_phrase,
    clean,
    excerpt_note,
    flags,
    headline,
    kind_label,
    match_label,
    point_certainties,
    refs,
    shown,
    split_urls,
    statement_parts,
    statement_refs,
    unreported_note,
)

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>"}
_ESCAPE = re.compile(r"[\\`*_\[\]{}|~#&<>\n]")
_LIST_OR_NUMBER_START = re.compile(r"[+\-=]|\d{1,9}[.)]")
_MARKS = {"delete": ("~~", "<del>", "</del>"), "insert": ("**", "<ins>", "</ins>")}


def render(comparison: Comparison) -> str:
    series = comparison.series
    lines = [f"# {md(series.display_title)}", ""]
    lines += [f"Comparison of two revisions of `{_code(series.id)}`.", ""]
    lines += _revisions(comparison.old, comparison.new)
    lines += _summary(comparison)
    if comparison.parties:
        lines += _parties(comparison)
    lines += ["## Changes", ""]
    for number, change in enumerate(comparison.changes):
        lines += _change(comparison, number, change)
    return "\n".join(lines).rstrip("\n") + "\n"


def md(text: str | None) -> str:
    """Untrusted text as inert Markdown: markup characters escaped, HTML characters as entities."""
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), "\\" + m.group()), clean(text))


def _code(text: str) -> str:
    """Text for inside a single-backtick code span (ids are slugs, but stay safe).

    A table splits its row at every `|`, even inside a code span, unless escaped.
    """
    return clean(text).replace("`", "'").replace("\n", " ").replace("|", "\\|")


def _paragraph(text: str) -> str:
    """A line that cannot start a list, heading, quote or code block, whatever text begins it."""
    text = text.lstrip(" ")
    start = _LIST_OR_NUMBER_START.match(text)
    if start is None:
        return text
    mark = start.end() - 1  # escape the marker itself: `\-`, `1\.`
    return text[:mark] + "\\" + text[mark:]


def _link_or_text(text: str | None) -> str:
    """A source with each web address in it as a link labelled by its host.

    A `|` in an address would end the table cell the link sits in (tables
    split rows before links are read), so it is percent-encoded: the same
    address to a browser.
    """
    return "".join(
        md(piece) if url is None else f"[{md(piece)}](<{url.replace('|', '%7C')}>)"
        for piece, url in split_urls(clean(text))
    )


def _revisions(old: Revision, new: Revision) -> list[str]:
    rows = [
        ("Revision", *(f"{md(r.display_name)} (`{_code(r.id)}`)" for r in (old, new))),
        ("Date", *(r.date.isoformat() if r.date else NOTHING for r in (old, new))),
        ("Status", *(r.status or NOTHING for r in (old, new))),
        (
            "Points",
            *(f"{len(r.points)}{' known (partial revision)' if r.partial else ''}" for r in (old, new)),
        ),
        ("Source", *(_link_or_text(r.source) if r.source else NOTHING for r in (old, new))),
    ]
    return [
        "| | Old | New |",
        "| --- | --- | --- |",
        *(f"| {name} | {a} | {b} |" for name, a, b in rows),
        "",
    ]


def _summary(comparison: Comparison) -> list[str]:
    summary = comparison.summary
    lines = [
        "## Summary",
        "",
        "| " + " | ".join(kind.value for kind, _ in summary.counts) + " |",
        "| " + " | ".join("---:" for _ in summary.counts) + " |",
        "| " + " | ".join(str(count) for _, count in summary.counts) + " |",
    ]
    lines += [
        "",
        f"Moved (including reworded + moved): **{summary.moved}**; renumbered: **{summary.renumbered}**.",
        "",
    ]
    if summary.topics:
        lines += ["### Topics", "", "| Topic | Changed | Total |", "| --- | ---: | ---: |"]
        lines += [f"| {md(t.topic)} | {t.changed} | {t.total} |" for t in summary.topics]
        lines.append("")
    return lines


def _parties(comparison: Comparison) -> list[str]:
    lines = ["## Parties", "", "| Party | Old | New | Change |", "| --- | --- | --- | --- |"]
    for context in comparison.parties:
        old, new = (context.side(s).stance or NOTHING for s in ("old", "new"))
        lines.append(f"| {md(context.party.name)} | {old} | {new} | {context.stance_change} |")
    lines.append("")
    lines += ["Each headline stance is the party's latest reaction to the whole revision:", ""]
    for context in comparison.parties:
        for side in ("old", "new"):
            lines.append(f"- {md(context.party.name)}, {side}: {md(headline(context.side(side)))}")
    lines.append("")
    for context in comparison.parties:
        lines += [f"### {md(context.party.name)}", ""]
        for side in ("old", "new"):
            party_side = context.side(side)
            for statement in (*party_side.reactions, *party_side.preconditions):
                lines.append(f"- *{side}, {md(statement_refs(statement))}:* {_statement(statement)}")
        lines.append("")
    return lines


def _change(comparison: Comparison, number: int, change: Change) -> list[str]:
    kind = kind_label(change).capitalize()
    confidence = f" ({match_label(change)})" if match_label(change) else ""
    lines = [f"### {number + 1}. {kind}: {md(refs(change))}{confidence}", ""]
    details = flags(change)
    if point_certainties(change):
        details.append(md(point_certainties(change)))
    if change.topics:
        details.append("topics: " + ", ".join(md(t) for t in change.topics))
    if details:
        lines += [f"*{' · '.join(details)}*", ""]
    if change.title_segments:
        lines += [f"*Title:* {inline(shown(change, change.title_segments))}", ""]
    if change.segments:
        lines += [_paragraph(inline(shown(change, change.segments))), ""]
    for note in (excerpt_note(change), unreported_note(change)):
        if note:
            lines += [f"*{md(note)}*", ""]
    if change.dropped is not None:
        source = _link_or_text(change.dropped.source) if change.dropped.source else "not given"
        dropped = f"**Reported dropped** (source: {source}; {certainty_phrase(change.dropped.certainty)})"
        if change.dropped.note:
            dropped += f"; note: {md(change.dropped.note)}"
        lines += [dropped, ""]
    notes = comparison.notes_for(number)
    if notes:
        lines += [*(_note(note) for note in notes), ""]
    return lines


def inline(segments: Iterable[Segment]) -> str:
    """The word diff as Markdown: equal text plain, changes marked, whitespace outside the marks."""
    out = []
    for op, text in segments:
        if op == "equal":
            out.append(md(text))
            continue
        if op in ("unreported-old", "unreported-new"):
            # <i> rather than `*`: GitHub ignores `*` next to a word and a bracket
            trailing = " " if text.endswith(" ") else ""
            out.append(f"<i>\\[{NOT_REPORTED}: {md(text.strip())}\\]</i>{trailing}")
            continue
        core = text.strip()
        if not core:
            out.append(md(text))
            continue
        start, end = text.index(core[0]), len(text.rstrip())
        out.append(md(text[:start]) + _mark(op, md(core)) + md(text[end:]))
    return "".join(out)


def _mark(op: str, escaped: str) -> str:
    """`~~x~~`/`**x**` when GitHub will honour them, else the `<del>`/`<ins>` tag."""
    mark, opening, closing = _MARKS[op]
    if escaped[0].isalnum() and escaped[-1].isalnum():
        return f"{mark}{escaped}{mark}"
    return f"{opening}{escaped}{closing}"


def _note(note: Note) -> str:
    return f"- **{md(note.party.party.name)}** ({note.side}): {_statement(note.statement)}"


def _statement(statement: Attached[Reaction] | Attached[Precondition]) -> str:
    parts = statement_parts(statement)
    text = f"*{md(parts.heading)}*: {md(parts.text)}"
    if parts.quote:
        text += f" “{md(parts.quote)}”"
    if parts.attribution:
        text += f" ({md(parts.attribution)})"
    if parts.certainty:
        text += f" \\[{md(parts.certainty)}\\]"
    if parts.source:
        text += f" — source: {_link_or_text(parts.source)}"
    return text
