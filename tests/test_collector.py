"""Loading runs without the garbage collector and leaves its data frozen, out of later collections."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.core as export_module
import tui.engine.compare as compare_module
from tests.benchmarks.generated_series import write_series
from tui import collector
from tui.cli import main
from tui.reading import loading
from tui.reading.loading import ProposalFiles, load_paths


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts while the test runs."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.unfreeze()  # give the suite back a collector that looks at everything


def test_no_collection_while_loading_and_the_data_is_frozen(
    tmp_path: Path, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_series(tmp_path, 2000)
    reading: list[bool] = []
    read = loading.read_documents

    def watched(*args: object, **kwargs: object) -> object:
        reading.append(gc.isenabled())
        return read(*args, **kwargs)

    monkeypatch.setattr(loading, "read_documents", watched)
    frozen_before = gc.get_freeze_count()
    collections.clear()
    result = load_paths([tmp_path])
    assert result.ok, result.problems
    assert reading == [False, False]
    assert 2 in collections, "one collection of what was there before the pause"
    assert not collections[collections.index(2) + 1 :], "none from the pause to the end of loading"
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen_before + 2 * 2000  # at least the points and their topics


def test_a_reload_is_paused_too(tmp_path: Path, collections: list[int]) -> None:
    paths = write_series(tmp_path, 500)
    files = ProposalFiles([tmp_path])
    collections.clear()
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("New draft", "Newer draft"), "utf-8")
    result = files.reload(paths[1])
    assert result.ok and collections[-1:] == [2]
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collections: list[int]) -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
        assert collections == []
    finally:
        gc.enable()


def test_nested_pauses_end_with_the_outermost() -> None:
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_comparing_is_paused_too(
    tmp_path: Path, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_series(tmp_path, 300)
    (series,) = load_paths([tmp_path]).catalog.series
    aligning: list[bool] = []
    align = compare_module.align

    def watched(*args: object, **kwargs: object) -> object:
        aligning.append(gc.isenabled())
        return align(*args, **kwargs)

    monkeypatch.setattr(compare_module, "align", watched)
    collections.clear()
    comparison = compare_module.compare(series, *series.revisions, cache=compare_module.ComparisonCache())
    assert aligning == [False] and collections == [2]
    assert comparison.changes and gc.isenabled()


def test_a_command_runs_paused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_series(tmp_path, 30)
    seen: list[bool] = []
    render = export_module.render_pieces

    def watched(*args: object, **kwargs: object) -> Iterator[str]:
        for piece in render(*args, **kwargs):  # the pieces are made while they are written
            seen.append(gc.isenabled())
            yield piece

    monkeypatch.setattr(export_module, "render_pieces", watched)
    assert main(["export", str(tmp_path), "--format", "json"], out=io.StringIO(), err=io.StringIO()) == 0
    assert seen and not any(seen) and gc.isenabled()
