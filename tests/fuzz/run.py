"""The long fuzz run: thousands of fresh hostile files through every command, each run in its own process.

    .venv/bin/python tests/fuzz/run.py --count 10000 --jobs 2 [--seed N] [--keep DIR]

Each file (a `tests/fuzz/mutations.py` case: one to three files, sometimes a
FIFO, a symlink loop or a link to /dev/zero beside them) goes through
validate, list, an export to stdout and the same with `export -o` (one
format per file, chosen by the seed; `--every-format` for all four), the
two-file `diff` in colour and `import --preview`. Every command runs in a child
process (forked from a parent that imported propdiff once, so 10,000 files
take minutes, not hours) with real file descriptors as stdout and stderr,
a text layer in a random locale encoding, and a watchdog: 10 s of wall
time, 10 s of CPU and 500 MB of address space. One file in 50 also goes
through the installed command itself (`python -m tui`) in a C locale.

Prints the count of each outcome, and for each failing outcome the seeds
that reproduce it (`mutations.case(random.Random(seed))`). Exit 1 if any
run broke a promise. Not part of the test suite: `tests/test_fuzz.py` is.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.harness import FORMATS, Run, error_printed, stream_problems  # noqa: E402
from tests.fuzz.mutations import case  # noqa: E402
from tui.cli import main  # noqa: E402

WALL_SECONDS = 10
MEMORY_BYTES = 500 * 1024 * 1024
EXEC_EVERY = 50
ENCODINGS = (
    ("utf-8", "strict"),
    ("utf-8", "surrogateescape"),
    ("ascii", "surrogateescape"),
    ("latin-1", "strict"),
)
"""Text layers the child's stdout and stderr get, as different locales would give them."""

FAILURES = ("traceback", "over-time", "over-memory", "killed", "bad-exit", "bad-stream", "bad-output-file")


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (WALL_SECONDS, WALL_SECONDS + 1))


def _child(argv: list[str], out: Path, err: Path, crash: Path, encoding: tuple[str, str]) -> None:
    """In the forked child: limits, real descriptors, then `main`; never returns."""
    code = 99
    try:
        _limit()
        for number, path in ((1, out), (2, err)):
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(descriptor, number)
            os.close(descriptor)
        sys.stdout = io.TextIOWrapper(
            io.FileIO(1, "w", closefd=False), encoding=encoding[0], errors=encoding[1]
        )
        sys.stderr = io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False), encoding=encoding[0], errors=encoding[1]
        )
        code = main(argv)
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - anything escaping main is the finding
        crash.write_text(traceback.format_exc())
    os._exit(code)


def run_forked(argv: list[str], work: Path, encoding: tuple[str, str]) -> tuple[str, Run, float, int]:
    """One command in a forked child under the watchdog: outcome, captured run, seconds, peak KB."""
    out, err, crash = work / "stdout", work / "stderr", work / "crash"
    for path in (out, err, crash):
        path.unlink(missing_ok=True)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(argv, out, err, crash, encoding)
    status, usage = 0, None
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > WALL_SECONDS:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return "over-time", Run(tuple(argv)), time.monotonic() - started, usage.ru_maxrss
        time.sleep(0.002)
    seconds = time.monotonic() - started
    run = Run(
        tuple(argv),
        out=out.read_bytes() if out.exists() else b"",
        err=err.read_bytes() if err.exists() else b"",
    )
    if crash.exists():
        text = crash.read_text()
        run.problems.append(text.strip().splitlines()[-1])
        return ("over-memory" if "MemoryError" in text else "traceback"), run, seconds, usage.ru_maxrss
    if os.WIFSIGNALED(status):
        signal_number = os.WTERMSIG(status)
        return ("over-time" if signal_number == signal.SIGXCPU else "killed"), run, seconds, usage.ru_maxrss
    run.code = os.WEXITSTATUS(status)
    return _judge(run), run, seconds, usage.ru_maxrss


def run_exec(argv: list[str]) -> tuple[str, Run, float]:
    """One command through `python -m tui` itself, in a C locale, under the same limits."""
    started = time.monotonic()
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui", *argv],
            capture_output=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limit,
            env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired:
        return "over-time", Run(tuple(argv)), time.monotonic() - started
    run = Run(tuple(argv), code=done.returncode, out=done.stdout, err=done.stderr)
    if b"Traceback (most recent call last)" in done.stderr:
        return (
            ("over-memory" if b"MemoryError" in done.stderr else "traceback"),
            run,
            time.monotonic() - started,
        )
    if done.returncode < 0:
        return "killed", run, time.monotonic() - started
    return _judge(run), run, time.monotonic() - started


def _judge(run: Run) -> str:
    if run.code not in (0, 1) or (run.code == 1) != error_printed(run):
        return "bad-exit"
    if stream_problems("stdout", run.out, colour="--color" in run.argv) or stream_problems("stderr", run.err):
        return "bad-stream"
    return "ok" if run.code == 0 else "error"


def commands(folder: Path, files: list[Path], target: Path, fmt: str, every_format: bool) -> list[list[str]]:
    names = [str(folder)]
    listed = [
        ["validate", *names],
        ["list", *names],
        *(["export", "--format", name, *names] for name in (FORMATS if every_format else (fmt,))),
        ["export", "--format", fmt, *names, "-o", str(target), "--force"],
    ]
    if files:
        draft = target.parent.parent / "draft.txt"
        shutil.copyfile(files[0], draft)
        listed += [
            ["diff", "--no-pager", "--color", "always", str(files[0]), str(files[-1])],
            ["import", "--preview", str(draft)],
        ]
    return listed


def one_file(task: tuple[int, str, bool]) -> list[tuple[str, str, int, float, int]]:
    """Every command on case `seed`: (command, outcome, seed, seconds, peak KB) per run."""
    seed, scratch, every_format = task
    rng = random.Random(seed)
    hostile = case(rng)
    results = []
    with tempfile.TemporaryDirectory(dir=scratch) as work:
        root = Path(work)
        folder, output, capture = root / "in", root / "out", root / "capture"
        for path in (folder, output, capture):
            path.mkdir()
        files = hostile.write(folder)
        fmt = rng.choice(FORMATS)
        target = output / f"export.{fmt}"
        encoding = rng.choice(ENCODINGS)
        printed: dict[str, bytes] = {}
        for argv in commands(folder, files, target, fmt, every_format):
            outcome, run, seconds, peak = run_forked(argv, capture, encoding)
            if argv[0] == "export" and "-o" not in argv:
                printed[argv[2]] = run.out
            if "-o" in argv and outcome in ("ok", "error"):
                outcome = _check_output(outcome, target, printed.get(fmt), output)
            results.append((argv[0], outcome, seed, seconds, peak))
        if seed % EXEC_EVERY == 0:
            for argv in (
                ["validate", str(folder)],
                ["list", str(folder)],
                ["export", "-f", "json", str(folder)],
            ):
                outcome, run, seconds = run_exec(argv)
                results.append((f"exec {argv[0]}", outcome, seed, seconds, 0))
    return results


def _check_output(outcome: str, target: Path, printed: bytes | None, folder: Path) -> str:
    """Complete (the same bytes as on stdout) or absent, and nothing else left in the folder."""
    others = [p.name for p in folder.iterdir() if p != target]
    if others:
        return "bad-output-file"
    if outcome == "ok" and (not target.exists() or target.read_bytes() != printed):
        return "bad-output-file"
    if outcome == "error" and target.exists():
        return "bad-output-file"
    return outcome


def main_run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=int(time.time()), help="first seed (default: the clock)")
    parser.add_argument(
        "--every-format",
        action="store_true",
        help="export each file in all four formats (default: one format per file, in turn)",
    )
    parser.add_argument(
        "--scratch", type=Path, default=None, help="where to write the files (default: a temp dir)"
    )
    parser.add_argument(
        "--deadline", type=float, default=None, help="stop after this many seconds and count the files done"
    )
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="propdiff-fuzz-", dir=args.scratch))
    outcomes: Counter[str] = Counter()
    by_command: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[int]] = {}
    slowest: list[tuple[float, str, int]] = []
    peak_kb = 0
    started = time.monotonic()
    tasks = [(args.seed + index, str(scratch), args.every_format) for index in range(args.count)]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        done = 0
        for results in pool.imap_unordered(one_file, tasks, chunksize=4):
            done += 1
            for command, outcome, seed, seconds, peak in results:
                outcomes[outcome] += 1
                by_command[(command, outcome)] += 1
                peak_kb = max(peak_kb, peak)
                slowest = sorted([*slowest, (seconds, command, seed)], reverse=True)[:5]
                if outcome in FAILURES:
                    examples.setdefault(outcome, []).append(seed)
            if args.deadline is not None and time.monotonic() - started > args.deadline:
                print(f"deadline reached after {done} files", flush=True)
                pool.terminate()
                break
            if done % 500 == 0:
                elapsed = time.monotonic() - started
                print(
                    f"{done} files, {sum(outcomes.values())} runs, {elapsed:.0f} s: {dict(outcomes)}",
                    flush=True,
                )
    shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"\n{done} of {args.count} files (seeds {args.seed}..{args.seed + args.count - 1}), "
        f"{sum(outcomes.values())} runs in {time.monotonic() - started:.0f} s"
    )
    for outcome in ("ok", "error", *FAILURES):
        print(f"  {outcome:16} {outcomes[outcome]}")
    print("by command:")
    for command in sorted({c for c, _ in by_command}):
        counts = {o: n for (c, o), n in sorted(by_command.items()) if c == command}
        print(f"  {command:16} {counts}")
    print(
        f"slowest runs: {[(round(s, 2), c, seed) for s, c, seed in slowest]}; peak memory {peak_kb // 1024} MB"
    )
    for outcome, seeds in examples.items():
        print(f"  {outcome}: seeds {seeds[:20]}")
    print(json.dumps({"outcomes": dict(outcomes)}))
    return 1 if any(outcomes[f] for f in FAILURES) else 0


if __name__ == "__main__":
    sys.exit(main_run())
