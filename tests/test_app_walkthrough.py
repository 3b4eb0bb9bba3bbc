"""What walking the issue's "Done means" in tmux found, at 80x24 and 160x50: each a key or a line
that did nothing or said something wrong."""

from __future__ import annotations

from tests.test_app import SAMPLE, ready
from tui.ui.app import PropdiffApp
from tui.ui.widgets.party_panes import PartyPanes


async def test_a_number_pressed_while_reading_a_party_keeps_reading_the_party_chosen() -> None:
    """tab to the party panes, then 2: the pane read so far was hidden with the focus in it, so
    arrows and j did nothing until tab was pressed twice more."""
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        panes = screen.query_one(PartyPanes)
        await pilot.press("tab", "2")
        await pilot.pause()
        scroll = panes.active_scroll
        assert panes.active == "party-2" and pilot.app.focused is scroll
        assert scroll is not None and scroll.max_scroll_y > 0, "Russia's pane is longer than 80x24 shows"
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert scroll.scroll_y > 0


async def test_a_number_pressed_in_the_diff_leaves_the_focus_in_the_diff() -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        focused = pilot.app.focused
        await pilot.press("3")
        await pilot.pause()
        assert screen.query_one(PartyPanes).active == "party-3"
        assert pilot.app.focused is focused


async def test_export_is_offered_on_the_diff_only() -> None:
    """On the point history the footer offered "e Export", and e answered "nothing to export yet"."""
    from tui.ui.screens.history_screen import HistoryScreen
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        assert "e Export" in screen_lines(pilot.app)[-1]
        await pilot.press("h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.pause()
        assert "Export" not in screen_lines(pilot.app)[-1]
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is history
        assert not any("export" in n.message for n in pilot.app._notifications)
        await pilot.press("escape", "e")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ExportDialog"


def screen_lines(app: PropdiffApp) -> list[str]:
    """The composed screen, line by line, as the terminal shows it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]  # noqa: SLF001


async def test_help_descriptions_wrap_beside_their_keys_at_80_columns() -> None:
    """At 80 columns "(branch-aware)" and "whole series" ran on at the left edge, under the keys."""
    from tui.ui.screens.help_screen import HELP_KEYS

    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = pilot.app.screen.query_one("#help-text")
        lines = [text.render_line(y).text.rstrip() for y in range(text.size.height)]
        width = max(len(key) for key, _ in HELP_KEYS)
        start = lines.index("Keys") + 2
        keys = lines[start : lines.index("Reading the diff")]
        assert any(not line[:width].strip() and line.strip() for line in keys), "some description wraps"
        for line in filter(None, keys):
            assert line[:width].strip() in {key for key, _ in HELP_KEYS} or not line[: width + 2].strip(), line
        said = " ".join(" ".join(keys).split())
        for _, what in HELP_KEYS:
            assert what in said


def indents(widget, width: int) -> list[tuple[int, str]]:  # noqa: ANN001 - a Paragraphs
    """Each line's indent and text, as drawn at `width`."""
    lines = [line.plain for line in widget.lines(width)]
    return [(len(line) - len(line.lstrip()), line.strip()) for line in lines if line.strip()]


async def test_the_history_of_point_21_wraps_under_each_item_at_80_columns() -> None:
    """At 80x24 a point's text and each statement ran on at the left edge, under the revision headings."""
    from tui.ui.screens.history_screen import HistoryScreen

    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"crimea", "enter", "h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert history.steps is not None and screen.comparison is not None
        text = history.query_one("#history-text")
        lines = indents(text, text.content_size.width)
        headings = [n for n, (indent, line) in enumerate(lines) if indent == 0 and line[:2] in {"● ", "? ", "✗ ", "· "}]
        assert len(headings) == 4, "one section per revision of the series"
        point = next(n for n, (_, line) in enumerate(lines) if line.startswith("21 Territory:"))
        assert lines[point][0] == 2 and lines[point + 1][0] == 4, "the point's text runs on under itself"
        said = next(n for n, (_, line) in enumerate(lines) if line.startswith("European allies"))
        assert lines[said][0] == 4 and lines[said + 1][0] == 6
        assert all(indent > 0 for n, (indent, _) in enumerate(lines) if n not in headings and n > 0), lines
        said_all = " ".join(line for _, line in lines)
        assert said_all.count("first revision") == 1, "said once, in the heading"


async def test_a_party_statement_wraps_under_its_bullet() -> None:
    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        panes = screen.query_one(PartyPanes)
        text = panes.query_one("#party-text-1")
        lines = indents(text, text.content_size.width)
        bullet = next(n for n, (_, line) in enumerate(lines) if line.startswith("• support"))
        assert lines[bullet][0] == 0 and lines[bullet + 1][0] == 2
        assert all(indent >= 2 for indent, line in lines[bullet + 1 :] if not line.startswith(("•", "▶", "NEW")))


async def test_the_filter_says_which_kinds_are_hidden_without_colour() -> None:
    """The checkboxes draw the same X for shown and hidden kinds, told apart by colour only."""
    from textual.widgets import SelectionList

    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        kinds = pilot.app.screen.query_one(SelectionList)
        prompts = [str(kinds.get_option_at_index(n).prompt) for n in range(kinds.option_count)]
        assert prompts[0] == "unchanged (0)  · hidden" and prompts[1] == "reworded (17)"
        await pilot.press("space")  # unchanged: shown
        await pilot.pause()
        assert str(kinds.get_option_at_index(0).prompt) == "unchanged (0)"
        await pilot.press("down", "space")  # reworded: hidden
        await pilot.pause()
        assert str(kinds.get_option_at_index(1).prompt) == "reworded (17)  · hidden"


async def test_the_export_dialog_marks_the_chosen_format_without_colour() -> None:
    from textual.widgets import RadioButton

    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        buttons = list(pilot.app.screen.query(RadioButton))
        drawn = {str(b.label): b.render_line(0).text[:3] for b in buttons}
        chosen = [label for label, button in drawn.items() if "●" in button]
        assert chosen == [str(b.label) for b in buttons if b.value] and len(chosen) == 1, drawn


def test_filter_counts_are_grouped() -> None:
    from tui.engine.align import MatchKind
    from tui.ui.screens.filter_dialog import kind_prompt

    assert str(kind_prompt(MatchKind.UNCHANGED, 4_128, False)) == "unchanged (4,128)  · hidden"


async def test_the_series_picker_marks_the_series_shown() -> None:
    """Titles and ids ran together on one line that wrapped anywhere, and only the colour of the
    highlight said which series was open."""
    from textual.widgets import OptionList

    async with PropdiffApp(SAMPLE, live=False).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        options = pilot.app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert prompts[1].startswith("▶ Plan to end the war in Ukraine\n")
        assert prompts[1].endswith("us-peace-plan-ukraine · 4 revisions · shown now")
        assert prompts[0].startswith("  Examplia") and "shown now" not in prompts[0]
