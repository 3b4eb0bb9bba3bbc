"""At a fork of the series (E3 counter-proposal and Geneva both revise draft-28), `b` chooses the branch."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.test_app import ready
from tui.ui.app import PropdiffApp
from tui.ui.screens.branch_picker import BranchPicker
from tui.ui.screens.main_screen import MainScreen
from tui.ui.workspace import open_workspace


def footer_keys(screen: MainScreen) -> set[str]:
    return {binding.key for (_, binding, enabled, _) in screen.active_bindings.values() if enabled}


async def test_b_at_a_fork_opens_the_branches_and_enter_compares_the_chosen_one() -> None:
    async with PropdiffApp(open_workspace([], sample=True)).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("left_square_bracket")  # framework-20's own step: draft-28 -> geneva-19
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "geneva-19")
        assert screen.forks and "b" in footer_keys(screen)
        await pilot.press("b")
        picker = pilot.app.screen
        assert isinstance(picker, BranchPicker)
        assert [b.id for b in picker.branches] == ["e3-counter", "geneva-19"]
        options = picker.query_one(OptionList)
        assert options.highlighted == 1, "the branch shown is highlighted"
        assert "continued by framework-20" in str(options.get_option_at_index(1).prompt)
        await pilot.press("up", "enter")
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "e3-counter")


async def test_b_from_a_later_revision_marks_the_branch_it_descends_from() -> None:
    """The opening pair draft-28 -> framework-20: framework-20 continues the Geneva branch."""
    async with PropdiffApp(open_workspace([], sample=True)).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "framework-20")
        await pilot.press("b")
        picker = pilot.app.screen
        assert isinstance(picker, BranchPicker) and picker.current.id == "geneva-19"
        await pilot.press("up", "enter")
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "e3-counter")


async def test_no_picker_where_the_series_does_not_fork() -> None:
    async with PropdiffApp(open_workspace([], sample=True)).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("left_square_bracket", "right_square_bracket")  # geneva-19 -> framework-20
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("geneva-19", "framework-20")
        assert not screen.forks and "b" not in footer_keys(screen)
        await pilot.press("b")
        assert pilot.app.screen is screen


async def test_escape_keeps_the_pair() -> None:
    async with PropdiffApp(open_workspace([], sample=True)).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("left_square_bracket")
        screen = await ready(pilot)
        await pilot.press("b")
        assert isinstance(pilot.app.screen, BranchPicker)
        await pilot.press("up", "escape")
        assert pilot.app.screen is screen
        assert (screen.old.id, screen.new.id) == ("draft-28", "geneva-19")


async def test_the_palette_offers_the_other_branch() -> None:
    async with PropdiffApp(open_workspace([], sample=True)).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("left_square_bracket")
        screen = await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"other branch")
        await pilot.pause(0.3)
        await pilot.press("enter")
        screen = await ready(pilot)
        assert (screen.old.id, screen.new.id) == ("draft-28", "e3-counter")
