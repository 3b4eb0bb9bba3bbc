"""One tab per party: its reactions and preconditions on OLD and on NEW, and how its stance moved.

A pane is one `Static` of `Content` built from plain strings (never markup),
so a quote holding `[bold]` shows as typed. The statements that concern the
focused diff row are marked (a `▶` and reverse video, readable without colour).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from ...model import Party
from ...wording import clean, headline, statement_parts, statement_refs

if TYPE_CHECKING:
    from ...engine.compare import Comparison, PartyContext, PartySide

Part = str | tuple[str, str]


def party_content(
    party: Party, context: PartyContext | None, comparison: Comparison, focus: int | None
) -> Content:
    """Everything one party said about the two revisions; statements about change `focus` marked."""
    parts: list[Part] = [(clean(party.name), "bold"), (f"  ({clean(party.id)})", "dim"), "\n"]
    if context is None:
        parts.append(("Said nothing recorded about either revision.", "italic"))
        return Content.assemble(*parts)
    parts += [("stance: ", "dim"), (context.stance_change, "bold"), "\n"]
    for label, revision, side in (
        ("OLD", comparison.old, context.old),
        ("NEW", comparison.new, context.new),
    ):
        parts += ["\n", (f"{label} ", "bold reverse"), " ", (clean(revision.display_name), "bold"), "\n"]
        parts += _side_parts(side, focus)
    return Content.assemble(*parts)


def _side_parts(side: PartySide, focus: int | None) -> list[Part]:
    if side.empty:
        return [("  no reaction or precondition recorded\n", "italic dim")]
    parts: list[Part] = []
    parts += [("  headline: ", "dim"), (headline(side), "bold" if side.stance else "italic"), "\n"]
    for statement in (*side.reactions, *side.preconditions):
        here = focus is not None and focus in statement.changes
        about = statement_parts(statement)
        mark = "reverse" if here else ""
        parts += [(("▶ " if here else "• "), "bold"), (about.heading, f"bold {mark}".strip())]
        parts += [("  " + statement_refs(statement), "dim"), "\n"]
        if about.text:
            parts += ["  ", (about.text, mark), "\n"]
        if about.quote:
            parts += ["  ", (f"“{about.quote}”", "italic"), "\n"]
        who = ", ".join(x for x in (about.attribution,) if x)
        if who:
            parts += [("  — " + who, "dim"), "\n"]
        if about.source:
            parts += [("  source: " + about.source, "dim"), "\n"]
        if about.certainty:
            parts += [("  " + about.certainty, "dim italic"), "\n"]
    return parts


def tab_title(number: int, party: Party, marker: str = "") -> Content:
    """`1 us`, with `●` when the party spoke about the focused row; numbers 1-9 are the keys."""
    return Content.assemble((f"{number} " if number <= 9 else "", "bold"), clean(party.id), marker)


def _panes(parties: tuple[Party, ...]) -> list[TabPane]:
    panes = []
    for number, party in enumerate(parties, 1):
        body = VerticalScroll(Static(id=f"party-text-{number}"))
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
        for body in self.query(f"#party-text-{number}").results(Static):
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
