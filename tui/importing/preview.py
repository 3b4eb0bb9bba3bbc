"""The `--preview` report: the detected points as a table, then the spots to check.

Meant to be read before writing anything, so it shows what a user needs to
judge the split: each point's number and title and the first words of its
text, and every ambiguous place with where to find it in the input.
"""

from __future__ import annotations

from .detect import Draft

FIRST_WORDS = 8


def format_preview(draft: Draft, input_name: str) -> str:
    lines = [f"{input_name}: {len(draft.points)} point(s), {draft.scheme}"]
    if draft.title:
        lines.append(f"title: {draft.title}")
    rows = [["#", "number", "title", "first words"]]
    for position, point in enumerate(draft.points, 1):
        words = point.text.split()
        first = " ".join(words[:FIRST_WORDS]) + (" ..." if len(words) > FIRST_WORDS else "")
        rows.append([str(position), point.number or "-", _clip(point.title or "-", 32), first])
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)] + [row[3]]
        lines.append("  " + "  ".join(cells).rstrip())
    if draft.notes:
        lines.append(f"outside any point: {len(draft.notes)} paragraph(s) (preamble, section headings)")
    if draft.warnings:
        lines.append(f"{len(draft.warnings)} warning(s):")
        lines += [f"  {warning}" for warning in draft.warnings]
    return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
