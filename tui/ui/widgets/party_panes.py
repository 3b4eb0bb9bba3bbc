"""One tab per party: its reactions and preconditions on OLD and on NEW, and how its stance moved.

A pane is one `Paragraphs` of `Content` built from plain strings (never markup),
so a quote holding `[bold]` shows as typed. The statements that concern the
focused diff row are marked (a `▶` and reverse video, readable without colour).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import TabbedContent, TabPane

from ...model import Party
from ...wording import clean, headline, statement_parts, statement_refs
from .paragraphs import Paragraph, Paragraphs

if TYPE_CHECKING:
    from ...engine.compare import Comparison, PartyContext, PartySide

Part = str | tuple[str, str]


class PaneScroll(VerticalScroll):
    """A party's statements, scrolled with the diff's keys too (j / k besides the arrows)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]


def party_content(
    party: Party, context: PartyContext | None, comparison: Comparison, focus: int | None
) -> list[Paragraph]:
    """Everything one party said about the two revisions; statements about change `focus` marked.

    Paragraphs with hanging indents: a statement's lines stay under its bullet, not at the pane's edge.
    """
    paragraphs = [_line(0, 0, (clean(party.name), "bold"), (f"  ({clean(party.id)})", "dim"))]
    if context is None:
        return [*paragraphs, _line(0, 0, ("Said nothing recorded about either revision.", "italic"))]
    paragraphs.append(_line(0, 7, ("stance: ", "dim"), (context.stance_change, "bold")))
    for label, revision, side in (
        ("OLD", comparison.old, context.old),
        ("NEW", comparison.new, context.new),
    ):
        paragraphs.append(_line(0, 0))
        name = (clean(revision.display_name), "bold")
        paragraphs.append(_line(0, 5, (f"{label} ", "bold reverse"), " ", name))
        paragraphs += _side_paragraphs(side, focus)
    return paragraphs


def _line(first: int, rest: int, *parts: Part) -> Paragraph:
    return Paragraph(first, rest, Content.assemble(*parts))


def _side_paragraphs(side: PartySide, focus: int | None) -> list[Paragraph]:
    if side.empty:
        return [_line(2, 2, ("no reaction or precondition recorded", "italic dim"))]
    paragraphs = [_line(2, 4, ("headline: ", "dim"), (headline(side), "bold" if side.stance else "italic"))]
    for statement in (*side.reactions, *side.preconditions):
        here = focus is not None and focus in statement.changes
        about = statement_parts(statement)
        mark = "reverse" if here else ""
        paragraphs.append(
            _line(
                0,
                2,
                ("▶ " if here else "• ", "bold"),
                (about.heading, f"bold {mark}".strip()),
                ("  " + statement_refs(statement), "dim"),
            )
        )
        if about.text:
            paragraphs.append(_line(2, 2, (about.text, mark)))
        if about.quote:
            paragraphs.append(_line(2, 3, (f"“{about.quote}”", "italic")))
        if about.attribution:
            paragraphs.append(_line(2, 4, ("— " + about.attribution, "dim")))
        if about.source:
            paragraphs.append(_line(2, 4, ("source: " + about.source, "dim")))
        if about.certainty:
            paragraphs.append(_line(2, 2, (about.certainty, "dim italic")))
    return paragraphs


def tab_title(number: int, party: Party, marker: str = "") -> Content:
    """`1 us`, with `●` when the party spoke about the focused row; numbers 1-9 are the keys."""
    return Content.assemble((f"{number} " if number <= 9 else "", "bold"), clean(party.id), marker)


def _panes(parties: tuple[Party, ...]) -> list[TabPane]:
    panes = []
    for number, party in enumerate(parties, 1):
        body = PaneScroll(Paragraphs(id=f"party-text-{number}"))
        panes.append(TabPane(tab_title(number, party), body, id=f"party-{number}"))
    return panes


class PartyPanes(TabbedContent):
    """A tab for every party of the series, even silent ones, so each is one key away."""

    def __init__(self, parties: tuple[Party, ...] = (), *, id: str | None = None) -> None:  # noqa: A002
        """`parties`: the tabs to start with, built with the screen in one pass (adding them
        one by one after mounting cost a layout and a refresh each, 30 ms before the first frame)."""
        super().__init__(id=id)
        self.parties = parties
        self._shown: tuple[Comparison, int | None] | None = None
        self._spoke: frozenset[str] = frozenset()
        for pane in _panes(parties):
            self.compose_add_child(pane)

    async def set_parties(self, parties: tuple[Party, ...]) -> None:
        """Rebuild the tabs when the series (and so its parties) changes."""
        if parties == self.parties:
            return
        self.parties = parties
        self._spoke = frozenset()
        await self.clear_panes()
        for pane in _panes(parties):
            await self.add_pane(pane)

    def show(self, comparison: Comparison, focus: int | None) -> None:
        """Show what parties said about the pair, marking what concerns change `focus`.

        Called on every cursor move, so only the pane on screen is rebuilt (the
        others when their tab is opened) and tab labels only when the set of
        parties who spoke about the focused row changes.
        """
        self._shown = (comparison, focus)
        notes = comparison.notes_for(focus) if focus is not None else ()
        spoke = frozenset(note.party.party.id for note in notes)
        if spoke != self._spoke:
            self._spoke = spoke
            for number, party in enumerate(self.parties, 1):
                marker = "●" if party.id in spoke else ""
                self.get_tab(f"party-{number}").label = tab_title(number, party, marker)
        self._fill(self.active)

    def _fill(self, pane_id: str) -> None:
        if self._shown is None or not pane_id.startswith("party-"):
            return
        comparison, focus = self._shown
        number = int(pane_id.removeprefix("party-"))
        if not 1 <= number <= len(self.parties):
            return
        party = self.parties[number - 1]
        context = next((c for c in comparison.parties if c.party.id == party.id), None)
        for body in self.query(f"#party-text-{number}").results(Paragraphs):
            body.update(party_content(party, context, comparison, focus))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._fill(event.pane.id)

    def activate(self, number: int) -> bool:
        """Show party `number` (1-based); False when there is no such party."""
        if not 1 <= number <= len(self.parties):
            return False
        self.active = f"party-{number}"
        return True

    @property
    def active_scroll(self) -> VerticalScroll | None:
        pane = self.active_pane
        return pane.query_one(VerticalScroll) if pane is not None else None
