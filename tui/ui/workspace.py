"""What the app opens: the loaded catalog, the problems of files that failed, and where it came from.

Deciding *what* to open (the folder, the bundled sample, two files) happens
here, before Textual starts, so the header can say which it is and the
tests can build a workspace without a terminal.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from ..core import Catalog, Problem, ProposalFiles, Series
from ..locations import proposals_dir
from ..reading.loading import SUFFIXES
from ..twofiles import pair_files

_FORMAT_LINE = re.compile(rb"^format:\s*[\"']?proposal/", re.MULTILINE)
_SNIFF_BYTES = 65536
SAMPLE_SERIES = "us-peace-plan-ukraine"
"""The bundled series the README's first command shows."""


@dataclass(frozen=True)
class Workspace:
    catalog: Catalog
    problems: tuple[Problem, ...]
    origin: str
    """Where the proposals came from, as the header says it."""
    paths: tuple[Path, ...]
    """What was loaded, for the error screen's advice."""
    two_files: bool = False
    """Opened as `propdiff OLD NEW`: one series of two revisions, OLD then NEW."""
    start_series: str | None = None
    """The series to open on when several are loaded (None: the first)."""
    files: ProposalFiles | None = None
    """What each file gave, so a file changed on disk is re-read alone (None for OLD NEW files)."""

    @property
    def series(self) -> tuple[Series, ...]:
        return self.catalog.series


def reloaded(workspace: Workspace, changed: frozenset[Path]) -> Workspace:
    """The workspace after `changed` files were written, created or deleted on disk.

    Only those files are read again; the series are re-assembled from what
    the others gave before. `propdiff OLD NEW` pairs two files into one
    series whatever their ids, so both are simply read again.
    """
    if workspace.files is None:
        again = open_workspace(workspace.paths)
        return replace(workspace, catalog=again.catalog, problems=again.problems)
    result = workspace.files.result
    for path in sorted(changed):
        result = workspace.files.reload(path)
    return replace(workspace, catalog=result.catalog, problems=result.problems)


def _loaded(paths: Sequence[Path], origin: str, start: str | None = None) -> Workspace:
    files = ProposalFiles(paths)
    result = files.result
    return Workspace(result.catalog, result.problems, origin, tuple(paths), start_series=start, files=files)


def holds_proposals(folder: Path, depth: int = 2) -> bool:
    """Whether a folder (or a subfolder up to `depth` levels down) has a proposal file:
    a YAML file with a `format: proposal/...` line.

    Other YAML (a docker-compose.yml, CI config) does not make a folder of
    proposals. The look is shallow so that `propdiff` run in a home folder
    does not walk the whole disk before deciding to show the sample.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return False
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.name.endswith(SUFFIXES) and _sniff(Path(entry.path)):
            return True
    return depth > 1 and any(
        holds_proposals(Path(e.path), depth - 1) for e in entries if e.is_dir() and not e.name.startswith(".")
    )


def _sniff(file: Path) -> bool:
    try:
        with file.open("rb") as handle:
            return bool(_FORMAT_LINE.search(handle.read(_SNIFF_BYTES)))
    except OSError:
        return False


def sample_named(paths: Sequence[Path]) -> bool:
    """Whether the paths are the bundled sample folder (then it opens on the US plan, as the README says)."""
    sample = proposals_dir().resolve()
    return any(p.resolve() == sample for p in paths)


def open_workspace(paths: Sequence[Path], cwd: Path | None = None, sample: bool = False) -> Workspace:
    """The workspace for `propdiff [PATH...]`: the paths; else the folder when it holds
    proposals; else the bundled sample (or the sample when asked). Two files mean OLD and NEW."""
    paths = tuple(paths)
    if sample:
        return _loaded([proposals_dir()], "bundled sample", SAMPLE_SERIES)
    if len(paths) == 2 and all(p.is_file() for p in paths):
        series, problems = pair_files(paths[0], paths[1])
        catalog = Catalog(
            series=(series,) if series is not None else (),
            files=paths,
            failed=tuple(p for p in paths if any(pr.location.path == str(p) for pr in problems)),
        )
        return Workspace(catalog, problems, f"files {paths[0]} → {paths[1]}", paths, two_files=True)
    if paths:
        names = ", ".join(str(p) for p in paths)
        return _loaded(paths, names, SAMPLE_SERIES if sample_named(paths) else None)
    folder = cwd or Path.cwd()
    if holds_proposals(folder):
        return _loaded([folder], f"folder {folder}")
    return _loaded([proposals_dir()], "bundled sample (no proposal files in this folder)", SAMPLE_SERIES)
