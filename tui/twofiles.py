"""Comparing two files, `OLD NEW`: one rule for `propdiff diff`, `export OLD NEW`, git and the app.

Each side is the last revision of its file, whatever its id, series or
`previous` link: people compare a colleague's copy with theirs, or two
commits of one file, and the ids often match. Checks that need the whole
series (parties declared elsewhere, `previous` links) cannot hold for a file
taken alone, so only each document's own problems stop the comparison; the
proposal files beside a file (the rest of its series) lend party names.

Clashing revision ids: ids are kept unless both sides have the same one;
then each becomes `ID (old, NAME)` and `ID (new, NAME)`, NAME being how the
user named the file (the path given, `<stdin>`, git's `a/path`). A series
needs distinct ids (pickers, stepping, the JSON export's `old`/`new`), and
every view then says which file each side came from.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .errors import Problem, PropdiffError
from .model import Location, Party, Revision, Series
from .reading.formatspec import POINTS
from .reading.loading import (
    SUFFIXES,
    has_format_key,
    is_proposal,
    load_paths,
    mentions_format_key,
    revisions_of,
)
from .reading.series import order
from .reading.yamlsource import (
    Document,
    decode,
    max_file_bytes,
    parse_text,
    read_bounded,
    read_documents,
    too_big,
)

NOT_A_PROPOSAL = "expected a proposal file, found YAML with no format: key"
STDIN = "-"
STDIN_NAME = "<stdin>"
"""How standard input is named in messages."""
NULL = os.devnull
"""What git passes for the missing side of an added or deleted file."""


@dataclass(frozen=True)
class Side:
    """One side of a two-file comparison: where it came from and what it holds."""

    name: str
    """How the user knows it: the path given, `<stdin>`, or git's `a/path`."""
    revision: Revision | None
    """The last revision of the file; None when it is not a proposal file or did not load."""
    problems: tuple[Problem, ...]
    parties: tuple[Party, ...]
    text: str | None
    """The file's text, kept for the plain line diff when it is not a proposal."""
    proposal: bool


def read_side(source: str, name: str, context: Path | None, stdin: BinaryIO | None = None) -> Side:
    """Read one side; the proposal files in `context` (a folder) lend party names."""
    if source == NULL:
        return Side(name, None, (), (), "", proposal=True)
    if source == STDIN:
        documents, problems, text, looks = read_stdin(name, stdin)
    else:
        path = Path(source)
        if path.is_dir():
            raise PropdiffError(f"{name}: expected a file, found a folder")
        if not path.exists():
            raise PropdiffError(f"{name}: expected a file, found nothing there")
        documents, problems = read_documents(path, display=name, stream=POINTS)
        looks = is_proposal(path, documents, problems)
        text = _text(path)
    if not looks:
        return Side(name, None, (), (), text, proposal=False)
    revisions, problems = revisions_of(documents, problems, name)
    if problems or not revisions:
        return Side(name, None, tuple(problems), (), text, proposal=True)
    last = _last(revisions)
    own = tuple(party for revision in reversed(revisions) for party in revision.parties)
    parties = own + _context_parties(last.series, context, source)  # the file's own names win
    return Side(name, last, (), parties, text, proposal=True)


def read_stdin(
    name: str, stdin: BinaryIO | None = None
) -> tuple[list[Document], list[Problem], str | None, bool]:
    """Standard input parsed as one proposal file named `name`: its documents, their problems, the
    text, and whether it looks like a proposal file (has a `format:` key) at all."""
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read(max_file_bytes() + 1)
    if len(data) > max_file_bytes():
        raise PropdiffError(str(too_big(name, "more")))
    text, problems = decode(data, name)
    documents: list[Document] = []
    if text is not None:
        documents, problems = parse_text(text, name, stream=POINTS)
    looks = has_format_key(documents) or (bool(problems) and mentions_format_key(data))
    return documents, problems, text, looks


def _text(path: Path) -> str | None:
    data, _ = read_bounded(path, str(path))  # never a FIFO or a device, never past the limit
    if data is None:
        return None
    text, _ = decode(data, str(path))
    return text


def _last(revisions: list[Revision]) -> Revision:
    """The newest revision of a file: last in series order, else last written."""
    ordered = order(revisions)
    return ordered[-1] if ordered else revisions[-1]


def _context_parties(series_id: str, folder: Path | None, source: str) -> tuple[Party, ...]:
    """Parties the rest of the series declares, from the proposal files in `folder`."""
    if folder is None or not folder.is_dir():
        return ()
    own = os.path.realpath(source) if source not in (STDIN, NULL) else None
    siblings = [
        f
        for f in sorted(folder.iterdir())
        if f.name.endswith(SUFFIXES) and not f.name.startswith(".") and f.is_file()
        if os.path.realpath(f) != own
    ]
    if not siblings:
        return ()
    series = load_paths(siblings).catalog.get(series_id)
    return series.parties if series is not None else ()


def context_folder(source: str, git_path: str | None) -> Path | None:
    """Where the rest of a side's series lives: beside the file, or beside git's path in the work tree."""
    if git_path is not None:
        return Path(git_path).parent
    if source in (STDIN, NULL):
        return Path(".")
    return Path(source).parent


def series_of(old: Side, new: Side) -> tuple[Series, Revision, Revision]:
    """A two-revision series holding both sides, so the comparison engine can run on it
    (ids as the module says; `previous` kept only when NEW revises OLD).

    An absent side (git's /dev/null for an added or deleted file) is an empty
    revision: every point of the other side is added, or removed.
    """
    base = new.revision or old.revision
    assert base is not None
    old_revision = old.revision or _empty(base, "(none)")
    new_revision = new.revision or _empty(base, "(deleted)")
    if old_revision.series == new_revision.series:
        series_id = new_revision.series
    else:
        series_id = f"{old_revision.series} vs {new_revision.series}"
    revises = new_revision.previous == old_revision.id
    if old_revision.id == new_revision.id:
        old_revision = replace(old_revision, id=f"{old_revision.id} (old, {old.name})")
        new_revision = replace(new_revision, id=f"{new_revision.id} (new, {new.name})")
    # the pair is its own series: no link to a revision outside it
    old_revision = replace(old_revision, series=series_id, previous=None)
    new_revision = replace(new_revision, series=series_id, previous=old_revision.id if revises else None)
    names: dict[str, Party] = {}
    for party in (*old.parties, *new.parties):
        names.setdefault(party.id, party)
    for revision in (old_revision, new_revision):
        for used in _party_ids(revision):
            names.setdefault(used, Party(used, used, revision.location))
    titles = [r.title for r in (old_revision, new_revision) if r.title]
    series = Series(
        id=series_id,
        revisions=(old_revision, new_revision),
        parties=tuple(names.values()),
        title=titles[-1] if titles else None,
    )
    return series, old_revision, new_revision


def _party_ids(revision: Revision) -> list[str]:
    return [
        *revision.authors,
        *(r.party for r in revision.reactions),
        *(p.party for p in revision.preconditions),
    ]


def _empty(like: Revision, revision_id: str) -> Revision:
    return Revision(series=like.series, id=revision_id, location=Location(NULL), title=like.title)


def pair_files(old_path: Path, new_path: Path) -> tuple[Series | None, tuple[Problem, ...]]:
    """`OLD NEW` for the app: the pair's series, or None and every problem of the files.

    A file that loads but is not a proposal is a problem here, located at the file.
    """
    sides = [read_side(str(path), str(path), path.parent) for path in (old_path, new_path)]
    problems = [problem for side in sides for problem in side.problems]
    for side in sides:
        if not side.proposal:
            problems.append(Problem(Location(side.name), NOT_A_PROPOSAL))
    if problems or any(side.revision is None for side in sides):
        return None, tuple(sorted(set(problems)))
    series, _, _ = series_of(*sides)
    return series, ()
