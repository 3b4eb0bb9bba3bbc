"""Choose any OLD and NEW revision of the series."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model import Revision, Series
from ...pairs import position
from ...wording import revision_facts


class RevisionPicker(ModalScreen[tuple[Revision, Revision] | None]):
    """Two lists, OLD and NEW; tab moves between them, enter compares, escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "choose", "Compare", priority=True),
        Binding("tab", "app.focus_next", "Other list", show=False),
    ]

    def __init__(self, series: Series, old: Revision, new: Revision) -> None:
        super().__init__()
        self.series = series
        self.old = old
        self.new = new

    def _options(self) -> list[Option]:
        return [
            Option(Content.assemble(revision_facts(r), ("\n  " + position(self.series, r), "dim")), id=r.id)
            for r in self.series.revisions
        ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Compare (tab: other list, enter: compare, escape: cancel)")
            with Horizontal():
                with Vertical():
                    yield Label(Content.styled("OLD", "bold reverse"))
                    yield OptionList(*self._options(), id="old-list")
                with Vertical():
                    yield Label(Content.styled("NEW", "bold reverse"))
                    yield OptionList(*self._options(), id="new-list")

    def on_mount(self) -> None:
        ids = [r.id for r in self.series.revisions]
        self.query_one("#old-list", OptionList).highlighted = ids.index(self.old.id)
        self.query_one("#new-list", OptionList).highlighted = ids.index(self.new.id)
        self.query_one("#old-list", OptionList).focus()

    def action_choose(self) -> None:
        old = self.query_one("#old-list", OptionList).highlighted
        new = self.query_one("#new-list", OptionList).highlighted
        if old is None or new is None:
            return
        if old == new:
            self.notify("OLD and NEW are the same revision: choose two", severity="warning")
            return
        self.dismiss((self.series.revisions[old], self.series.revisions[new]))

    def action_cancel(self) -> None:
        self.dismiss(None)
