"""A point's history through the whole series: one section per revision, in series order."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from ...engine.progress import Cancelled, Progress
from ...history import HistoryStep, point_history
from ...model import Precondition, Reaction, Revision, Series
from ...pairs import position
from ...wording import certainty_phrase, clean, revision_facts
from ..detached import detached
from ..messages import ComparisonProgress
from ..phases import phase_text
from ..widgets.keys_footer import KeysFooter
from ..widgets.paragraphs import Paragraph, Paragraphs

STATE_MARKS = {"present": "●", "unknown": "?", "absent": "✗", "untraced": "·"}
"""Readable without colour: what the point's state is in each revision."""

Part = str | tuple[str, str]


@dataclass
class Traced(Message):
    """The tracing thread is done."""

    steps: tuple[HistoryStep, ...]


def _statement(series: Series, item: Reaction | Precondition) -> Paragraph:
    party = series.party(item.party)
    name = clean(party.name) if party is not None else clean(item.party)
    if isinstance(item, Reaction):
        parts: list[Part] = [(name, "bold"), ": ", (item.stance, "bold"), " — ", clean(item.summary)]
        if item.quote:
            parts += [" ", (f"“{clean(item.quote)}”", "italic")]
        who = ", ".join(x for x in (clean(item.speaker), item.date.isoformat() if item.date else "") if x)
        if who:
            parts += [(f" ({who})", "dim")]
    else:
        status = f" ({item.status})" if item.status else ""
        parts = [(name, "bold"), ": ", (f"precondition{status}", "bold"), " — ", clean(item.text)]
    if item.source:
        parts += [("  source: " + clean(item.source), "dim")]
    if item.certainty:
        parts += [("  " + certainty_phrase(item.certainty), "dim italic")]
    return Paragraph(4, 6, Content.assemble(*parts))


def history_content(
    series: Series, steps: tuple[HistoryStep, ...], start: Revision, refs: str
) -> list[Paragraph]:
    """One section per revision; each point and statement wrapped under its own start, not the edge."""
    heading = Content.assemble(
        ("History of point ", "bold"),
        (refs, "bold reverse"),
        (f" of {clean(start.display_name)} through {clean(series.display_title)}", "bold"),
    )
    paragraphs = [Paragraph(0, 0, heading)]
    for step in steps:
        where = position(series, step.revision)
        facts = Content.assemble(
            (f"{STATE_MARKS[step.state]} ", "bold"),
            (revision_facts(step.revision), "bold"),
            (" · " + where, "dim"),
        )
        paragraphs += [Paragraph(0, 0, Content("")), Paragraph(0, 2, facts)]
        if not where.endswith(step.what):  # "first revision" is said once
            what = Content.styled(step.what, "italic" if step.state != "present" else "bold")
            paragraphs.append(Paragraph(2, 2, what))
        for point in step.points:
            title = f" {clean(point.point.title)}:" if point.point.title else ""
            parts: list[Part] = [(f"{clean(point.ref)}{title}", "bold"), " ", clean(point.point.text)]
            if point.point.excerpt:
                parts += [("  (excerpt: only the reported part)", "dim italic")]
            if point.point.certainty:
                parts += [("  " + certainty_phrase(point.point.certainty), "dim italic")]
            paragraphs.append(Paragraph(2, 4, Content.assemble(*parts)))
        if step.statements:
            paragraphs.append(Paragraph(2, 2, Content.styled("said about it here:", "dim")))
            paragraphs += [_statement(series, item) for item in step.statements]
    return paragraphs


class HistoryScreen(Screen[None]):
    """Scrollable history; escape, h or q goes back to the diff."""

    BINDINGS = [
        Binding("escape,h,q", "close", "Back"),
        Binding("down,j", "scroll('down')", "Scroll", show=False),
        Binding("up,k", "scroll('up')", "Scroll", show=False),
    ]

    def __init__(self, series: Series, revision: Revision, indices: tuple[int, ...]) -> None:
        super().__init__()
        self.series = series
        self.revision = revision
        self.indices = indices
        self.steps: tuple[HistoryStep, ...] | None = None
        """None until the worker has traced the point (each step may need a comparison)."""
        self._progress = Progress(lambda phase, done: self.post_message(ComparisonProgress(phase, done)))
        """Cancelled when the screen closes: a pair it waits for (one the diff is still aligning,
        say) is computed once for both, and goes on while the diff still wants it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Paragraphs([Paragraph(0, 0, Content(self._tracing()))], id="history-text")
        yield KeysFooter()

    def _tracing(self, phase: str = "") -> str:
        where = f" ({phase})" if phase else ""
        return f"Tracing point {self._refs()} through the series…{where}"

    def _refs(self) -> str:
        return "+".join(clean(self.revision.points[i].ref(i + 1)) for i in self.indices)

    def on_mount(self) -> None:
        self.query_one("#history", VerticalScroll).focus()
        self._trace()

    def on_unmount(self) -> None:
        self._progress.cancel()

    @work(thread=True, exclusive=True)
    def _trace(self) -> None:
        """Wait for the tracing, run in a daemon thread: closing the screen or quitting never waits
        for a comparison in progress (see `tui.ui.detached`)."""
        worker = get_current_worker()
        with contextlib.suppress(Cancelled):  # the screen closed
            detached(self._tracing_steps, lambda: worker.is_cancelled or self._progress.cancelled)

    def _tracing_steps(self) -> None:
        cache = self.app.comparisons  # type: ignore[attr-defined]
        steps = point_history(self.series, self.revision, self.indices, cache, self._progress)
        if not self._progress.cancelled:
            self.post_message(Traced(steps))

    @on(Traced)
    def _done(self, message: Traced) -> None:
        if not self._progress.cancelled:
            self._traced(message.steps)

    @on(ComparisonProgress)
    def _progressed(self, message: ComparisonProgress) -> None:
        if self.steps is None:
            phase = phase_text(message.phase, message.done, message.rows)
            tracing = Paragraph(0, 0, Content(self._tracing(phase)))
            self.query_one("#history-text", Paragraphs).update([tracing])

    def _traced(self, steps: tuple[HistoryStep, ...]) -> None:
        self.steps = steps
        content = history_content(self.series, steps, self.revision, self._refs())
        self.query_one("#history-text", Paragraphs).update(content)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#history", VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()

    def action_close(self) -> None:
        self.dismiss(None)
