"""Choose which kinds of change the diff shows (unchanged is hidden by default)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from ...engine.align import MatchKind
from ...engine.compare import Comparison


def kind_prompt(kind: MatchKind, count: int, shown: bool) -> Content:
    """`reworded (17)`, or `unchanged (0) · hidden`: the checkbox tells them apart by colour only,
    which NO_COLOR and a monochrome terminal do not show."""
    return Content.assemble(f"{kind.value} ({count:,})", ("" if shown else "  · hidden", "bold"))


class FilterDialog(ModalScreen[frozenset[MatchKind] | None]):
    """A checklist of change kinds with their counts; enter applies, escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply", priority=True),
    ]

    def __init__(self, comparison: Comparison, hidden: frozenset[MatchKind]) -> None:
        super().__init__()
        self.comparison = comparison
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        summary = self.comparison.summary
        with Vertical(classes="dialog"):
            yield Label("Show changes of kind (space toggles, enter applies, escape cancels)")
            yield SelectionList[MatchKind](
                *(
                    (kind_prompt(kind, summary.count(kind), shown), kind, shown)
                    for kind, shown in ((kind, kind not in self.hidden) for kind in MatchKind)
                ),
                id="kinds",
            )

    def on_mount(self) -> None:
        kinds = self.query_one(SelectionList)
        kinds.highlighted = 0
        kinds.focus()

    @on(SelectionList.SelectedChanged, "#kinds")
    def _toggled(self) -> None:
        kinds = self.query_one(SelectionList)
        selected = set(kinds.selected)
        for index, kind in enumerate(MatchKind):
            prompt = kind_prompt(kind, self.comparison.summary.count(kind), kind in selected)
            kinds.replace_option_prompt_at_index(index, prompt)

    def action_apply(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        self.dismiss(frozenset(kind for kind in MatchKind if kind not in shown))

    def action_cancel(self) -> None:
        self.dismiss(None)
