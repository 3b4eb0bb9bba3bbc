"""Files that failed to load, each problem with its place (`file:line:col: message`)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ...wording import pluralise

if TYPE_CHECKING:
    from ..workspace import Workspace


def problems_content(workspace: Workspace) -> Content:
    by_file: dict[str, list[str]] = defaultdict(list)
    for problem in workspace.problems:
        by_file[problem.location.path].append(str(problem))
    parts: list[str | tuple[str, str]] = [
        (f"{pluralise(len(by_file), 'file')} did not load", "bold"),
        " (left out; everything else is shown):\n",
    ]
    for path, lines in by_file.items():
        parts += ["\n", (path, "bold underline"), "\n"]
        parts += [f"  {line}\n" for line in lines]
    return Content.assemble(*parts)


class ProblemsScreen(ModalScreen[None]):
    """A scrollable list of every problem; escape or p closes it."""

    BINDINGS = [Binding("escape,p,q", "close", "Close")]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="problems"):
            yield Static(problems_content(self.workspace), id="problems-text")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
