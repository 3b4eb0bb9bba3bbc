"""The default pair: the newest revision against the nearest earlier complete revision it descends from."""

from __future__ import annotations

import pytest

from tests.builders import make_revision, make_series
from tui.errors import PropdiffError
from tui.pairs import choose_pair, pick_revisions


def series_of(*specs: tuple[str, str | None, bool]):
    """Revisions (id, previous, partial), one point each, in the order given."""
    return make_series(
        *(make_revision(rid, ["A point."], previous=prev, partial=partial) for rid, prev, partial in specs)
    )


class TestChoosePair:
    def test_skips_partial_revisions_in_the_line(self) -> None:
        series = series_of(
            ("draft", None, False),
            ("e3", "draft", True),
            ("geneva", "draft", True),
            ("framework", "geneva", False),
        )
        pair = choose_pair(series, None, None)
        assert (pair.old.id, pair.new.id) == ("draft", "framework")
        assert "geneva" in pair.reason and "nearest earlier complete revision" in pair.reason

    def test_a_sibling_is_never_the_default(self) -> None:
        """e3 comes right before geneva in the series order, but geneva does not descend from it."""
        series = series_of(("draft", None, False), ("e3", "draft", True), ("geneva", "draft", True))
        assert pick_revisions(series, None, "geneva")[0].id == "draft"

    def test_complete_previous_is_taken_directly(self) -> None:
        series = series_of(("a", None, False), ("b", "a", False))
        pair = choose_pair(series, None, None)
        assert (pair.old.id, pair.reason) == ("a", "b is the newest revision; it revises a")

    def test_falls_back_to_the_partial_previous_without_a_complete_ancestor(self) -> None:
        series = series_of(("a", None, True), ("b", "a", True), ("c", "b", False))
        pair = choose_pair(series, None, None)
        assert pair.old.id == "b"
        assert "no complete revision in its line" in pair.reason

    def test_falls_back_to_the_revision_before_without_previous_links(self) -> None:
        series = series_of(("a", None, False), ("b", None, False))
        pair = choose_pair(series, None, None)
        assert pair.old.id == "a" and "the one before it, a" in pair.reason

    def test_named_revisions_are_taken_as_asked(self) -> None:
        series = series_of(("a", None, False), ("b", "a", True), ("c", "b", False))
        pair = choose_pair(series, "b", "c")
        assert (pair.old.id, pair.new.id, pair.reason) == ("b", "c", "b and c as asked")

    def test_the_first_revision_has_no_default_old(self) -> None:
        series = series_of(("a", None, False), ("b", "a", False))
        with pytest.raises(PropdiffError, match="first revision"):
            choose_pair(series, None, "a")


def test_us_sample_default_pair() -> None:
    from tui.locations import proposals_dir
    from tui.reading.loading import load_paths

    series = load_paths([proposals_dir()]).catalog.get("us-peace-plan-ukraine")
    assert series is not None
    pair = choose_pair(series, None, None)
    assert (pair.old.id, pair.new.id) == ("draft-28", "framework-20")
