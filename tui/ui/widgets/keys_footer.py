"""The compact footer, showing only the keys that fit whole.

Textual's compact footer crops its row of keys at the window's edge: at 80
columns it showed "s Seri▏^p palette" and a stray letter after the palette key
(its right margin let the cropped row show through). This footer drops whole
keys instead, the least needed first (`DROP_ORDER`), keeping help and quit (help
lists every key, so nothing becomes unreachable), and ends flush with the palette key.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEPT = ("question_mark", "q")
"""Keys shown whatever the width: the help screen (which lists the rest) and quit."""

DROP_ORDER = (
    "p",
    "s",
    "t",
    "r",
    "u",
    "f",
    "b",
    "down",
    "up",
    "slash",
    "h",
    "tab",
    "e",
    "left_square_bracket",
    "right_square_bracket",
)
"""Which keys give way first when the row is too long: those a reader needs least on a first
visit (problems, series, theme), last the ones the issue's walk-through uses (stepping the pair,
export, the party panes). Dropping from the end of the row lost export and theme at 160 columns
while the problems key, which says "every file loaded", stayed. Keys not listed go first."""

PALETTE_CELLS = 1
"""The palette key's left border (`vkey`), beside its label."""


def key_cells(key: FooterKey) -> int:
    """Cells a compact key takes: `key description`, then a one-cell margin."""
    label = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    if key.has_class("-command-palette"):
        return label + PALETTE_CELLS
    return label + 1


def fitting(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """The keys to show in `width` cells, in their order: all when they fit, else drop in
    `DROP_ORDER`, keeping `KEPT` and the palette key."""
    shown = list(keys)
    droppable = [key for key in keys if key.key not in KEPT and not key.has_class("-command-palette")]
    order = {key: n for n, key in enumerate(DROP_ORDER)}
    dropped = sorted(droppable, key=lambda key: order.get(key.key, -1))
    while sum(key_cells(key) for key in shown) > width and dropped:
        shown.remove(dropped.pop(0))
    return shown


class KeysFooter(Footer):
    """A compact footer of whole keys (see the module's docstring)."""

    DEFAULT_CSS = """
    KeysFooter.-compact FooterKey.-command-palette {
        margin-right: 0;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._width = 0

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        if not all(isinstance(key, FooterKey) for key in keys):
            yield from keys  # grouped bindings: Textual's layout, cropped as before
            return
        yield from fitting(keys, self.size.width) if self.size.width else keys  # type: ignore[arg-type]

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.call_after_refresh(self.recompose)
