"""The header: the series, where its data came from, and the two revisions compared.

Each revision's line is fitted to the window by whole facts (`fitting`): the least telling
go first (the branch note, the status, the date), and "partial" or "complete" always stays,
since a line cut at the edge hid that a revision is known only in part.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...model import Revision, Series
from ...pairs import position_parts
from ...wording import clean
from .fitting import ALWAYS, Item, Separators, fit

FACTS = Separators(gap=(", ",), bar=((" · ", "dim"),), tight_gap=(", ",), tight_bar=((" · ", "dim"),))
TAG = 4
"""Cells the "OLD " / "NEW " tag takes before the facts."""


def revision_items(series: Series, revision: Revision) -> list[Item]:
    """`28-point draft (draft-28), 2025-11-20, draft, 28 points, complete · 1 of 4, first revision`,
    as whole facts, each with how much it matters: the branch note goes first, then the status,
    the link to the revision it revises, the date; then the label gives way to the bare id."""
    name = clean(revision.display_name)
    items = [
        Item(
            0,
            ALWAYS,
            (f"{name} ({clean(revision.id)})" if revision.label else name,),
            (clean(revision.id),) if revision.label else None,
            short_rank=4,
        )
    ]
    if revision.date:
        items.append(Item(0, 3.5, (revision.date.isoformat(),)))
    if revision.status:
        items.append(Item(0, 2, (revision.status,)))
    count = len(revision.points)
    known = " known" if revision.partial else ""
    items.append(Item(0, 6, (f"{count:,} point{'s' if count != 1 else ''}{known}",)))
    items.append(Item(0, ALWAYS, ("partial" if revision.partial else "complete",)))
    where, link, branch = position_parts(series, revision)
    items.append(Item(1, 5, ((where, "dim"),)))
    items.append(Item(1, 3, ((f", {link}", "dim"),), attached=True))
    if branch:
        items.append(Item(1, 1, ((f" ({branch})", "dim"),), attached=True))
    return items


def header_content(series: Series, old: Revision, new: Revision, origin: str, width: int = 10_000) -> Content:
    """Three lines: series and origin (cut at the edge if it must be); OLD and NEW, fitted to `width`."""
    lines = [
        Content.assemble(
            (clean(series.display_title), "bold"),
            (f" ({clean(series.id)})" if series.title else "", "dim"),
            (" · ", "dim"),
            (origin, "italic"),
        )
    ]
    for tag, revision in (("OLD", old), ("NEW", new)):
        facts = fit(revision_items(series, revision), width - TAG, FACTS)
        lines.append(Content.assemble((tag, "bold reverse"), " ", facts))
    return Content("\n").join(lines)


class PairHeader(Static):
    """What is compared, in plain words; updated whenever the pair changes, fitted on every resize."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, markup=False)
        self._pair: tuple[Series, Revision, Revision, str] | None = None

    def show(self, series: Series, old: Revision, new: Revision, origin: str) -> None:
        self._pair = (series, old, new, origin)
        self.refresh()

    def render(self) -> Content:
        if self._pair is None:
            return Content("")
        return header_content(*self._pair, width=self.content_size.width)

    def on_resize(self) -> None:
        self.refresh()
