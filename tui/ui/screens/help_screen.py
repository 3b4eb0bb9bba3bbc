"""Every key of the main screen and the diff, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from ..widgets.paragraphs import Paragraph, Paragraphs

HELP_KEYS: tuple[tuple[str, str], ...] = (
    ("↓ j / ↑ k", "next / previous change"),
    ("home g / end G", "first / last change"),
    ("pgdn space ctrl+f / pgup ctrl+b", "page down / up"),
    ("] / [", "step the pair one revision newer / older (branch-aware)"),
    ("b", "at a fork (several revisions revise OLD): choose the branch"),
    ("r", "revision picker: choose any OLD and NEW"),
    ("s", "switch series (when several are loaded)"),
    ("u", "show / hide unchanged points"),
    ("f", "filter rows by kind of change"),
    ("/ then n / N", "search point text, next / previous hit"),
    ("h", "history of the focused point through the whole series"),
    ("tab", "move focus between the diff and the party panes"),
    ("1 … 9", "show party 1 … 9"),
    ("p", "files that failed to load, with their errors"),
    ("e", "export the comparison (pressed while matching: when it is done)"),
    ("t", "switch theme"),
    ("ctrl+p", "command palette"),
    ("?", "this help"),
    ("q", "quit"),
)


def help_paragraphs() -> list[Paragraph]:
    """The keys, each description wrapped beside its key (not back under it), then how to read the diff."""
    width = max(len(key) for key, _ in HELP_KEYS)
    paragraphs = [Paragraph(0, 0, Content.styled("Keys", "bold underline")), Paragraph(0, 0, Content(""))]
    for key, what in HELP_KEYS:
        paragraphs.append(Paragraph(0, width + 2, Content.assemble((key.ljust(width), "bold"), "  ", what)))
    reading = Content.assemble(
        "OLD is on the left, NEW on the right, one block per change. ",
        ("Struck", "strike"),
        " words were removed, ",
        ("underlined", "underline"),
        " words added. The middle column gives the kind, the flags (moved, renumbered) and the "
        "match confidence. ● marks a row some party spoke about; ▶ the focused row. "
        "“? fate unknown” is a point a partial revision does not report: not a deletion. "
        "While a long pair is still being matched, “matching…” rows are points not decided yet "
        "(neither added nor removed) and “same text” rows pairs already certain. "
        "On a narrow terminal the summary bar leaves out its least telling counts first; "
        "“…” after the counts says some were left out (f lists every kind with its count).",
    )
    blank = Paragraph(0, 0, Content(""))
    paragraphs += [blank, Paragraph(0, 0, Content.styled("Reading the diff", "bold underline")), blank]
    closing = Paragraph(0, 0, Content("escape, q or ? closes this help."))
    paragraphs += [Paragraph(0, 0, reading), blank, closing]
    return paragraphs


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Paragraphs(help_paragraphs(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
