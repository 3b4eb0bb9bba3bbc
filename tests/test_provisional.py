"""The first screen of a comparison: what it shows as decided must be what the full comparison decides,
and nothing else may look decided."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.alignment_generator import generate
from tests.builders import make_revision, make_series
from tui.core import load_paths
from tui.engine.align import MatchKind
from tui.engine.compare import Change, Comparison, ComparisonCache
from tui.engine.progress import Cancelled, Progress
from tui.engine.provisional import Known, Provisional, ProvisionalChange, first_screen, is_pending
from tui.locations import proposals_dir
from tui.model import Location, Revision, Series
from tui.wording import flags, kind_label, match_label, unreported_note

PAIRED_KINDS = {MatchKind.UNCHANGED, MatchKind.MOVED, MatchKind.MERGED, MatchKind.SPLIT}
"""What an identical-text pair can become once the rest is aligned (a merge or split may join it)."""


def both(series: Series, old: Revision, new: Revision) -> tuple[Provisional, Comparison]:
    return first_screen(series, old, new), ComparisonCache().compare(series, old, new)


def agree(provisional: Provisional, final: Comparison) -> int:
    """Check every row of `provisional` against `final`; return how many rows were decided."""
    seen_old = sorted(p.index for c in provisional.changes for p in c.old)
    seen_new = [p.index for c in provisional.changes for p in c.new]
    assert seen_old == list(range(len(final.old.points)))
    assert seen_new == list(range(len(final.new.points))), "rows follow the new revision's order"
    decided = 0
    for n, row in enumerate(provisional.changes):
        for side in ("old", "new"):
            for point in row.old if side == "old" else row.new:
                assert provisional.change_holding(side, point.index) == n
        if is_pending(row):
            assert len(row.old) + len(row.new) == 1
            continue
        decided += 1
        if not isinstance(row, ProvisionalChange):  # reported dropped: already the final change itself
            held = final.changes[final.change_holding("old", row.old[0].index)]
            assert row == held and held.kind is MatchKind.REMOVED and held.dropped is not None
            continue
        (before,), (after,) = row.old, row.new
        holding = final.change_holding("old", before.index)
        assert holding == final.change_holding("new", after.index), "a decided pair stays one change"
        change = final.changes[holding]
        assert change.confidence == 1.0 or change.kind in (MatchKind.MERGED, MatchKind.SPLIT)
        if row.known is Known.SAME_TEXT:
            assert change.kind in PAIRED_KINDS
        else:
            assert row.known is Known.SAME_ID and change.by_id
            if change.kind not in (MatchKind.MERGED, MatchKind.SPLIT):
                unchanged = change.kind in (MatchKind.UNCHANGED, MatchKind.MOVED)
                assert unchanged == (row.kind is MatchKind.UNCHANGED)
        if len(change.old) == 1 and len(change.new) == 1:
            assert change.renumbered == row.renumbered
    return decided


def generated(size: int, seed: int) -> tuple[Series, Revision, Revision]:
    case = generate(size, seed=seed)
    where = Location("big.yaml")
    old = Revision(series="big", id="old", location=where, points=tuple(case.old))
    new = Revision(series="big", id="new", location=where, points=tuple(case.new), previous="old")
    return Series(id="big", revisions=(old, new)), old, new


class TestAgreesWithTheFinalComparison:
    @pytest.mark.parametrize("seed", [0, 1, 2])
    def test_generated_pairs(self, seed: int) -> None:
        provisional, final = both(*generated(600, seed))
        decided = agree(provisional, final)
        assert decided > 200, "most of a generated pair is identical text, decided at once"
        assert provisional.pending_points > 0

    def test_every_pair_of_the_bundled_sample(self) -> None:
        result = load_paths([proposals_dir()])
        checked = 0
        for series in result.catalog.series:
            for old, new in itertools.permutations(series.revisions, 2):
                agree(*both(series, old, new))
                checked += 1
        assert checked >= 10

    def test_ids_dropped_and_partial(self) -> None:
        old = make_revision(
            "old",
            [
                {"id": "a", "number": "1", "text": "Ceasefire along the line of contact."},
                {"number": "2", "text": "Prisoners are exchanged all for all."},
                {"number": "3", "text": "Sanctions are lifted in stages."},
                {"id": "d", "number": "4", "text": "Elections within 100 days."},
            ],
        )
        new = make_revision(
            "new",
            [
                {"id": "a", "number": "1", "text": "Ceasefire along the current line of contact."},
                {"number": "2", "text": "Sanctions are lifted in stages."},
                {"id": "d", "number": "3", "text": "Elections within 100 days."},
                {"number": "4", "text": "A monitoring mission is deployed."},
            ],
            previous="old",
            partial=True,
            dropped=[{"point": "2", "source": "Reuters"}],
        )
        series = make_series(old, new)
        provisional, final = both(series, old, new)
        assert agree(provisional, final) == 4
        labels = [kind_label(c) for c in provisional.changes]
        assert labels == ["same id", "reported dropped", "same text", "same id", "matching…"]
        assert provisional.changes[0].kind is MatchKind.REWORDED, "a shared id with new words is reworded"
        assert provisional.changes[2].renumbered and provisional.changes[3].renumbered

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.sampled_from(["alpha beta", "beta gamma", "gamma", "delta epsilon", "—"]), max_size=8),
        st.lists(st.sampled_from(["alpha beta", "beta gamma", "gamma delta", "epsilon", "—"]), max_size=8),
        st.lists(st.booleans(), min_size=8, max_size=8),
    )
    def test_random_small_pairs_with_twins(self, olds: list[str], news: list[str], ids: list[bool]) -> None:
        """Twins (the same text twice), wordless points and ids shared in places: still no disagreement."""
        old = make_revision(
            "old", [{"text": t, "id": f"p{n}" if ids[n] else None} for n, t in enumerate(olds)]
        )
        new = make_revision(
            "new",
            [{"text": t, "id": f"p{n}" if ids[-n - 1] else None} for n, t in enumerate(news)],
            previous="old",
        )
        agree(*both(make_series(old, new), old, new))


class TestNothingLooksDecidedThatIsNot:
    def test_pending_rows_read_as_still_being_matched(self) -> None:
        provisional = first_screen(*generated(300, 4))
        pending = [c for c in provisional.changes if is_pending(c)]
        assert pending
        for change in pending:
            assert kind_label(change) == "matching…"
            assert match_label(change) == "" and "still being matched" in unreported_note(change)
            assert change.kind not in (MatchKind.ADDED, MatchKind.REMOVED)

    def test_decided_pairs_say_their_order_is_not_final(self) -> None:
        provisional = first_screen(*generated(300, 4))
        pairs = [c for c in provisional.changes if isinstance(c, ProvisionalChange) and not c.pending]
        assert pairs and all(kind_label(c) == "same text" and "provisional" in flags(c) for c in pairs)
        assert all(match_label(c) == "" for c in pairs), "no confidence until the alignment gives one"

    def test_no_exporter_can_take_it(self) -> None:
        provisional = first_screen(*generated(50, 1))
        assert not isinstance(provisional, Comparison)
        assert not hasattr(provisional, "summary") and not hasattr(provisional, "alignment")

    def test_dropped_rows_are_the_final_changes(self) -> None:
        old = make_revision("old", ["One.", "Two.", "Three."])
        new = make_revision(
            "new", ["One.", "Three."], previous="old", dropped=[{"point": "2", "source": "AP"}]
        )
        series = make_series(old, new)
        provisional, final = both(series, old, new)
        dropped = [c for c in provisional.changes if not isinstance(c, ProvisionalChange)]
        assert dropped == [c for c in final.changes if c.dropped is not None]
        assert isinstance(dropped[0], Change)


class TestCancel:
    def test_cancelled_before_it_starts(self) -> None:
        progress = Progress()
        progress.cancel()
        with pytest.raises(Cancelled):
            first_screen(*generated(100, 0), progress=progress)

    def test_cancelled_while_it_runs(self) -> None:
        """The owner cancels from the progress callback, as a screen being left would; nothing returns."""
        phases: list[float] = []
        progress: Progress

        def heard(phase: str, done: float) -> None:
            phases.append(done)
            progress.cancel()

        progress = Progress(heard)
        with pytest.raises(Cancelled):
            first_screen(*generated(100, 0), progress=progress)
        assert phases == [0.0]

    def test_reports_its_phase(self) -> None:
        heard: list[tuple[str, float]] = []
        first_screen(*generated(100, 0), progress=Progress(lambda phase, done: heard.append((phase, done))))
        assert heard == [("first screen", 0.0), ("first screen", 0.5), ("first screen", 1.0)]
