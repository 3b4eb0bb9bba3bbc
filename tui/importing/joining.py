"""Import a draft as the next revision of a loaded series (what the app's palette command does).

The new revision revises the series' newest one, takes an id from the file
name that no revision of the series has yet, and is written beside the
newest revision's file, so that reloading the same folders puts it in the
series. The draft's own heading does not become the series title (the
newest revision's title would win): it stays in the file's top comment.
Writing is left to the caller (the atomic writer lives in the
exporters' layer, above this one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Series
from .build import ImportOptions, slug, to_revision, to_yaml
from .detect import Draft, detect
from .lines import ImportFailure
from .reader import read_lines


@dataclass(frozen=True)
class Joined:
    draft: Draft
    revision_id: str
    target: Path
    """Where the YAML should be written: a new file beside the newest revision's file."""
    text: str


def join_series(path: Path, series: Series, *, encoding: str | None = None) -> Joined:
    """The draft at `path` as the next revision of `series`; `ImportFailure` (one line) if it cannot be."""
    if not series.revisions:
        raise ImportFailure("the series has no revision to follow")
    draft = detect(read_lines(path, encoding=encoding))
    if series.title and draft.title:
        # The newest revision's title is the series title: a draft's heading must not rename the series.
        draft = replace(draft, title=None, notes=(draft.title, *draft.notes))
    newest = series.revisions[-1]
    folder = Path(newest.location.path).parent
    taken = {revision.id for revision in series.revisions}
    base = slug(path.stem)
    revision_id, count = base, 1
    while revision_id in taken or (folder / f"{revision_id}.yaml").exists():
        count += 1
        revision_id = f"{base}-{count}"
    options = ImportOptions(proposal=series.id, revision=revision_id, source=path.name, previous=newest.id)
    text = to_yaml(to_revision(draft, options), draft, path.name)
    return Joined(draft, revision_id, folder / f"{revision_id}.yaml", text)
