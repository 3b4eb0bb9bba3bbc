"""Races on `export -o`: many writers at once, and writers killed mid-write.

    .venv/bin/python tests/fuzz/races.py [--rounds 10] [--writers 16] [--kills 30]

Each round starts `--writers` real `propdiff export -o` processes on one
target at the same moment, each writing a different export of the sample
(the four formats in turn), and checks what the README promises:

- without `--force`: exactly one writer succeeds, every other one exits 1
  with a one-line refusal, and the target holds the winner's whole output;
- with `--force`: every writer exits 0 and the target holds exactly one
  writer's whole output (never a mix, never a part);
- either way no temporary file is left beside the target.

Then `--kills` writers are killed with SIGKILL at a random moment of their
run; the target must be absent or whole, and the next export to it must
remove any temporary left behind.

Prints the count of each outcome; exit 1 if any promise was broken. Not part
of the test suite (it takes minutes): `tests/test_hostile.py` holds the
single-writer checks.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "proposals" / "us-peace-plan-ukraine"
FORMATS = ("text", "markdown", "html", "json")


def _command(target: Path, fmt: str, *, force: bool) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tui",
        "export",
        str(SAMPLE),
        "--format",
        fmt,
        "-o",
        str(target),
        *(["--force"] if force else []),
    ]


def _expected() -> dict[str, bytes]:
    """Each format's export to standard output: what a whole file must hold."""
    outputs = {}
    for fmt in FORMATS:
        run = subprocess.run(
            [sys.executable, "-m", "tui", "export", str(SAMPLE), "--format", fmt],
            capture_output=True,
            cwd=REPO,
            check=True,
        )
        outputs[fmt] = run.stdout
    return outputs


def _leftovers(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != target)


def _round(folder: Path, writers: int, expected: dict[str, bytes], *, force: bool) -> list[str]:
    """One race; the broken promises it found (empty when it held)."""
    target = folder / "summary.out"
    formats = [FORMATS[i % len(FORMATS)] for i in range(writers)]
    children = [
        subprocess.Popen(
            _command(target, fmt, force=force), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO
        )
        for fmt in formats
    ]
    results = [(child.wait(), child.stderr.read() if child.stderr else b"") for child in children]
    for child in children:
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()
    broken = []
    codes = [code for code, _ in results]
    if any(b"Traceback" in err for _, err in results):
        broken.append("traceback")
    if any(code not in (0, 1) for code in codes):
        broken.append("bad-exit")
    content = target.read_bytes() if target.exists() else None
    if content is None:
        broken.append("no-file")
    elif content not in expected.values():
        broken.append("mixed-or-partial")
    elif force and codes.count(0) != writers:
        broken.append("force-writer-failed")
    elif not force:
        winners = [fmt for fmt, code in zip(formats, codes, strict=True) if code == 0]
        if len(winners) != 1:
            broken.append(f"{len(winners)}-winners")
        elif content != expected[winners[0]]:
            broken.append("content-not-the-winners")
        refusals = [err for code, err in results if code == 1]
        if any(len(err.decode("utf-8", "replace").strip().splitlines()) != 1 for err in refusals):
            broken.append("refusal-not-one-line")
    if _leftovers(folder, target):
        broken.append("stray-temporary")
    target.unlink(missing_ok=True)
    return broken


def _kill(folder: Path, rng: random.Random, expected: dict[str, bytes]) -> list[str]:
    """One writer killed at a random moment, then one more export to the same target."""
    target = folder / "killed.out"
    fmt = rng.choice(FORMATS)
    child = subprocess.Popen(
        _command(target, fmt, force=True), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO
    )
    time.sleep(rng.uniform(0.05, 1.5))
    child.send_signal(signal.SIGKILL)
    child.wait()
    broken = []
    if target.exists() and target.read_bytes() not in expected.values():
        broken.append("partial-after-kill")
    again = subprocess.run(_command(target, fmt, force=True), capture_output=True, cwd=REPO)
    if again.returncode != 0 or target.read_bytes() != expected[fmt]:
        broken.append("next-export-failed")
    if _leftovers(folder, target):
        broken.append("stale-temporary-kept")
    target.unlink(missing_ok=True)
    return broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=10, help="races of each kind (with and without --force)"
    )
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    expected = _expected()
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="propdiff-races-") as scratch:
        folder = Path(scratch)
        for force in (False, True):
            for _ in range(args.rounds):
                broken = _round(folder, args.writers, expected, force=force)
                outcomes.update(broken or [f"race{'-force' if force else ''} held"])
        for _ in range(args.kills):
            broken = _kill(folder, rng, expected)
            outcomes.update(broken or ["kill held"])
    print(f"{args.rounds} races of {args.writers} writers each way, {args.kills} kills (seed {args.seed}):")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome:24} {count}")
    return 0 if all(name.endswith("held") for name in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
