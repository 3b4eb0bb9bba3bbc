"""The propdiff app: opens on the workspace's opening pair, or on a screen saying why it cannot."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from ..engine.compare import ComparisonCache
from ..model import Series
from .commands import PairCommands
from .import_draft import ImportCommands
from .screens.empty_screen import EmptyScreen
from .screens.help_screen import HelpScreen
from .screens.main_screen import MainScreen
from .workspace import Workspace

THEMES = ("textual-dark", "textual-light")
"""Themes `t` cycles through."""


def comparable(series: tuple[Series, ...]) -> tuple[Series, ...]:
    """Series with two revisions or more: the only ones a diff can show."""
    return tuple(s for s in series if len(s.revisions) >= 2)


class PropdiffApp(App[None]):
    """Two revisions of a proposal side by side, each party's position beside them."""

    TITLE = "propdiff"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PairCommands, ImportCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("e", "export", "Export"),
        Binding("t", "next_theme", "Theme"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.comparisons = ComparisonCache()
        """Every comparison this app made; it owns them (a reload can clear them)."""

    def on_mount(self) -> None:
        series = comparable(self.workspace.series)
        if not series:
            self.push_screen(EmptyScreen(self.workspace))
            return
        self.push_screen(MainScreen(self.opening_series(series)))
        failed = len(self.workspace.catalog.failed)
        if failed:
            self.notify(
                f"{failed} file{'s' if failed != 1 else ''} did not load: press p to see the errors",
                severity="warning",
                timeout=8,
            )

    def opening_series(self, series: tuple[Series, ...]) -> Series:
        """The bundled sample opens on the US plan (the one the README describes); otherwise the first."""
        for candidate in series:
            if candidate.id == self.workspace.start_series:
                return candidate
        return series[0]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_next_theme(self) -> None:
        names = [*THEMES]
        position = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(position + 1) % len(names)]
        self.notify(f"theme: {self.theme}")

    def action_export(self) -> None:
        """Write the comparison shown as Markdown beside the user, never over an existing file."""
        from ..core import PropdiffError, render, write_atomically

        screen = self.screen
        if not isinstance(screen, MainScreen) or screen.comparison is None:
            self.notify("nothing to export yet", severity="warning")
            return
        comparison = screen.comparison
        target = Path.cwd() / f"propdiff-{comparison.old.id}-{comparison.new.id}.md"
        try:
            write_atomically(target, render(comparison, "markdown"), force=False)
        except (PropdiffError, OSError) as error:
            self.notify(str(error), title="Export failed", severity="error")
            return
        self.notify(f"wrote {target}", title="Exported")

