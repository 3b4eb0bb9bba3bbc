"""Drive propdiff's commands on one input and check what every run must keep, whatever the input.

Shared by the in-process fuzz test, the corpus test and the long-run script
(`tests/fuzz/run.py`), so all three hold propdiff to the same promises:

- no exception escapes `tui.cli.main`;
- the exit code is 0 or 1, and 1 exactly when an error was printed;
- standard output and standard error are valid UTF-8 with no raw control
  character but newline and tab (no C1 controls, no bidi overrides);
- a file written with `-o` is complete (the same bytes as the export on
  standard output) or absent, and no temporary file is left beside it.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from tui.cli import main

FORMATS = ("text", "markdown", "html", "json")

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("validate",),
    ("list",),
    *(("export", "--format", name) for name in FORMATS),
)
"""Every command that reads proposal files; `export -o` is run beside each export format."""

# Written out here rather than taken from tui.sanitize, so the check does not
# share a blind spot with the code it checks.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")

_NOTES = re.compile(
    r"wrote .*|skipped \d+ YAML files? with no format: key .*|propdiff: compared .*|.*: warning: .*"
)
"""Lines on standard error that are not errors: what `-o` wrote, files skipped, the pair chosen,
warnings of `import` about the points it detected."""


@dataclass
class Run:
    argv: tuple[str, ...]
    code: int | None = None
    out: bytes = b""
    err: bytes = b""
    exception: BaseException | None = None
    problems: list[str] = field(default_factory=list)


def run_main(argv: Sequence[str]) -> Run:
    """`main(argv)` in this process, with byte streams that act like a UTF-8 terminal in a C locale."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="surrogateescape", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="surrogateescape", write_through=True)
    run = Run(tuple(argv))
    try:
        run.code = main(list(argv), out, err)
    except SystemExit as stop:  # argparse; never expected for the argv built here
        run.exception = stop
    except BaseException as error:  # noqa: BLE001 - the point is to catch anything at all
        run.exception = error
    out.flush()
    err.flush()
    run.out, run.err = out_bytes.getvalue(), err_bytes.getvalue()
    return run


_COLOUR = re.compile(rb"\x1b\[[0-9;]*m")
"""SGR colour codes: the only escapes a run asked for colour may print (and only on stdout)."""


def stream_problems(name: str, data: bytes, *, colour: bool = False) -> list[str]:
    """Why `data` may not leave the program: invalid UTF-8 or a raw control character."""
    if colour:
        data = _COLOUR.sub(b"", data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"{name}: invalid UTF-8 at byte {error.start}: {data[error.start : error.start + 4]!r}"]
    found = _FORBIDDEN.search(text)
    if found:
        return [f"{name}: raw control character U+{ord(found.group()):04X} at {found.start()}"]
    return []


def error_printed(run: Run) -> bool:
    """Whether standard error holds anything but notes."""
    lines = run.err.decode("utf-8", errors="replace").splitlines()
    return any(line and not _NOTES.fullmatch(line) for line in lines)


def check_run(run: Run) -> list[str]:
    problems = []
    if run.exception is not None:
        problems.append(f"{' '.join(run.argv)}: {type(run.exception).__name__}: {run.exception}")
        return problems
    if run.code not in (0, 1):
        problems.append(f"exit code {run.code}")
    elif (run.code == 1) != error_printed(run):
        problems.append(f"exit code {run.code} but error printed: {error_printed(run)}")
    colour = "--color" in run.argv and "always" in run.argv
    problems += stream_problems("stdout", run.out, colour=colour) + stream_problems("stderr", run.err)
    return problems


def drive(paths: Sequence[Path], scratch: Path, files: Sequence[Path] = ()) -> list[Run]:
    """Every command on `paths`, each run checked; `export -o` writes into `scratch`.

    `files` (regular files among the inputs) also go through the two-file
    `diff`, in colour so the colour path is checked too, and `import`.
    """
    runs: list[Run] = []
    names = [str(p) for p in paths]
    for command in COMMANDS:
        run = run_main([*command, *names])
        run.problems = check_run(run)
        runs.append(run)
        if command[0] == "export":
            runs.append(_export_to_file(command, names, run, scratch))
    if files:
        first, last = str(files[0]), str(files[-1])
        draft = scratch / "draft.txt"
        draft.write_bytes(files[0].read_bytes())
        for argv in (
            ("diff", "--no-pager", "--color", "always", first, last),
            ("diff", "--no-pager", "/dev/null", first),
            ("import", "--preview", str(draft)),
            ("import", str(draft)),
        ):
            run = run_main(argv)
            run.problems = check_run(run)
            runs.append(run)
        draft.unlink()
    return runs


def _export_to_file(command: tuple[str, ...], names: list[str], printed: Run, scratch: Path) -> Run:
    target = scratch / f"out-{command[-1]}"
    if target.exists():
        target.unlink()
    run = run_main([*command, *names, "-o", str(target), "--force"])
    run.problems = check_run(run)
    if run.exception is None:
        if run.code == 0 and not target.exists():
            run.problems.append("exit code 0 but no output file")
        if run.code == 0 and target.exists() and target.read_bytes() != printed.out:
            run.problems.append("output file differs from the same export on stdout (incomplete?)")
        if run.code == 1 and target.exists():
            run.problems.append("exit code 1 but an output file was written")
    strays = [p.name for p in scratch.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    if strays:
        run.problems.append(f"temporary files left: {strays}")
    if target.exists():
        os.unlink(target)
    return run
