"""What a running comparison is doing, in a reader's words: the engine names its phases for itself
("first screen", "classifying"), and a bare "first screen 100%" on screen said nothing true while
the rows were still being laid out."""

from __future__ import annotations

PHASES = {
    "first screen": "finding the points that surely match",
    "dropped": "reading the reported drops",
    "align": "matching points",
    "ids": "matching points by id",
    "similarity": "comparing wordings",
    "candidates": "listing likely partners",
    "pairing": "pairing points",
    "joining": "finding merges and splits",
    "classifying": "naming each change",
    "changes": "building the rows",
    "parties": "linking what parties said",
    "summary": "counting the changes",
    "done": "matched",
}
LAYOUT = "layout"
"""Not an engine phase: the app's worker wraps every row's text to the view's width."""


def phase_text(phase: str, done: float, rows: int = 0) -> str:
    """`done` (0..1) is shown only inside a phase: at its start or end a percentage says nothing."""
    if phase == LAYOUT:
        return f"laying out {rows:,} row{'' if rows == 1 else 's'}"
    words = PHASES.get(phase, phase)
    return f"{words} {round(done * 100)}%" if 0 < done < 1 else words
