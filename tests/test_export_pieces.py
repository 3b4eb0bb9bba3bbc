"""A JSON export is encoded one change at a time and written as it is made, with the same bytes.

`tui.export.json.pieces` never holds the whole document or its text (the
memory of a 100,000-point export); what reaches standard output or the `-o`
file must still be exactly `render`'s text, and a file is still all or nothing.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.benchmarks.generated_series import write_series
from tests.builders import pair, sample_comparison
from tests.test_export import hostile
from tui.cli import main
from tui.core import load_paths
from tui.engine.compare import compare
from tui.export import ExportError, render, render_pieces, write_atomically
from tui.export import json as json_export


class _Stdout(io.TextIOWrapper):
    """A text stream with a byte buffer, as sys.stdout is: the gate writes bytes to it."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", write_through=True)

    def data(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # type: ignore[attr-defined]


def test_one_piece_per_change_around_the_frame() -> None:
    comparison = sample_comparison()
    pieces = list(json_export.pieces(comparison))
    assert len(pieces) == len(comparison.changes) + 2
    assert "".join(pieces) == render(comparison, "json")
    assert all('"kind": ' in piece for piece in pieces[1:-1])


def test_no_changes_is_one_piece() -> None:
    comparison = pair([], [])
    assert not comparison.changes
    (piece,) = json_export.pieces(comparison)
    assert '\n  "changes": [],\n' in piece and piece == render(comparison, "json")


def test_other_formats_are_one_piece() -> None:
    comparison = hostile()
    for fmt in ("text", "markdown", "html"):
        assert list(render_pieces(comparison, fmt)) == [render(comparison, fmt)]


def test_the_command_writes_the_same_bytes_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "series"
    write_series(folder, 120, seed=2)
    result = load_paths([folder])
    (series,) = result.catalog.series
    expected = render(compare(series, *series.revisions), "json").encode("utf-8")
    out = _Stdout()
    assert main(["export", str(folder), "--format", "json"], out=out, err=io.StringIO()) == 0
    assert out.data() == expected
    target = tmp_path / "diff.json"
    assert main(["export", str(folder), "-o", str(target)], out=_Stdout(), err=io.StringIO()) == 0
    assert target.read_bytes() == expected


def test_a_piece_that_fails_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    def pieces() -> Iterator[str]:
        yield "{\n"
        raise RuntimeError("the export broke half-way")

    target = tmp_path / "diff.json"
    with pytest.raises(RuntimeError, match="half-way"):
        write_atomically(target, pieces(), force=False)
    assert list(tmp_path.iterdir()) == []
    target.write_text("kept")
    with pytest.raises(RuntimeError):
        write_atomically(target, pieces(), force=True)
    assert target.read_text() == "kept" and list(tmp_path.iterdir()) == [target]


def test_pieces_pass_the_same_gate_as_a_whole_text(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomically(target, ["a\x1b[31m", "b\u202e"], force=False)
    whole = tmp_path / "whole.txt"
    write_atomically(whole, "a\x1b[31mb\u202e", force=False)
    assert target.read_bytes() == whole.read_bytes() and "\x1b" not in target.read_text()


def test_an_unknown_format_is_refused_before_any_piece() -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        render_pieces(sample_comparison(), "yaml")
