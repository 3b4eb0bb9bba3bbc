"""The first frame while the files are read in a worker: says what is being loaded.

Kept to one widget on purpose: it is drawn before the reader (YAML,
validation) or the engine are imported, so a large folder never leaves the
terminal blank and the app appears as soon as Textual can draw anything.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class LoadingScreen(Screen[None]):
    """`Loading WHAT…`; the app replaces it with the main screen once the files are read."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        yield Static(f"Loading {self.what}…  (q quits)", id="loading", markup=False)
