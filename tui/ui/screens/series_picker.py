"""Switch to another loaded series."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model import Series
from ...wording import clean, pluralise


class SeriesPicker(ModalScreen[Series | None]):
    """One entry per series, the one shown marked ▶ (the highlight alone is colour, and moves with the
    arrows); enter switches, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, series: tuple[Series, ...], current: Series) -> None:
        super().__init__()
        self.series = series
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Switch series (enter: open, escape: cancel)")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            ("▶ " if s is self.current else "  ", "bold"),
                            (clean(s.display_title), "bold"),
                            (f"\n    {clean(s.id)} · {pluralise(len(s.revisions), 'revision')}", "dim"),
                            (" · shown now" if s is self.current else "", "dim"),
                        ),
                        id=s.id,
                    )
                    for s in self.series
                ),
                id="series-list",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = [s.id for s in self.series].index(self.current.id)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.series[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
