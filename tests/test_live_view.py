"""What a live view needs from a comparison: lookups by point, notes per change, an owned cache,
progress reports and cancellation from another thread."""

from __future__ import annotations

import threading
from unittest import mock

import pytest

from tests.alignment_generator import generate
from tests.builders import (
    SAMPLE_NEW,
    SAMPLE_OLD,
    SAMPLE_SERIES,
    make_revision,
    make_series,
    sample_comparison,
)
from tui.engine import compare as compare_module
from tui.engine.compare import Comparison, ComparisonCache, Note, compare
from tui.engine.progress import Cancelled, Progress
from tui.model import Location, Revision, Series


def scanned_notes(comparison: Comparison, change: int) -> tuple[Note, ...]:
    """Notes found the slow way, by scanning every party's statements: the order `notes_for` promises."""
    notes: list[Note] = []
    for side in ("old", "new"):
        for context in comparison.parties:
            party_side = context.side(side)  # type: ignore[arg-type]
            for statement in (*party_side.reactions, *party_side.preconditions):
                if change in statement.changes:
                    notes.append(Note(context, side, statement))  # type: ignore[arg-type]
    return tuple(notes)


def big_pair(size: int) -> tuple[Series, Revision, Revision]:
    case = generate(size, seed=3)
    where = Location("big.yaml")
    old = Revision(series="big", id="old", location=where, points=tuple(case.old))
    new = Revision(series="big", id="new", location=where, points=tuple(case.new), previous="old")
    return Series(id="big", revisions=(old, new)), old, new


class TestChangeHolding:
    def test_every_point_finds_the_change_that_holds_it(self) -> None:
        comparison = compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW, cache=ComparisonCache())
        for side in ("old", "new"):
            revision = comparison.old if side == "old" else comparison.new
            for index in range(len(revision.points)):
                change = comparison.changes[comparison.change_holding(side, index)]  # type: ignore[arg-type]
                held = change.old if side == "old" else change.new
                assert index in [p.index for p in held]

    def test_added_point_has_no_old_side_and_removed_no_new(self) -> None:
        comparison = sample_comparison()
        for n, change in enumerate(comparison.changes):
            for point in change.new:
                assert comparison.change_holding("new", point.index) == n
            for point in change.old:
                assert comparison.change_holding("old", point.index) == n

    def test_a_point_out_of_range_is_an_index_error(self) -> None:
        comparison = sample_comparison()
        with pytest.raises(IndexError):
            comparison.change_holding("old", len(comparison.old.points))
        with pytest.raises(IndexError):
            comparison.change_holding("new", -1)


class TestNotes:
    def test_precomputed_notes_equal_a_full_scan(self) -> None:
        comparison = sample_comparison()
        assert any(comparison.notes_for(n) for n in range(len(comparison.changes)))
        for n in range(len(comparison.changes)):
            assert comparison.notes_for(n) == scanned_notes(comparison, n)

    def test_notes_on_the_real_sample(self) -> None:
        from tests.test_compare import PROPOSALS
        from tui.reading.loading import load_paths

        result = load_paths([PROPOSALS])
        for series in result.catalog.series:
            for old, new in zip(series.revisions, series.revisions[1:], strict=False):
                comparison = compare(series, old, new, cache=ComparisonCache())
                for n in range(len(comparison.changes)):
                    assert comparison.notes_for(n) == scanned_notes(comparison, n)

    def test_notes_are_not_rescanned_per_call(self) -> None:
        comparison = sample_comparison()
        assert comparison.notes_for(0) is comparison.notes_for(0)


class TestOwnedCache:
    def test_a_cache_answers_for_the_same_objects_only(self) -> None:
        cache = ComparisonCache()
        first = cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW)
        assert cache.get(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is first
        assert cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is first
        copy = make_revision("draft-b", [p.text for p in SAMPLE_NEW.points], previous="draft-a")
        assert cache.get(SAMPLE_SERIES, SAMPLE_OLD, copy) is None

    def test_two_caches_are_independent_and_clear_empties_one(self) -> None:
        mine, other = ComparisonCache(), ComparisonCache()
        first = mine.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW)
        assert other.get(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is None
        mine.clear()
        assert len(mine) == 0
        assert mine.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is not first

    def test_least_recently_used_entry_is_dropped(self) -> None:
        cache = ComparisonCache(size=2)
        revisions = [make_revision(f"r{i}", [f"Point {i}."]) for i in range(3)]
        series = make_series(*revisions)
        a = cache.compare(series, revisions[0], revisions[1])
        cache.compare(series, revisions[1], revisions[2])
        cache.get(series, revisions[0], revisions[1])  # a is now the most recent
        cache.compare(series, revisions[0], revisions[2])
        assert cache.get(series, revisions[0], revisions[1]) is a
        assert cache.get(series, revisions[1], revisions[2]) is None

    def test_compare_without_a_cache_uses_the_shared_one(self) -> None:
        old = make_revision("a", ["One."])
        new = make_revision("b", ["One, two."], previous="a")
        series = make_series(old, new)
        first = compare(series, old, new)
        assert compare_module.shared_cache.get(series, old, new) is first


class TestProgress:
    def test_phases_are_reported_in_order_ending_done(self) -> None:
        seen: list[tuple[str, float]] = []
        compare(
            SAMPLE_SERIES,
            SAMPLE_OLD,
            SAMPLE_NEW,
            progress=Progress(lambda *a: seen.append(a)),
            cache=ComparisonCache(),
        )
        phases = list(dict.fromkeys(phase for phase, _ in seen))
        aligning = ["ids", "similarity", "candidates", "pairing", "joining", "classifying"]
        assert phases == ["dropped", "align", *aligning, "changes", "parties", "summary", "done"]
        assert seen[-1] == ("done", 1.0)
        assert all(0.0 <= fraction <= 1.0 for _, fraction in seen)

    def test_a_cached_pair_reports_nothing(self) -> None:
        cache = ComparisonCache()
        cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW)
        seen: list[tuple[str, float]] = []
        cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW, progress=Progress(lambda *a: seen.append(a)))
        assert seen == []

    def test_cancelled_before_start_computes_nothing_and_caches_nothing(self) -> None:
        cache = ComparisonCache()
        progress = Progress()
        progress.cancel()
        with mock.patch.object(compare_module, "align") as fake, pytest.raises(Cancelled):
            cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW, progress=progress)
        fake.assert_not_called()
        assert cache.get(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is None

    def test_cancelled_from_another_thread_mid_comparison(self) -> None:
        """The UI thread cancels while a worker thread is inside the comparison: the worker stops
        at its next step with `Cancelled`, and the pair is not cached."""
        cache = ComparisonCache()
        reached, resume = threading.Event(), threading.Event()

        def report(phase: str, fraction: float) -> None:
            if phase == "changes":
                reached.set()
                resume.wait(5)

        progress = Progress(report)
        outcome: list[object] = []

        def worker() -> None:
            try:
                outcome.append(cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW, progress=progress))
            except Cancelled as cancelled:
                outcome.append(cancelled)

        thread = threading.Thread(target=worker)
        thread.start()
        assert reached.wait(5)
        progress.cancel()
        resume.set()
        thread.join(5)
        assert not thread.is_alive()
        assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
        assert len(cache) == 0

    def test_a_large_pair_is_cancelled_promptly_inside_its_loops(self) -> None:
        """2,000 points (four reports while building changes): cancelling in the first report after alignment stops the change-building
        loop at its next report, long before the pair is done."""
        series, old, new = big_pair(2_000)
        cache = ComparisonCache()
        seen: list[str] = []

        def report(phase: str, fraction: float) -> None:
            seen.append(phase)
            if phase == "changes" and fraction > 0:
                progress.cancel()

        progress = Progress(report)
        with pytest.raises(Cancelled):
            cache.compare(series, old, new, progress=progress)
        assert "parties" not in seen and "done" not in seen
        assert len(cache) == 0
        # Not cancelled, the same pair completes and is cached.
        done = cache.compare(series, old, new, progress=Progress())
        assert cache.get(series, old, new) is done
        assert len(done.changes) > 0


class Asker:
    """A thread asking the cache for a pair, with its own cancel flag; `hold` stops the computation in
    its "changes" phase (reported to this asker only when it computes) until `resume` is set."""

    def __init__(self, cache: ComparisonCache, hold: bool = False) -> None:
        self.reached, self.resume = threading.Event(), threading.Event()
        self.phases: list[str] = []
        self.outcome: list[object] = []

        def report(phase: str, fraction: float) -> None:
            self.phases.append(phase)
            if hold and phase == "changes":
                self.reached.set()
                self.resume.wait(10)

        self.progress = Progress(report)
        self.thread = threading.Thread(target=self._ask, args=(cache,))

    def _ask(self, cache: ComparisonCache) -> None:
        try:
            self.outcome.append(cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW, progress=self.progress))
        except Cancelled as cancelled:
            self.outcome.append(cancelled)

    def start(self) -> Asker:
        self.thread.start()
        return self

    def result(self) -> object:
        self.thread.join(10)
        assert not self.thread.is_alive()
        assert len(self.outcome) == 1
        return self.outcome[0]


def joined(cache: ComparisonCache, count: int) -> None:
    """Wait until `count` askers wait on the sample pair's computation (the cache's bookkeeping)."""
    for _ in range(500):
        with cache._lock:
            flights = list(cache._flights.values())
        if flights and len(flights[0].askers) == count:
            return
        threading.Event().wait(0.01)
    raise AssertionError(f"never {count} askers")


class TestWorkInProgressIsShared:
    """A pair asked for while it is being computed is computed once; each asker can still leave."""

    def test_a_second_asker_waits_for_the_same_computation(self) -> None:
        cache = ComparisonCache()
        with mock.patch.object(compare_module, "_compare", wraps=compare_module._compare) as computed:
            first = Asker(cache, hold=True).start()
            assert first.reached.wait(10)
            second = Asker(cache).start()
            joined(cache, 2)
            first.resume.set()
            result = first.result()
            assert isinstance(result, Comparison) and second.result() is result
        assert computed.call_count == 1
        assert cache.get(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is result
        assert "done" in second.phases, "the joined asker hears the phases too"

    def test_the_first_asker_leaving_does_not_cancel_what_another_waits_for(self) -> None:
        cache = ComparisonCache()
        first = Asker(cache, hold=True).start()
        assert first.reached.wait(10)
        second = Asker(cache).start()
        joined(cache, 2)
        first.progress.cancel()
        first.resume.set()
        assert isinstance(first.result(), Cancelled)
        result = second.result()
        assert isinstance(result, Comparison)
        assert cache.get(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW) is result

    def test_a_waiting_asker_leaves_at_once_and_the_computation_goes_on(self) -> None:
        cache = ComparisonCache()
        first = Asker(cache, hold=True).start()
        assert first.reached.wait(10)
        second = Asker(cache).start()
        joined(cache, 2)
        second.progress.cancel()
        assert isinstance(second.result(), Cancelled), "it left while the computation was still held"
        joined(cache, 1)
        first.resume.set()
        assert isinstance(first.result(), Comparison)
        assert len(cache) == 1

    def test_when_every_asker_left_the_computation_stops_and_nothing_is_cached(self) -> None:
        cache = ComparisonCache()
        first = Asker(cache, hold=True).start()
        assert first.reached.wait(10)
        second = Asker(cache).start()
        joined(cache, 2)
        second.progress.cancel()
        first.progress.cancel()
        first.resume.set()
        assert isinstance(first.result(), Cancelled) and isinstance(second.result(), Cancelled)
        assert "parties" not in first.phases, "stopped at the next phase"
        assert len(cache) == 0 and not cache._flights
        # Asked again, the pair is computed afresh.
        assert isinstance(Asker(cache).start().result(), Comparison)

    def test_a_failure_reaches_every_asker(self) -> None:
        cache = ComparisonCache()
        real = compare_module._compare
        release = threading.Event()

        def failing(*args: object) -> Comparison:
            release.wait(10)
            raise RuntimeError("boom")

        with mock.patch.object(compare_module, "_compare", failing):
            outcomes: list[BaseException] = []

            def ask() -> None:
                try:
                    cache.compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW)
                except RuntimeError as error:
                    outcomes.append(error)

            threads = [threading.Thread(target=ask) for _ in range(2)]
            threads[0].start()
            joined(cache, 1)
            threads[1].start()
            joined(cache, 2)
            release.set()
            for thread in threads:
                thread.join(10)
        assert [str(e) for e in outcomes] == ["boom", "boom"]
        assert len(cache) == 0 and not cache._flights
        assert isinstance(real(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW), Comparison)
