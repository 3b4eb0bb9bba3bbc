"""The header: the series, where its data came from, and the two revisions compared."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...model import Revision, Series
from ...pairs import position
from ...wording import clean, revision_facts


def header_content(series: Series, old: Revision, new: Revision, origin: str) -> Content:
    """Three lines: series and origin; OLD facts and place; NEW facts and place."""
    return Content.assemble(
        (clean(series.display_title), "bold"),
        (f"  ({clean(series.id)})" if series.title else "", "dim"),
        ("  ·  ", "dim"),
        (origin, "italic"),
        "\n",
        ("OLD ", "bold reverse"),
        " ",
        revision_facts(old),
        ("  ·  ", "dim"),
        (position(series, old), "dim"),
        "\n",
        ("NEW ", "bold reverse"),
        " ",
        revision_facts(new),
        ("  ·  ", "dim"),
        (position(series, new), "dim"),
    )


class PairHeader(Static):
    """What is compared, in plain words; updated whenever the pair changes."""

    def show(self, series: Series, old: Revision, new: Revision, origin: str) -> None:
        self.update(header_content(series, old, new, origin))
