"""`propdiff diff OLD NEW`, also as git's external diff, and `export OLD NEW`.

As a git diff driver propdiff is handed every file the attribute matches,
mid-edit and broken ones too, and git stops the whole `git log -p` when
the driver fails. So under git a file that is not a proposal, or does not
load, is shown as an ordinary line diff (its problems on stderr) and the
run succeeds; called by a person, the same file is an error.
"""

from __future__ import annotations

import argparse
import difflib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Mapping, Sequence, TextIO

from ..errors import PropdiffError
from ..sanitize import neutralise, outgoing
from ..twofiles import NOT_A_PROPOSAL, STDIN, STDIN_NAME, Side, context_folder, read_side, series_of
from .terminal import decide, paint, show

if TYPE_CHECKING:
    from ..core import Comparison


@dataclass(frozen=True)
class Request:
    """What to compare: two sources, their display names, and the folder lending context."""

    old: str
    new: str
    old_name: str
    new_name: str
    git: bool = False


def request(files: Sequence[str]) -> Request:
    """Two paths, or the 7 (9 for a rename) arguments git gives `GIT_EXTERNAL_DIFF`."""
    if len(files) == 2:
        old, new = files
        return Request(old, new, _shown(old), _shown(new))
    if len(files) in (7, 9):
        path, old, _old_hex, _old_mode, new = files[:5]
        new_path = files[7] if len(files) == 9 else path
        return Request(old, new, f"a/{path}", f"b/{new_path}", git=True)
    raise PropdiffError(
        f"diff: expected two files (OLD NEW) or the 7 arguments of git's external diff, found {len(files)}"
    )


def _shown(source: str) -> str:
    return STDIN_NAME if source == STDIN else source


def _sides(req: Request, stdin: BinaryIO | None) -> tuple[Side, Side]:
    if req.old == STDIN and req.new == STDIN:
        raise PropdiffError("diff: only one side can be read from stdin (-)")
    # git's external diff names the file in the work tree; difftool exports it as MERGED.
    git_path = req.new_name[2:] if req.git else os.environ.get("MERGED") or None
    old = read_side(req.old, req.old_name, context_folder(req.old, git_path), stdin)
    new = read_side(req.new, req.new_name, context_folder(req.new, git_path), stdin)
    return old, new


def _compare(old: Side, new: Side) -> Comparison:
    from ..core import compare

    series, old_revision, new_revision = series_of(old, new)
    return compare(series, old_revision, new_revision)


def _trouble(old: Side, new: Side) -> list[str]:
    """What stops a comparison: problems in the files, or a file that is not a proposal."""
    lines = [str(problem) for side in (old, new) for problem in side.problems]
    for side in (old, new):
        if not side.proposal:
            lines.append(f"{side.name}: {NOT_A_PROPOSAL}")
    return lines


def compare_files(files: Sequence[str], err: TextIO, stdin: BinaryIO | None = None) -> Comparison | None:
    """The comparison of two files, or None after printing why there is none."""
    old, new = _sides(request(files), stdin)
    trouble = _trouble(old, new)
    if trouble:
        for line in trouble:
            print(line, file=err)
        return None
    return _compare(old, new)


def run_diff(
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    env: Mapping[str, str],
    failure: int,
    stdin: BinaryIO | None = None,
) -> int:
    req = request(args.files)
    old, new = _sides(req, stdin)
    terminal = decide(out, env, args.color, args.width, args.no_pager)
    header = outgoing(f"--- {req.old_name}\n+++ {req.new_name}\n")
    trouble = _trouble(old, new)
    if trouble:
        if not req.git:
            for line in trouble:
                print(line, file=err)
            return failure
        for problem in (*old.problems, *new.problems):  # a YAML file that is no proposal is no problem
            print(problem, file=err)
        show(header + _line_diff(old, new), out, terminal, env)
        return 1 if args.exit_code and old.text != new.text else 0
    from ..export.text import render

    comparison = _compare(old, new)
    show(header + render(comparison, terminal.width, paint if terminal.color else None), out, terminal, env)
    return 1 if args.exit_code and changed(comparison) else 0


def changed(comparison: Comparison) -> bool:
    """Whether anything differs; an unreported point counts, since nobody knows it is unchanged."""
    from ..core import MatchKind

    return any(change.kind is not MatchKind.UNCHANGED for change in comparison.changes)


def _line_diff(old: Side, new: Side) -> str:
    """A unified diff of the two texts, for files that are not (or not yet valid) proposals."""
    before = (old.text or "").splitlines(keepends=True)
    after = (new.text or "").splitlines(keepends=True)
    lines = list(difflib.unified_diff(before, after, old.name, new.name))[2:]  # names are in the header
    return neutralise("".join(line if line.endswith("\n") else line + "\n" for line in lines))
