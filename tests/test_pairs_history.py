"""Stepping along a series (branch-aware) and a point's history through a series."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import make_revision
from tui.core import Series, load_paths
from tui.history import point_history
from tui.pairs import children, lineage, position, step

SAMPLE = Path(__file__).resolve().parents[1] / "proposals"


@pytest.fixture(scope="module")
def us() -> Series:
    series = load_paths([SAMPLE]).catalog.get("us-peace-plan-ukraine")
    assert series is not None
    return series


def ids(found) -> tuple[str, str] | None:  # noqa: ANN001
    return None if found is None else (found.old.id, found.new.id)


class TestStep:
    def test_each_pair_is_a_revision_and_the_one_it_revises_not_its_list_neighbour(self, us: Series) -> None:
        new = us.revision("framework-20")
        walked = []
        while (found := step(us, new, -1)) is not None:
            walked.append(ids(found))
            new = found.new
        # e3-counter comes before geneva-19 in series order, yet geneva-19 is compared with draft-28
        assert walked == [("draft-28", "geneva-19"), ("draft-28", "e3-counter")]

    def test_stepping_newer_retraces_the_same_pairs(self, us: Series) -> None:
        new = us.revision("e3-counter")
        walked = []
        while (found := step(us, new, 1)) is not None:
            walked.append(ids(found))
            new = found.new
        assert walked == [("draft-28", "geneva-19"), ("geneva-19", "framework-20")]

    def test_a_fork_names_the_other_branches(self, us: Series) -> None:
        found = step(us, us.revision("e3-counter"), 1)
        assert found is not None and [b.id for b in found.branches] == ["e3-counter"]
        assert step(us, us.revision("geneva-19"), 1).branches == ()

    def test_ends_of_the_series_give_none(self, us: Series) -> None:
        assert step(us, us.revision("framework-20"), 1) is None
        assert step(us, us.revision("e3-counter"), -1) is None

    def test_a_revision_without_previous_in_the_middle_is_skipped(self) -> None:
        revisions = (
            make_revision("a", ["x"]),
            make_revision("b", ["x"], previous="a"),
            make_revision("lone", ["y"]),
            make_revision("c", ["x"], previous="b"),
        )
        series = Series("demo", revisions)
        assert ids(step(series, revisions[1], 1)) == ("b", "c")
        assert ids(step(series, revisions[3], -1)) == ("a", "b")

    def test_position_says_where_a_revision_stands_and_names_the_branch(self, us: Series) -> None:
        assert position(us, us.revision("draft-28")) == "1 of 4, first revision"
        assert position(us, us.revision("geneva-19")) == "3 of 4, revises draft-28 (branch: e3-counter too)"
        assert [r.id for r in children(us, us.revision("draft-28"))] == ["e3-counter", "geneva-19"]
        assert [r.id for r in lineage(us, us.revision("framework-20"))] == [
            "draft-28",
            "geneva-19",
            "framework-20",
        ]


class TestPointHistory:
    def test_territory_point_through_the_us_series(self, us: Series) -> None:
        draft = us.revision("draft-28")
        steps = point_history(us, draft, (draft.find_point("21"),))
        by_id = {s.revision.id: s for s in steps}
        assert [s.revision.id for s in steps] == [r.id for r in us.revisions]
        assert by_id["draft-28"].state == "present" and by_id["draft-28"].statements
        assert by_id["geneva-19"].state == "unknown"
        assert "partial" in by_id["geneva-19"].what
        framework = by_id["framework-20"]
        assert framework.state == "present"
        assert [p.ref for p in framework.points] == ["14"]
        assert "renumbered 21 → 14" in framework.what
        assert framework.base.id == "draft-28"  # geneva-19 did not report it, so compared with draft-28

    def test_starting_from_the_new_side_traces_back_through_the_gap(self, us: Series) -> None:
        framework = us.revision("framework-20")
        steps = point_history(us, framework, (framework.find_point("14"),))
        assert [p.ref for p in steps[0].points] == ["21"]

    def test_merged_split_dropped_and_added_steps(self) -> None:
        a = make_revision("a", ["alpha one two", "beta three four", "gamma five six", "delta seven eight"])
        b = make_revision(
            "b",
            [{"number": "1", "text": "alpha one two beta three four"}, "gamma five six", "epsilon new point"],
            previous="a",
            dropped=[{"point": "4", "source": "a report"}],
        )
        series = Series("demo", (a, b))
        merged = point_history(series, a, (0,))
        assert merged[1].state == "present" and merged[1].what == "merged into 1 (with 2)"
        dropped = point_history(series, a, (3,))
        assert dropped[1].state == "absent" and dropped[1].what.startswith(
            "reported dropped (source: a report"
        )
        added = point_history(series, b, (2,))
        assert added[0].state == "absent"
        assert added[1].what == "added here"
