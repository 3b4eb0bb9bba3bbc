"""Load proposal files and folders into a `Catalog`, never raising on bad input.

Each file stands alone: one broken file is reported with all its problems
and left out, and every other file still loads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import Problem
from ..model import Catalog, Location, Revision
from .series import assemble
from .validation import build_revision
from .yamlsource import read_documents

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Proposal files under the given paths, sorted, each once.

    Folders are walked following symlinks, but each real folder is entered
    once, so a symlink loop ends instead of hanging. Hidden folders (.git)
    are skipped. A file named explicitly is read whatever its suffix.
    """
    unique: dict[Path, Path] = {}  # real path -> the path the user will see
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = _walk(path)
        elif path.is_file():
            found = [path]
        else:
            problems.append(Problem(Location(str(path)), "expected a file or folder, found nothing there"))
            continue
        for file in found:
            unique.setdefault(file.resolve(), file)
    return list(unique.values()), problems


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    entered: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in entered:
            dirs[:] = []
            continue
        entered.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / n for n in sorted(names) if n.endswith(SUFFIXES) and not n.startswith(".")]
    return found


def load_file(file: Path, *, use_c: bool | None = None) -> tuple[list[Revision], list[Problem]]:
    """The revisions of one file and every problem it has.

    Revisions are returned even when the file has problems, for checks across
    files; `load_paths` keeps them out of the catalog.
    """
    display = str(file)
    documents, problems = read_documents(file, display=display, use_c=use_c)
    revisions: list[Revision] = []
    for document in documents:
        revision, found = build_revision(document, display)
        problems += found
        if revision is not None:
            revisions.append(revision)
    if not documents and not problems:
        problems.append(Problem(Location(display), "expected at least one revision, found an empty file"))
    return revisions, problems


def load_paths(paths: Sequence[Path], *, use_c: bool | None = None) -> LoadResult:
    """Everything under `paths`; problems sorted by file, line and column."""
    files, problems = find_files(paths)
    revisions: list[Revision] = []
    for file in files:
        found, file_problems = load_file(file, use_c=use_c)
        revisions += found
        problems += file_problems
    checked = assemble(revisions, failed={p.location.path for p in problems})
    problems = sorted(set(problems) | set(checked.problems))
    failed_paths = {p.location.path for p in problems}
    failed = tuple(f for f in files if str(f) in failed_paths)
    catalog = Catalog(series=checked.series, files=tuple(files), failed=failed)
    return LoadResult(catalog, tuple(problems))
