"""The JSON export is encoded by orjson and must stay what the standard library would write."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from tests.benchmarks.generated_series import write_series
from tests.builders import pair, sample_comparison
from tests.test_export import hostile
from tui.core import load_paths
from tui.engine.compare import Comparison, compare
from tui.export import json as json_export
from tui.export import render
from tui.locations import proposals_dir
from tui.sanitize import json_escape


def stdlib_text(comparison: Comparison) -> str:
    document = json_export.document(comparison)
    return json_escape(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def bundled_pairs() -> list[Comparison]:
    result = load_paths([proposals_dir()])
    assert result.ok, result.problems
    return [compare(s, old, new) for s in result.catalog.series for old, new in pairwise(s.revisions)]


class TestSameBytesAsTheStandardLibrary:
    def test_scripted_sample(self) -> None:
        assert render(sample_comparison(), "json") == stdlib_text(sample_comparison())

    def test_markup_and_controls(self) -> None:
        comparison = hostile()
        assert render(comparison, "json") == stdlib_text(comparison)

    def test_bundled_proposals(self) -> None:
        comparisons = bundled_pairs()
        assert len(comparisons) >= 5
        for comparison in comparisons:
            assert render(comparison, "json") == stdlib_text(comparison)

    def test_generated_series(self, tmp_path: Path) -> None:
        write_series(tmp_path, 300, seed=3)
        result = load_paths([tmp_path])
        assert result.ok, result.problems
        (series,) = result.catalog.series
        comparison = compare(series, *series.revisions)
        assert render(comparison, "json") == stdlib_text(comparison)


def test_a_lone_surrogate_is_escaped_not_a_crash() -> None:
    """orjson refuses it; the reader never lets one in, but a comparison built in code can hold one."""
    comparison = pair(["Kept \ud800 text."], ["Kept text."])
    with pytest.raises(TypeError):
        json_export.orjson.dumps(json_export.document(comparison))
    output = render(comparison, "json")
    assert "\\ud800" in output
    assert output == stdlib_text(comparison)
