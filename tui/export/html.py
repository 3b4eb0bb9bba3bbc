"""HTML export: one self-contained page with the two revisions side by side.

The page is meant to be mailed, archived and opened offline, so it loads
nothing: the styles are inline, there is no script, no font and no image,
and a Content-Security-Policy forbids any load in case a text slipped
through. Every untrusted text is HTML-escaped; sources that are web
addresses become plain links, which load nothing until clicked.
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Literal, Sequence

from ..align import MatchKind
from ..compare import Attached, Change, Comparison, IndexedPoint, Note
from ..model import Precondition, Reaction, Revision
from ..worddiff import Segment, split_side
from .common import (
    ARROW,
    NOTHING,
    UNREPORTED_NOTE,
    clean,
    flags,
    is_url,
    kind_label,
    percent,
    pluralise,
    precondition_heading,
    reaction_attribution,
    refs,
    statement_refs,
)

Side = Literal["old", "new"]

_TAGS = {"delete": "del", "insert": "ins"}
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
        '<footer>Made by propdiff. Point texts are shown as given in the proposal files; '
        "matches of points without ids are computed and carry a confidence.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def h(text: str | None) -> str:
    """Untrusted text, neutralised and escaped for both element content and attribute values."""
    return escape(clean(text), quote=True)


def _source(text: str | None) -> str:
    if not text:
        return ""
    if is_url(text):
        return f'<a href="{h(text)}" rel="noopener noreferrer">{h(text)}</a>'
    return h(text)


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
        f'<p class="extra">{pluralise(summary.moved, "point")} moved in all (with reworded + moved) · '
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
        f'<tr><th scope="row">{h(t.topic)}</th><td class="num">{t.changed}</td><td class="num">{t.total}</td>'
        f'<td class="bar"><span style="width:{round(100 * t.changed / t.total) if t.total else 0}%"></span></td></tr>'
        for t in topics
    )
    return (
        '<table class="topics"><caption>Topics, by points changed</caption>'
        '<thead><tr><th scope="col">Topic</th><th scope="col">Changed</th><th scope="col">Total</th>'
        f'<th scope="col"><span class="sr">share changed</span></th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _parties(comparison: Comparison) -> str:
    rows = []
    for context in comparison.parties:
        old, new = context.old.stance, context.new.stance
        changed = " changed" if old != new else ""
        rows.append(
            f'<tr class="party{changed}"><th scope="row">{h(context.party.name)}</th>'
            f"<td>{_stance(old)}</td><td>{_stance(new)}</td><td>{h(context.stance_change)}</td></tr>"
        )
    statements = []
    for context in comparison.parties:
        items = [
            f'<li><span class="which">{side}, {h(statement_refs(s))}</span> {_statement_body(s)}</li>'
            for side in ("old", "new")
            for s in (*context.side(side).reactions, *context.side(side).preconditions)
        ]
        statements.append(f'<div class="statements"><h3>{h(context.party.name)}</h3><ul>{"".join(items)}</ul></div>')
    return (
        '<section class="parties"><h2>Parties</h2>'
        '<table class="stances"><thead><tr><th scope="col">Party</th><th scope="col">Old</th>'
        '<th scope="col">New</th><th scope="col">Change</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
        f'<div class="statement-grid">{"".join(statements)}</div></section>'
    )


def _stance(stance: str | None) -> str:
    if stance is None:
        return f'<span class="stance none">{NOTHING}</span>'
    return f'<span class="stance s-{stance}">{stance}</span>'


def _changes(comparison: Comparison) -> str:
    articles = "".join(_change(comparison, n, c) for n, c in enumerate(comparison.changes))
    if not articles:
        articles = '<p class="empty">Neither revision has any points.</p>'
    return (
        '<section class="changes"><h2>Changes</h2>'
        '<input type="checkbox" id="hide-unchanged" class="toggle">'
        '<label for="hide-unchanged" class="toggle-label">Hide unchanged points</label>'
        '<p class="legend"><del>deleted words</del> <ins>inserted words</ins></p>'
        f"{articles}</section>"
    )


def _change(comparison: Comparison, number: int, change: Change) -> str:
    badges = [f'<span class="badge kind k-{change.kind.value}">{h(kind_label(change))}</span>']
    badges += [f'<span class="badge flag">{h(flag)}</span>' for flag in flags(change)]
    topics = "".join(f'<span class="topic">{h(t)}</span>' for t in change.topics)
    head = (
        f'<header><a class="num" href="#change-{number + 1}">{number + 1}</a>{"".join(badges)}'
        f'<span class="refs">{h(refs(change))}</span>'
        f'<span class="badge confidence {_confidence_class(change.confidence)}" '
        f'title="confidence of the match">{percent(change.confidence)}</span>'
        f'<span class="topics">{topics}</span></header>'
    )
    notes = comparison.notes_for(number)
    if change.kind is MatchKind.UNCHANGED:
        body = (
            f'<div class="sides single"><div class="side">{_points(change.new, change.title_segments, change.segments, "new")}'
            f'{_notes(notes)}</div></div>'
        )
    else:
        body = (
            '<div class="sides">'
            f'<div class="side old"><p class="side-name">Old</p>{_old_side(change)}{_notes(n for n in notes if n.side == "old")}</div>'
            f'<div class="side new"><p class="side-name">New</p>{_new_side(change)}{_notes(n for n in notes if n.side == "new")}</div>'
            "</div>"
        )
    return f'<article class="change k-{change.kind.value}" id="change-{number + 1}">{head}{body}</article>'


def _confidence_class(confidence: float) -> str:
    return "high" if confidence >= 0.85 else "medium" if confidence >= 0.6 else "low"


def _old_side(change: Change) -> str:
    if not change.old:
        return '<div class="absent">Not in the old revision</div>'
    return _points(change.old, change.title_segments, change.segments, "old")


def _new_side(change: Change) -> str:
    if change.kind is MatchKind.UNREPORTED:
        return (
            f'<div class="absent unreported"><strong>{UNREPORTED_NOTE.capitalize()}</strong>'
            "<p>The new revision is known only in part: this point is not in its known text, "
            "and no source reports it dropped.</p></div>"
        )
    if not change.new:
        dropped = change.dropped
        detail = ""
        if dropped is not None:
            detail = "".join(
                [
                    f"<p>Source: {_source(dropped.source)}</p>" if dropped.source else "",
                    f"<p>{h(dropped.note)}</p>" if dropped.note else "",
                ]
            ) or "<p>Reported dropped.</p>"
        return f'<div class="absent removed"><strong>Removed</strong>{detail}</div>'
    return _points(change.new, change.title_segments, change.segments, "new")


def _points(
    points: Sequence[IndexedPoint], title_segments: Sequence[Segment], segments: Sequence[Segment], side: Side
) -> str:
    """One box per point, each with its own part of the word diff."""
    texts = split_side(segments, side, [len(p.point.text) for p in points])
    boxes = []
    for point, text in zip(points, texts):
        if len(points) == 1 and title_segments:
            title = _words(title_segments, side)
        else:
            title = h(point.point.title)
        title_html = f' <span class="title">{title}</span>' if title else ""
        boxes.append(
            f'<div class="point"><p class="label"><span class="ref">{h(point.ref)}</span>{title_html}</p>'
            f'<p class="text">{_words(text, side)}</p></div>'
        )
    return "".join(boxes)


def _words(segments: Iterable[Segment], side: Side) -> str:
    """One side of a word diff, with that side's changes marked."""
    hidden = "insert" if side == "old" else "delete"
    out = []
    for op, text in segments:
        if op == hidden:
            continue
        out.append(h(text) if op == "equal" else f"<{_TAGS[op]}>{h(text)}</{_TAGS[op]}>")
    return "".join(out)


def _notes(notes: Iterable[Note]) -> str:
    items = "".join(
        f'<li class="note"><span class="party">{h(n.party.party.name)}</span> {_statement_body(n.statement)}</li>'
        for n in notes
    )
    return f'<ul class="notes">{items}</ul>' if items else ""


def _statement_body(statement: Attached[Reaction] | Attached[Precondition]) -> str:
    item = statement.item
    if isinstance(item, Reaction):
        body = f"{_stance(item.stance)} {h(item.summary)}"
        if item.quote:
            body += f' <q>{h(item.quote)}</q>'
        attribution = reaction_attribution(item)
        if attribution:
            body += f' <span class="by">{h(attribution)}</span>'
    else:
        body = f'<span class="precondition">{h(precondition_heading(item))}</span> {h(item.text)}'
    if item.source:
        body += f' <span class="src">Source: {_source(item.source)}</span>'
    return body


STYLE = """
:root {
  --ink: #1f2430; --muted: #5b6472; --line: #dfe3ea; --paper: #ffffff; --wash: #f5f7fa;
  --del-bg: #fde4e4; --del-ink: #9b1c1c; --ins-bg: #d9f5e1; --ins-ink: #14532d;
  --unchanged: #8a93a3; --reworded: #2563eb; --moved: #7c3aed; --merged: #0f8a7e; --split: #0e7490;
  --added: #15803d; --removed: #c81e1e; --unreported: #b45309;
  --support: #15803d; --conditional: #b45309; --oppose: #c81e1e; --mixed: #7c3aed;
  --neutral: #5b6472; --unclear: #8a93a3;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main, .top > * { max-width: 1180px; margin-left: auto; margin-right: auto; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
a { color: var(--reworded); overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
.top { background: #1f2a44; color: #fff; padding: 1.5rem 1.5rem 1.75rem; }
.top .eyebrow { margin-top: 0; margin-bottom: .25rem; color: #b8c2d9; font-size: .85rem; letter-spacing: .02em; }
.top h1 { margin-top: 0; margin-bottom: 1rem; font-size: 1.75rem; line-height: 1.2; }
.top a { color: #bcd2ff; }
.revisions { display: grid; grid-template-columns: 1fr auto 1fr; gap: 1rem; align-items: stretch; }
.revision { background: rgba(255,255,255,.08); border: 1px solid rgba(255,255,255,.18); border-radius: 10px; padding: .85rem 1rem; }
.revision h2 { margin: 0 0 .25rem; font-size: 1.15rem; }
.revision .facts, .revision .source { margin: .15rem 0; color: #d3dbeb; font-size: .9rem; }
.revision .side-name { margin: 0; text-transform: uppercase; font-size: .75rem; letter-spacing: .08em; color: #9fb0d0; }
.arrow { align-self: center; font-size: 1.75rem; color: #9fb0d0; }
main { padding: 1.25rem 1.5rem 2rem; }
main > section { background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 1.25rem 1.5rem; margin-bottom: 1.25rem; }
.counts { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .5rem; }
.count { border: 1px solid var(--line); border-left: 5px solid var(--c); border-radius: 8px; padding: .35rem .75rem; min-width: 7.5rem; }
.count .n { font-weight: 700; font-size: 1.3rem; margin-right: .2rem; color: var(--c); }
.count.zero { opacity: .5; }
.extra { color: var(--muted); margin: .25rem 0 .75rem; }
.strip { display: flex; flex-wrap: wrap; gap: 3px; margin: 0 0 1rem; }
.strip .cell { display: block; width: 22px; height: 14px; border-radius: 3px; background: var(--c); }
.k-unchanged { --c: var(--unchanged); } .k-reworded { --c: var(--reworded); } .k-moved { --c: var(--moved); }
.k-merged { --c: var(--merged); } .k-split { --c: var(--split); } .k-added { --c: var(--added); }
.k-removed { --c: var(--removed); } .k-unreported { --c: var(--unreported); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
caption { text-align: left; font-weight: 600; padding-bottom: .35rem; }
.topics { max-width: 640px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; width: 5rem; }
td.bar { width: 40%; }
td.bar span { display: block; height: .6rem; margin-top: .45rem; border-radius: 3px; background: var(--reworded); min-width: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.stances { margin-bottom: 1rem; }
.stances tr.changed th { color: var(--ink); }
.stances tr.changed td:last-child { font-weight: 600; }
.statement-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: .75rem 1.5rem; }
.statements h3 { font-size: 1rem; margin: .25rem 0; }
.statements ul { margin: 0; padding-left: 1.1rem; }
.statements li { margin: .25rem 0; }
.which { color: var(--muted); font-size: .85rem; }
.stance { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-size: .8rem; font-weight: 600;
  color: #fff; background: var(--neutral); line-height: 1.5; }
.stance.none { background: transparent; color: var(--muted); }
.s-support { background: var(--support); } .s-conditional { background: var(--conditional); }
.s-oppose { background: var(--oppose); } .s-mixed { background: var(--mixed); }
.s-neutral { background: var(--neutral); } .s-unclear { background: var(--unclear); }
.toggle { margin-right: .35rem; }
.toggle-label { color: var(--muted); font-size: .9rem; }
.legend { display: inline-block; margin: 0 0 .75rem 1.25rem; font-size: .9rem; }
#hide-unchanged:checked ~ .change.k-unchanged { display: none; }
.change { border: 1px solid var(--line); border-left: 6px solid var(--c); border-radius: 10px; margin: .9rem 0; background: var(--paper); overflow: hidden; }
.change > header { display: flex; flex-wrap: wrap; align-items: center; gap: .45rem; padding: .55rem .9rem; background: var(--wash); border-bottom: 1px solid var(--line); }
.change .num { font-weight: 700; color: var(--muted); text-decoration: none; min-width: 1.6rem; }
.badge { display: inline-block; border-radius: 6px; padding: .05rem .5rem; font-size: .8rem; font-weight: 600; border: 1px solid var(--line); background: #fff; color: var(--muted); }
.badge.kind { background: var(--c); border-color: var(--c); color: #fff; text-transform: capitalize; }
.badge.partial { background: var(--unreported); border-color: var(--unreported); color: #fff; vertical-align: middle; }
.badge.confidence.high { color: var(--added); border-color: #a7dcb8; }
.badge.confidence.medium { color: var(--unreported); border-color: #f0cf9f; }
.badge.confidence.low { color: var(--removed); border-color: #f3b4b4; }
.refs { font-weight: 700; font-variant-numeric: tabular-nums; }
.topics { margin-left: auto; display: flex; flex-wrap: wrap; gap: .3rem; }
.topic { font-size: .75rem; color: var(--muted); background: #eef1f6; border-radius: 999px; padding: 0 .5rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; }
.sides.single { grid-template-columns: 1fr; }
.side { padding: .6rem .9rem .8rem; min-width: 0; }
.side.old { border-right: 1px solid var(--line); }
.side-name { margin: 0 0 .25rem; font-size: .7rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.point + .point { margin-top: .6rem; padding-top: .6rem; border-top: 1px dashed var(--line); }
.point .label { margin: 0 0 .2rem; font-size: .9rem; }
.point .ref { font-weight: 700; margin-right: .35rem; }
.point .title { font-weight: 600; }
.point .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.k-unchanged .point .text { color: var(--muted); }
del { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through; text-decoration-color: rgba(155,28,28,.55); border-radius: 3px; padding: 0 1px; }
ins { background: var(--ins-bg); color: var(--ins-ink); text-decoration: none; border-radius: 3px; padding: 0 1px; }
.absent { border: 1.5px dashed var(--line); border-radius: 8px; padding: .6rem .75rem; color: var(--muted); font-style: italic; }
.absent p { margin: .25rem 0 0; font-style: normal; font-size: .9rem; }
.absent.removed { border-color: #f3b4b4; color: var(--removed); background: #fff7f7; }
.absent.unreported { border-color: #f0cf9f; color: var(--unreported); background: #fffaf0; }
.absent strong { font-style: normal; }
.notes { list-style: none; margin: .6rem 0 0; padding: 0; }
.note { margin-top: .35rem; padding: .4rem .6rem; background: var(--wash); border-radius: 6px; font-size: .9rem; }
.note .party { font-weight: 700; margin-right: .25rem; }
q { font-style: italic; }
.by, .src { color: var(--muted); font-size: .85rem; }
.precondition { display: inline-block; border-radius: 6px; padding: 0 .45rem; font-size: .8rem; font-weight: 600; background: #e7ecf6; color: #334155; }
.empty { color: var(--muted); font-style: italic; }
footer { max-width: 1180px; margin: 0 auto 2rem; padding: 0 1.5rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 760px) {
  .revisions, .sides { grid-template-columns: 1fr; }
  .arrow { display: none; }
  .side.old { border-right: 0; border-bottom: 1px solid var(--line); }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  .top { background: #fff; color: var(--ink); padding: 0 0 .75rem; border-bottom: 2px solid var(--ink); }
  .top .eyebrow, .revision .facts, .revision .source, .revision .side-name, .arrow { color: var(--muted); }
  .top a { color: var(--ink); }
  .revision { background: #fff; border-color: var(--line); }
  main { padding: .75rem 0 0; }
  main > section { border: 0; padding: 0; margin-bottom: 1rem; }
  .toggle, .toggle-label, .strip { display: none; }
  .change { break-inside: avoid; page-break-inside: avoid; }
  a { color: var(--ink); text-decoration: none; }
}
"""
