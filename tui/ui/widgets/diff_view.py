"""The side-by-side diff: OLD left, NEW right, one aligned block per change, drawn line by line.

Built on Textual's line API (`ScrollView.render_line`): only the lines on
screen are drawn, never a widget per point, so a 10,000-point pair scrolls
as fast as a 20-point one. Row heights come from wrapping plain texts (no
word diff needed); a block's styled lines are built when it first shows and
kept in an LRU cache, as toolong's `LogLines` does.

Every text from a file reaches the screen as `rich.text.Text` built from
plain strings (never markup), already neutralised by the loader.
"""

from __future__ import annotations

import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...wording import (
    clean,
    dropped_note,
    excerpt_note,
    flags,
    kind_label,
    match_label,
    point_certainties,
    shown,
    unreported_note,
)
from .cells import wrap_offsets

if TYPE_CHECKING:
    # Types only: this module is imported before the engine is (a kind is read as
    # `type(change.kind).UNREPORTED`, see `tui.wording`).
    from ...engine.compare import Change, Comparison, IndexedPoint

GUTTER = 3
MIDDLE = 12
"""Cells of the column between the sides that says what kind of change a row is."""
SIZE_WAIT = 2.0
"""Seconds a worker waits for the view's first layout before measuring at the minimum width (the UI
thread then measures again at the real one)."""
BLOCK_CACHE = 128
"""Styled blocks kept (a 160x50 screen shows about ten): each is some 300 objects the
garbage collector walks, so more would slow its passes more than it saves rebuilding."""


@dataclass(frozen=True)
class Columns:
    """Where each column starts and how wide it is, for one widget width."""

    width: int

    @property
    def side(self) -> int:
        return max((self.width - GUTTER - MIDDLE - 2) // 2, 4)

    @property
    def right(self) -> int:
        return max(self.width - GUTTER - MIDDLE - 2 - self.side, 4)


def side_text(point: IndexedPoint) -> str:
    """The plain text a side shows for one point: ref, title, text (NFC, as the word diff sees it)."""
    title = f"{clean(point.point.title)}: " if point.point.title else ""
    return f"{clean(point.ref)} {title}{clean(unicodedata.normalize('NFC', point.point.text))}"


def empty_side_note(change: Change, side: str) -> str:
    """What stands on a side with no point: never a blank that could read as a deletion."""
    if change.kind is type(change.kind).UNREPORTED:
        return f"? {unreported_note(change)}"
    if side == "new" and change.dropped is not None:
        return f"✗ {dropped_note(change)}"
    if side == "new":
        return "✗ removed"
    return "+ not in old"


def middle_lines(change: Change, marked: bool) -> list[str]:
    """The kind column: kind, each flag, the match confidence, and whether someone spoke about it."""
    lines = [kind_label(change), *flags(change)]
    if match_label(change):
        lines.append(match_label(change))
    if marked:
        lines.append("● statements")
    return lines


def block_notes(change: Change) -> list[str]:
    """Full-width lines under a block: excerpts and the sources' certainty (not the match confidence)."""
    return [note for note in (excerpt_note(change), point_certainties(change)) if note]


def block_height(change: Change, marked: bool, columns: Columns) -> int:
    """Lines a change's block takes (without the blank line after it); the same cuts as drawing."""

    def side(points: tuple[IndexedPoint, ...], width: int, name: str) -> int:
        if not points:
            return len(wrap_offsets(empty_side_note(change, name), width)) + 1
        return sum(len(wrap_offsets(side_text(p), width)) + 1 for p in points)

    middle = sum(len(wrap_offsets(line, MIDDLE)) + 1 for line in middle_lines(change, marked))
    notes = sum(len(wrap_offsets(note, columns.width - GUTTER)) + 1 for note in block_notes(change))
    sides = max(side(change.old, columns.side, "old"), side(change.new, columns.right, "new"))
    return max(sides, middle) + notes


@dataclass(frozen=True)
class Palette:
    """The view's styles for one theme and focus state (see `DiffView._palette`)."""

    base: Style
    cursor: Style
    """`base` with the cursor row's background."""
    marker: Style
    kind: Style
    meta: Style
    ref: Style
    hit: Style
    unknown: Style
    absent: Style
    ops: dict[str, Style]
    """A word diff operation's style (equal words have none)."""


_EMPTY = Text()


@dataclass(frozen=True)
class Measured:
    """Block heights of every change of a comparison at one width, computed off the UI thread."""

    comparison: Comparison
    width: int
    heights: tuple[int, ...]
    marked: frozenset[int]


def measure(comparison: Comparison, width: int, marked: frozenset[int] | None = None) -> Measured:
    """Heights of all blocks (pure, thread-safe): wrapping 10,000 points is too slow for a key press."""
    if marked is None:
        marked = spoken_about(comparison)
    columns = Columns(width)
    heights = tuple(
        block_height(change, index in marked, columns) for index, change in enumerate(comparison.changes)
    )
    return Measured(comparison, width, heights, marked)


class DiffView(ScrollView, can_focus=True):
    """Scrolls by change: the cursor is a row (one change), drawn as a block of lines."""

    BINDINGS = [
        Binding("down,j", "next_change", "Next", tooltip="Next change"),
        Binding("up,k", "previous_change", "Prev", tooltip="Previous change"),
        Binding("home,g", "first_change", "First", show=False),
        Binding("end,G", "last_change", "Last", show=False),
        Binding("pagedown,ctrl+f,space", "page_down_rows", "Page down", show=False),
        Binding("pageup,ctrl+b", "page_up_rows", "Page up", show=False),
        Binding("n", "next_hit", "Next hit", show=False),
        Binding("N", "previous_hit", "Previous hit", show=False),
    ]

    COMPONENT_CLASSES = {
        "diff-view--deleted",
        "diff-view--inserted",
        "diff-view--unknown",
        "diff-view--absent",
        "diff-view--ref",
        "diff-view--kind",
        "diff-view--meta",
        "diff-view--cursor",
        "diff-view--hit",
        "diff-view--marker",
    }

    DEFAULT_CSS = """
    DiffView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        & > .diff-view--deleted {
            text-style: strike; color: $diff-removed; background: $diff-removed-background;
        }
        & > .diff-view--inserted {
            text-style: underline; color: $diff-added; background: $diff-added-background;
        }
        & > .diff-view--unknown { text-style: italic; color: $diff-unknown; }
        & > .diff-view--absent { text-style: italic; color: $text-muted; }
        & > .diff-view--ref { text-style: bold; }
        & > .diff-view--kind { text-style: bold; color: $text-accent; }
        & > .diff-view--meta { color: $text-muted; }
        & > .diff-view--cursor { background: $boost; }
        & > .diff-view--hit { text-style: reverse bold; }
        & > .diff-view--marker { color: $text-warning; text-style: bold; }
        &:focus > .diff-view--cursor { background: $primary 25%; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index into `rows` of the focused change."""

    class CursorMoved(Message):
        """The focused change is another one (or there is none)."""

        def __init__(self, view: DiffView, change: int | None) -> None:
            super().__init__()
            self.view = view
            self.change = change

        @property
        def control(self) -> DiffView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.rows: tuple[int, ...] = ()
        """Indices into `comparison.changes` shown, in reading order."""
        self.marked: frozenset[int] = frozenset()
        """Changes some party spoke about."""
        self.query = ""
        self.hits: tuple[int, ...] = ()
        """Row indices whose text holds `query`."""
        self.placeholder = "Loading…"
        self._starts: list[int] = []
        self._layout_width = -1
        self._seen_width = GUTTER + MIDDLE + 10
        """The content width at the last layout: a plain int a worker thread may read."""
        self._sized = threading.Event()
        """Set once the view has had a layout, so its width is known."""
        self._heights: dict[int, tuple[int, ...]] = {}
        """Block heights per change for the comparison shown, by layout width."""
        self._blocks: LRUCache[tuple, list[Strip]] = LRUCache(maxsize=BLOCK_CACHE)
        self._styles: Palette | None = None
        self._blank_line: Strip | None = None
        self._prefetching = 0
        """Which cursor move the blocks being built ahead are for (see `_prefetch`)."""

    # -- data in ---------------------------------------------------------------

    def show(
        self,
        comparison: Comparison | None,
        rows: tuple[int, ...],
        keep: int | None = None,
        measured: Measured | None = None,
        screen_line: int | None = None,
    ) -> None:
        """Lay out `rows` of `comparison`; keep the cursor on change `keep` when it is still shown.

        `comparison` may also be a `tui.engine.provisional.Provisional` (the decided rows of a
        comparison still running): it has the same changes, parties and notes.
        `measured` is the block heights a worker computed for this comparison (see `measure`).
        `screen_line` puts the cursor's block that many lines below the top of the view (see
        `cursor_screen_line`), so rows replaced under the reader do not move their place.
        """
        if comparison is not self.comparison:
            self._heights = {}
            self.marked = spoken_about(comparison) if comparison is not None else frozenset()
        if measured is not None and measured.comparison is comparison:
            self._heights[measured.width] = measured.heights
            self.marked = measured.marked
        self.comparison = comparison
        self.rows = rows
        self._blocks.clear()
        self._layout_width = -1
        self._find_hits()
        self._relayout()
        target = rows.index(keep) if keep is not None and keep in rows else 0
        self.cursor = target
        if screen_line is not None and self._starts:
            top = self._starts[min(target, len(self._starts) - 1)] - screen_line
            self.scroll_to(y=max(top, 0), animate=False, force=True, immediate=True)
        self.scroll_to_cursor(animate=False)
        self.refresh()

    def cursor_screen_line(self) -> int | None:
        """How far below the top of the view the cursor's block starts (None without rows)."""
        if not self.rows or not self._starts:
            return None
        return self._starts[min(self.cursor, len(self._starts) - 1)] - round(self.scroll_offset.y)

    def set_placeholder(self, text: str) -> None:
        """A line shown instead of rows (while comparing, or when a pair has nothing to show)."""
        self.placeholder = text
        self.comparison = None
        self.rows = ()
        self._blocks.clear()
        self._relayout()
        self.refresh()

    def search(self, query: str) -> None:
        self.query = query
        self._blocks.clear()
        self._find_hits()
        self.refresh()

    @property
    def current_change(self) -> int | None:
        if not self.rows:
            return None
        return self.rows[min(self.cursor, len(self.rows) - 1)]

    def notify_style_update(self) -> None:
        """Theme or focus changed: drop styles and styled lines, they hold the old colours."""
        self._styles = None
        self._blank_line = None
        self._blocks.clear()
        super().notify_style_update()

    # -- layout ----------------------------------------------------------------

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, GUTTER + MIDDLE + 10)

    def content_width(self) -> int:
        """The width blocks are laid out for: what a worker measuring heights needs to know.

        Called from a worker: it waits (briefly) for the view's first layout,
        then returns the width the UI thread saw last. Asking Textual for the
        region from a worker can run a layout pass in that thread, which
        renders widgets outside the app's context (LookupError: active_app).
        """
        self._sized.wait(SIZE_WAIT)
        return self._seen_width

    def _relayout(self) -> None:
        width = self._seen_width = self._content_width()
        self._layout_width = width
        starts = []
        y = 0
        if self.comparison is not None and self.rows:
            heights = self._heights.get(width)
            if heights is None:
                heights = measure(self.comparison, width, self.marked).heights
                self._heights = {width: heights}
            for change_index in self.rows:
                starts.append(y)
                y += heights[change_index] + 1
        self._starts = starts
        self.virtual_size = Size(width, max(y, 1))

    def on_resize(self) -> None:
        self._seen_width = self._content_width()
        self._sized.set()
        if self._seen_width != self._layout_width:
            self._blocks.clear()
            self._relayout()
            self.scroll_to_cursor(animate=False)

    # -- drawing ---------------------------------------------------------------

    def _palette(self) -> Palette:
        """The styles lines are drawn with, looked up once per theme and focus, not per line."""
        if self._styles is None:
            base = self.rich_style
            get = self.get_component_rich_style
            unknown = get("diff-view--unknown")
            self._styles = Palette(
                base=base,
                cursor=base + get("diff-view--cursor"),
                marker=get("diff-view--marker"),
                kind=get("diff-view--kind"),
                meta=get("diff-view--meta"),
                ref=get("diff-view--ref"),
                hit=get("diff-view--hit"),
                unknown=unknown,
                absent=get("diff-view--absent"),
                ops={
                    "delete": get("diff-view--deleted"),
                    "insert": get("diff-view--inserted"),
                    "unreported-old": unknown,
                    "unreported-new": unknown,
                },
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        # Every cell styled and the strip exactly the layout width: Textual crops it to the
        # window or pads it with styled cells (its NO_COLOR filter cannot handle unstyled ones).
        return self._line(y)

    def _line(self, y: int) -> Strip:
        width = self._layout_width
        line = y + self.scroll_offset.y
        palette = self._palette()
        if not self.rows:
            text = Text(self.placeholder if y == 0 else "", style=palette.meta)
            return self._join([(text, width)], palette.base)
        row = bisect_right(self._starts, line) - 1
        if 0 <= row < len(self.rows):
            block = self._block(row, width)
            offset = line - self._starts[row]
            if offset < len(block):
                return block[offset]
        return self._blank(width)

    def _blank(self, width: int) -> Strip:
        blank = self._blank_line
        if blank is None or blank.cell_length != width:
            blank = self._blank_line = Strip.blank(width, self._palette().base)
        return blank

    def _block(self, row: int, width: int) -> list[Strip]:
        is_cursor = row == self.cursor
        key = (self.rows[row], width, is_cursor, self.query)
        cached = self._blocks.get(key)
        if cached is not None:
            return cached
        assert self.comparison is not None
        palette = self._palette()
        change_index = self.rows[row]
        change = self.comparison.changes[change_index]
        columns = Columns(width)
        left = self._side_lines(change, "old", columns.side)
        right = self._side_lines(change, "new", columns.right)
        middle = self._middle(change, change_index in self.marked)
        height = max(len(left), len(right), len(middle))
        base = palette.cursor if is_cursor else palette.base
        strips = []
        marks = ("▶" if is_cursor else " ") + ("●" if change_index in self.marked else " ") + " "
        space = Text(" ")
        for n in range(height):
            pieces = [
                (Text(marks if n == 0 else "", style=palette.marker), GUTTER),
                (left[n] if n < len(left) else _EMPTY, columns.side),
                (space, 1),
                (middle[n] if n < len(middle) else _EMPTY, MIDDLE),
                (space, 1),
                (right[n] if n < len(right) else _EMPTY, columns.right),
            ]
            strips.append(self._join(pieces, base))
        for note in block_notes(change):
            for line in self._wrap(Text(note, style=palette.meta), width - GUTTER):
                strips.append(self._join([(_EMPTY, GUTTER), (line, width - GUTTER)], base))
        strips.append(self._blank(width))
        self._blocks[key] = strips
        return strips

    def _join(self, pieces: list[tuple[Text, int]], base: Style) -> Strip:
        """One line from texts each padded (or cut) to its column's width, `base` under every cell.

        Built as one list of segments with its length known: a `Strip` per piece, then
        padding and restyling each, made a page of new rows cost tens of milliseconds.
        """
        console = self.app.console
        segments: list[RichSegment] = []
        add = segments.append
        total = 0
        for text, width in pieces:
            length = text.cell_len
            if length > width:  # only when a column is narrower than a word's first cells
                text = text.copy()
                text.truncate(width)
                length = text.cell_len
            if length:
                for segment in text.render(console):
                    style = segment.style
                    add(RichSegment(segment.text, base + style if style is not None else base))
            if width > length:
                add(RichSegment(" " * (width - length), base))
            total += width
        return Strip(segments, total)

    def _middle(self, change: Change, marked: bool) -> list[Text]:
        palette = self._palette()
        lines: list[Text] = []
        for n, line in enumerate(middle_lines(change, marked)):
            text = Text(line, style=palette.kind if n == 0 else palette.meta)
            lines += self._wrap(text, MIDDLE)
        return lines

    def _side_lines(self, change: Change, side: str, width: int) -> list[Text]:
        palette = self._palette()
        points = change.old if side == "old" else change.new
        if not points:
            unreported = change.kind is type(change.kind).UNREPORTED
            style = palette.unknown if unreported else palette.absent
            text = Text(empty_side_note(change, side), style=style)
            return self._wrap(text, width)
        lines: list[Text] = []
        for point, piece in zip(points, change.pieces(side), strict=True):  # type: ignore[arg-type]
            text = Text()
            title = f"{clean(point.point.title)}: " if point.point.title else ""
            text.append(f"{clean(point.ref)} {title}", style=palette.ref)
            for op, run in shown(change, piece):
                text.append(clean(run), style=palette.ops.get(op))
            if text.plain != side_text(point):  # the diff's own text disagrees: show the point's text
                text = Text(side_text(point))
                text.stylize(palette.ref, 0, len(clean(point.ref)))
            self._highlight(text)
            lines += self._wrap(text, width)
        return lines

    def _highlight(self, text: Text) -> None:
        if not self.query:
            return
        hit = self._palette().hit
        plain = text.plain.casefold()
        needle = self.query.casefold()
        start = plain.find(needle)
        while start >= 0 and needle:
            text.stylize(hit, start, start + len(needle))
            start = plain.find(needle, start + len(needle))

    @staticmethod
    def _wrap(text: Text, width: int) -> list[Text]:
        return [_strip_newline(line) for line in text.divide(wrap_offsets(text.plain, width))]

    # -- cursor ----------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self.rows:
            clamped = max(0, min(new, len(self.rows) - 1))
            if clamped != new:
                self.cursor = clamped
                return
        # Only the rows that gain and lose the cursor change; a scroll, if any,
        # repaints the rest. A full refresh re-rendered every visible line per key.
        self._refresh_row(old)
        self._refresh_row(new)
        self.post_message(self.CursorMoved(self, self.current_change))
        self._prefetching += 1
        self.call_after_refresh(self._prefetch, self._prefetching)

    def _prefetch(self, move: int) -> None:
        """Build the blocks of the page below the view and the page above, one per turn of
        the event loop, once the frame is drawn: a page down then finds its rows styled and
        word-diffed. A key pressed meanwhile waits for one block at most, and a newer
        cursor move starts over from its own place."""
        if move != self._prefetching or not self.rows or self._layout_width < 0:
            return
        width = self._layout_width
        for row in self._rows_near_view():
            key = (self.rows[row], width, row == self.cursor, self.query)
            if self._blocks.get(key) is None:
                self._block(row, width)
                self.call_later(self._prefetch, move)
                return

    def _rows_near_view(self) -> list[int]:
        """The rows of one page below the view, then of one page above it."""
        height = self.scrollable_content_region.height
        top = round(self.scroll_offset.y)
        below = range(self._row_at(top + height), min(self._row_at(top + 2 * height) + 1, len(self.rows)))
        above = range(self._row_at(max(top - height, 0)), self._row_at(top))
        return [*below, *above]

    def _refresh_row(self, row: int) -> None:
        if not 0 <= row < len(self._starts):
            self.refresh()
            return
        end = self._starts[row + 1] if row + 1 < len(self._starts) else self.virtual_size.height
        self.refresh_lines(self._starts[row], max(end - self._starts[row], 1))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.rows or not self._starts:
            return
        row = min(self.cursor, len(self.rows) - 1)
        top = self._starts[row]
        bottom = self._starts[row + 1] if row + 1 < len(self._starts) else self.virtual_size.height
        self.scroll_to_region(
            Region(0, top, 1, max(bottom - top - 1, 1)), animate=animate, force=True, immediate=True
        )

    def _move(self, row: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(row, len(self.rows) - 1))
        self.scroll_to_cursor()

    def action_next_change(self) -> None:
        self._move(self.cursor + 1)

    def action_previous_change(self) -> None:
        self._move(self.cursor - 1)

    def action_first_change(self) -> None:
        self._move(0)

    def action_last_change(self) -> None:
        self._move(len(self.rows) - 1)

    def _row_at(self, line: int) -> int:
        return max(bisect_right(self._starts, line) - 1, 0)

    def action_page_down_rows(self) -> None:
        if not self.rows:
            return
        target = self._starts[min(self.cursor, len(self.rows) - 1)] + self.scrollable_content_region.height
        self._move(max(self._row_at(target), self.cursor + 1))

    def action_page_up_rows(self) -> None:
        if not self.rows:
            return
        target = self._starts[min(self.cursor, len(self.rows) - 1)] - self.scrollable_content_region.height
        self._move(min(self._row_at(max(target, 0)), self.cursor - 1))

    # -- search ----------------------------------------------------------------

    def _find_hits(self) -> None:
        if not self.query or self.comparison is None:
            self.hits = ()
            return
        needle = self.query.casefold()
        changes = self.comparison.changes
        self.hits = tuple(
            row
            for row, index in enumerate(self.rows)
            if any(needle in side_text(p).casefold() for p in (*changes[index].old, *changes[index].new))
        )

    def action_next_hit(self) -> None:
        self._jump_hit(1)

    def action_previous_hit(self) -> None:
        self._jump_hit(-1)

    def _jump_hit(self, direction: int) -> bool:
        """Move to the next hit after (or before) the cursor, wrapping round; False when none."""
        if not self.hits:
            if self.query:
                self.notify(f"no point holds “{self.query}”", severity="warning")
            return False
        if direction > 0:
            target = next((h for h in self.hits if h > self.cursor), self.hits[0])
        else:
            target = next((h for h in reversed(self.hits) if h < self.cursor), self.hits[-1])
        self._move(target)
        return True

    def first_hit_from_cursor(self) -> bool:
        """Jump to the first hit at or after the cursor (a new search starts where the reader is)."""
        if self.hits and self.cursor in self.hits:
            return True
        return self._jump_hit(1)


def spoken_about(comparison: Comparison) -> frozenset[int]:
    """Changes that some party's reaction or precondition names (the rows that get a marker)."""
    return frozenset(
        change
        for context in comparison.parties
        for side in (context.old, context.new)
        for statement in (*side.reactions, *side.preconditions)
        for change in statement.changes
    )


def _strip_newline(line: Text) -> Text:
    if line.plain.endswith("\n"):
        line.right_crop(1)
    line.rstrip()
    return line
