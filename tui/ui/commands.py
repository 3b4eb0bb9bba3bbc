"""Command palette: only the commands that make sense on the screen shown, now."""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PairCommands(Provider):
    """Stepping, picking, filtering and party commands for the main screen's current pair."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from ..pairs import children, step  # here: the first frame does not wait for the model
        from .screens.main_screen import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for direction, word in ((1, "newer"), (-1, "older")):
            found = step(screen.series, screen.new, direction)
            if found is not None:
                commands.append(
                    (
                        f"pair: step {word} ({found.old.id} → {found.new.id})",
                        f"compare {found.new.id} with the revision it revises",
                        partial(screen.action_step, direction),
                    )
                )
        if screen.forks:
            for branch in children(screen.series, screen.old):
                if branch is not screen.new:
                    commands.append(
                        (
                            f"pair: other branch ({screen.old.id} → {branch.id})",
                            f"{branch.id} revises {screen.old.id} too",
                            partial(screen.show_pair, screen.series, screen.old, branch, True),
                        )
                    )
        commands.append(("pair: choose revisions", "pick any OLD and NEW", screen.action_pick_revisions))
        for other in screen.workspace.series:
            if other is not screen.series and len(other.revisions) >= 2:
                commands.append(
                    (f"series: open {other.id}", other.display_title, partial(screen.switch_series, other))
                )
        unchanged = "show" if "unchanged" in {k.value for k in screen.hidden} else "hide"
        commands.append((f"rows: {unchanged} unchanged points", "", screen.action_toggle_unchanged))
        commands.append(("rows: filter by kind of change", "", screen.action_filter_kinds))
        commands.append(("search: point text", "then n / N for next / previous hit", screen.action_search))
        for number, party in enumerate(screen.series.parties, 1):
            commands.append((f"party: {party.id}", party.name, partial(screen.action_party, number)))
        if screen.workspace.problems:
            commands.append(("files: show load errors", "", screen.action_problems))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text or None)
