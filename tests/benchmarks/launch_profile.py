"""Where the launch of `propdiff --sample` goes, phase by phase, beside the floor's.

    python tests/benchmarks/launch_profile.py [--runs 5] [--source]

Runs the app as `bench_app.py --only launch` does (fresh interpreters, headless
at 120x40, compiled bytecode unless `--source`, alternating with the floor) and
marks the wall clock and the process's CPU time at each step from the
interpreter's start to the first frame with the opening pair's rows. Prints,
per step, the median milliseconds it took (wall / CPU) and which thread ran it,
and the floor's own total. The steps hook into the app's methods by name
(`PropdiffApp._open`, `MainScreen.compose`...): a step that no longer exists is
missing from the table, so update the hooks with the app.

The CPU figures count both threads (the loading thread reads the files and
imports the engine while the UI thread draws the loading line); on this 2-core
machine they are the steadier measure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MARKS: list[tuple[str, float, float, str, float]] = []


def _mark(step: str) -> None:
    """Wall clock, the process's CPU time, and the CPU time of the thread that got here."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    thread = "UI" if threading.current_thread() is threading.main_thread() else "loader"
    MARKS.append((step, time.time(), usage.ru_utime + usage.ru_stime, thread, time.thread_time()))


def _child() -> None:
    """The app with a mark at each step; prints the marks and leaves at the full frame."""
    _mark("Python started, the benchmark's stdlib imported")
    from textual.app import App

    _mark("Textual imported (the floor's imports)")
    import tui.cli  # noqa: F401 - the command line, as `propdiff` starts
    from tui.ui import app as app_module

    _mark("our modules for the first frame imported")
    from bench_app import _frames

    app_class = app_module.PropdiffApp
    made = app_class.__init__

    def init(self: Any, workspace: Any, **kwargs: Any) -> None:
        def load() -> Any:
            _mark("loader started")
            import tui.ui.workspace  # noqa: F401 - timed here: the reader's imports

            _mark("reader imported")
            loaded = workspace()
            _mark("sample read and validated")
            return loaded

        made(self, load, **kwargs)
        _mark("app made (settings, themes)")

    comparisons = app_class.comparisons

    def engine(self: Any) -> Any:
        fresh = app_module.ENGINE not in sys.modules
        cache = comparisons.fget(self)  # type: ignore[attr-defined]
        if fresh:
            _mark("engine imported")
        return cache

    opened = app_class._open

    def open_main(self: Any, replace: bool = False) -> None:
        _mark("loading screen: waiting for the loader")
        from tui.ui.screens import main_screen

        _mark("main screen's modules imported")
        hook_main_screen(main_screen.MainScreen)
        opened(self, replace=replace)

    def hook_main_screen(screen_class: Any) -> None:
        if getattr(screen_class, "_profiled", False):
            return
        screen_class._profiled = True
        compose, mount, show = screen_class.compose, screen_class.on_mount, screen_class.show_pair

        def composed(screen: Any) -> Any:
            _mark("main screen made, switched to")
            yield from compose(screen)
            _mark("main screen composed")

        async def mounted(screen: Any) -> None:
            _mark("widgets mounted and styled")
            await mount(screen)
            _mark("rows laid out, panes filled")

        def shown(screen: Any, *args: Any, **kwargs: Any) -> None:
            _mark("parties set, diff focused")
            show(screen, *args, **kwargs)
            _mark("opening pair compared (inline)")

        screen_class.compose, screen_class.on_mount, screen_class.show_pair = composed, mounted, shown

    app_class.__init__ = init  # type: ignore[method-assign]
    app_class.comparisons = property(engine)  # type: ignore[method-assign,assignment]
    app_class._open = open_main  # type: ignore[method-assign]

    run = App.run

    def headless(app: Any, **_: Any) -> Any:
        def frame(_: float) -> None:
            screen = app.screen
            if type(screen).__name__ != "MainScreen":
                if not any(step.startswith("first frame") for step, *_ in MARKS):
                    _mark("first frame (the loading line)")
                return
            if screen.comparison is not None:
                _mark("layout and first render of the main screen")
                print(json.dumps(MARKS), flush=True)
                os._exit(0)

        _frames(app, frame)
        return run(app, headless=True, size=(120, 40))

    App.run = headless  # type: ignore[method-assign]
    from tui.cli import main

    main(["--sample"])


Step = tuple[str, str, float, float, float]
"""(step, thread, wall ms since the parent started the child, the process's CPU ms, the thread's CPU ms)"""


def _launch(kind: str, bytecode: str | None) -> list[Step]:
    """One child's steps."""
    import subprocess

    env = {**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="propdiff-profile-")}
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode
    script = (
        [sys.executable, __file__, "--child"]
        if kind == "app"
        else [sys.executable, str(Path(__file__).parent / "bench_app.py"), "--child", "floor"]
    )
    start = time.time()
    out = subprocess.run(script, check=True, env=env, cwd=ROOT, capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    if kind == "floor":
        wall, cpu = data["full"]
        return [("floor", "UI", (wall - start) * 1000, cpu * 1000, cpu * 1000)]
    return [
        (step, thread, (wall - start) * 1000, cpu * 1000, thread_cpu * 1000)
        for step, wall, cpu, thread, thread_cpu in data
    ]


Row = tuple[str, str, float, float, float, float]
"""(step, thread, the thread's CPU ms since its previous step, wall ms since the previous step
of any thread, wall ms at the step, the process's CPU ms at the step): medians"""


def profile(runs: int, source: bool) -> tuple[list[Row], float, float]:
    """The steps in the order they happen (by median wall clock), and the floor's wall and CPU ms."""
    with tempfile.TemporaryDirectory(prefix="propdiff-profile-bytecode-") as folder:
        bytecode = None if source else folder
        _launch("floor", bytecode), _launch("app", bytecode)  # warm-up: file cache, bytecode
        floors, apps = [], []
        for _ in range(runs):
            floors.append(_launch("floor", bytecode)[0])
            apps.append(_launch("app", bytecode))
    own: list[dict[str, tuple[str, float, float, float]]] = []
    for run in apps:
        last: dict[str, float] = {}
        steps = {}
        for step, thread, wall, cpu, thread_cpu in run:
            steps[step] = (thread, wall, cpu, thread_cpu - last.get(thread, 0.0))
            last[thread] = thread_cpu
        own.append(steps)
    names = sorted(own[0], key=lambda name: statistics.median(run[name][1] for run in own))
    rows: list[Row] = []
    previous = 0.0
    for name in names:
        wall = statistics.median(run[name][1] for run in own)
        cpu = statistics.median(run[name][2] for run in own)
        spent = statistics.median(run[name][3] for run in own)
        rows.append((name, own[0][name][0], spent, wall - previous, wall, cpu))
        previous = wall
    return rows, statistics.median(f[2] for f in floors), statistics.median(f[3] for f in floors)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        _child()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", action="store_true", help="bytecode as the environment says")
    args = parser.parse_args(argv)
    rows, floor_wall, floor_cpu = profile(args.runs, args.source)
    print(f"ms, median of {args.runs} runs; 'CPU' is the thread's own CPU time since its previous step")
    print(f"{'step':46} {'thread':7} {'CPU':>6} {'wall':>6} {'at wall':>8} {'process CPU':>11}")
    for step, thread, spent, wall, at_wall, at_cpu in rows:
        print(f"{step:46} {thread:7} {spent:6.1f} {wall:6.1f} {at_wall:8.1f} {at_cpu:11.1f}")
    print(f"{'floor: two static panes drawn':46} {'UI':7} {'':6} {'':6} {floor_wall:8.1f} {floor_cpu:11.1f}")
    full_wall, full_cpu = rows[-1][4], rows[-1][5]
    ratios = f"wall {full_wall / floor_wall:.2f}x, CPU {full_cpu / floor_cpu:.2f}x"
    print(f"rows drawn / floor: {ratios}; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
