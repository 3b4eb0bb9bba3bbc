"""Time and memory of `propdiff export --format json`, as ratios to the bare libyaml load of the same files.

    python tests/benchmarks/bench_pipeline.py [--sizes 1000 10000 100000] [--seed 0] [--json] [--check] [--source]

Each size is a two-file series written by `generated_series.py` (55-word
points with titles, parties, reactions). The floor is what any program must
spend to read those files: `yaml.load` with libyaml's CSafeLoader, default
settings, both files, timed inside a fresh interpreter (as the export runs)
in this run on this machine; every other
figure is printed in seconds and as a multiple of it, so the numbers mean
the same on a slow and a fast machine. Measured per size:

- end to end: `python -m tui export DIR --format json` in a fresh process,
  wall time including interpreter start-up, and its peak resident memory;
  from compiled bytecode, as an installed package runs (pip compiles it when
  installing; a warm-up run writes it to a folder of this run, whatever
  PYTHONDONTWRITEBYTECODE says; `--source`: as the environment says, which
  on this machine compiles every module of the checkout at every start);
- phases, in this process: loading (parse, checks, model), alignment,
  the rest of the comparison (changes and party context), every word diff
  (texts and titles), and the JSON text;
- once: start-up alone (`python -m tui --version`), the word diff of the
  longest point (10,000 words, 15% reworded) and of one 5 MB word.

Peak resident memory is printed for the export, the bare load (both from
the child's `wait4`) and each phase in this process (Linux's VmHWM, reset
between phases). A child starts as a copy of this process, so a child's
peak below this process's own size reads as this process's size.

Every time is taken twice: wall clock, and CPU time (user + system, of the
child for the end-to-end run). Engineers share the machine's two cores, so
wall times swing with whatever else runs; CPU time does not, and the ratio
targets are checked on it. Each figure is the best of several runs (one at
100,000 points).

Targets (`--check` exits 1 when one is missed): 1,000 points end to end
under 0.5 s wall; 10,000 points within 3x the floor; 100,000 points within
4x, growing linearly from 10,000, in 1 GB; the 10,000-word diff in 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import tui.engine.compare  # noqa: E402
from tests.benchmarks.generated_series import write_series  # noqa: E402
from tui.core import load_paths, pick_revisions, pick_series  # noqa: E402
from tui.engine.compare import compare  # noqa: E402
from tui.engine.worddiff import diff_words, tokenize  # noqa: E402
from tui.export import render  # noqa: E402

END_TO_END_RATIO = {10_000: 3.0, 100_000: 4.0}
SMALL_WALL_SECONDS = (1_000, 0.5)
PEAK_MB = (100_000, 1024.0)
LONG_DIFF_SECONDS = 0.05
LINEAR_SLACK = 1.25
"""Growth from 10,000 to 100,000 points counts as linear within 25% of 10x."""


@dataclass(frozen=True)
class Time:
    wall: float
    cpu: float

    def __truediv__(self, other: Time) -> Time:
        return Time(self.wall / other.wall, self.cpu / other.cpu)


@dataclass
class SizeResult:
    size: int
    megabytes: float
    """Both files, on disk."""
    floor: Time
    """Bare libyaml load of both files."""
    floor_gc_off: Time
    """The same load with the garbage collector off, for reference: the cost of the collector alone."""
    end_to_end: Time
    peak_mb: float
    phases: dict[str, Time] = field(default_factory=dict)
    phase_peak_mb: dict[str, float] = field(default_factory=dict)
    """Peak resident memory of this process during each phase (Linux; empty elsewhere)."""
    floor_peak_mb: float = 0.0
    """Peak resident memory of the bare load."""


def best_of(runs: int, action: Callable[[], object]) -> Time:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Time(min(walls), min(cpus))


_FLOOR = """
import gc, sys, time, yaml
if sys.argv[1] == "off":
    gc.disable()
wall, cpu = time.perf_counter(), time.process_time()
for path in sys.argv[2:]:
    with open(path, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
print(time.perf_counter() - wall, time.process_time() - cpu)
"""
"""The floor, timed inside a fresh interpreter (start-up excluded): a program that only loads."""


def floor_time(paths: list[Path], runs: int) -> tuple[Time, Time, float]:
    """The bare load with the collector as Python starts (on), and with it off for reference;
    and the peak resident memory of the bare load, in MB."""
    found: dict[str, Time] = {}
    peak = 0.0
    for collector in ("on", "off"):
        times = []
        for _ in range(runs):
            with tempfile.TemporaryFile() as output:
                process = subprocess.Popen(
                    [sys.executable, "-c", _FLOOR, collector, *map(str, paths)], stdout=output
                )
                _, status, usage = os.wait4(process.pid, 0)
                if os.waitstatus_to_exitcode(status):
                    raise RuntimeError("the bare load failed")
                output.seek(0)
                wall, cpu = map(float, output.read().split())
            times.append(Time(wall, cpu))
            peak = max(peak, usage.ru_maxrss / 1024)
        found[collector] = Time(min(t.wall for t in times), min(t.cpu for t in times))
    return found["on"], found["off"], peak


def run_cli(args: list[str], bytecode: str | None) -> tuple[Time, float]:
    """Wall and CPU time and peak RSS in MB of `python -m tui ARGS` in a fresh process.

    With `bytecode`, a folder where the child reads and writes compiled modules (PYTHONPYCACHEPREFIX).
    """
    env = dict(os.environ)
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise RuntimeError(f"propdiff {' '.join(args)} failed: {errors.read().decode()[:2000]}")
    return Time(elapsed, usage.ru_utime + usage.ru_stime), usage.ru_maxrss / 1024


def end_to_end(folder: Path, runs: int, bytecode: str | None) -> tuple[Time, float]:
    results = [run_cli(["export", str(folder), "--format", "json"], bytecode) for _ in range(runs)]
    best = Time(min(t.wall for t, _ in results), min(t.cpu for t, _ in results))
    return best, max(peak for _, peak in results)


class _Clock:
    """Wall and CPU time since the last reading."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> Time:
        wall, cpu = time.perf_counter(), time.process_time()
        lap = Time(wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return lap


class _PeakMemory:
    """Peak resident memory since the last reading, in MB (Linux: VmHWM, reset through clear_refs)."""

    def __init__(self) -> None:
        self.works = Path("/proc/self/clear_refs").exists()
        self.lap()

    def lap(self) -> float:
        if not self.works:
            return 0.0
        status = Path("/proc/self/status").read_text()
        peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            self.works = False
        return peak


def phases(folder: Path, peaks: dict[str, float] | None = None) -> dict[str, Time]:
    """One run of each phase in this process, on freshly loaded objects (no cache can answer).

    The alignment is timed inside `compare`, so the comparison runs as the
    export runs it, and what is left of `compare` is building the changes and
    the party context. `peaks`, if given, gets each phase's peak resident memory.
    """
    timings: dict[str, Time] = {}
    peaks = {} if peaks is None else peaks
    memory = _PeakMemory()
    clock = _Clock()
    result = load_paths([folder])
    timings["load"] = clock.lap()
    peaks["load"] = memory.lap()
    if not result.ok:
        raise RuntimeError(f"the generated series does not load: {result.problems[:3]}")
    series = pick_series(result.catalog, None, [])
    old, new = pick_revisions(series, None, None)

    aligning: list[Time] = []
    align = tui.engine.compare.align

    def timed_align(*args: object, **kwargs: object) -> object:
        inner = _Clock()
        try:
            return align(*args, **kwargs)
        finally:
            aligning.append(inner.lap())

    clock.lap()
    memory.lap()
    with mock.patch.object(tui.engine.compare, "align", timed_align):
        comparison = compare(series, old, new)
    whole = clock.lap()
    peaks["align"] = peaks["changes+parties"] = memory.lap()
    timings["align"] = Time(sum(t.wall for t in aligning), sum(t.cpu for t in aligning))
    timings["changes+parties"] = Time(whole.wall - timings["align"].wall, whole.cpu - timings["align"].cpu)

    for change in comparison.changes:
        change.segments  # noqa: B018 - computed on first use; that is what is timed
        change.title_segments  # noqa: B018
    timings["word diff"] = clock.lap()
    peaks["word diff"] = memory.lap()

    render(comparison, "json")
    timings["json"] = clock.lap()
    peaks["json"] = memory.lap()
    return timings


def long_point(words: int, seed: int = 0) -> tuple[str, str]:
    """A `words`-word point and the same point with 15% of its words edited."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(3000)] + "the of and to in a , shall".split() * 300
    old = [rng.choice(vocabulary) for _ in range(words)]
    new = list(old)
    for _ in range(words * 15 // 100):
        position = rng.randrange(len(new))
        if rng.random() < 0.6:
            new[position] = rng.choice(vocabulary)
        elif rng.random() < 0.5:
            new.insert(position, rng.choice(vocabulary))
        else:
            del new[position]
    return " ".join(old), " ".join(new)


def measure(
    sizes: list[int], seed: int, folder: Path, huge_word_mb: float, bytecode: str | None
) -> dict[str, object]:
    warm_up = write_series(folder / "warm-up", 20, seed)[0].parent
    run_cli(
        ["export", str(warm_up), "--format", "json"], bytecode
    )  # writes the bytecode, fills the file cache
    startup = min((run_cli(["--version"], bytecode)[0] for _ in range(5)), key=lambda t: t.wall)
    old, new = long_point(10_000, seed)
    diff_words("é", "e")  # builds the Unicode tokenizer once, as any first non-ASCII diff does
    long_diff = best_of(5, lambda: diff_words(old, new))
    huge_word = "x" * int(huge_word_mb * 1024 * 1024)
    huge_diff = best_of(1, lambda: diff_words(huge_word, huge_word + "y"))
    huge_tokenize = best_of(1, lambda: tokenize(huge_word))
    results: list[SizeResult] = []
    for size in sizes:
        paths = write_series(folder / str(size), size, seed)
        runs = 5 if size <= 1_000 else 3 if size <= 10_000 else 1
        floor, floor_gc_off, floor_peak = floor_time(paths, runs)
        export, peak = end_to_end(folder / str(size), runs, bytecode)
        phase_peaks: dict[str, float] = {}
        measured = [phases(folder / str(size), phase_peaks) for _ in range(runs)]
        results.append(
            SizeResult(
                size=size,
                megabytes=sum(p.stat().st_size for p in paths) / 1e6,
                floor=floor,
                floor_gc_off=floor_gc_off,
                end_to_end=export,
                peak_mb=peak,
                floor_peak_mb=floor_peak,
                phase_peak_mb=phase_peaks,
                phases={
                    name: Time(min(m[name].wall for m in measured), min(m[name].cpu for m in measured))
                    for name in measured[0]
                },
            )
        )
        del measured
        gc.collect()
    return {
        "startup": startup,
        "word_diff_10000_words": long_diff,
        "huge_word_mb": huge_word_mb,
        "word_diff_huge_word": huge_diff,
        "tokenize_huge_word": huge_tokenize,
        "sizes": results,
        "bytecode": "as the environment says" if bytecode is None else "compiled",
        "load_average": round(os.getloadavg()[0], 1),
    }


def missed_targets(report: dict[str, object]) -> list[str]:
    missed: list[str] = []
    by_size: dict[int, SizeResult] = {r.size: r for r in report["sizes"]}  # type: ignore[attr-defined]
    for size, ratio in END_TO_END_RATIO.items():
        if size in by_size and (by_size[size].end_to_end / by_size[size].floor).cpu > ratio:
            missed.append(f"{size} points end to end over {ratio}x the bare load (CPU)")
    size, seconds = SMALL_WALL_SECONDS
    if size in by_size and by_size[size].end_to_end.wall > seconds:
        missed.append(f"{size} points end to end over {seconds} s wall")
    size, megabytes = PEAK_MB
    if size in by_size and by_size[size].peak_mb > megabytes:
        missed.append(f"{size} points over {megabytes:.0f} MB")
    if 10_000 in by_size and 100_000 in by_size:
        growth = (by_size[100_000].end_to_end / by_size[10_000].end_to_end).cpu
        if growth > 10 * LINEAR_SLACK:
            missed.append(f"10,000 -> 100,000 points grew {growth:.1f}x in CPU (linear is 10x)")
    if report["word_diff_10000_words"].cpu > LONG_DIFF_SECONDS:  # type: ignore[attr-defined]
        missed.append(f"10,000-word diff over {LONG_DIFF_SECONDS * 1000:.0f} ms CPU")
    return missed


def _cell(seconds: Time, floor: Time) -> str:
    ratio = seconds / floor
    return f"{seconds.wall:7.3f} {seconds.cpu:7.3f} {ratio.wall:5.2f}x {ratio.cpu:5.2f}x"


def table(report: dict[str, object]) -> str:
    results: list[SizeResult] = report["sizes"]  # type: ignore[assignment]
    rows = ["floor (gc off)", "export (fresh process)", *(results[0].phases if results else [])]
    lines = [f"{'':24} {'wall s':>7} {'CPU s':>7} {'wall':>6} {'CPU':>6}   (ratios to the floor)   peak MB"]
    for r in results:
        lines.append(
            f"{r.size} points, {r.megabytes:.1f} MB: floor (bare libyaml load) {r.floor.wall:.3f} s wall, "
            f"{r.floor.cpu:.3f} s CPU, {r.floor_peak_mb:.0f} MB; peak memory of the export {r.peak_mb:.0f} MB"
        )
        times = {"floor (gc off)": r.floor_gc_off, "export (fresh process)": r.end_to_end, **r.phases}
        peaks = {"export (fresh process)": r.peak_mb, **r.phase_peak_mb}
        lines += [
            f"  {name:22} {_cell(times[name], r.floor)}"
            + (f"   {peaks[name]:7.0f}" if peaks.get(name) else "")
            for name in rows
        ]
    for before, after in zip(results, results[1:], strict=False):
        growth = after.end_to_end / before.end_to_end
        floor = after.floor / before.floor
        lines.append(
            f"growth {before.size} -> {after.size} points: export x{growth.wall:.1f} wall, x{growth.cpu:.1f} "
            f"CPU; floor x{floor.wall:.1f} wall, x{floor.cpu:.1f} CPU"
        )
    startup: Time = report["startup"]  # type: ignore[assignment]
    long_diff: Time = report["word_diff_10000_words"]  # type: ignore[assignment]
    huge_diff: Time = report["word_diff_huge_word"]  # type: ignore[assignment]
    huge_tokenize: Time = report["tokenize_huge_word"]  # type: ignore[assignment]
    lines += [
        f"start-up (python -m tui --version): {startup.wall:.3f} s wall, {startup.cpu:.3f} s CPU",
        f"fresh processes ran from bytecode {report['bytecode']}; load average {report['load_average']}",
        f"word diff, 10,000-word point: {long_diff.wall * 1000:.1f} ms wall, {long_diff.cpu * 1000:.1f} ms CPU",
        f"word diff, one {report['huge_word_mb']} MB word: {huge_diff.wall * 1000:.1f} ms wall "
        f"(tokenize alone {huge_tokenize.wall * 1000:.1f} ms)",
    ]
    missed = missed_targets(report)
    lines.append("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--huge-word-mb", type=float, default=5.0, help="size of the one-word point to diff (default: 5)"
    )
    parser.add_argument(
        "--source", action="store_true", help="fresh processes: bytecode as the environment says"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="propdiff-bench-") as folder:
        bytecode = None if args.source else str(Path(folder) / "bytecode")
        report = measure(sorted(args.sizes), args.seed, Path(folder), args.huge_word_mb, bytecode)
    if args.json:
        sizes = [asdict(r) for r in report["sizes"]]  # type: ignore[attr-defined]
        plain = {k: asdict(v) if isinstance(v, Time) else v for k, v in report.items() if k != "sizes"}
        print(json.dumps({**plain, "sizes": sizes, "missed": missed_targets(report)}, indent=2))
    else:
        print(table(report))
    return 1 if args.check and missed_targets(report) else 0


if __name__ == "__main__":
    sys.exit(main())
