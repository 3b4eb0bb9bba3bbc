"""The propdiff app: opens on the workspace's opening pair, or on a screen saying why it cannot."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme

from ..sanitize import neutralise
from . import theming
from .commands import PairCommands
from .config import config_path, load_config, save_config
from .live_reload import FilesChanged, watch
from .screens.loading_screen import LoadingScreen

if TYPE_CHECKING:
    # Not imported before the first frame: the engine (numpy, scipy) loads in the
    # comparison worker, the reader (YAML, validation) in the loading worker.
    from textual.command import Provider

    from ..engine.compare import ComparisonCache
    from ..model import Series
    from .workspace import Workspace

ENGINE = "tui.engine.compare"
COLLECTOR_THRESHOLDS = (10_000, 10, 10)
"""`gc.set_threshold` once the app runs (see `PropdiffApp.settle_collector`)."""
QUIET_SECONDS = 0.3
"""No key for this long: a collection now delays nobody (see `PropdiffApp._collect_when_quiet`)."""
QUIET_PENDING = 5_000
"""Objects allocated since the last collection worth a quiet collection."""


def _import_commands() -> type[Provider]:
    """The palette's import command, loaded when the palette first opens."""
    from .import_draft import ImportCommands

    return ImportCommands


@dataclass
class WorkspaceLoaded(Message):
    """The loading thread read the files."""

    workspace: Workspace


@dataclass
class LoadFailed(Message):
    """The loading thread failed (not a problem in a file, which the workspace reports)."""

    text: str


def comparable(series: tuple[Series, ...]) -> tuple[Series, ...]:
    """Series with two revisions or more: the only ones a diff can show."""
    return tuple(s for s in series if len(s.revisions) >= 2)


class PropdiffApp(App[None]):
    """Two revisions of a proposal side by side, each party's position beside them."""

    TITLE = "propdiff"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PairCommands, _import_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("e", "export", "Export"),
        Binding("t", "next_theme", "Theme"),
    ]

    def __init__(
        self,
        workspace: Workspace | Callable[[], Workspace],
        *,
        loading: str = "the proposals",
        settings: Path | None = None,
        live: bool = True,
    ) -> None:
        """`workspace`: what to show, or a function that loads it; then the first frame says
        "Loading `loading`…" at once and the files are read in a worker thread.
        `settings`: the settings file (default: under the user's config folder);
        `live`: reload files changed on disk."""
        super().__init__()
        self.workspace: Workspace | None = None if callable(workspace) else workspace
        self._load = workspace if callable(workspace) else None
        self.loading = loading
        self._comparisons: ComparisonCache | None = None
        self._comparisons_lock = threading.Lock()
        self.settings_path = settings or config_path()
        self.config, problem = load_config(self.settings_path)
        # The theme is set before Textual first parses the stylesheet (see `start_with_theme`).
        self.own_themes, theme_files = theming.register_themes(self)
        theme, unavailable = theming.choose_theme(self, self.config.theme)
        theming.start_with_theme(self, theme)
        self._settings_problems = [p for p in (problem, *theme_files, unavailable) if p is not None]
        """What was wrong with the settings or the theme files: said once the app runs."""
        self.live = live
        self._watching: asyncio.Task[None] | None = None
        self._last_key = 0.0

    @property
    def comparisons(self) -> ComparisonCache:
        """Comparisons of this app's pairs; cleared with the app, never shared with another.

        Made on first use, which imports the engine: the comparison worker does
        that, so the first frame never waits for numpy and scipy.
        """
        with self._comparisons_lock:
            if self._comparisons is None:
                from ..engine.compare import ComparisonCache

                self._comparisons = ComparisonCache()
            return self._comparisons

    def comparisons_at_hand(self) -> ComparisonCache | None:
        """The cache when the engine is imported already, else None (compare in a worker)."""
        return self.comparisons if ENGINE in sys.modules else None

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our diff and stance colours under any theme, built-in ones included."""
        return theming.variable_defaults(self.current_theme.dark)

    def on_mount(self) -> None:
        self._apply_settings()
        if self._load is not None:
            self.push_screen(LoadingScreen(self.loading))
            threading.Thread(target=self._load_workspace, args=(self._load,), daemon=True).start()
        else:
            self._open()

    def _load_workspace(self, load: Callable[[], Workspace]) -> None:
        """Read the files, then import the engine here too: the main screen then compares a
        small opening pair at once (its first frame has the rows) instead of drawing a
        placeholder while another worker imports numpy and scipy beside the UI thread.

        A daemon thread, not a Textual worker: those run in an executor whose threads
        are joined at exit, so q on the loading screen of a big folder waited seconds
        for files nobody would see.
        """
        try:
            workspace = load()
            self.comparisons  # noqa: B018 - made for its import
        except Exception as error:  # noqa: BLE001 - said on the way out, not a traceback in the thread
            why = neutralise(str(error))
            self.post_message(LoadFailed(f"propdiff: could not load {self.loading}: {why}"))
            return
        with contextlib.suppress(RuntimeError):  # the app quit meanwhile: its loop is closed
            self.post_message(WorkspaceLoaded(workspace))

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.exit(return_code=1, message=message.text)

    @on(WorkspaceLoaded)
    def _loaded(self, message: WorkspaceLoaded) -> None:
        self.workspace = message.workspace
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LoadingScreen):
            self.pop_screen()  # help opened while loading
        self._open(replace=isinstance(self.screen, LoadingScreen))

    def _open(self, replace: bool = False) -> None:
        """The main screen on the workspace's opening pair, or the screen that says why not
        (in place of the loading screen with `replace`)."""
        from .screens.empty_screen import EmptyScreen
        from .screens.main_screen import MainScreen

        workspace = self.workspace
        assert workspace is not None
        show = self.switch_screen if replace else self.push_screen
        self.call_after_refresh(self._started)
        series = comparable(workspace.series)
        if not series:
            show(EmptyScreen(workspace))
            return
        show(MainScreen(self.opening_series(series)))
        failed = len(workspace.catalog.failed)
        if failed:
            self.notify(
                f"{failed} file{'s' if failed != 1 else ''} did not load: press p to see the errors",
                severity="warning",
                timeout=8,
            )

    def _started(self) -> None:
        """The main screen (a small pair's rows in it) or the empty screen is drawn: what
        can wait for it starts now."""
        if not gc.isenabled():
            self.settle_collector()
            self.set_interval(QUIET_SECONDS, self._collect_when_quiet)
        if self.live and self._watching is None and self.workspace is not None:
            # A task, not a worker: it runs as long as the app, and tests that wait
            # for every worker to finish must not wait for it.
            self._watching = asyncio.get_running_loop().create_task(watch(self, self.workspace.paths))

    @staticmethod
    def settle_collector() -> None:
        """Once the main or empty screen is drawn: freeze what startup built and let the
        collector run again, less often (`run_app` paused it; under tests it was never
        paused and this changes nothing).

        Every `Strip` Textual draws holds seven small caches, so a frame allocates
        thousands of tracked objects and the default threshold (700) ran the collector
        several times per key press, 1-2 ms each, with a full pass of 25-45 ms now and
        then: the worst key presses on a 10,000-point pair. Refcounting frees almost all
        of it; a higher first threshold keeps the collector for what it is for (cycles).
        Not too high: each pass walks the young objects still alive, so 50,000 made rare
        passes of 45-55 ms; 10,000 keeps a burst of 80 keys under 26 ms each (CPU).
        """
        if not gc.isenabled():
            gc.freeze()
            gc.set_threshold(*COLLECTOR_THRESHOLDS)
            gc.enable()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    def _collect_when_quiet(self) -> None:
        """Collect while nobody is pressing keys, so that the collector (its threshold
        raised) seldom has to run in the middle of a key press."""
        if time.monotonic() - self._last_key > QUIET_SECONDS and gc.get_count()[0] > QUIET_PENDING:
            gc.collect(1)

    async def on_unmount(self) -> None:
        if self._watching is not None:
            self._watching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watching

    def opening_series(self, series: tuple[Series, ...]) -> Series:
        """The bundled sample opens on the US plan (the one the README describes); otherwise the first."""
        start = self.workspace.start_series if self.workspace is not None else None
        for candidate in series:
            if candidate.id == start:
                return candidate
        return series[0]

    def action_help(self) -> None:
        from .screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- themes and settings -------------------------------------------------------

    def _apply_settings(self) -> None:
        """Say what was wrong with the settings or the theme files (read when the app was made),
        and remember the theme the user chooses from now on."""
        problems = self._settings_problems
        if problems:
            self.notify("\n".join(problems), title="Settings", severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        """Whichever way the theme changed (t, the command palette), the next run opens with it."""
        if theme.name == self.config.theme:
            return
        self.config = self.config.with_theme(theme.name)
        problem = save_config(self.config, self.settings_path)
        if problem is not None:
            self.notify(problem, title="Settings not saved", severity="warning", markup=False)

    def action_next_theme(self) -> None:
        self.theme = theming.next_theme(self.theme, self.own_themes)
        self.notify(f'theme: {self.theme} (ctrl+p, then "theme", lists every theme)', markup=False)

    # -- export --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            # Only the diff has a comparison to export: elsewhere (a history, the help) e is
            # neither offered in the footer nor answers "nothing to export".
            return getattr(self.screen, "EXPORTS", False)
        return True

    def action_export(self) -> None:
        """The export dialog on the comparison shown; it writes with the command line's code."""
        from .screens.export_dialog import ExportDialog
        from .screens.main_screen import MainScreen

        screen = self.screen
        if isinstance(screen, MainScreen) and screen.comparison is None and screen.comparing:
            screen.export_when_done()  # e again cancels
            return
        if not isinstance(screen, MainScreen) or screen.comparison is None:
            self.notify("nothing to export yet", severity="warning")
            return

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"wrote {path}", title="Exported", markup=False)

        self.push_screen(ExportDialog(screen.comparison, Path.cwd()), written)

    # -- live reload ---------------------------------------------------------------

    @on(FilesChanged)
    async def _files_changed(self, message: FilesChanged) -> None:
        """Re-read the changed files only; the main screen keeps the pair and the point."""
        from .screens.empty_screen import EmptyScreen
        from .screens.main_screen import MainScreen
        from .workspace import reloaded

        if self.workspace is None:
            return
        self.workspace = reloaded(self.workspace, message.paths)
        mains = [screen for screen in self.screen_stack if isinstance(screen, MainScreen)]
        for screen in mains:
            await screen.reload(self.workspace, message.paths)
        series = comparable(self.workspace.series)
        if not mains and series and isinstance(self.screen, EmptyScreen):
            # The files that failed to open were fixed: open as if launched now.
            await self.switch_screen(MainScreen(self.opening_series(series)))
