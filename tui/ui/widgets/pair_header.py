"""The header: the series, where its data came from, and the two revisions compared."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...model import Revision, Series
from ...pairs import position
from ...wording import clean, revision_facts


def facts(revision: Revision) -> str:
    """`revision_facts`, saying "complete" too: the header must say which one each side is."""
    text = revision_facts(revision)
    return text if revision.partial else f"{text}, complete"


def header_content(series: Series, old: Revision, new: Revision, origin: str) -> Content:
    """Three lines (each cut at the window's edge): series and origin; OLD; NEW, each with its place."""
    return Content.assemble(
        (clean(series.display_title), "bold"),
        (f" ({clean(series.id)})" if series.title else "", "dim"),
        (" · ", "dim"),
        (origin, "italic"),
        "\n",
        ("OLD", "bold reverse"),
        " ",
        facts(old),
        (" · " + position(series, old), "dim"),
        "\n",
        ("NEW", "bold reverse"),
        " ",
        facts(new),
        (" · " + position(series, new), "dim"),
    )


class PairHeader(Static):
    """What is compared, in plain words; updated whenever the pair changes."""

    def show(self, series: Series, old: Revision, new: Revision, origin: str) -> None:
        self.update(header_content(series, old, new, origin))
