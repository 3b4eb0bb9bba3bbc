"""At a fork of the series, choose which branch to compare with the revision they all revise.

The E3 counter-proposal and the Geneva version both revise draft-28: `]` and
`[` visit such branches one after the other in series order, and this picker
lets the reader go straight to the one they want.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model import Revision, Series
from ...pairs import children, lineage
from ...wording import clean, revision_facts


def continued_by(series: Series, revision: Revision) -> str:
    """`continued by framework-20`, or `no later revision revises it`: where a branch leads."""
    later = children(series, revision)
    if not later:
        return "no later revision revises it"
    return "continued by " + ", ".join(clean(r.id) for r in later)


class BranchPicker(ModalScreen[Revision | None]):
    """The revisions that revise `fork`, one line each; enter compares, escape keeps the pair.

    `new` is the NEW revision shown: the branch it is on (itself, or the one it descends from)
    is marked and highlighted.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, series: Series, fork: Revision, new: Revision) -> None:
        super().__init__()
        self.series = series
        self.fork = fork
        self.branches = children(series, fork)
        line = {r.id for r in lineage(series, new)}
        self.current = next((b for b in self.branches if b.id in line), None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(
                Content.assemble(
                    "The series forks at ",
                    (clean(self.fork.id), "bold"),
                    f": {len(self.branches)} revisions revise it. Compare it with:",
                )
            )
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            ("▶ " if branch is self.current else "  ", "bold"),
                            revision_facts(branch),
                            ("\n    " + continued_by(self.series, branch), "dim"),
                        ),
                        id=branch.id,
                    )
                    for branch in self.branches
                ),
                id="branch-list",
            )
            yield Label(Content.styled("↑ ↓ choose · enter compare · escape keep the pair", "dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [b.id for b in self.branches]
        options.highlighted = ids.index(self.current.id) if self.current is not None else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.branches[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
