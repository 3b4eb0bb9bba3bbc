"""Behaviour of `tui.engine.align`: the contract every view builds on, checked on small cases and by property."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.alignment_generator import generate
from tui.engine import matchmodel
from tui.engine.align import Alignment, Match, MatchKind, align
from tui.engine.progress import Cancelled, Progress
from tui.model import Location, Point

WORDS = (
    "parties shall ceasefire territory guarantees sanctions army 600,000 NATO Europe Ukraine Russia "
    "referendum elections amnesty assets reconstruction Zaporizhzhia IAEA Dnipro the of and to in "
    "Украина гарантии выборы безопасность Київ мир أوكرانيا ضمانات 乌克兰 安全保障 🕊️ 🇺🇦 — 1."
).split()


def points(*texts: str, ids: tuple[str | None, ...] = (), path: str = "rev.yaml") -> list[Point]:
    """Points numbered 1..n, as a revision file would give them."""
    ids = ids or (None,) * len(texts)
    return [
        Point(text=text, location=Location(path, 1 + index), id=ids[index], number=str(index + 1))
        for index, text in enumerate(texts)
    ]


def pairs(alignment: Alignment) -> set[tuple[int, int]]:
    return {(old, new) for match in alignment.matches for old in match.old for new in match.new}


def assert_well_formed(alignment: Alignment, old_count: int, new_count: int) -> None:
    """Every index in exactly one match, each match shaped as its kind says, matches in reading order."""
    old_seen = Counter(index for match in alignment.matches for index in match.old)
    new_seen = Counter(index for match in alignment.matches for index in match.new)
    assert old_seen == Counter(range(old_count))
    assert new_seen == Counter(range(new_count))
    for match in alignment.matches:
        assert 0.0 <= match.confidence <= 1.0
        assert list(match.old) == sorted(match.old) and list(match.new) == sorted(match.new)
        assert _shape_fits(match), match
        for index in match.old:
            assert alignment.for_old(index) is match
        for index in match.new:
            assert alignment.for_new(index) is match
    firsts = [match.new[0] for match in alignment.matches if match.new]
    assert firsts == sorted(firsts)


def _shape_fits(match: Match) -> bool:
    sizes = (len(match.old), len(match.new))
    if match.kind is MatchKind.ADDED:
        return sizes == (0, 1) and not match.moved
    if match.kind in (MatchKind.REMOVED, MatchKind.UNREPORTED):
        return sizes == (1, 0) and not match.moved
    if match.kind is MatchKind.MERGED:
        return sizes[0] > 1 and sizes[1] == 1
    if match.kind is MatchKind.SPLIT:
        return sizes[0] == 1 and sizes[1] > 1
    if match.kind is MatchKind.MOVED:
        return sizes == (1, 1) and match.moved
    if match.kind is MatchKind.UNCHANGED:
        return sizes == (1, 1) and not match.moved
    return sizes == (1, 1)


texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
revisions = st.lists(texts, max_size=25)


@st.composite
def revision_pairs(draw: st.DrawFn) -> tuple[list[Point], list[Point], bool, set[int]]:
    """Two revisions sharing some texts and ids, with a partial flag and some dropped old points."""
    old_texts = draw(revisions)
    new_texts = draw(st.lists(st.one_of(texts, st.sampled_from(old_texts or ["x"])), max_size=25))
    id_pool = [f"p{k}" for k in range(30)]
    old_ids = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(id_pool)), min_size=len(old_texts), max_size=len(old_texts)
        )
    )
    new_ids = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(id_pool)), min_size=len(new_texts), max_size=len(new_texts)
        )
    )
    partial = draw(st.booleans())
    dropped = draw(st.sets(st.integers(0, len(old_texts) - 1), max_size=5)) if old_texts else set()
    return points(*old_texts, ids=tuple(old_ids)), points(*new_texts, ids=tuple(new_ids)), partial, dropped


class TestProperties:
    @given(revision_pairs())
    @settings(max_examples=200, deadline=None)
    def test_every_index_in_exactly_one_match(
        self, case: tuple[list[Point], list[Point], bool, set[int]]
    ) -> None:
        old, new, partial, dropped = case
        assert_well_formed(align(old, new, partial=partial, dropped=dropped), len(old), len(new))

    @given(revisions)
    @settings(deadline=None)
    def test_identical_revisions_are_all_unchanged(self, old_texts: list[str]) -> None:
        old, new = points(*old_texts), points(*old_texts, path="new.yaml")
        alignment = align(old, new)
        assert [(m.kind, m.old, m.new) for m in alignment.matches] == [
            (MatchKind.UNCHANGED, (k,), (k,)) for k in range(len(old))
        ]
        assert all(m.confidence == 1.0 and not m.renumbered for m in alignment.matches)

    @given(revision_pairs())
    @settings(max_examples=200, deadline=None)
    def test_id_matches_always_win(self, case: tuple[list[Point], list[Point], bool, set[int]]) -> None:
        old, new, partial, dropped = case
        alignment = align(old, new, partial=partial, dropped=dropped)
        new_ids = [p.id for p in new]
        for index, point in enumerate(old):
            if point.id is not None and point.id in new_ids and [p.id for p in old].count(point.id) == 1:
                match = alignment.for_old(index)
                assert match.by_id and match.confidence == 1.0
                assert match.new == (new_ids.index(point.id),)

    @given(revision_pairs())
    @settings(max_examples=200, deadline=None)
    def test_dropped_points_are_never_matched_by_content(
        self, case: tuple[list[Point], list[Point], bool, set[int]]
    ) -> None:
        old, new, partial, dropped = case
        alignment = align(old, new, partial=partial, dropped=dropped)
        for index in dropped:
            match = alignment.for_old(index)
            assert match.by_id or (match.kind is MatchKind.REMOVED and match.confidence == 1.0)

    @given(revision_pairs())
    @settings(max_examples=100, deadline=None)
    def test_unmatched_old_points_are_unreported_only_when_partial(
        self, case: tuple[list[Point], list[Point], bool, set[int]]
    ) -> None:
        old, new, partial, dropped = case
        for match in align(old, new, partial=partial, dropped=dropped).matches:
            if match.kind is MatchKind.UNREPORTED:
                assert partial and match.old[0] not in dropped
            if match.kind is MatchKind.REMOVED:
                assert not partial or match.old[0] in dropped

    @given(st.data(), st.integers(3, 25))
    @settings(deadline=None)
    def test_moving_one_point_reports_that_move_only(self, data: st.DataObject, count: int) -> None:
        clauses = [f"Clause {k}: {data.draw(texts)}" for k in range(count)]
        start = data.draw(st.integers(0, count - 1))
        end = data.draw(st.integers(0, count - 1).filter(lambda k: abs(k - start) >= 2))
        moved = clauses[:start] + clauses[start + 1 :]
        moved.insert(end, clauses[start])
        alignment = align(points(*clauses), points(*moved))
        match = alignment.for_old(start)
        assert (match.kind, match.new, match.renumbered) == (MatchKind.MOVED, (end,), True)
        assert {m.kind for m in alignment.matches if m is not match} == {MatchKind.UNCHANGED}

    @given(revision_pairs())
    @settings(max_examples=50, deadline=None)
    def test_deterministic(self, case: tuple[list[Point], list[Point], bool, set[int]]) -> None:
        old, new, partial, dropped = case
        assert align(old, new, partial=partial, dropped=dropped) == align(
            old, new, partial=partial, dropped=dropped
        )


def test_same_result_whatever_the_hash_seed() -> None:
    """Set and dict order vary between runs; the alignment a user sees must not."""
    script = (
        "from tests.alignment_generator import HARD_MIX, generate\n"
        "from tui.engine.align import align\n"
        "case = generate(300, seed=4, mix=HARD_MIX)\n"
        "print(repr(align(case.old, case.new)))\n"
    )
    root = Path(__file__).resolve().parents[1]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


class TestEdges:
    def test_both_empty(self) -> None:
        assert align([], []).matches == ()

    def test_old_empty_means_all_added(self) -> None:
        alignment = align([], points("a b c", "d e f"))
        assert [(m.kind, m.new, m.confidence) for m in alignment.matches] == [
            (MatchKind.ADDED, (0,), 1.0),
            (MatchKind.ADDED, (1,), 1.0),
        ]

    @pytest.mark.parametrize("partial", [False, True])
    def test_new_empty_means_all_removed_or_unreported(self, partial: bool) -> None:
        alignment = align(points("a b c", "d e f"), [], partial=partial)
        kind = MatchKind.UNREPORTED if partial else MatchKind.REMOVED
        assert [(m.kind, m.old) for m in alignment.matches] == [(kind, (0,)), (kind, (1,))]

    def test_empty_ish_points_pair_with_their_twins_only(self) -> None:
        old = points("—", "1.", "", "Ukraine holds elections within 100 days.", "...")
        new = points("—", "1.", "", "Ukraine holds elections within 100 days.", "…")
        alignment = align(old, new)
        assert_well_formed(alignment, 5, 5)
        assert {(0, 0), (1, 1), (2, 2), (3, 3)} <= pairs(alignment)

    def test_points_of_ten_thousand_words(self) -> None:
        long_old = " ".join(f"word{k % 3000} clause{k % 7}" for k in range(5000))
        long_new = long_old.replace("word17 ", "term17 ")
        old = points(long_old, "A short point about sanctions.")
        new = points("A short point about sanctions.", long_new)
        alignment = align(old, new)
        assert pairs(alignment) == {(0, 1), (1, 0)}
        assert alignment.for_old(0).kind is MatchKind.REWORDED

    def test_every_point_changed(self) -> None:
        old = points(
            "Ukraine's armed forces are capped at 600,000 personnel.",
            "Ukraine holds elections within 100 days.",
            "The Zaporizhzhia nuclear power plant is restarted under IAEA supervision.",
            "All parties to the conflict get full amnesty for their wartime actions.",
            "European fighter jets are based in Poland.",
        )
        new = points(
            "Ukraine holds elections as soon as possible after signing.",
            "Ukraine's armed forces stay at 800,000 personnel in peacetime.",
            "Zaporizhzhia nuclear plant: joint operation, supervised by the IAEA.",
            "Every party to the conflict is granted an amnesty for actions in wartime.",
            "A full ceasefire takes effect immediately once both sides agree.",
        )
        alignment = align(old, new)
        assert_well_formed(alignment, 5, 5)
        assert pairs(alignment) == {(0, 1), (1, 0), (2, 2), (3, 3)}
        assert {alignment.for_old(k).kind for k in range(4)} == {MatchKind.REWORDED}
        assert alignment.for_old(4).kind is MatchKind.REMOVED
        assert alignment.for_new(4).kind is MatchKind.ADDED

    def test_dropped_index_out_of_range_is_an_error(self) -> None:
        with pytest.raises(ValueError, match="out of range"):
            align(points("a"), points("a"), dropped={3})


class TestKinds:
    BASE = (
        "Ukraine's sovereignty is confirmed.",
        "Russia, Ukraine and Europe sign a comprehensive non-aggression agreement.",
        "Ukraine receives reliable security guarantees.",
        "Ukraine's armed forces are capped at 600,000 personnel.",
        "European fighter jets are based in Poland.",
        "Ukraine holds elections within 100 days.",
    )

    def test_deleting_a_point_renumbers_the_rest_without_moving_them(self) -> None:
        new_texts = self.BASE[:2] + self.BASE[3:]
        alignment = align(points(*self.BASE), points(*new_texts))
        assert alignment.for_old(2).kind is MatchKind.REMOVED
        for index in (3, 4, 5):
            match = alignment.for_old(index)
            assert match.kind is MatchKind.UNCHANGED and match.renumbered and not match.moved

    def test_a_moved_point_is_moved_not_removed_and_added(self) -> None:
        new_texts = (self.BASE[4],) + self.BASE[:4] + self.BASE[5:]
        alignment = align(points(*self.BASE), points(*new_texts))
        moved = alignment.for_old(4)
        assert (moved.kind, moved.new, moved.moved, moved.renumbered) == (MatchKind.MOVED, (0,), True, True)
        assert sum(m.moved for m in alignment.matches) == 1

    def test_reworded_and_moved(self) -> None:
        new_texts = (
            self.BASE[:1]
            + self.BASE[2:5]
            + ("Russia, Ukraine and Europe sign a full non-aggression pact.",)
            + self.BASE[5:]
        )
        match = align(points(*self.BASE), points(*new_texts)).for_old(1)
        assert (match.kind, match.new, match.moved) == (MatchKind.REWORDED, (4,), True)

    def test_whitespace_is_not_a_change_but_the_title_is(self) -> None:
        old = [Point("Ukraine holds\n  elections.", Location("a", 1), title="Elections")]
        same = [Point("Ukraine holds elections.", Location("b", 1), title="Elections")]
        retitled = [Point("Ukraine holds elections.", Location("b", 1), title="Votes")]
        assert align(old, same).matches[0].kind is MatchKind.UNCHANGED
        assert align(old, retitled).matches[0].kind is MatchKind.REWORDED

    def test_merge(self) -> None:
        old = points(
            "Ukraine's sovereignty is confirmed.",
            "Russia enshrines in law a policy of non-aggression toward Europe and Ukraine.",
            "The State Duma ratifies the non-aggression commitments by an overwhelming majority.",
            "Ukraine holds elections within 100 days.",
        )
        new = points(
            "Ukraine's sovereignty is confirmed.",
            "Russia enshrines in law a policy of non-aggression toward Europe and Ukraine, ratified by an "
            "overwhelming majority of the State Duma.",
            "Ukraine holds elections within 100 days.",
        )
        match = align(old, new).for_new(1)
        assert (match.kind, match.old, match.new) == (MatchKind.MERGED, (1, 2), (1,))

    def test_split(self) -> None:
        old = points(
            "Ukraine's sovereignty is confirmed.",
            "A humanitarian committee exchanges all prisoners all for all and returns all civilian "
            "detainees, hostages and children; a family reunification programme eases the suffering "
            "of victims.",
            "Ukraine holds elections within 100 days.",
        )
        new = points(
            "Ukraine's sovereignty is confirmed.",
            "A humanitarian committee exchanges all prisoners all for all.",
            "All civilian detainees, hostages and children are returned; a family reunification programme "
            "eases the suffering of victims.",
            "Ukraine holds elections within 100 days.",
        )
        match = align(old, new).for_old(1)
        assert (match.kind, match.old, match.new) == (MatchKind.SPLIT, (1,), (1, 2))

    def test_id_beats_identical_text(self) -> None:
        old = points("Ceasefire now.", "Elections in 100 days.", ids=("ceasefire", None))
        new = points("Ceasefire now.", "A ceasefire takes effect at once.", ids=(None, "ceasefire"))
        alignment = align(old, new)
        assert alignment.for_old(0) == Match(
            MatchKind.REWORDED, (0,), (1,), 1.0, renumbered=True, by_id=True, decided_by="id"
        )
        assert alignment.for_new(0).kind is MatchKind.ADDED

    def test_equally_similar_candidates_keep_document_order(self) -> None:
        old = points("Reserved.", "Elections in 100 days.", "Reserved.", "Amnesty for all.")
        new = points("Reserved.", "Elections in 100 days.", "Reserved.", "Amnesty for all.", "Reserved.")
        alignment = align(old, new)
        assert pairs(alignment) == {(0, 0), (1, 1), (2, 2), (3, 3)}
        assert not any(m.moved for m in alignment.matches)

    def test_a_point_like_one_surely_matched_elsewhere_is_confidently_removed(self) -> None:
        """Links are one to one: sharing words with a point taken by a sure match is no sign of a counterpart."""
        old = points(
            "Ukraine's armed forces are capped at 600,000 personnel in peacetime.",
            "Ukraine's armed forces are capped at 800,000 personnel.",
            "Elections are held in 100 days.",
        )
        new = points(
            "Ukraine's armed forces will be capped at 600,000 personnel in peacetime.",
            "Elections are held in 100 days.",
        )
        alignment = align(old, new)
        assert alignment.for_old(0).new == (0,) and alignment.for_old(0).confidence > 0.95
        removed = alignment.for_old(1)
        assert removed.kind is MatchKind.REMOVED and removed.runner_up.index == 0
        assert removed.runner_up.probability > 0.5, "alone, the pair's words look like a link"
        assert removed.confidence > 0.9, "but its partner is taken: only a merge could still hold it"

    def test_no_counterpart_is_less_sure_when_the_other_side_is_left_over_too(self) -> None:
        """A missed partner can only be a point the other side also left over: the more of those, the less
        sure "no counterpart" is (on low-overlap paraphrase most lone points have a partner after all)."""
        assert matchmodel.lone_probability(0.0, 0.0) > 0.99
        assert matchmodel.lone_probability(0.3, 0.0) < matchmodel.lone_probability(0.01, 0.0)
        assert matchmodel.lone_probability(0.01, 0.8) < 0.5 < matchmodel.lone_probability(0.01, 0.1)

    def test_partial_revision(self) -> None:
        old = points(*self.BASE)
        new = points(self.BASE[0], "Ukraine's armed forces stay at 800,000 personnel in peacetime.")
        alignment = align(old, new, partial=True, dropped={5})
        assert alignment.for_old(3).new == (1,)
        assert [alignment.for_old(k).kind for k in (1, 2, 4)] == [MatchKind.UNREPORTED] * 3
        assert (alignment.for_old(5).kind, alignment.for_old(5).confidence) == (MatchKind.REMOVED, 1.0)

    def test_losses_read_after_the_point_before_them(self) -> None:
        old = points(*self.BASE)
        new = points(
            self.BASE[1], self.BASE[3], "A new point about maritime access to the Black Sea.", self.BASE[5]
        )
        order = [(m.kind, m.old, m.new) for m in align(old, new).matches]
        assert order == [
            (MatchKind.REMOVED, (0,), ()),
            (MatchKind.UNCHANGED, (1,), (0,)),
            (MatchKind.REMOVED, (2,), ()),
            (MatchKind.UNCHANGED, (3,), (1,)),
            (MatchKind.REMOVED, (4,), ()),
            (MatchKind.ADDED, (), (2,)),
            (MatchKind.UNCHANGED, (5,), (3,)),
        ]


class TestScripts:
    @pytest.mark.parametrize(
        ("before", "after", "other"),
        [
            (
                "Украина получает надёжные гарантии безопасности.",
                "Украине предоставляются надёжные гарантии безопасности от США.",
                "Выборы на Украине проводятся в течение 100 дней.",
            ),
            (
                "تحصل أوكرانيا على ضمانات أمنية موثوقة.",
                "تحصل أوكرانيا على ضمانات أمنية قوية.",
                "تجرى الانتخابات في أوكرانيا خلال مئة يوم.",
            ),
            ("乌克兰获得可靠的安全保障。", "乌克兰获得强有力的安全保障。", "乌克兰在一百天内举行选举。"),
            ("🕊️ Peace 🇺🇦 now", "🕊️ 🇺🇦 peace, now!", "Elections within 100 days"),
        ],
    )
    def test_reworded_points_are_found_in_any_script(self, before: str, after: str, other: str) -> None:
        alignment = align(points(before, other), points(other, after))
        assert pairs(alignment) == {(0, 1), (1, 0)}
        assert alignment.for_old(0).kind is MatchKind.REWORDED


class TestProgress:
    def test_phases_in_order_with_fractions_that_only_grow(self) -> None:
        case = generate(300, seed=1)
        seen: list[tuple[str, float]] = []
        align(case.old, case.new, progress=Progress(lambda *report: seen.append(report)))
        fractions = [fraction for _, fraction in seen]
        assert fractions == sorted(fractions) and 0.0 <= fractions[0] and fractions[-1] <= 1.0
        assert list(dict.fromkeys(p for p, _ in seen)) == [
            "ids", "similarity", "candidates", "pairing", "joining", "classifying",
        ]  # fmt: skip

    def test_cancel_stops_the_alignment(self) -> None:
        case = generate(300, seed=1)
        progresses: list[Progress] = []

        def report(phase: str, fraction: float) -> None:
            if phase == "pairing":
                progresses[0].cancel()

        progress = Progress(report)
        progresses.append(progress)
        with pytest.raises(Cancelled):
            align(case.old, case.new, progress=progress)
