"""Time and memory of point alignment on generated revision pairs, with the accuracy reached.

    python tests/benchmarks/bench_align.py [--sizes 100 1000 10000] [--seed 0] [--json] [--check]
    python tests/benchmarks/bench_align.py --sweep ACCEPT_PROBABILITY=0.4,0.5,0.6 [--json]

Each size is one generated pair (default mix of tests/alignment_generator.py).
Every step in `STEPS` is timed on it (best of a few runs for small sizes), then
run once more under tracemalloc for its peak memory: the alignment alone, the
comparison a view starts from (alignment and party context; word diffs wait
until a change is shown), and the whole JSON export (comparison, every word
diff, the JSON text). A `Step` function takes the pair and the results of the
steps before it.

Targets on the project's 2-core machine: 1,000 points in 0.3 s; 10,000 points
in 5 s and 500 MB. `--check` exits 1 when one is missed.

`--sweep` sets the decision threshold of `tui.engine.align` to each value
given and reports F1 on generated pairs (30 of 10 points, 5 of 100, 1 of
1,000 for each of three mixes, pooled per mix) and on the US 28/20-point pair
of tests/data. The matcher's other constants and fitted weights are measured
by `tests/benchmarks/fit_matcher.py --sensitivity`.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import tui.engine.align  # noqa: E402
from tests.alignment_generator import (  # noqa: E402
    DEFAULT_MIX,
    EVERY_POINT_REWORDED,
    HARD_MIX,
    Mix,
    RevisionPair,
    generate,
)
from tests.test_align_accuracy import US_HUMAN_PAIRS, accuracy, matched_pairs, pooled_accuracy, us_revisions  # noqa: E402
from tui.engine.align import Alignment, align  # noqa: E402
from tui.engine.compare import Comparison, compare  # noqa: E402
from tui.export import render  # noqa: E402
from tui.model import Location, Revision, Series  # noqa: E402


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[RevisionPair, Mapping[str, object]], object]
    """Takes the pair and the results of earlier steps, by step name."""


def _compare_step(case: RevisionPair, done: Mapping[str, object]) -> Comparison:
    """Alignment plus word diffs and party context, as `propdiff export` runs it.

    Fresh revision objects each run, so the comparison cache never answers.
    """
    where = Location("bench.yaml")
    old = Revision(series="bench", id="old", location=where, points=tuple(case.old))
    new = Revision(series="bench", id="new", location=where, points=tuple(case.new), previous="old")
    return compare(Series(id="bench", revisions=(old, new)), old, new)


def _export_step(case: RevisionPair, done: Mapping[str, object]) -> str:
    """`propdiff export --format json` after loading: a fresh comparison, its word diffs
    (computed lazily, on first use) and the JSON text."""
    return render(_compare_step(case, done), "json")


STEPS: tuple[Step, ...] = (
    Step("align", lambda case, done: align(case.old, case.new)),
    Step("compare", _compare_step),
    Step("export-json", _export_step),
)

# (size, step) -> (seconds, megabytes) that the step must stay under.
TARGETS: dict[tuple[int, str], tuple[float, float]] = {
    (1000, "align"): (0.3, 500.0),
    (10000, "align"): (5.0, 500.0),
}


@dataclass(frozen=True)
class Timing:
    size: int
    step: str
    seconds: float
    growth: float | None
    """Seconds over those of the previous size, for the same step."""
    peak_mb: float
    met_target: bool | None


@dataclass(frozen=True)
class SizeAccuracy:
    size: int
    """Points of the old revision."""
    new_points: int
    precision: float
    recall: float
    f1: float


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--sweep", metavar="NAME=V1,V2,...", help="score values of a tui.engine.align threshold instead"
    )
    args = parser.parse_args(argv)
    if args.sweep:
        name, _, values = args.sweep.partition("=")
        if not isinstance(getattr(tui.engine.align, name, None), float) or not values:
            parser.error(
                f"--sweep wants a threshold of tui.engine.align and values, as in ACCEPT_PROBABILITY=0.4,0.6; got {args.sweep}"
            )
        rows = _sweep(name, [float(value) for value in values.split(",")])
        print(json.dumps(rows, indent=2) if args.json else _sweep_table(name, rows))
        return 0

    timings: list[Timing] = []
    accuracies: list[SizeAccuracy] = []
    for size in args.sizes:
        case = generate(size, seed=args.seed)
        done = _run_steps(case, size, timings)
        accuracies.append(_accuracy(case, done["align"]))
    report = {
        "timings": [asdict(t) for t in timings],
        "accuracy": [asdict(a) for a in accuracies],
        "max_rss_mb": _max_rss_mb(),
    }
    print(json.dumps(report, indent=2) if args.json else _table(timings, accuracies, report["max_rss_mb"]))
    missed = any(t.met_target is False for t in timings)
    return 1 if args.check and missed else 0


def _run_steps(case: RevisionPair, size: int, timings: list[Timing]) -> dict[str, object]:
    done: dict[str, object] = {}
    for step in STEPS:
        seconds = min(_timed(step, case, done) for _ in range(_repeats(size)))
        peak_mb, done[step.name] = _traced(step, case, done)
        previous = next((t for t in reversed(timings) if t.step == step.name), None)
        target = TARGETS.get((size, step.name))
        timings.append(
            Timing(
                size=size,
                step=step.name,
                seconds=round(seconds, 4),
                growth=round(seconds / previous.seconds, 1) if previous and previous.seconds else None,
                peak_mb=round(peak_mb, 1),
                met_target=None if target is None else seconds <= target[0] and peak_mb <= target[1],
            )
        )
    return done


def _repeats(size: int) -> int:
    """Best of several runs where a run is short enough for noise to matter."""
    return 5 if size <= 1000 else 1


def _timed(step: Step, case: RevisionPair, done: Mapping[str, object]) -> float:
    start = time.perf_counter()
    step.run(case, done)
    return time.perf_counter() - start


def _traced(step: Step, case: RevisionPair, done: Mapping[str, object]) -> tuple[float, object]:
    """Peak Python heap during the step, in MB (tracemalloc slows it down, so it is not timed)."""
    tracemalloc.start()
    try:
        result = step.run(case, done)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6, result


def _accuracy(case: RevisionPair, alignment: object) -> SizeAccuracy:
    if not isinstance(alignment, Alignment):
        raise TypeError(f"the align step returned {type(alignment).__name__}")
    result = accuracy(matched_pairs(alignment), case.pairs)
    return SizeAccuracy(
        len(case.old), len(case.new), round(result.precision, 4), round(result.recall, 4), round(result.f1, 4)
    )


SWEEP_MIXES: dict[str, Mix] = {
    "default": DEFAULT_MIX,
    "every-point-reworded": EVERY_POINT_REWORDED,
    "hard": HARD_MIX,
}


def _sweep(name: str, values: list[float]) -> list[dict[str, float]]:
    suites = {
        mix_name: [
            generate(size, seed=seed, mix=mix)
            for size, count in ((10, 30), (100, 5), (1000, 1))
            for seed in range(count)
        ]
        for mix_name, mix in SWEEP_MIXES.items()
    }
    old, new = us_revisions()
    human = {(o - 1, n - 1) for o, n in US_HUMAN_PAIRS}
    original = getattr(tui.engine.align, name)
    rows = []
    try:
        for value in values:
            setattr(tui.engine.align, name, value)
            row = {name: value}
            row.update({mix_name: round(pooled_accuracy(cases).f1, 4) for mix_name, cases in suites.items()})
            row["us-28-20"] = round(accuracy(matched_pairs(align(old, new)), human).f1, 4)
            rows.append(row)
    finally:
        setattr(tui.engine.align, name, original)
    return rows


def _sweep_table(name: str, rows: list[dict[str, float]]) -> str:
    columns = [name, *SWEEP_MIXES, "us-28-20"]
    lines = ["  ".join(f"{column:>20}" for column in columns)]
    lines += ["  ".join(f"{row[column]:>20}" for column in columns) for row in rows]
    return "\n".join(lines)


def _max_rss_mb() -> float:
    """The whole process's high-water mark, generator included (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _table(timings: list[Timing], accuracies: list[SizeAccuracy], max_rss_mb: float) -> str:
    f1_by_size = {a.size: a for a in accuracies}
    lines = [
        f"{'size':>7} {'step':<12} {'seconds':>8} {'growth':>7} {'peak MB':>8} {'target':>7} "
        f"{'old/new':>12} {'precision':>9} {'recall':>7} {'F1':>7}"
    ]
    for t in timings:
        a = f1_by_size[t.size]
        growth = f"x{t.growth}" if t.growth is not None else "-"
        target = {None: "-", True: "ok", False: "MISSED"}[t.met_target]
        lines.append(
            f"{t.size:>7} {t.step:<12} {t.seconds:>8.3f} {growth:>7} {t.peak_mb:>8.1f} {target:>7} "
            f"{a.size:>5}/{a.new_points:<6} {a.precision:>9.4f} {a.recall:>7.4f} {a.f1:>7.4f}"
        )
    lines.append(f"process max RSS: {max_rss_mb:.1f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
