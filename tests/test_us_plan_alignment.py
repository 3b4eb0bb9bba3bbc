"""The bundled US plan sample aligns as a careful human reader aligns it.

The expected pairs in tests/data/us_plan_expected_alignment.yaml were written
from the sources (../shared/domain), not from the engine's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui.engine.align import MatchKind
from tui.engine.compare import compare
from tui.locations import proposals_dir
from tui.reading.loading import load_paths

EXPECTED = yaml.safe_load(
    (Path(__file__).parent / "data" / "us_plan_expected_alignment.yaml").read_text(encoding="utf-8")
)


def _comparison(pair: str):
    old_id, new_id = pair.split("->")
    result = load_paths([proposals_dir() / "us-peace-plan-ukraine"])
    assert result.ok
    (series,) = result.catalog.series
    return compare(series, series.revision(old_id), series.revision(new_id))


def _observed(pair: str) -> dict[str, object]:
    comparison = _comparison(pair)
    pairs, removed, added, unreported, unreported_new = set(), set(), set(), set(), set()
    for change in comparison.changes:
        if change.kind is MatchKind.REMOVED:
            removed.update(change.old_refs)
        elif change.kind is MatchKind.UNREPORTED:
            unreported.update(change.old_refs)
            unreported_new.update(change.new_refs)
        elif change.kind is MatchKind.ADDED:
            added.update(change.new_refs)
        else:
            pairs.update((o, n) for o in change.old_refs for n in change.new_refs)
    return {
        "pairs": pairs,
        "removed": removed,
        "added": added,
        "unreported": unreported,
        "unreported_new": unreported_new,
    }


F1_BAR = 0.95
"""Accuracy bars, not equality: the matcher must not be locked to one pair's every link."""


def _f1(found: set, truth: set) -> float:
    right = len(found & truth)
    return 2 * right / (len(found) + len(truth)) if found or truth else 1.0


@pytest.mark.parametrize("pair", sorted(EXPECTED))
def test_sample_aligns_as_a_careful_reader(pair: str) -> None:
    """Links and lone points (removed, added, unreported on either side, by kind) both score the bar."""
    expected = EXPECTED[pair]
    observed = _observed(pair)
    assert _f1(observed["pairs"], {tuple(p) for p in expected["pairs"]}) >= F1_BAR, observed["pairs"]
    kinds = ("removed", "added", "unreported", "unreported_new")
    lone = {(kind, ref) for kind in kinds for ref in observed[kind]}
    wanted = {(kind, ref) for kind in kinds for ref in expected.get(kind, [])}
    assert _f1(lone, wanted) >= F1_BAR, lone ^ wanted


def test_geneva_removals_carry_their_sources() -> None:
    comparison = _comparison("draft-28->geneva-19")
    removed = [c for c in comparison.changes if c.kind is MatchKind.REMOVED]
    assert {c.old_refs[0] for c in removed} == {"6", "14", "26"}
    assert all(c.dropped is not None and c.dropped.source for c in removed)
    assert not any(c.kind is MatchKind.REMOVED for c in comparison.changes if c.dropped is None)
