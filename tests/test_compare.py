"""The comparison of two revisions: changes, dropped points, party context, summary, cache."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from tests.builders import (
    SAMPLE_NEW,
    SAMPLE_OLD,
    SAMPLE_SERIES,
    make_revision,
    make_series,
    pair,
    sample_comparison,
)
from tui.engine import compare as compare_module
from tui.engine.align import Alignment, Match, MatchKind
from tui.engine.compare import Comparison, compare, headline_reaction, resolve_dropped
from tui.engine.worddiff import Segment, side_text
from tui.model import Location, Reaction

PROPOSALS = Path(__file__).resolve().parent.parent / "proposals"


def assert_every_point_once(comparison: Comparison) -> None:
    """Each point of both revisions is in exactly one change, with its own index."""
    old = [p.index for change in comparison.changes for p in change.old]
    new = [p.index for change in comparison.changes for p in change.new]
    assert sorted(old) == list(range(len(comparison.old.points)))
    assert sorted(new) == list(range(len(comparison.new.points)))
    for change in comparison.changes:
        assert all(comparison.old.points[p.index] is p.point for p in change.old)
        assert all(comparison.new.points[p.index] is p.point for p in change.new)


def recording_align(matches: tuple[Match, ...] = ()) -> mock.Mock:
    return mock.Mock(return_value=Alignment(matches))


class TestChanges:
    def test_every_point_is_in_exactly_one_change(self) -> None:
        comparison = compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW)
        assert_every_point_once(comparison)

    def test_one_change_per_match_in_reading_order(self) -> None:
        comparison = sample_comparison()
        assert [c.kind for c in comparison.changes] == [m.kind for m in comparison.alignment.matches]
        for change, match in zip(comparison.changes, comparison.alignment.matches, strict=True):
            assert tuple(p.index for p in change.old) == match.old
            assert tuple(p.index for p in change.new) == match.new
            assert (change.confidence, change.moved, change.renumbered, change.by_id) == (
                match.confidence,
                match.moved,
                match.renumbered,
                match.by_id,
            )

    def test_identical_revisions_are_all_unchanged(self) -> None:
        comparison = pair(["First point.", "Second point."], ["First point.", "Second point."])
        assert [c.kind for c in comparison.changes] == [MatchKind.UNCHANGED] * 2
        assert all(c.segments == (Segment("equal", c.old[0].point.text),) for c in comparison.changes)
        assert comparison.summary.count(MatchKind.UNCHANGED) == 2

    def test_revisions_without_points(self) -> None:
        comparison = pair([], [])
        assert comparison.changes == ()
        assert all(count == 0 for _, count in comparison.summary.counts)

    def test_every_point_changed(self) -> None:
        comparison = pair(
            ["Ukraine's army is capped at 600,000.", "Elections within 100 days."],
            ["A joint office searches for missing persons.", "Grain ships across the Black Sea."],
        )
        assert_every_point_once(comparison)
        assert all(c.is_change for c in comparison.changes)

    def test_added_and_removed_points_diff_against_nothing(self) -> None:
        comparison = sample_comparison()
        removed = comparison.changes[3]
        added = comparison.changes[8]
        assert removed.segments == (
            Segment("delete", "All parties get full amnesty for their wartime actions."),
        )
        assert added.segments == (Segment("insert", "All prisoners are exchanged, all for all."),)
        assert added.title_segments == (Segment("insert", "Prisoners"),)

    def test_merge_joins_old_texts_with_newlines(self) -> None:
        merged = sample_comparison().changes[4]
        assert merged.kind is MatchKind.MERGED
        assert side_text(merged.segments, "old") == (
            "Ukraine holds elections within 100 days.\nFrozen assets fund reconstruction."
        )
        assert side_text(merged.segments, "new") == merged.new[0].point.text
        assert side_text(merged.title_segments, "old") == "Elections / Assets"
        pieces = merged.pieces("old")
        assert [side_text(piece, "old") for piece in pieces] == [p.point.text for p in merged.old]

    def test_split_joins_new_texts_with_newlines(self) -> None:
        split = sample_comparison().changes[5]
        assert (
            side_text(split.segments, "new")
            == "The nuclear plant is run jointly.\nIAEA supervises the plant."
        )
        assert split.new_refs == ("5a", "5b")
        assert split.number_change == ("6", "5a+5b")

    def test_number_change_only_when_refs_differ(self) -> None:
        comparison = sample_comparison()
        assert comparison.changes[0].number_change is None
        assert comparison.changes[1].number_change == ("9", "2")
        assert comparison.changes[3].number_change is None  # removed: nothing to compare

    def test_refs_fall_back_to_id_then_position(self) -> None:
        comparison = pair([{"id": "donbas", "text": "Territory."}, {"text": "No ref."}], [])
        assert [c.old_refs for c in comparison.changes] == [("donbas",), ("#2",)]

    def test_topics_are_the_union_of_both_sides(self) -> None:
        merged = sample_comparison().changes[4]
        assert merged.topics == ("elections", "economy")

    def test_canonically_equal_texts_show_no_change(self) -> None:
        """ "é" as one code point or as e + accent looks the same and is not a change."""
        comparison = pair(
            ["Port Sainte-He\u0301le\u0300ne is the capital."], ["Port Sainte-Hélène is the capital."]
        )
        change = comparison.changes[0]
        assert [op for op, _ in change.segments] == ["equal"]
        assert change.pieces("old") == ((Segment("equal", "Port Sainte-Hélène is the capital."),),)

    def test_markup_in_texts_is_data(self) -> None:
        comparison = pair(["<script>alert(1)</script> [bold]x[/bold]"], ["<script>alert(2)</script> **x**"])
        assert_every_point_once(comparison)


class TestAlignCall:
    def test_partial_flag_and_dropped_indices_are_passed_to_align(self) -> None:
        old = make_revision("a", ["One.", "Two.", "Three."])
        new = make_revision(
            "b", ["One."], previous="a", partial=True, dropped=[{"point": "3"}, {"point": "2", "source": "S"}]
        )
        fake = recording_align()
        with mock.patch.object(compare_module, "align", fake):
            compare_module._compare(make_series(old, new), old, new)
        fake.assert_called_once_with(old.points, new.points, partial=True, dropped=(1, 2), progress=None)

    def test_dropped_entry_is_attached_with_its_source(self) -> None:
        changes = sample_comparison().changes
        removed = changes[3]
        assert removed.kind is MatchKind.REMOVED
        assert removed.dropped is not None
        assert removed.dropped.source == "Ukraine's ambassador, Nov 2025"
        assert all(c.dropped is None for c in changes if c is not removed)

    def test_real_aligner_reports_dropped_points_as_removed(self) -> None:
        comparison = pair(
            ["Ceasefire at midnight.", "Full amnesty for all."],
            ["Ceasefire at midnight."],
            partial=True,
            dropped=[{"point": "2", "source": "Ambassador"}],
        )
        kinds = {c.old_refs: c.kind for c in comparison.changes}
        assert kinds[("2",)] is MatchKind.REMOVED
        assert comparison.changes[-1].dropped is not None

    def test_unlisted_points_of_a_partial_revision_are_unreported(self) -> None:
        comparison = pair(
            ["Ceasefire at midnight.", "Grain ships freely."], ["Ceasefire at midnight."], partial=True
        )
        assert comparison.changes[-1].kind is MatchKind.UNREPORTED


class TestResolveDropped:
    """`dropped` names points of `new.previous`; how that carries over to another old revision."""

    def test_ids_come_before_numbers(self) -> None:
        old = make_revision(
            "a", [{"number": "2", "text": "Two."}, {"id": "2", "number": "9", "text": "Nine."}]
        )
        new = make_revision("b", [], previous="a", dropped=[{"point": "2"}])
        assert list(resolve_dropped(make_series(old, new), old, new)) == [1]

    def test_no_previous_means_nothing_dropped(self) -> None:
        old = make_revision("a", ["One."])
        new = make_revision("b", [], dropped=[{"point": "1"}])
        assert resolve_dropped(make_series(old, new), old, new) == {}

    def test_across_several_revisions_by_id_then_number(self) -> None:
        first = make_revision(
            "a", [{"id": "amnesty", "number": "26", "text": "Amnesty."}, {"number": "27", "text": "Council."}]
        )
        middle = make_revision(
            "b",
            [{"id": "amnesty", "number": "19", "text": "Amnesty."}, {"number": "27", "text": "Council."}],
            previous="a",
        )
        last = make_revision(
            "c", [], previous="b", dropped=[{"point": "19", "note": "by id"}, {"point": "27"}]
        )
        series = make_series(first, middle, last)
        found = resolve_dropped(series, first, last)
        assert sorted(found) == [0, 1]
        assert found[0].note == "by id"

    def test_reports_say_nothing_about_later_or_sibling_revisions(self) -> None:
        """Only a revision `new` descends from can have lost the point on the way to `new`."""
        first = make_revision("a", [{"number": "5", "text": "Five."}])
        counter = make_revision("b", [{"number": "5", "text": "Counter five."}], previous="a")
        final = make_revision(
            "c", [{"number": "5", "text": "Another point."}], previous="a", dropped=[{"point": "5"}]
        )
        series = make_series(first, counter, final)
        assert list(resolve_dropped(series, first, final)) == [0]
        assert resolve_dropped(series, counter, final) == {}  # a sibling
        assert resolve_dropped(series, final, final) == {}  # itself: point 5 is right there

    def test_entries_naming_no_old_point_are_ignored(self) -> None:
        first = make_revision("a", [{"number": "1", "text": "One."}])
        middle = make_revision("b", [{"number": "5", "text": "Five."}], previous="a")
        last = make_revision("c", [], previous="b", dropped=[{"point": "5"}])
        assert resolve_dropped(make_series(first, middle, last), first, last) == {}


class TestParties:
    def test_parties_in_series_order_with_something_said(self) -> None:
        comparison = sample_comparison()
        assert [c.party.id for c in comparison.parties] == ["us", "ru", "ua", "eu"]  # not cn

    def test_statement_on_old_point_attaches_to_its_change(self) -> None:
        """Ukraine's precondition on OLD point 2 shows next to its NEW counterpart, point 3."""
        comparison = sample_comparison()
        ukraine = next(c for c in comparison.parties if c.party.id == "ua")
        precondition = ukraine.old.preconditions[0]
        assert precondition.points == (1,)
        assert precondition.changes == (2,)
        assert comparison.changes[2].new_refs == ("3",)
        notes = comparison.notes_for(2)
        assert [(n.party.party.id, n.side) for n in notes] == [("ua", "old"), ("eu", "old"), ("ru", "new")]

    def test_statement_on_split_point(self) -> None:
        comparison = sample_comparison()
        russia = next(c for c in comparison.parties if c.party.id == "ru")
        assert russia.new.preconditions[0].changes == (5,)

    def test_whole_revision_statements_attach_to_no_change(self) -> None:
        comparison = sample_comparison()
        russia = next(c for c in comparison.parties if c.party.id == "ru")
        assert russia.old.reactions[0].whole_revision
        assert russia.old.reactions[0].changes == ()
        assert all(
            n.statement.changes for i in range(len(comparison.changes)) for n in comparison.notes_for(i)
        )

    def test_stances_and_their_change(self) -> None:
        comparison = sample_comparison()
        phrases = {c.party.id: c.stance_change for c in comparison.parties}
        # Russia's and Europe's "oppose" are about single points: no headline stance.
        assert phrases == {
            "us": "support → no stance in new",
            "ru": "conditional → no stance in new",
            "ua": "no stance in old → support",
            "eu": "no stance on either revision",
        }
        russia = next(c for c in comparison.parties if c.party.id == "ru")
        assert russia.old.basis is russia.old.reactions[0].item


def reaction(stance: str, *, points: tuple[str, ...] = (), when: date | None = None) -> Reaction:
    return Reaction("ru", stance, "s", Location("t.yaml"), points=points, date=when)  # type: ignore[arg-type]


class TestHeadlineReaction:
    def test_latest_dated_whole_revision_reaction_wins(self) -> None:
        latest = reaction("oppose", when=date(2025, 12, 1))
        reactions = (
            latest,
            reaction("support", when=date(2025, 11, 1)),
            reaction("conditional"),
            reaction("support", points=("1",), when=date(2025, 12, 24)),
        )
        assert headline_reaction(reactions) is latest

    def test_undated_whole_revision_reactions_last_written_wins(self) -> None:
        last = reaction("conditional")
        assert headline_reaction((reaction("oppose"), last)) is last

    def test_point_reactions_alone_make_no_headline(self) -> None:
        """The contract derives the headline from reactions to the whole revision only."""
        reactions = tuple(reaction(s, points=("1",)) for s in ("oppose", "support", "oppose"))
        assert headline_reaction(reactions) is None

    def test_no_reactions(self) -> None:
        assert headline_reaction(()) is None


class TestSummary:
    def test_counts_every_kind_in_order(self) -> None:
        summary = sample_comparison().summary
        assert [kind for kind, _ in summary.counts] == list(MatchKind)
        assert all(count == 1 for kind, count in summary.counts if kind is not MatchKind.REWORDED)
        assert summary.count(MatchKind.REWORDED) == 2

    def test_moved_includes_reworded_and_moved(self) -> None:
        summary = sample_comparison().summary
        assert summary.moved == 2
        assert summary.renumbered == 4

    def test_topics_ranked_by_changed_points(self) -> None:
        topics = sample_comparison().summary.topics
        assert topics[-1].topic == "sovereignty"
        assert (topics[-1].changed, topics[-1].total) == (0, 1)
        assert [t.topic for t in topics[:2]] == ["economy", "elections"]  # ties: by name

    def test_unreported_points_do_not_count_as_changed_topics(self) -> None:
        """Their fate is unknown; only the unreported point carries `food` in the sample."""
        topics = {t.topic: t for t in sample_comparison().summary.topics}
        assert any(c.kind is MatchKind.UNREPORTED and "food" in c.topics for c in sample_comparison().changes)
        assert (topics["food"].changed, topics["food"].total) == (0, 1)


class TestCache:
    def test_same_objects_give_the_same_comparison(self) -> None:
        fake = recording_align(tuple(Match(MatchKind.UNCHANGED, (i,), (i,), 1.0) for i in range(1)))
        old = make_revision("a", ["One."])
        new = make_revision("b", ["One."], previous="a")
        series = make_series(old, new)
        with mock.patch.object(compare_module, "align", fake):
            first = compare(series, old, new)
            assert compare(series, old, new) is first
        assert fake.call_count == 1

    def test_reloaded_objects_are_compared_afresh(self) -> None:
        """Same ids, new objects (a reloaded file): a stale entry must not be returned."""
        old = make_revision("a", ["One."])
        first = compare(make_series(old, old), old, old)
        again = make_revision("a", ["One, edited."])
        second = compare(make_series(again, again), again, again)
        assert second is not first
        assert second.old.points[0].text == "One, edited."

    def test_comparison_is_deterministic(self) -> None:
        from tui.export import render

        outputs = {render(sample_comparison(), "json") for _ in range(3)}
        assert len(outputs) == 1


def us_plan() -> Any:
    from tui.reading.loading import load_paths

    folder = PROPOSALS / "us-peace-plan-ukraine"
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        pytest.skip("sample data proposals/us-peace-plan-ukraine is not there")
    result = load_paths([folder])
    assert not result.problems, result.problems
    series = result.catalog.get("us-peace-plan-ukraine")
    assert series is not None
    return series


class TestSampleData:
    def test_every_pair_of_revisions_covers_every_point(self) -> None:
        series = us_plan()
        for old in series.revisions:
            for new in series.revisions:
                assert_every_point_once(compare(series, old, new))

    def test_28_point_draft_against_20_point_framework(self) -> None:
        series = us_plan()
        old, new = series.revision("draft-28"), series.revision("framework-20")
        assert old is not None and new is not None
        comparison = compare(series, old, new)
        assert_every_point_once(comparison)
        assert comparison.summary.count(MatchKind.REMOVED) > 0
        assert comparison.summary.count(MatchKind.UNREPORTED) == 0  # framework-20 is complete
        assert comparison.parties

    def test_partial_geneva_version_has_unreported_and_sourced_drops(self) -> None:
        series = us_plan()
        old, new = series.revision("draft-28"), series.revision("geneva-19")
        assert old is not None and new is not None
        comparison = compare(series, old, new)
        dropped = [c for c in comparison.changes if c.dropped is not None]
        # Point 13: only its US–Russia cooperation part was reported moved out, so it is not dropped.
        assert {c.old_refs for c in dropped} == {("6",), ("26",), ("14",)}
        assert all(c.kind is MatchKind.REMOVED and c.dropped.source for c in dropped)  # type: ignore[union-attr]
        assert comparison.summary.count(MatchKind.UNREPORTED) > 0
