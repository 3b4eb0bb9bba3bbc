"""The main screen: header, side-by-side diff, party panes, summary bar, footer.

It holds which pair is shown and asks the core for everything else:
`compare()` in a worker thread (so the first frame never waits for an
alignment), stepping from `tui.pairs`, wording from `tui.wording`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...engine.progress import Cancelled, Progress
from ...model import Revision, Series
from ...pairs import children, choose_pair, pick_revisions, step
from ..detached import detached
from ..messages import ComparisonProgress, ComparisonReady, ProvisionalReady
from ..phases import LAYOUT, phase_text
from ..widgets.diff_view import DiffView, Measured, measure
from ..widgets.keys_footer import KeysFooter
from ..widgets.pair_header import PairHeader
from ..widgets.party_panes import PartyPanes
from ..widgets.summary_bar import SummaryBar, provisional_items, summary_items

if TYPE_CHECKING:
    from ...engine.align import MatchKind
    from ...engine.compare import Comparison
    from ...engine.provisional import Provisional

MIN_WIDTH = 60
MIN_HEIGHT = 16
"""Below this the three panes cannot show a readable row: a notice replaces them."""


INLINE_POINTS = 200
"""Pairs this small (both sides' points together) are compared at once, in a few tens of
milliseconds: a worker would only add a frame of placeholder before the rows."""

PROVISIONAL_POINTS = 2_000
"""Pairs this large (both sides together) show their decided rows first (`tui.engine.provisional`)
while the alignment runs: it takes a quarter of a second or more from here, long enough to read by."""

PROVISIONAL_WAIT = 2.0
"""Seconds the worker waits for the decided rows to be drawn before aligning (see `ProvisionalReady`)."""


def same_point(before: Revision, after: Revision, index: int) -> int | None:
    """Where point `index` of `before` is in `after` (another version of the same revision):
    by its id or printed number, else the same place; None when `after` has no points."""
    if not after.points:
        return None
    point = before.points[index]
    for ref in (point.id, point.number):
        if ref is not None and (found := after.find_point(ref)) is not None:
            return found
    return min(index, len(after.points) - 1)


class MainScreen(Screen[None]):
    """Two revisions side by side and each party's position, driven by the keyboard."""

    EXPORTS = True
    """The app's e (export) acts on this screen's comparison."""

    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Older pair", tooltip="Step the pair one revision older"),
        Binding("right_square_bracket", "step(1)", "Newer pair", tooltip="Step the pair one revision newer"),
        Binding("b", "choose_branch", "Branch", tooltip="At a fork: choose which branch to compare"),
        Binding("r", "pick_revisions", "Revisions", tooltip="Choose any OLD and NEW revision"),
        Binding("s", "pick_series", "Series", tooltip="Switch to another loaded series"),
        Binding("u", "toggle_unchanged", "Unchanged", tooltip="Show or hide unchanged points"),
        Binding("f", "filter_kinds", "Filter", tooltip="Choose which kinds of change are shown"),
        Binding("slash", "search", "Search", tooltip="Search point text; then n / N for next / previous hit"),
        Binding("h", "history", "History", tooltip="History of the focused point through the series"),
        Binding("tab", "cycle_focus", "Panes", tooltip="Move focus between the diff and the party panes"),
        Binding("shift+tab", "cycle_focus", "Focus", show=False),
        Binding("p", "problems", "Problems", tooltip="Files that failed to load, with their errors"),
        *(Binding(str(n), f"party({n})", f"Party {n}", show=False) for n in range(1, 10)),
    ]

    def __init__(self, series: Series, old: Revision | None = None, new: Revision | None = None) -> None:
        super().__init__()
        self.series = series
        self.opening_reason = ""
        if old is None or new is None:
            pair = choose_pair(series, None, None)
            old, new, self.opening_reason = pair.old, pair.new, pair.reason
        self.old: Revision = old
        self.new: Revision = new
        self._hidden: frozenset[MatchKind] | None = None
        self.comparison = None
        self.provisional: Provisional | None = None
        """The decided rows shown while the alignment of a long pair runs; None once it is done."""
        self._status = ("still matching", "")
        """What the bar says the running comparison does: ("still matching", "pairing points 57%")."""
        self._progress: Progress | None = None
        """The running comparison's cancel flag: a pair left behind is cancelled, not finished."""
        self._export_waiting = False
        """e was pressed while the comparison ran: the export dialog opens once it is done."""

    @property
    def hidden(self) -> frozenset[MatchKind]:
        """Kinds of change not shown as rows; unchanged points at first.

        Filled on first use, so the screen is built before the engine that
        defines the kinds is imported (see `PropdiffApp.comparisons`).
        """
        if self._hidden is None:
            from ...engine.align import MatchKind

            self._hidden = frozenset({MatchKind.UNCHANGED})
        return self._hidden

    @hidden.setter
    def hidden(self, kinds: frozenset[MatchKind]) -> None:
        self._hidden = kinds

    def compose(self) -> ComposeResult:
        yield PairHeader(id="pair-header")
        with Horizontal(id="body"):
            yield DiffView(id="diff")
            yield PartyPanes(self.series.parties, id="parties")
        yield SummaryBar(id="summary")
        yield Static(id="reload-problems", markup=False)
        yield Input(placeholder="search point text (enter: find, escape: close)", id="search")
        yield KeysFooter()
        yield Static(id="too-small")

    async def on_mount(self) -> None:
        if not self.query(PartyPanes):
            return  # q came as the screen opened: the app's shutdown removed its widgets already
        await self.query_one(PartyPanes).set_parties(self.series.parties)
        self.query_one(DiffView).focus()
        self.show_pair(self.series, self.old, self.new)
        self._check_size()
        if self.opening_reason and not self.has_class("-too-small"):
            self.notify(self.opening_reason, title=f"Opening pair: {self.old.id} → {self.new.id}", timeout=8)

    # -- the pair ----------------------------------------------------------------

    @property
    def workspace(self):  # noqa: ANN201 - the app's Workspace
        return self.app.workspace  # type: ignore[attr-defined]

    def show_pair(self, series: Series, old: Revision, new: Revision, keep: bool = False) -> None:
        """Show `old` against `new`; with `keep`, stay on the point the cursor is on when it is in both."""
        keep_old = keep_new = None
        view = self.query_one(DiffView)
        if keep and self.shown is not None and view.current_change is not None:
            change = self.shown.changes[view.current_change]
            if change.new and new.id == self.new.id:
                keep_new = same_point(self.new, new, change.new[0].index)
            elif change.old and old.id == self.old.id:
                keep_old = same_point(self.old, old, change.old[0].index)
        if (series.id, old.id, new.id) != (self.series.id, self.old.id, self.new.id):
            # Notices were about the pair shown ("Opening pair …", "wrote …"): one left up
            # for its timeout reads as if it were about the new pair.
            self.app.clear_notifications()
        if self._progress is not None:
            self._progress.cancel()
            self._progress = None
        if self._export_waiting and (old, new) != (self.old, self.new):
            self._export_waiting = False
            self.notify(f"export of {self.old.id} → {self.new.id} not opened: the pair changed", timeout=6)
        self.series, self.old, self.new = series, old, new
        self.refresh_bindings()  # `b` is offered only at a fork
        self.query_one(PairHeader).show(series, old, new, self.workspace.origin)
        self.comparison = None
        self.provisional = None
        self._status = ("still matching", "")
        # Before the engine is imported (the opening pair), the worker imports it:
        # the first frame shows the header and parties meanwhile.
        cache = self.app.comparisons_at_hand()  # type: ignore[attr-defined]
        cached = cache.get(series, old, new) if cache is not None else None
        if cached is None and cache is not None and len(old.points) + len(new.points) <= INLINE_POINTS:
            cached = cache.compare(series, old, new)
        if cached is not None:
            self._shown(ComparisonReady(cached, keep_new, keep_old))
            return
        view.set_placeholder(f"Comparing {old.id} with {new.id}…")
        progress = Progress(lambda phase, done: self.post_message(ComparisonProgress(phase, done)))
        self._progress = progress
        job = partial(self._comparing, series, old, new, keep_new, keep_old, progress, view.content_width)
        self._compare(job, progress)

    @work(thread=True, exclusive=True, group="compare")
    def _compare(self, comparing: Callable[[], None], progress: Progress) -> None:
        """Wait for the comparison, run in a daemon thread (`tui.ui.detached`): leaving the pair or
        quitting never waits for the aligner to reach its next cancel check."""
        worker = get_current_worker()
        with contextlib.suppress(Cancelled):
            detached(comparing, lambda: worker.is_cancelled or progress.cancelled)

    def _comparing(
        self,
        series: Series,
        old: Revision,
        new: Revision,
        keep_new: int | None,
        keep_old: int | None,
        progress: Progress,
        width: Callable[[], int],
    ) -> None:
        if len(old.points) + len(new.points) >= PROVISIONAL_POINTS:
            from ...engine.provisional import first_screen

            provisional = first_screen(series, old, new, progress=progress)
            self._laying_out(len(provisional.changes), progress)
            measured = measure(provisional, width())  # type: ignore[arg-type]
            if not progress.cancelled:
                ready = ProvisionalReady(provisional, keep_new, keep_old, measured)
                self.post_message(ready)
                ready.drawn.wait(PROVISIONAL_WAIT)
        comparison = self.app.comparisons.compare(series, old, new, progress=progress)  # type: ignore[attr-defined]
        if progress.cancelled:
            return
        # Wrapping every block here keeps the UI thread free. The width is read now, not when
        # the worker started: the opening pair starts it before the view has its size.
        self._laying_out(len(comparison.changes), progress)
        measured = measure(comparison, width())
        if not progress.cancelled:
            self.post_message(ComparisonReady(comparison, keep_new, keep_old, measured))

    def _laying_out(self, rows: int, progress: Progress) -> None:
        """Say so while the worker wraps the rows (half a second at 10,000 points): the last phase
        the engine reported is over by then."""
        if not progress.cancelled:
            self.post_message(ComparisonProgress(LAYOUT, 0.0, rows))

    def on_unmount(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    async def reload(self, workspace, changed: frozenset[Path]) -> None:  # noqa: ANN001 - the app's Workspace
        """Files changed on disk were re-read: show the same pair on the same point, from the new files.

        While a changed file has problems it is left out of the series; then the
        pair shown stays as it was and the panel lists the problems. Once the
        file is fixed the pair comes back from it and the panel closes.
        """
        self._show_reload_problems(workspace, changed)
        series = workspace.catalog.get(self.series.id)
        old = series.revision(self.old.id) if series is not None else None
        new = series.revision(self.new.id) if series is not None else None
        if series is None or old is None or new is None:
            return
        if series is self.series and old is self.old and new is self.new:
            return
        if series.parties != self.series.parties:
            await self.query_one(PartyPanes).set_parties(series.parties)
        self.show_pair(series, old, new, keep=True)

    def _show_reload_problems(self, workspace, changed: frozenset[Path]) -> None:  # noqa: ANN001
        real = {path.resolve() for path in changed}
        problems = [p for p in workspace.problems if Path(p.location.path).resolve() in real]
        panel = self.query_one("#reload-problems", Static)
        panel.set_class(bool(problems), "-open")
        if not problems:
            panel.update("")
            return
        files = sorted({p.location.path for p in problems})
        head = (
            f"{', '.join(files)} changed and has problems: the last version that loaded is still shown. "
            "Fix and save, and it reloads."
        )
        panel.update(Content("\n".join([head, *(f"  {p}" for p in problems)])))

    @property
    def shown(self) -> Comparison | Provisional | None:
        """What the rows come from: the comparison, or its decided part while it runs."""
        return self.comparison if self.comparison is not None else self.provisional

    @on(ComparisonProgress)
    def _progressed(self, message: ComparisonProgress) -> None:
        if self.comparison is not None or self._progress is None:
            return
        what = phase_text(message.phase, message.done, message.rows)
        if self.provisional is not None:
            # The decided rows are shown: this is the whole comparison's progress.
            self._status = ("matched", what) if message.phase == LAYOUT else ("still matching", what)
            self._update_summary()
        else:
            view = self.query_one(DiffView)
            view.set_placeholder(f"Comparing {self.old.id} with {self.new.id}… {what}")

    @on(ProvisionalReady)
    def _provisional_shown(self, message: ProvisionalReady) -> None:
        provisional = message.provisional
        if self.comparison is not None or provisional.old is not self.old or provisional.new is not self.new:
            message.drawn.set()
            return  # done already, or a pair the user has moved away from
        self.provisional = provisional
        keep = _holding(provisional, message.keep_new, message.keep_old)
        self._refresh_rows(keep, message.measured)
        self.call_after_refresh(message.drawn.set)

    @on(ComparisonReady)
    def _shown(self, message: ComparisonReady) -> None:
        comparison = message.comparison
        if comparison.old is not self.old or comparison.new is not self.new:
            return  # a pair the user has already moved away from
        keep_new, keep_old, screen_line = message.keep_new, message.keep_old, None
        view = self.query_one(DiffView)
        if self.provisional is not None and view.current_change is not None:
            # The reader may have moved among the decided rows: stay on their point, at the same height.
            row = self.provisional.changes[view.current_change]
            keep_new = row.new[0].index if row.new else None
            keep_old = row.old[0].index if row.old else None
            screen_line = view.cursor_screen_line()
        self.comparison = comparison
        self.provisional = None
        self._progress = None
        self._refresh_rows(_holding(comparison, keep_new, keep_old), message.measured, screen_line)
        if self._export_waiting:
            self._export_waiting = False
            if self.app.screen is self:
                self.app.action_export()  # type: ignore[attr-defined]
            else:  # the help or a history is open: no dialog on top of it
                self.notify(f"{self.old.id} → {self.new.id} is matched: press e to export", title="Export")

    @property
    def comparing(self) -> bool:
        """Whether the pair's comparison is still running in the worker."""
        return self.comparison is None and self._progress is not None

    def export_when_done(self) -> None:
        """e while the comparison runs: nothing is exportable before it is done (the decided rows are
        not a comparison), so the dialog opens when it is; e again changes the reader's mind."""
        self._export_waiting = not self._export_waiting
        if not self._export_waiting:
            self.notify("export cancelled: the dialog will not open", title="Export", timeout=4)
            return
        doing = f" ({self._status[1]})" if self.provisional is not None and self._status[1] else ""
        self.notify(
            f"Still matching {self.old.id} → {self.new.id}{doing}: the export dialog opens as soon as "
            "it is done. e again cancels.",
            title="Export",
            timeout=8,
            markup=False,
        )

    def _refresh_rows(
        self, keep: int | None = None, measured: Measured | None = None, screen_line: int | None = None
    ) -> None:
        shown = self.shown
        view = self.query_one(DiffView)
        if shown is None:
            return
        hidden = self.hidden
        # A pending row (still being matched) is no kind yet: no filter hides it.
        rows = tuple(
            n for n, c in enumerate(shown.changes) if getattr(c, "pending", False) or c.kind not in hidden
        )
        if keep is None:
            keep = view.current_change
        if keep is not None and rows and keep not in rows:
            # The point's row is hidden: the next row shown, else the last.
            keep = next((n for n in rows if n > keep), rows[-1])
        if not rows:
            view.set_placeholder(self._nothing_shown(shown))
        else:
            view.show(shown, rows, keep, measured, screen_line)
        self._update_summary()
        self.query_one(PartyPanes).show(shown, view.current_change)

    def _nothing_shown(self, comparison) -> str:  # noqa: ANN001
        if not comparison.changes:
            return "Neither revision has any point."
        from ...engine.align import MatchKind

        hidden = ", ".join(kind.value for kind in sorted(self.hidden, key=list(MatchKind).index))
        return f"Every row is hidden ({hidden}): press u to show unchanged points, f to choose kinds."

    def _update_summary(self) -> None:
        if self.shown is None:
            return
        view = self.query_one(DiffView)
        from ...engine.align import MatchKind

        hidden = [kind for kind in MatchKind if kind in self.hidden]
        if self.comparison is not None:
            items = summary_items(self.comparison, len(view.rows), hidden, view.query, len(view.hits))
        else:
            assert self.provisional is not None
            items = provisional_items(
                self.provisional, self._status, len(view.rows), hidden, view.query, len(view.hits)
            )
        self.query_one(SummaryBar).show(items)

    @on(DiffView.CursorMoved)
    def _cursor_moved(self, message: DiffView.CursorMoved) -> None:
        if self.shown is not None:
            self.query_one(PartyPanes).show(self.shown, message.change)

    # -- keys --------------------------------------------------------------------

    def action_step(self, direction: int) -> None:
        found = step(self.series, self.new, direction)
        if found is None:
            where = "newest" if direction > 0 else "oldest"
            self.notify(f"{self.new.id} is the {where} pair along the series", severity="warning")
            return
        self.show_pair(self.series, found.old, found.new, keep=True)  # clears the old pair's notices
        if found.branches:
            others = ", ".join(b.id for b in found.branches)
            every = "both" if len(found.branches) == 1 else "all"
            self.notify(
                f"Branch: {found.new.id} and {others} {every} revise {found.old.id}; b chooses",
                title="Series forks here",
            )

    @property
    def forks(self) -> bool:
        """Whether OLD is revised by more than one revision (the pair is one branch of several)."""
        return len(children(self.series, self.old)) > 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_branch":
            return self.forks  # only at a fork: in the footer and on the key
        return True

    def action_choose_branch(self) -> None:
        from .branch_picker import BranchPicker

        if not self.forks:
            return

        def chosen(branch: Revision | None) -> None:
            if branch is not None and branch is not self.new:
                self.show_pair(self.series, self.old, branch, keep=True)

        self.app.push_screen(BranchPicker(self.series, self.old, self.new), chosen)

    def action_toggle_unchanged(self) -> None:
        from ...engine.align import MatchKind

        self.hidden = self.hidden ^ {MatchKind.UNCHANGED}
        self._refresh_rows()

    def set_hidden(self, hidden: frozenset[MatchKind]) -> None:
        self.hidden = hidden
        self._refresh_rows()

    def action_filter_kinds(self) -> None:
        from .filter_dialog import FilterDialog

        if self.comparison is None:
            if self.provisional is not None:
                self.notify("still matching: kinds are known when it is done", severity="warning")
            return

        def chosen(hidden: frozenset[MatchKind] | None) -> None:
            if hidden is not None:
                self.set_hidden(hidden)

        self.app.push_screen(FilterDialog(self.comparison, self.hidden), chosen)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-open")
        search.value = self.query_one(DiffView).query
        search.focus()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        view = self.query_one(DiffView)
        view.search(event.value.strip())
        self._close_search()
        view.first_hit_from_cursor()
        self._update_summary()

    def _close_search(self) -> None:
        self.query_one("#search", Input).remove_class("-open")
        self.query_one(DiffView).focus()

    def key_escape(self) -> None:
        if self.query_one("#search", Input).has_class("-open"):
            self._close_search()

    def action_cycle_focus(self) -> None:
        panes = self.query_one(PartyPanes)
        scroll = panes.active_scroll
        if self.focused is self.query_one(DiffView) and scroll is not None:
            scroll.focus()
        else:
            self.query_one(DiffView).focus()

    def action_party(self, number: int) -> None:
        panes = self.query_one(PartyPanes)
        reading = self.focused is not None and self.focused is not self.query_one(DiffView)
        if not panes.activate(number):
            self.notify(f"this series has {len(panes.parties)} parties", severity="warning")
            return
        if reading:
            # The pane read so far is hidden now, and focus with it (arrows then did nothing).
            self.call_after_refresh(self._focus_party_pane)

    def _focus_party_pane(self) -> None:
        scroll = self.query_one(PartyPanes).active_scroll
        if scroll is not None:
            scroll.focus()

    def action_pick_revisions(self) -> None:
        from .revision_picker import RevisionPicker

        def chosen(pair: tuple[Revision, Revision] | None) -> None:
            if pair is not None:
                self.show_pair(self.series, pair[0], pair[1], keep=True)

        self.app.push_screen(RevisionPicker(self.series, self.old, self.new), chosen)

    def action_pick_series(self) -> None:
        from .series_picker import SeriesPicker

        if len(self.workspace.series) < 2:
            self.notify("only one series is loaded", severity="warning")
            return

        async def chosen(series: Series | None) -> None:
            if series is not None and series is not self.series:
                await self.switch_series(series)

        self.app.push_screen(SeriesPicker(self.workspace.series, self.series), chosen)

    async def switch_series(self, series: Series) -> None:
        old, new = pick_revisions(series, None, None)
        await self.query_one(PartyPanes).set_parties(series.parties)
        self.show_pair(series, old, new)

    def action_history(self) -> None:
        from .history_screen import HistoryScreen

        view = self.query_one(DiffView)
        if self.shown is None or view.current_change is None:
            self.notify("no point is focused", severity="warning")
            return
        change = self.shown.changes[view.current_change]
        if change.old:
            revision, indices = self.old, tuple(p.index for p in change.old)
        else:
            revision, indices = self.new, tuple(p.index for p in change.new)
        self.app.push_screen(HistoryScreen(self.series, revision, indices))

    def action_problems(self) -> None:
        from .problems_screen import ProblemsScreen

        if not self.workspace.problems:
            self.notify("every file loaded without problems")
            return
        self.app.push_screen(ProblemsScreen(self.workspace))

    # -- size --------------------------------------------------------------------

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        width, height = self.app.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        self.set_class(width < 120, "-narrow")
        if small:
            self.query_one("#too-small", Static).update(
                f"The terminal is {width}×{height}; propdiff needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                "Make the window larger (or the font smaller). q quits."
            )


def _holding(shown: Comparison | Provisional, keep_new: int | None, keep_old: int | None) -> int | None:
    """The row holding new point `keep_new`, else old point `keep_old` (when the revision has it)."""
    if keep_new is not None and keep_new < len(shown.new.points):
        return shown.change_holding("new", keep_new)
    if keep_old is not None and keep_old < len(shown.old.points):
        return shown.change_holding("old", keep_old)
    return None
