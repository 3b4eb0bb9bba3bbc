"""The app's theme switch remembered between runs, a broken settings file, and `e` exporting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet

from tests.test_app import SAMPLE, ready
from tui.export import render
from tui.ui.app import PropdiffApp
from tui.ui.config import load_config
from tui.ui.screens.export_dialog import ExportDialog
from tui.ui.theming import DARK, LIGHT, bundled_theme


async def test_t_switches_theme_and_the_next_run_opens_with_it(tmp_path: Path) -> None:
    settings = tmp_path / "config.yaml"
    app = PropdiffApp(SAMPLE, settings=settings, live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.theme == DARK
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == LIGHT
    assert load_config(settings)[0].theme == LIGHT

    again = PropdiffApp(SAMPLE, settings=settings, live=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert again.theme == LIGHT


async def test_opening_saves_nothing_the_user_did_not_choose(tmp_path: Path) -> None:
    settings = tmp_path / "config.yaml"
    async with PropdiffApp(SAMPLE, settings=settings, live=False).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
    assert not settings.exists()


async def test_the_remembered_theme_is_there_from_the_first_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stylesheet is parsed once with the theme's variables, never re-parsed for it at start."""
    settings = tmp_path / "config.yaml"
    settings.write_text(f"theme: {LIGHT}\n", encoding="utf-8")
    reparsed: list[object] = []
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparsed.append(self))
    app = PropdiffApp(SAMPLE, settings=settings, live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert reparsed == []
        assert app.theme == LIGHT and app.has_class(f"-theme-{LIGHT}", "-light-mode")
        assert not app.has_class("-dark-mode", "-theme-textual-dark")
        assert app.ansi_theme is app.ansi_theme_light
        assert Color.parse(app.theme_variables["background"]) == Color.parse(bundled_theme(LIGHT).background or "")
        header = screen.query_one("#pair-header")
        assert header.styles.background == Color.parse(app.theme_variables["panel"])
        assert [f._terminal_theme for f in app._filters] == [app.ansi_theme_light]


async def test_a_theme_chosen_elsewhere_is_remembered_too(tmp_path: Path) -> None:
    """The command palette sets `app.theme`; the settings follow whatever set it."""
    settings = tmp_path / "config.yaml"
    app = PropdiffApp(SAMPLE, settings=settings, live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    assert load_config(settings)[0].theme == "textual-light"


async def test_a_broken_settings_file_opens_with_defaults_and_says_so(tmp_path: Path) -> None:
    settings = tmp_path / "config.yaml"
    settings.write_text("theme: [oops\n", encoding="utf-8")
    app = PropdiffApp(SAMPLE, settings=settings, live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.theme == DARK
        messages = [n.message for n in app._notifications]
        assert any("not valid YAML" in m and str(settings) in m for m in messages)


async def test_e_opens_the_export_dialog_and_writes_where_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = PropdiffApp(SAMPLE, settings=tmp_path / "config.yaml", live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        (written,) = [p for p in tmp_path.iterdir() if p.suffix == ".md"]
        assert written.read_text(encoding="utf-8") == render(screen.comparison, "markdown")
        assert any(f"wrote {tmp_path / written.name}" in n.message for n in app._notifications)
    assert os.path.exists(written)
