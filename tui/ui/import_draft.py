"""The palette command `import: draft file...`: a draft joins the series on screen as its newest revision.

The import itself is the CLI's (`tui.importing`); this module only asks for
the file, writes the revision beside the series' newest file (atomically,
never over an existing file), reloads the workspace, and shows the
previous revision against the imported one. Detection warnings are shown
as a notification so the user checks the split.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..core import PropdiffError, load_paths, write_atomically
from ..importing.joining import join_series
from .screens.main_screen import MainScreen

COMMAND = "import: draft file..."


class ImportDialog(ModalScreen[Path | None]):
    """Ask for the draft's path; enter imports, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Import a draft (.txt, .md, .docx, .pdf) as the newest revision of this series")
            yield Input(placeholder="path of the draft file", id="draft-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


def import_draft(screen: MainScreen, path: Path) -> None:
    """Import `path` into the series `screen` shows, reload, and show the new pair; say why not, if not."""
    app = screen.app
    workspace = app.workspace  # type: ignore[attr-defined]
    if workspace.two_files:
        app.notify("import needs a folder of proposals, not two files", severity="warning")
        return
    try:
        joined = join_series(path, screen.series)
        write_atomically(joined.target, joined.text, force=False)
    except (PropdiffError, OSError) as error:
        app.notify(f"{path.name}: {error}", title="Import failed", severity="error")
        return
    paths = workspace.paths
    if not any(joined.target.resolve().is_relative_to(p.resolve()) for p in paths):
        paths = (*paths, joined.target)
    result = load_paths(list(paths))
    app.workspace = replace(workspace, catalog=result.catalog, problems=result.problems, paths=paths)  # type: ignore[attr-defined]
    series = result.catalog.get(screen.series.id)
    new = series.revision(joined.revision_id) if series else None
    old = series.revision(new.previous) if series and new and new.previous else None
    if series is None or new is None or old is None:
        app.notify(f"wrote {joined.target}, but it did not load: press p", severity="error")
        return
    screen.show_pair(series, old, new)
    warnings = len(joined.draft.warnings)
    note = f"; {warnings} warning(s): check the split" if warnings else "; check the points"
    app.notify(
        f"{len(new.points)} points from {path.name} as {new.id}, written to {joined.target}{note}",
        title="Imported",
        severity="warning" if warnings else "information",
        timeout=10,
    )


class ImportCommands(Provider):
    """Offers the import on the main screen, where there is a series to join."""

    def _open(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):

            def chosen(path: Path | None) -> None:
                if path is not None:
                    import_draft(screen, path)

            self.app.push_screen(ImportDialog(), chosen)

    async def discover(self) -> Hits:
        if isinstance(self.screen, MainScreen):
            yield DiscoveryHit(
                COMMAND, self._open, help="the draft becomes the newest revision of this series"
            )

    async def search(self, query: str) -> Hits:
        if not isinstance(self.screen, MainScreen):
            return
        score = self.matcher(query).match(COMMAND)
        if score > 0:
            yield Hit(score, self.matcher(query).highlight(COMMAND), partial(self._open))
