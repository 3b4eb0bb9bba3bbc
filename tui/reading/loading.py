"""Load proposal files and folders into a `Catalog`, never raising on bad input.

Each file stands alone: one broken file is reported with all its problems
and left out, and every other file still loads. A `ProposalFiles` keeps what
each file gave, so a view watching the files re-reads only the one that
changed and re-assembles the series from the rest as they were.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from yaml.nodes import MappingNode, ScalarNode

from .. import collector
from ..errors import Problem
from ..model import Catalog, Location, Revision, Series
from .formatspec import POINTS
from .series import assemble
from .validation import build_revision
from .yamlsource import Document, peek, read_documents

SUFFIXES = (".yaml", ".yml")

_FORMAT_KEY = re.compile(rb"""^(?:---[ \t]*)?[{ \t]*["']?format["']?[ \t]*:""", re.MULTILINE)
"""A top-level `format:` key, looked for in the raw bytes of a file that did not parse."""
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    problems: tuple[Problem, ...]
    skipped: tuple[Path, ...] = ()
    """Files met while walking a folder that are not proposal files (no `format:` key)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_in(self, path: Path | str) -> tuple[Problem, ...]:
        """The problems located in one file (as the user named or found it)."""
        return tuple(p for p in self.problems if p.location.path == str(path))

    def by_file(self) -> dict[str, tuple[Problem, ...]]:
        """Problems grouped per file, files in path order: what an errors panel lists."""
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.location.path, []).append(problem)
        return {path: tuple(found) for path, found in sorted(grouped.items())}


def _real(path: Path) -> str:
    """The path with every symlink followed; unlike `Path.resolve`, never raises on a symlink loop."""
    return os.path.realpath(path)


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Proposal files under the given paths, sorted, each once.

    Folders are walked following symlinks, but each real folder is entered
    once, so a symlink loop ends instead of hanging. Hidden folders (.git)
    are skipped. A file named explicitly is read whatever its suffix. Names
    that are not regular files (a FIFO, a device, a symlink loop) are kept
    here and refused, with a message, by the reader, which never opens them.
    """
    unique: dict[str, Path] = {}  # real path -> the path the user will see
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = _walk(path)
        elif os.path.lexists(path):
            found = [path]
        else:
            problems.append(Problem(Location(str(path)), "expected a file or folder, found nothing there"))
            continue
        for file in found:
            unique.setdefault(_real(file), file)
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
    documents, problems = read_documents(file, display=display, use_c=use_c, stream=POINTS)
    return revisions_of(documents, problems, display)


def is_proposal(file: Path, documents: list[Document], problems: list[Problem]) -> bool:
    """Whether a file found by walking a folder is meant as a proposal file: it has a `format:` key.

    Folders also hold docker-compose files, CI settings and test data; those
    are skipped, not reported. A file that did not parse is judged by its
    first bytes, so a proposal with a syntax error is still reported.
    """
    if has_format_key(documents):
        return True
    if not problems:
        return False
    head = peek(file, _SNIFF_BYTES)  # never opens a FIFO or a device
    if head is None:
        return True  # cannot tell: report the problem rather than hide it
    return mentions_format_key(head)


def has_format_key(documents: list[Document]) -> bool:
    """Whether a document of the file is a mapping with a `format` key."""
    return any(
        isinstance(document.root, MappingNode)
        and any(isinstance(key, ScalarNode) and key.value == "format" for key, _ in document.root.value)
        for document in documents
    )


def mentions_format_key(data: bytes) -> bool:
    """Whether raw bytes that did not parse hold a top-level `format:` key."""
    return _FORMAT_KEY.search(data[:_SNIFF_BYTES]) is not None


def revisions_of(
    documents: list[Document], problems: list[Problem], display: str
) -> tuple[list[Revision], list[Problem]]:
    """The revisions of a file's parsed documents, adding each document's own problems."""
    problems = list(problems)
    revisions: list[Revision] = []
    for document in documents:
        revision, found = build_revision(document, display)
        problems += found
        if revision is not None:
            revisions.append(revision)
    if not documents and not problems:
        problems.append(Problem(Location(display), "expected at least one revision, found an empty file"))
    return revisions, problems


def load_paths(
    paths: Sequence[Path], *, use_c: bool | None = None, context: Sequence[Path] = ()
) -> LoadResult:
    """Everything under `paths`; problems sorted by file, line and column.

    Files named in `paths` are read strictly; files found by walking a folder
    are skipped when they are not proposal files. `context` files (e.g. the
    other files of a series, beside a file being validated alone) are read
    for the checks across files only: their problems are not reported and
    their revisions are not in the catalog.
    """
    return ProposalFiles(paths, use_c=use_c, context=context).result


@dataclass(frozen=True)
class _FileLoad:
    revisions: tuple[Revision, ...]
    problems: tuple[Problem, ...]
    proposal: bool = True
    """False for a file met by walking a folder that is not a proposal file: it is skipped."""


class ProposalFiles:
    """The files under some paths, each file's revisions and problems kept apart.

    `reload(file)` re-reads one file and re-assembles the series from every
    file's kept revisions: the others are not read again. Checks across files
    (links, duplicate ids, parties) run again on each assembly, since one
    file's edit can break or mend another's links. A series none of whose
    revisions changed keeps its object, so comparisons cached by identity
    stay valid for it. Not thread-safe: one owner calls it.
    """

    def __init__(
        self, paths: Sequence[Path], *, use_c: bool | None = None, context: Sequence[Path] = ()
    ) -> None:
        self.paths = tuple(paths)
        self.context = tuple(context)
        self._named = {_real(path) for path in self.paths if not path.is_dir()}
        self._context: tuple[Path, ...] = ()
        self._use_c = use_c
        self._loads: dict[Path, _FileLoad] = {}
        self._missing: tuple[Problem, ...] = ()
        self.result = LoadResult(Catalog(), ())
        self.rescan()

    @property
    def files(self) -> tuple[Path, ...]:
        """The proposal files under the paths (not the skipped ones, not the context)."""
        return tuple(f for f, load in self._loads.items() if load.proposal and f not in self._context)

    def rescan(self) -> LoadResult:
        """Find the files again (some may be new or gone); read only those not read before."""
        files, self._missing = find_files(self.paths)
        self._missing = tuple(self._missing)
        asked = {_real(file) for file in files}
        self._context = tuple(f for f in find_files(self.context)[0] if _real(f) not in asked)
        kept = {file: self._loads.get(file) for file in [*files, *self._context]}
        with collector.paused():
            self._loads = {file: load or self._read(file) for file, load in kept.items()}
            return self._assemble()

    def reload(self, file: Path) -> LoadResult:
        """Re-read one file (or forget it when it is gone) and re-assemble the series.

        A file not known yet is added when it is under one of the paths and
        is a proposal file: an editor saving by rename can make a watched file
        look new.
        """
        known = self._known(file)
        if known is None:
            return self.rescan()
        with collector.paused():
            if not known.exists():
                del self._loads[known]
            else:
                self._loads[known] = self._read(known)
            return self._assemble()

    def _known(self, file: Path) -> Path | None:
        if file in self._loads:
            return file
        real = _real(file)
        return next((known for known in self._loads if _real(known) == real), None)

    def _read(self, file: Path) -> _FileLoad:
        display = str(file)
        documents, problems = read_documents(file, display=display, use_c=self._use_c, stream=POINTS)
        if _real(file) not in self._named and not is_proposal(file, documents, problems):
            return _FileLoad((), (), proposal=False)
        revisions, problems = revisions_of(documents, problems, display)
        return _FileLoad(tuple(revisions), tuple(problems))

    def _assemble(self) -> LoadResult:
        loads = [load for load in self._loads.values() if load.proposal]
        revisions = [r for load in loads for r in load.revisions]
        problems = [*self._missing, *(p for load in loads for p in load.problems)]
        checked = assemble(revisions, failed={p.location.path for p in problems})
        hidden = {str(f) for f in self._context}
        problems = sorted(p for p in set(problems) | set(checked.problems) if p.location.path not in hidden)
        failed_paths = {p.location.path for p in problems}
        files = self.files
        failed = tuple(f for f in files if str(f) in failed_paths)
        series = _without_context(checked.series, hidden) if hidden else checked.series
        series = tuple(_same_or_new(self.result.catalog.get(s.id), s) for s in series)
        skipped = tuple(
            sorted(f for f, load in self._loads.items() if not load.proposal and f not in self._context)
        )
        catalog = Catalog(series=series, files=files, failed=failed)
        self.result = LoadResult(catalog, tuple(problems), skipped)
        return self.result


def _same_or_new(before: Series | None, after: Series) -> Series:
    """The earlier object when nothing in the series changed, so identity-keyed caches still hit."""
    if (
        before is not None
        and len(before.revisions) == len(after.revisions)
        and all(a is b for a, b in zip(before.revisions, after.revisions, strict=True))
        and before.parties == after.parties
        and before.title == after.title
    ):
        return before
    return after


def _without_context(series: tuple[Series, ...], hidden: set[str]) -> tuple[Series, ...]:
    """Series keeping only revisions of the files asked for; parties still come from the whole series."""
    kept = (
        replace(s, revisions=tuple(r for r in s.revisions if r.location.path not in hidden)) for s in series
    )
    return tuple(s for s in kept if s.revisions)
