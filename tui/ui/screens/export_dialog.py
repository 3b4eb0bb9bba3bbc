"""Export the comparison shown: choose a format and a file, with the same code as `propdiff export`.

The path is checked before anything is rendered (`tui.export.target`): a
missing folder, a folder or a pipe given as the file, a name ending in
another format's suffix are refused with a sentence; a name without a suffix
gets the format's. The dialog never overwrites silently: when the file exists it says so and
the button becomes "Overwrite", which a second press confirms; changing the
path or the format asks again. The text is rendered and written in a thread
(a 10,000-point HTML export takes a moment), piece by piece as the command
line writes it (`render_pieces`: a long JSON export is never held whole),
atomically, so the file is either complete or untouched. It dismisses with the path written; the app
says where.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from ...engine.compare import Comparison
from ...errors import PropdiffError
from ...export import FORMATS, ExportError, ExportFormat, render_pieces, write_atomically
from ...export.target import export_target
from ...sanitize import neutralise

DEFAULT_FORMAT = "markdown"


class FormatButton(RadioButton):
    """A radio button whose dot shows only when chosen: Textual's draws the dot on every button and
    tells the chosen one by colour alone, so under NO_COLOR or on a monochrome terminal all four
    formats looked chosen."""

    @property
    def _button(self) -> Content:
        button = super()._button
        if self.value or len(button.plain) != 3:
            return button
        left, inner, right = button.divide([1, 2])
        return Content.assemble(left, Content(" ", [Span(0, 1, span.style) for span in inner.spans]), right)


def default_name(comparison: Comparison, fmt: ExportFormat) -> str:
    """`propdiff-SERIES-OLD-NEW.md`: ids are slugs, so the name is safe on every file system."""
    return f"propdiff-{comparison.series.id}-{comparison.old.id}-{comparison.new.id}{fmt.suffix}"


class ExportDialog(ModalScreen[Path | None]):
    """Format, path, Export; escape cancels."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > #export {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportDialog #formats { width: 100%; height: auto; border: none; padding: 0; }
    ExportDialog #path { margin: 1 0 0 0; }
    ExportDialog #message { height: auto; min-height: 1; margin: 1 0 0 0; }
    ExportDialog #message.-warn { color: $text-warning; }
    ExportDialog #message.-error { color: $text-error; }
    ExportDialog #buttons { height: auto; align-horizontal: right; }
    ExportDialog #buttons Button { margin: 0 0 0 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, comparison: Comparison, folder: Path | None = None) -> None:
        super().__init__()
        self.comparison = comparison
        self.folder = folder if folder is not None else Path.cwd()
        self.format = FORMATS[DEFAULT_FORMAT]
        self._warned: Path | None = None
        """The existing file the user was told about: pressing again (now "Overwrite") replaces it."""

    def compose(self) -> ComposeResult:
        title = f"Export {self.comparison.old.id} → {self.comparison.new.id}"
        with Vertical(id="export", classes="dialog"):
            yield Label(Content(neutralise(title)), id="title")
            with RadioSet(id="formats"):
                for fmt in FORMATS.values():
                    label = Content(f"{fmt.name:<9} {fmt.description}")
                    yield FormatButton(label, value=fmt is self.format, name=fmt.name)
            yield Input(str(self.folder / default_name(self.comparison, self.format)), id="path")
            yield Static("", id="message", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Export", variant="primary", id="write")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        # A toast left from before ("Exported / wrote …") is about another moment and, at 80x24,
        # sits over this dialog's message and buttons.
        self.app.clear_notifications()
        self.query_one("#path", Input).focus()
        # The radio set's keyboard cursor starts on the first format: move it to the chosen one.
        formats = self.query_one("#formats", RadioSet)
        for _ in range(list(FORMATS).index(self.format.name)):
            formats.action_next_button()

    @on(RadioSet.Changed, "#formats")
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        chosen = FORMATS[event.pressed.name or DEFAULT_FORMAT]
        path = self.query_one("#path", Input)
        if path.value.endswith(self.format.suffix):
            path.value = path.value[: -len(self.format.suffix)] + chosen.suffix
        self.format = chosen
        self._ask_again()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._ask_again()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        path = self.query_one("#path", Input)
        try:
            target = export_target(path.value, self.format, self.folder)
        except ExportError as error:
            self._say(f"Not written: {error}", "-error")
            return
        if target.suffix_added:
            with path.prevent(Input.Changed):  # the fixed name is what was asked, not a new path
                path.value = str(target.path)
        added = f"({self.format.suffix} added) " if target.suffix_added else ""
        if target.exists and self._warned != target.path:
            self._say(
                f"{target.path} {added}already exists. Press Overwrite to replace it, or change the path.",
                "-warn",
            )
            self._confirming(target.path)
            return
        self._say(f"Writing {self.format.name} to {target.path} {added}…", "")
        self.query_one("#write", Button).disabled = True
        self._write(target.path, self.format, force=target.exists)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _confirming(self, target: Path) -> None:
        self._warned = target
        button = self.query_one("#write", Button)
        button.label = "Overwrite"
        button.variant = "warning"

    def _ask_again(self) -> None:
        """A new path or format: an earlier "Overwrite" no longer stands."""
        self._warned = None
        button = self.query_one("#write", Button)
        button.label = "Export"
        button.variant = "primary"
        self._say("", "")

    def _say(self, text: str, tone: str) -> None:
        message = self.query_one("#message", Static)
        message.set_classes(tone)
        message.update(Content(neutralise(text)))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, target: Path, fmt: ExportFormat, force: bool) -> Path:
        write_atomically(target, render_pieces(self.comparison, fmt), force=force)
        return target

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export":
            return
        if event.state is WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self.query_one("#write", Button).disabled = False
            error = event.worker.error
            reason = str(error) if isinstance(error, (PropdiffError, OSError)) else repr(error)
            self._say(f"Not written: {reason}", "-error")
            self._warned = None
