"""HTML export: one self-contained page with the two revisions side by side.

The page is meant to be mailed, archived and opened offline, so it loads
nothing: the styles are inline, there is no script, no font and no image,
and a Content-Security-Policy forbids any load in case a text slipped
through. Every untrusted text is HTML-escaped; sources that are web
addresses become plain links, which load nothing until clicked.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from typing import Iterable, Literal

from ..engine.align import MatchKind
from ..engine.compare import Attached, Change, Comparison, Note, PartySide
from ..engine.worddiff import Segment, on_side
from ..model import Precondition, Reaction, Revision
from ..wording import (
    ARROW,
    NOT_REPORTED,
    NOTHING,
    certainty_phrase,
    clean,
    excerpt_note,
    flags,
    headline,
    kind_label,
    match_label,
    pluralise,
    point_certainties,
    refs,
    shown,
    split_urls,
    stance_basis,
    statement_parts,
    unreported_note,
)

Side = Literal["old", "new"]

_TAGS = {"delete": "del", "insert": "ins"}
STYLE = resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")
"""The page's styles, kept in a .css file of their own to be edited as CSS."""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render(comparison: Comparison) -> str:
    series, old, new = comparison.series, comparison.old, comparison.new
    title = f"{clean(series.display_title)}: {clean(old.display_name)} {ARROW} {clean(new.display_name)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="propdiff">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        _header(comparison),
        "<main>",
        _summary(comparison),
        _parties(comparison) if comparison.parties else "",
        _changes(comparison),
        "</main>",
        "<footer>Made by propdiff. Point texts are shown as given in the proposal files; "
        "matches of points without ids are computed and carry a confidence.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def h(text: str | None) -> str:
    """Untrusted text, neutralised and escaped for both element content and attribute values."""
    return escape(clean(text), quote=True)


def _source(text: str | None) -> str:
    """A source as text, with each web address in it a link labelled by its host."""
    return "".join(
        h(piece) if url is None else f'<a href="{h(url)}" title="{h(url)}">{h(piece)}</a>'
        for piece, url in split_urls(clean(text))
    )


def _header(comparison: Comparison) -> str:
    series = comparison.series
    return (
        '<header class="top">'
        f'<p class="eyebrow">propdiff · comparison of <code>{h(series.id)}</code></p>'
        f"<h1>{h(series.display_title)}</h1>"
        '<div class="revisions">'
        f"{_revision_card(comparison.old, 'old')}"
        f'<div class="arrow" aria-hidden="true">{ARROW}</div>'
        f"{_revision_card(comparison.new, 'new')}"
        "</div></header>"
    )


def _revision_card(revision: Revision, side: Side) -> str:
    facts = [f"<code>{h(revision.id)}</code>"]
    if revision.date:
        facts.append(f"<time>{revision.date.isoformat()}</time>")
    if revision.status:
        facts.append(h(revision.status))
    facts.append(pluralise(len(revision.points), "point") + (" known" if revision.partial else ""))
    partial = '<span class="badge partial">partial revision</span>' if revision.partial else ""
    source = f'<p class="source">Source: {_source(revision.source)}</p>' if revision.source else ""
    return (
        f'<section class="revision {side}">'
        f'<p class="side-name">{side.capitalize()}</p>'
        f"<h2>{h(revision.display_name)} {partial}</h2>"
        f'<p class="facts">{" · ".join(facts)}</p>{source}</section>'
    )


def _summary(comparison: Comparison) -> str:
    summary = comparison.summary
    counts = "".join(
        f'<li class="count k-{kind.value}{" zero" if n == 0 else ""}">'
        f'<span class="n">{n}</span> {kind.value}</li>'
        for kind, n in summary.counts
    )
    extra = (
        f'<p class="extra">{summary.moved} moved (including reworded + moved) · '
        f"{summary.renumbered} renumbered</p>"
    )
    strip = "".join(
        f'<a class="cell k-{c.kind.value}" href="#change-{n + 1}" '
        f'title="{n + 1}. {h(kind_label(c))} {h(refs(c))}"></a>'
        for n, c in enumerate(comparison.changes)
    )
    overview = f'<nav class="strip" aria-label="All changes in reading order">{strip}</nav>' if strip else ""
    return (
        '<section class="summary"><h2>Summary</h2>'
        f'<ul class="counts">{counts}</ul>{extra}{overview}{_topics(comparison)}</section>'
    )


def _topics(comparison: Comparison) -> str:
    topics = comparison.summary.topics
    if not topics:
        return ""
    rows = "".join(
        f'<li><span class="topic-name">{h(t.topic)}</span>'
        f'<span class="topic-bar"><span style="width:{_share(t.changed, t.total)}%"></span></span>'
        f'<span class="topic-count">{t.changed}/{t.total}</span></li>'
        for t in topics
    )
    return (
        '<h3 class="topics-heading">Topics '
        '<span class="hint">points changed / all points with the topic</span></h3>'
        f'<ul class="topic-list">{rows}</ul>'
    )


def _parties(comparison: Comparison) -> str:
    rows = []
    for context in comparison.parties:
        old, new = context.old.stance, context.new.stance
        changed = " changed" if old != new else ""
        rows.append(
            f'<tr class="party{changed}"><th scope="row">{h(context.party.name)}</th>'
            f"<td>{_headline(context.old)}</td><td>{_headline(context.new)}</td>"
            f"<td>{h(context.stance_change)}</td></tr>"
        )
    statements = []
    for context in comparison.parties:
        items = [
            f'<li><span class="which">on {side}</span> {_statement_body(s)}</li>'
            for side in ("old", "new")
            for s in (*context.side(side).reactions, *context.side(side).preconditions)
            if s.whole_revision
        ]
        if items:
            statements.append(
                f'<div class="statements"><h3>{h(context.party.name)}</h3><ul>{"".join(items)}</ul></div>'
            )
    whole = (
        '<h3 class="topics-heading">On the whole revision '
        '<span class="hint">statements on single points are shown next to those points</span></h3>'
        f'<div class="statement-grid">{"".join(statements)}</div>'
        if statements
        else ""
    )
    return (
        '<section class="parties"><h2>Parties</h2>'
        '<table class="stances"><thead><tr><th scope="col">Party</th><th scope="col">Old</th>'
        '<th scope="col">New</th><th scope="col">Change</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{whole}</section>"
    )


def _headline(side: PartySide) -> str:
    """A headline stance with the reaction it rests on, so a reader can judge it."""
    if side.stance is None:
        return f'{_stance(None)} <span class="basis">{h(headline(side))}</span>'
    return f'{_stance(side.stance)} <span class="basis">rests on: {h(stance_basis(side))}</span>'


def _stance(stance: str | None) -> str:
    if stance is None:
        return f'<span class="stance none">{NOTHING}</span>'
    return f'<span class="stance s-{stance}">{stance}</span>'


def _decision(change: Change) -> str:
    """What decided a match and what it beat, "; decided by wording; runner-up new 6 (0.12)"."""
    parts = [f"decided by {change.decided_by}"] if change.decided_by else []
    if change.score is not None:
        parts.append(f"score {change.score:.2f}")
    if change.runner_up is not None:
        runner = change.runner_up
        parts.append(f"runner-up {runner.side} {runner.point.ref} ({runner.score:.2f})")
    return "".join(f"; {part}" for part in parts)


def _changes(comparison: Comparison) -> str:
    articles = "".join(_change(comparison, n, c) for n, c in enumerate(comparison.changes))
    if not articles:
        articles = '<p class="empty">Neither revision has any points.</p>'
    return (
        '<section class="changes"><h2>Changes</h2>'
        '<input type="checkbox" id="hide-unchanged" class="toggle">'
        '<label for="hide-unchanged" class="toggle-label">Hide unchanged points</label>'
        '<p class="legend"><del>deleted words</del> <ins>inserted words</ins> '
        f'<span class="unreported">{NOT_REPORTED}: words an excerpt does not cover</span> · '
        "match: how sure the pairing of points is; certainty: how firmly the sources establish an item</p>"
        f"{articles}</section>"
    )


def _change(comparison: Comparison, number: int, change: Change) -> str:
    badges = [f'<span class="badge kind k-{change.kind.value}">{h(kind_label(change))}</span>']
    badges += [f'<span class="badge flag">{h(flag)}</span>' for flag in flags(change)]
    topics = "".join(f'<span class="topic">{h(t)}</span>' for t in change.topics)
    head = (
        f'<header><a class="num" href="#change-{number + 1}">{number + 1}</a>{"".join(badges)}'
        f'<span class="refs">{h(refs(change))}</span>'
        + (
            f'<span class="badge confidence {_confidence_class(change.confidence)}" '
            f'title="confidence of the match, not the certainty of the sources{h(_decision(change))}">'
            f"{h(match_label(change))}</span>"
            if match_label(change)
            else ""
        )
        + f'<span class="change-topics">{topics}</span></header>'
    )
    remarks = [note for note in (point_certainties(change), excerpt_note(change)) if note]
    head += "".join(f'<p class="remark">{h(note)}</p>' for note in remarks)
    notes = comparison.notes_for(number)
    if change.kind is MatchKind.UNCHANGED:
        body = (
            f'<div class="sides single"><div class="side">{_points(change, "new")}{_notes(notes)}</div></div>'
        )
    else:
        body = (
            '<div class="sides"><div class="side old"><p class="side-name">Old</p>'
            f"{_old_side(change)}{_notes(notes, 'old')}</div>"
            '<div class="side new"><p class="side-name">New</p>'
            f"{_new_side(change)}{_notes(notes, 'new')}</div></div>"
        )
    return f'<article class="change k-{change.kind.value}" id="change-{number + 1}">{head}{body}</article>'


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _confidence_class(confidence: float) -> str:
    return "high" if confidence >= 0.85 else "medium" if confidence >= 0.6 else "low"


def _old_side(change: Change) -> str:
    if change.unreported_side == "old":
        return (
            f'<div class="absent unreported"><strong>{h(unreported_note(change).capitalize())}</strong>'
            "<p>The old revision is known only in part: it may have held this point.</p></div>"
        )
    if not change.old:
        return '<div class="absent">Not in the old revision</div>'
    return _points(change, "old")


def _new_side(change: Change) -> str:
    if change.unreported_side == "new":
        return (
            f'<div class="absent unreported"><strong>{h(unreported_note(change).capitalize())}</strong>'
            "<p>The new revision is known only in part: this point is not in its known text, "
            "and no source reports it dropped.</p></div>"
        )
    if not change.new:
        if change.dropped is None:
            return (
                '<div class="absent removed"><strong>Removed</strong>'
                "<p>No counterpart found in the new revision.</p></div>"
            )
        return f'<div class="absent removed"><strong>Reported dropped</strong>{_dropped_detail(change)}</div>'
    if change.dropped is not None:  # reported dropped, yet the same point (by id) is here
        return (
            _points(change, "new")
            + f'<div class="absent removed"><strong>Reported dropped</strong>{_dropped_detail(change)}</div>'
        )
    return _points(change, "new")


def _dropped_detail(change: Change) -> str:
    dropped = change.dropped
    if dropped is None:
        return ""
    return "".join(
        [
            f"<p>Source: {_source(dropped.source)}</p>" if dropped.source else "<p>Source not given</p>",
            f'<p class="certainty">{h(certainty_phrase(dropped.certainty))}</p>',
            f"<p>{h(dropped.note)}</p>" if dropped.note else "",
        ]
    )


def _points(change: Change, side: Side) -> str:
    """One box per point, each with its own part of the word diff."""
    points = change.old if side == "old" else change.new
    boxes = []
    for point, text in zip(points, change.pieces(side), strict=True):
        if len(points) == 1 and change.title_segments:
            title = _words(shown(change, change.title_segments), side)
        else:
            title = h(point.point.title)
        body = _words(shown(change, text), side)
        title_html = f' <span class="title">{title}</span>' if title else ""
        boxes.append(
            f'<div class="point"><p class="label"><span class="ref">{h(point.ref)}</span>{title_html}</p>'
            f'<p class="text">{body}</p></div>'
        )
    return "".join(boxes)


def _words(segments: Iterable[Segment], side: Side) -> str:
    """One side of a word diff, with that side's changes marked."""
    out = []
    for op, text in segments:
        if not on_side(op, side):
            continue
        if op == "equal":
            out.append(h(text))
        elif op in _TAGS:
            out.append(f"<{_TAGS[op]}>{h(text)}</{_TAGS[op]}>")
        else:
            title = f"{NOT_REPORTED}: the other side is an excerpt"
            out.append(f'<span class="unreported" title="{title}">{h(text)}</span>')
    return "".join(out)


def _notes(notes: Iterable[Note], side: Side | None = None) -> str:
    """Statements under the points they concern: one side's, or both marked by side."""
    items = "".join(
        f'<li class="note"><span class="party">{h(n.party.party.name)}</span> '
        f"{_side_marker(n) if side is None else ''}{_statement_body(n.statement)}</li>"
        for n in notes
        if side is None or n.side == side
    )
    return f'<ul class="notes">{items}</ul>' if items else ""


def _side_marker(note: Note) -> str:
    return f'<span class="which">on {note.side}</span> '


def _statement_body(statement: Attached[Reaction] | Attached[Precondition]) -> str:
    parts = statement_parts(statement)
    if parts.stance is not None:
        body = f"{_stance(parts.stance)} {h(parts.text)}"
    else:
        body = f'<span class="precondition">{h(parts.heading)}</span> {h(parts.text)}'
    if parts.quote:
        body += f" <q>{h(parts.quote)}</q>"
    if parts.attribution:
        body += f' <span class="by">{h(parts.attribution)}</span>'
    if parts.certainty:
        body += f' <span class="certainty">{h(parts.certainty)}</span>'
    if parts.source:
        body += f' <span class="src">Source: {_source(parts.source)}</span>'
    return body
