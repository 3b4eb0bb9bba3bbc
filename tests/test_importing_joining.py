"""A draft joins a loaded series as its next revision (the core of the app's import command)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.importing_fixtures import FIXTURES
from tui.core import load_paths
from tui.importing.joining import join_series
from tui.locations import proposals_dir


def test_draft_becomes_the_next_revision_and_reloads_into_the_series(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(proposals_dir() / "examplia-coalition", folder)
    (series,) = load_paths([folder]).catalog.series
    newest = series.revisions[-1]
    draft = tmp_path / "letter-suffix.txt"
    shutil.copy(FIXTURES / "letter-suffix.txt", draft)
    (folder / "letter-suffix.yaml").write_text("# a file of the user's, not to be replaced\n")

    joined = join_series(draft, series)

    assert joined.revision_id == "letter-suffix-2"
    assert joined.target == folder / "letter-suffix-2.yaml"
    assert not joined.target.exists()  # writing is the caller's job
    joined.target.write_text(joined.text, encoding="utf-8")
    (folder / "letter-suffix.yaml").unlink()
    result = load_paths([folder])
    assert result.ok, result.problems
    (reloaded,) = result.catalog.series
    added = reloaded.revision("letter-suffix-2")
    assert added is not None and added.previous == newest.id and added.source == "letter-suffix.txt"
    assert reloaded.revisions[-1].id == "letter-suffix-2"
    assert [p.number for p in added.points] == ["1", "2", "2a", "2b", "3"]
    assert added.title is None and reloaded.title == series.title
    assert "#   Counter-proposal of the southern alliance" in joined.text
