"""The export dialog's path check (tui.export.target): what is refused, and how a name is fixed up."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tui.export import FORMATS, ExportError
from tui.export.target import export_target

MARKDOWN = FORMATS["markdown"]


def refused(typed: str, folder: Path, fmt: str = "markdown") -> str:
    with pytest.raises(ExportError) as caught:
        export_target(typed, FORMATS[fmt], folder)
    return str(caught.value)


class TestNames:
    def test_a_relative_name_lands_in_the_folder(self, tmp_path: Path) -> None:
        target = export_target("report.md", MARKDOWN, tmp_path)
        assert target.path == tmp_path / "report.md" and not target.exists and not target.suffix_added

    def test_the_formats_own_suffixes_are_kept_in_any_case(self, tmp_path: Path) -> None:
        for name in ("a.md", "b.markdown", "c.MD"):
            assert export_target(name, MARKDOWN, tmp_path).path.name == name
        assert export_target("d.htm", FORMATS["html"], tmp_path).path.name == "d.htm"

    def test_a_name_without_a_suffix_gets_the_formats(self, tmp_path: Path) -> None:
        target = export_target("report", FORMATS["html"], tmp_path)
        assert target.path == tmp_path / "report.html" and target.suffix_added
        assert export_target("notes.v2", MARKDOWN, tmp_path).path.name == "notes.v2.md"

    def test_another_formats_suffix_is_refused_not_renamed(self, tmp_path: Path) -> None:
        said = refused("report.html", tmp_path)
        assert (
            said == "report.html ends in .html (the html format), but the format chosen is markdown: "
            "choose html or name a .md file"
        )
        assert "(the json format)" in refused("out.json", tmp_path, "text")

    def test_home_is_expanded(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("HOME", str(tmp_path))
        assert export_target("~/x.md", MARKDOWN, Path("/")).path == tmp_path / "x.md"

    def test_empty_and_nul(self, tmp_path: Path) -> None:
        assert refused("  ", tmp_path) == "give a file to write to"
        assert "NUL" in refused("a\0b.md", tmp_path)


class TestFolders:
    def test_a_missing_folder(self, tmp_path: Path) -> None:
        assert (
            refused("no-such-folder/out.md", tmp_path)
            == f"the folder {tmp_path / 'no-such-folder'} does not exist"
        )

    def test_a_file_where_the_folder_should_be(self, tmp_path: Path) -> None:
        (tmp_path / "plain").write_text("x")
        assert "is not a folder" in refused("plain/out.md", tmp_path)

    def test_a_folder_given_as_the_file(self, tmp_path: Path) -> None:
        (tmp_path / "reports").mkdir()
        assert refused("reports", tmp_path) == f"{tmp_path / 'reports'} is a folder: add a file name"
        assert "is a folder" in refused("reports/", tmp_path)
        assert "is a folder" in refused(str(tmp_path), tmp_path)
        (tmp_path / "old.md").mkdir()
        assert refused("old.md", tmp_path).endswith("old.md is a folder: add a file name")

    @pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
    def test_a_folder_not_writable(self, tmp_path: Path) -> None:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert "is not writable" in refused("locked/out.md", tmp_path)


class TestWhatIsThere:
    def test_an_existing_file_needs_confirmation(self, tmp_path: Path) -> None:
        (tmp_path / "out.md").write_text("old")
        assert export_target("out.md", MARKDOWN, tmp_path).exists

    def test_special_files_are_refused(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "pipe.md")
        assert refused("pipe.md", tmp_path).endswith("is a named pipe: an export writes only regular files")
        (tmp_path / "real.md").write_text("x")
        (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
        assert "a symbolic link" in refused("link.md", tmp_path)

    def test_a_socket_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "s.md"
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
            assert "a socket" in refused("s.md", tmp_path)
        finally:
            server.close()
