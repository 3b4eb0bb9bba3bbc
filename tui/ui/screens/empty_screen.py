"""Shown instead of the diff when nothing could be opened: what is wrong and how to fix it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...wording import pluralise
from .problems_screen import problems_content

if TYPE_CHECKING:
    from ..workspace import Workspace


def advice(workspace: Workspace) -> Content:
    """Why there is nothing to compare, and the command that would help."""
    where = ", ".join(str(p) for p in workspace.paths) or "."
    files = workspace.catalog.files
    if not files:
        return Content.assemble(
            ("Nothing to compare: ", "bold"),
            f"no proposal files (*.yaml, *.yml) in {where}.\n\n",
            "Run propdiff in a folder of proposal files, name them (propdiff FILE... or FOLDER), "
            "or run it elsewhere to open the bundled sample. `propdiff schema` prints the format.",
        )
    if workspace.problems:
        return Content.assemble(
            ("Nothing to compare: ", "bold"),
            f"{pluralise(len(workspace.catalog.failed), 'file')} of {len(files)} failed to load.\n",
            "Fix the problems below (each names file:line:col), then run propdiff again; "
            "`propdiff validate` lists them too.\n\n",
            problems_content(workspace),
        )
    return Content.assemble(
        ("Nothing to compare: ", "bold"),
        f"the files in {where} hold no series with two revisions.\n",
        "A comparison needs two revisions: add one with `previous:` naming the first.",
    )


class EmptyScreen(Screen[None]):
    """The whole window says what is wrong; q quits."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="empty"):
            yield Static(advice(self.workspace), id="empty-text")
        yield Footer()
