"""Speed and memory of the app, as ratios to a floor measured in the same run.

    python tests/benchmarks/bench_app.py [--runs 7] [--size 10000] [--json] [--check] [--source]

launch   `propdiff --sample` from process start, against a minimal Textual app
         showing two static panes (its only frame): both run headless at
         120x40 in fresh interpreters, alternating, median of `--runs`, wall
         clock and CPU time (user + system; steadier on a loaded machine),
         both from compiled bytecode as installed (`--source`: as the
         environment says; see `measure_launch`).
         Three moments of the app, each as a ratio to the floor:
         - first: its first frame (says what it is loading; files are read in a worker);
         - main: the main screen drawn (header, parties; the engine still importing);
         - full: the opening pair compared and its rows drawn. `launch_ratio` is
           this one, wall clock. Target: ratio <= 1.2.
big      A generated pair of `--size` points per revision (tests/alignment_generator.py,
         written as two proposal files) opened in the app at 160x50 the way
         `propdiff FOLDER` opens it (files read in the app's loading worker):
         - the first frame must come before the files are read, and the main
           screen before the comparison is done (it runs in a worker);
         - next change (j) and page down, each pressed many times: time from the
           key being sent to the end of the frame it causes (wall clock, and the
           UI thread's CPU time, steadier on a loaded machine). Target: median
           < 16 ms, worst < 50 ms;
         - peak resident memory of that process. Target: < 300 MB.
first    The same pair, the first screen (issue 8 "for the app"): seconds from opening
         the files to the first frame drawn with rows (the decided rows of
         `tui.engine.provisional`, the rest marked as still being matched) and
         to the frame with the whole comparison, wall and CPU, median of
         `--runs` fresh processes; each as a ratio to the bare libyaml load of the
         same two files measured in the same process. Target: rows before the
         comparison is done.

A frame is timed where Textual hands the compositor's update to the driver;
headless drivers drop it, so the bench turns it into terminal bytes itself
(what a real terminal driver would do) before stopping the clock.
`--check` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

LAUNCH_SIZE = (120, 40)
BIG_SIZE = (160, 50)
TARGETS = {"launch_ratio": 1.2, "key_median_ms": 16.0, "key_worst_ms": 50.0, "memory_mb": 300.0}


def _cpu() -> float:
    """CPU seconds this process has used (user + system), interpreter start-up included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _frames(app: Any, on_frame: Callable[[float], None]) -> None:
    """Call `on_frame(time)` after each frame, rendered to terminal bytes as a real driver would."""
    from textual._compositor import CompositorUpdate

    display = app._display

    def timed(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)
        if renderable is not None:
            on_frame(time.perf_counter())

    app._display = timed


# -- children: one fresh interpreter per launch ----------------------------------------------


def _child_floor() -> None:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Static

    class TwoPanes(App[None]):
        CSS = "Static { width: 1fr; height: 1fr; border: solid $primary; }"

        def compose(self) -> ComposeResult:
            with Horizontal():
                yield Static("old revision")
                yield Static("new revision")

    app = TwoPanes()
    _frames(app, lambda _: _done({"full": (time.time(), _cpu())}))
    app.run(headless=True, size=LAUNCH_SIZE)


def _done(marks: dict[str, tuple[float, float]]) -> None:
    """Report the wall-clock and CPU times of each moment and leave at once: teardown is not launch."""
    print(json.dumps(marks), flush=True)
    os._exit(0)


def _opened(app: Any) -> bool:
    """The opening pair is compared and its rows are drawn."""
    from tui.ui.screens.main_screen import MainScreen

    screen = app.screen
    return isinstance(screen, MainScreen) and screen.comparison is not None


def _child_app() -> None:
    """`propdiff --sample` as the command line runs it (`tui.cli.main`), headless, timed to the full frame."""
    from textual.app import App

    run = App.run
    marks: dict[str, tuple[float, float]] = {}

    def frame(app: Any) -> None:
        now = (time.time(), _cpu())
        marks.setdefault("first", now)
        if type(app.screen).__name__ == "MainScreen":  # imported by the app only once loaded
            marks.setdefault("main", now)
            if _opened(app):
                _done({**marks, "full": now})

    def headless(app: Any, **_: Any) -> Any:
        _frames(app, lambda _: frame(app))
        return run(app, headless=True, size=LAUNCH_SIZE)

    App.run = headless  # type: ignore[method-assign]
    from tui.cli import main

    main(["--sample"])


def _run_child(*args: str, bytecode: str | None = None) -> dict[str, Any]:
    """This script run again as `--child ARGS` with a config folder of its own (no saved theme
    or settings leak in): the JSON of its last line. With `bytecode`, a folder where the child
    reads and writes compiled modules (PYTHONPYCACHEPREFIX), whatever PYTHONDONTWRITEBYTECODE says."""
    env = {**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="propdiff-bench-")}
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _launch(kind: str, bytecode: str | None) -> dict[str, tuple[float, float]]:
    """Per moment: wall seconds from starting the interpreter, and CPU seconds the child used."""
    start = time.time()
    marks = _run_child(kind, bytecode=bytecode)
    return {moment: (wall - start, cpu) for moment, (wall, cpu) in marks.items()}


def measure_launch(runs: int, source: bool = False) -> dict[str, Any]:
    """Both apps start from compiled bytecode, as an installed package does (pip compiles it
    when installing); the warm-up launches write it to a folder of this run, so nothing is
    written into the checkout. With PYTHONDONTWRITEBYTECODE set (as on this machine) a
    checkout's modules were otherwise compiled from source at every start, about 60 ms CPU of
    propdiff's launch, while Textual's came compiled. `source`: as the environment says."""
    with tempfile.TemporaryDirectory(prefix="propdiff-bench-bytecode-") as folder:
        bytecode = None if source else folder
        floor: list[dict[str, tuple[float, float]]] = []
        ours: list[dict[str, tuple[float, float]]] = []
        _launch("floor", bytecode), _launch("app", bytecode)  # warm the file cache, write the bytecode
        for _ in range(runs):
            floor.append(_launch("floor", bytecode))
            ours.append(_launch("app", bytecode))
    floor_wall = statistics.median(run["full"][0] for run in floor)
    floor_cpu = statistics.median(run["full"][1] for run in floor)
    results: dict[str, Any] = {"floor_s": round(floor_wall, 3), "floor_cpu_s": round(floor_cpu, 3)}
    for moment in ("first", "main", "full"):
        wall = statistics.median(run[moment][0] for run in ours)
        cpu = statistics.median(run[moment][1] for run in ours)
        results[moment] = {
            "s": round(wall, 3),
            "ratio": round(wall / floor_wall, 3),
            "cpu_s": round(cpu, 3),
            "cpu_ratio": round(cpu / floor_cpu, 3),
        }
    results["launch_ratio"] = results["full"]["ratio"]
    results["load_average"] = round(os.getloadavg()[0], 1)
    results["bytecode"] = "as the environment says" if source else "compiled"
    return results


# -- the big pair ---------------------------------------------------------------------------


def write_big_pair(folder: Path, size: int, seed: int = 0) -> None:
    import yaml

    from tests.alignment_generator import generate
    from tui.model import Location, Revision
    from tui.reading.serialize import revision_to_document

    case = generate(size, seed=seed)
    where = Location("big.yaml")
    old = Revision(series="big", id="old", location=where, points=tuple(case.old))
    new = Revision(series="big", id="new", location=where, points=tuple(case.new), previous="old")
    for name, revision in (("1-old.yaml", old), ("2-new.yaml", new)):
        text = yaml.safe_dump(revision_to_document(revision), allow_unicode=True, sort_keys=False)
        (folder / name).write_text(text, encoding="utf-8")


async def _big(folder: Path, presses: int) -> dict[str, Any]:
    from tui.ui.app import PropdiffApp
    from tui.ui.screens.main_screen import MainScreen
    from tui.ui.workspace import open_workspace

    start = time.perf_counter()
    app = PropdiffApp(lambda: open_workspace([folder]), loading=str(folder))
    frames: list[float] = []
    frame_cpu: list[float] = []
    marks: dict[str, float] = {}

    def frame(at: float) -> None:
        frames.append(at)
        frame_cpu.append(time.thread_time())
        marks.setdefault("first_frame", at)
        if "main_frame" not in marks and isinstance(app.screen, MainScreen):
            marks["main_frame"] = at
        if "loaded" not in marks and app.workspace is not None:
            marks["loaded"] = at
        if "compared" not in marks and _opened(app):
            marks["compared"] = at

    _frames(app, frame)
    async with app.run_test(size=BIG_SIZE) as pilot:
        while "compared" not in marks:
            await asyncio.sleep(0.01)
        await pilot.pause()
        latencies: dict[str, list[float]] = {"next change (j)": [], "page down": []}
        cpu: dict[str, list[float]] = {label: [] for label in latencies}
        for label, key in (("next change (j)", "j"), ("page down", "pagedown")):
            for _ in range(presses):
                sent, sent_cpu = time.perf_counter(), time.thread_time()
                count = len(frames)
                await pilot.press(key)
                while len(frames) == count:
                    await asyncio.sleep(0)
                latencies[label].append((frames[count] - sent) * 1000)
                cpu[label].append((frame_cpu[count] - sent_cpu) * 1000)
            await pilot.press("home")
            await pilot.pause()
    every = [ms for values in latencies.values() for ms in values]
    return {
        "first_frame_s": round(marks["first_frame"] - start, 3),
        "loaded_s": round(marks["loaded"] - start, 3),
        "main_frame_s": round(marks["main_frame"] - start, 3),
        "compared_s": round(marks["compared"] - start, 3),
        "first_frame_before_loaded": marks["first_frame"] < marks["loaded"],
        "first_frame_before_compared": marks["main_frame"] < marks["compared"],
        "keys": {
            label: {
                "median_ms": round(statistics.median(v), 2),
                "worst_ms": round(max(v), 2),
                "cpu_median_ms": round(statistics.median(cpu[label]), 2),
                "cpu_worst_ms": round(max(cpu[label]), 2),
                "cpu_each_ms": [round(ms, 1) for ms in cpu[label]],
            }
            for label, v in latencies.items()
        },
        "key_median_ms": round(statistics.median(every), 2),
        "key_worst_ms": round(max(every), 2),
        "memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _child_big(folder: str, presses: str) -> None:
    gc.disable()  # as `run_app` does; the app turns it back on, tuned (`settle_collector`)
    print(json.dumps(asyncio.run(_big(Path(folder), int(presses)))))


def measure_big(size: int, presses: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="propdiff-big-") as folder:
        write_big_pair(Path(folder), size)
        marks = _run_child("big", folder, str(presses))
    return {"size": size, **marks}


# -- the first screen of the big pair -----------------------------------------------------------


async def _first(folder: Path) -> dict[str, float]:
    import yaml

    from tui.ui.app import PropdiffApp
    from tui.ui.screens.main_screen import MainScreen
    from tui.ui.widgets.diff_view import DiffView
    from tui.ui.workspace import open_workspace

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    floor_wall, floor_cpu = time.perf_counter(), time.process_time()
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - the C safe loader
    floor = (time.perf_counter() - floor_wall, time.process_time() - floor_cpu)
    start = (time.perf_counter(), time.process_time())
    app = PropdiffApp(lambda: open_workspace([folder]), live=False)  # loaded in a worker, as run_app does
    marks: dict[str, tuple[float, float]] = {}

    def frame(at: float) -> None:
        screen = app.screen
        if not isinstance(screen, MainScreen):
            return
        if "rows" not in marks and screen.query_one(DiffView).rows:
            marks["rows"] = (at, time.process_time())
            marks["rows_were_provisional"] = (float(screen.comparison is None), 0.0)
        if "compared" not in marks and screen.comparison is not None:
            marks["compared"] = (at, time.process_time())

    _frames(app, frame)
    async with app.run_test(size=BIG_SIZE):
        while "compared" not in marks:
            await asyncio.sleep(0.01)
    result = {"floor_wall_s": floor[0], "floor_cpu_s": floor[1]}
    for mark in ("rows", "compared"):
        result[f"{mark}_wall_s"] = marks[mark][0] - start[0]
        result[f"{mark}_cpu_s"] = marks[mark][1] - start[1]
    result["rows_were_provisional"] = marks["rows_were_provisional"][0]
    return result


def _child_first(folder: str) -> None:
    print(json.dumps(asyncio.run(_first(Path(folder)))))


def measure_first_screen(size: int, runs: int) -> dict[str, Any]:
    """Median over `runs` fresh processes of the first-screen marks, and their ratios to the floor."""
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="propdiff-first-") as folder:
        write_big_pair(Path(folder), size)
        for _ in range(runs):
            samples.append(_run_child("first", folder))
    median = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    result: dict[str, Any] = {"size": size, "runs": runs}
    result.update({key: round(value, 3) for key, value in median.items() if key != "rows_were_provisional"})
    for clock in ("wall", "cpu"):
        floor = median[f"floor_{clock}_s"]
        for mark in ("rows", "compared"):
            result[f"{mark}_{clock}_ratio"] = round(median[f"{mark}_{clock}_s"] / floor, 2)
    result["rows_before_compared"] = all(s["rows_wall_s"] < s["compared_wall_s"] for s in samples)
    result["rows_were_provisional"] = all(s["rows_were_provisional"] for s in samples)
    return result


def missed(results: dict[str, Any]) -> list[str]:
    found: list[str] = []
    launch, big = results.get("launch"), results.get("big")
    if launch and launch["launch_ratio"] > TARGETS["launch_ratio"]:
        found.append(f"launch ratio {launch['launch_ratio']} > {TARGETS['launch_ratio']}")
    if big:
        if not big["first_frame_before_loaded"]:
            found.append("the first frame waited for the files")
        if not big["first_frame_before_compared"]:
            found.append("the main screen waited for the comparison")
        for key in ("key_median_ms", "key_worst_ms", "memory_mb"):
            if big[key] > TARGETS[key]:
                found.append(f"{key} {big[key]} > {TARGETS[key]}")
    first = results.get("first")
    if first and not first["rows_before_compared"]:
        found.append("the first rows waited for the whole comparison")
    return found


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, rest = argv[1], argv[2:]
        children = {"floor": _child_floor, "app": _child_app, "big": lambda: _child_big(*rest)}
        children["first"] = lambda: _child_first(*rest)
        children[kind]()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--only", choices=("launch", "big", "first"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--source", action="store_true", help="launch: bytecode as the environment says")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    if args.only in (None, "launch"):
        results["launch"] = measure_launch(args.runs, args.source)
    if args.only in (None, "big"):
        results["big"] = measure_big(args.size, args.presses)
    if args.only in (None, "first"):
        results["first"] = measure_first_screen(args.size, max(args.runs // 2, 3))
    misses = missed(results)
    if args.json:
        print(json.dumps({**results, "missed": misses}, indent=2))
    else:
        for part, values in results.items():
            print(f"{part}: {json.dumps(values)}")
        print("targets missed: " + ("; ".join(misses) if misses else "none"))
    return 1 if args.check and misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
