"""The export dialog, driven by keys: writes with the CLI's code, says where, never overwrites silently."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Button, Input, RadioSet, Static

from tests.builders import sample_comparison
from tui.export import FORMATS, render
from tui.ui.screens.export_dialog import ExportDialog, default_name


class DialogApp(App[None]):
    """Opens the dialog on the sample comparison and keeps what it dismissed with."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.results: list[Path | None] = []

    def compose(self) -> ComposeResult:
        yield Static("behind the dialog")

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(sample_comparison(), self.folder), self.results.append)


MARKDOWN_NAME = default_name(sample_comparison(), FORMATS["markdown"])


def message(app: App[None]) -> str:
    return str(app.screen.query_one("#message", Static).render())


async def settle(pilot) -> None:  # noqa: ANN001 - textual's Pilot
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_enter_writes_markdown_by_default_with_the_cli_renderer(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
    (written,) = app.results
    assert written == tmp_path / MARKDOWN_NAME
    assert written.read_text(encoding="utf-8") == render(sample_comparison(), "markdown")


async def test_choosing_a_format_changes_the_suffix(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")  # from the path back to the formats
        await pilot.press("down", "down", "enter")
        chosen = app.screen.query_one(RadioSet).pressed_button
        assert chosen is not None and chosen.name != "markdown"
        fmt = FORMATS[chosen.name or ""]
        assert app.screen.query_one("#path", Input).value.endswith(fmt.suffix)
        await pilot.click("#write")
        await settle(pilot)
    (written,) = app.results
    assert written == tmp_path / default_name(sample_comparison(), fmt)
    assert written.read_text(encoding="utf-8") == render(sample_comparison(), fmt)


async def test_an_existing_file_is_kept_until_overwrite_is_pressed(tmp_path: Path) -> None:
    target = tmp_path / MARKDOWN_NAME
    target.write_text("mine", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "mine"
        assert "already exists" in message(app) and str(target) in message(app)
        assert str(app.screen.query_one("#write", Button).label) == "Overwrite"
        assert app.results == []
        await pilot.press("enter")
        await settle(pilot)
    assert app.results == [target]
    assert target.read_text(encoding="utf-8") == render(sample_comparison(), "markdown")


async def test_changing_the_path_withdraws_the_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "b.md").write_text("b", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one("#path", Input).value = "a.md"
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#write", Button).label) == "Overwrite"
        app.screen.query_one("#path", Input).value = "b.md"
        await pilot.pause()
        assert str(app.screen.query_one("#write", Button).label) == "Export"
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "b.md").read_text(encoding="utf-8") == "b"
        assert "already exists" in message(app)
    assert app.results == []


async def test_a_failed_write_says_why_and_stays_open(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "no-such-folder" / "out.md")
        await pilot.press("enter")
        await settle(pilot)
        assert message(app).startswith("Not written:") and "no-such-folder" in message(app)
        assert isinstance(app.screen, ExportDialog)
        assert not app.screen.query_one("#write", Button).disabled
    assert app.results == []


async def test_a_folder_is_refused(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert "is a folder" in message(app)


async def test_escape_cancels_and_writes_nothing(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert list(tmp_path.iterdir()) == []


async def type_path(pilot, text: str) -> None:  # noqa: ANN001 - textual's Pilot
    """Clear the path field and type `text`, as a person would."""
    field = pilot.app.screen.query_one("#path", Input)
    field.focus()
    await pilot.press("end", *["backspace"] * len(field.value), *text)


async def test_a_missing_folder_is_said_before_anything_is_written(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_path(pilot, "drafts/out.md")
        await pilot.press("enter")
        await pilot.pause()
        assert message(app) == f"Not written: the folder {tmp_path / 'drafts'} does not exist"
        assert not app.screen.query_one("#write", Button).disabled, "nothing started"
        assert app.screen.workers == [] or all(w.group != "export" for w in app.screen.workers)
    assert app.results == [] and list(tmp_path.iterdir()) == []


async def test_a_name_without_a_suffix_gets_the_formats(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_path(pilot, "summary")
        await pilot.press("enter")
        await settle(pilot)
    assert app.results == [tmp_path / "summary.md"]
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == render(sample_comparison(), "markdown")


async def test_an_existing_file_named_without_its_suffix_still_asks(tmp_path: Path) -> None:
    (tmp_path / "summary.md").write_text("mine", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_path(pilot, "summary")
        await pilot.press("enter")
        await pilot.pause()
        assert "(.md added) already exists" in message(app)
        assert app.screen.query_one("#path", Input).value == str(tmp_path / "summary.md")
        assert str(app.screen.query_one("#write", Button).label) == "Overwrite"
        assert (tmp_path / "summary.md").read_text(encoding="utf-8") == "mine"
        await pilot.press("enter")
        await settle(pilot)
    assert app.results == [tmp_path / "summary.md"]


async def test_another_formats_suffix_is_refused_until_that_format_is_chosen(tmp_path: Path) -> None:
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_path(pilot, "summary.html")
        await pilot.press("enter")
        await pilot.pause()
        assert "ends in .html (the html format), but the format chosen is markdown" in message(app)
        await pilot.press("shift+tab", "down", "enter")  # the formats: markdown -> html
        assert app.screen.format.name == "html"
        assert app.screen.query_one("#path", Input).value == "summary.html"
        await pilot.click("#write")
        await settle(pilot)
    assert app.results == [tmp_path / "summary.html"]
    assert (tmp_path / "summary.html").read_text(encoding="utf-8") == render(sample_comparison(), "html")


async def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_path(pilot, "pipe.md")
        await pilot.press("enter")
        await pilot.pause()
        assert (
            message(app)
            == f"Not written: {tmp_path / 'pipe.md'} is a named pipe: an export writes only regular files"
        )
    assert app.results == []


async def choose_json(pilot) -> None:  # noqa: ANN001 - textual's Pilot
    await pilot.press("shift+tab")  # from the path back to the formats (markdown)
    await pilot.press("down", "down", "enter")
    chosen = pilot.app.screen.query_one(RadioSet).pressed_button
    assert chosen is not None and chosen.name == "json"


async def test_json_is_written_in_pieces_as_the_command_line_writes_it(tmp_path: Path, monkeypatch) -> None:
    """The dialog writes the pieces `propdiff export` writes, never the whole text at once."""
    expected = render(sample_comparison(), "json")

    def whole_text(comparison: object) -> str:
        raise AssertionError("the export dialog built the whole JSON text")

    monkeypatch.setattr("tui.export.json.render", whole_text)
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await choose_json(pilot)
        await pilot.press("tab", "enter")  # to the Export button
        await settle(pilot)
    (written,) = app.results
    assert written == tmp_path / default_name(sample_comparison(), FORMATS["json"])
    assert written.read_bytes() == expected.encode("utf-8")


async def test_a_piece_that_fails_leaves_the_existing_file_whole(tmp_path: Path, monkeypatch) -> None:
    """Overwrite confirmed, then a later piece fails: the old file stays as it was, no temporary left."""
    import tui.export.json as json_export

    made = json_export.pieces
    assert len(list(made(sample_comparison()))) > 3  # the failure comes after pieces were written

    def failing(comparison):  # noqa: ANN001, ANN202 - the comparison, a generator of pieces
        for number, piece in enumerate(made(comparison)):
            if number == 2:
                raise OSError("disk full")
            yield piece

    monkeypatch.setattr(json_export, "pieces", failing)
    target = tmp_path / default_name(sample_comparison(), FORMATS["json"])
    target.write_text("mine", encoding="utf-8")
    app = DialogApp(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await choose_json(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert "already exists" in message(app)
        await pilot.press("enter")  # Overwrite
        await settle(pilot)
        assert message(app).startswith("Not written:") and "disk full" in message(app)
        assert isinstance(app.screen, ExportDialog)
    assert app.results == []
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_text(encoding="utf-8") == "mine"
