"""`OLD NEW`: one pairing rule for the command line and the app (tui/twofiles.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.twofiles import pair_files
from tui.ui.workspace import open_workspace

from .clirun import propdiff

US = Path(__file__).resolve().parents[1] / "proposals" / "us-peace-plan-ukraine"


@pytest.fixture
def clash(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of one revision id, in two series, neither linked to the other."""
    old, new = tmp_path / "mine.yaml", tmp_path / "theirs.yaml"
    old.write_text(
        "format: proposal/1\nproposal: ours\nrevision: {id: v1}\n"
        "points: [{number: '1', text: Ceasefire along the line of contact.}]\n",
        encoding="utf-8",
    )
    new.write_text(
        "format: proposal/1\nproposal: theirs\nrevision: {id: v1, previous: v0}\n"
        "points: [{number: '1', text: Ceasefire along the current line of contact.}]\n",
        encoding="utf-8",
    )
    return old, new


def test_two_files_of_one_series_keep_their_ids_and_link() -> None:
    series, problems = pair_files(US / "01-draft-28.yaml", US / "03-geneva-19.yaml")
    assert problems == () and series is not None
    assert [r.id for r in series.revisions] == ["draft-28", "geneva-19"]
    assert series.revisions[1].previous == "draft-28"  # geneva-19 revises draft-28
    assert {"us", "ru", "ua"} <= {p.id for p in series.parties}


def test_clashing_ids_name_their_side_and_file(clash: tuple[Path, Path]) -> None:
    old, new = clash
    series, problems = pair_files(old, new)
    assert problems == () and series is not None
    assert series.id == "ours vs theirs"
    assert [(r.id, r.previous) for r in series.revisions] == [
        (f"v1 (old, {old})", None),
        (f"v1 (new, {new})", None),  # v0 is not in the pair: no link to it
    ]


def test_the_same_file_twice_gets_distinct_ids() -> None:
    file = US / "01-draft-28.yaml"
    series, _ = pair_files(file, file)
    assert series is not None
    assert [r.id for r in series.revisions] == [f"draft-28 (old, {file})", f"draft-28 (new, {file})"]


def test_the_command_line_and_the_app_pair_alike(clash: tuple[Path, Path]) -> None:
    old, new = clash
    app = open_workspace([old, new])
    assert app.two_files and [r.id for r in app.series[0].revisions] == [
        f"v1 (old, {old})",
        f"v1 (new, {new})",
    ]
    diff = propdiff("diff", "mine.yaml", "theirs.yaml", cwd=old.parent)
    assert diff.code == 0, diff.err
    assert diff.out.splitlines()[:5] == [
        "--- mine.yaml",
        "+++ theirs.yaml",
        "propdiff: ours vs theirs",
        "  old: v1 (old, mine.yaml), 1 point",
        "  new: v1 (new, theirs.yaml), 1 point",
    ]
    exported = json.loads(propdiff("export", "-f", "json", "mine.yaml", "theirs.yaml", cwd=old.parent).out)
    assert (exported["old"]["revision"], exported["new"]["revision"]) == (
        "v1 (old, mine.yaml)",
        "v1 (new, theirs.yaml)",
    )


def test_a_broken_file_or_one_that_is_no_proposal_gives_located_problems(tmp_path: Path) -> None:
    broken, compose = tmp_path / "broken.yaml", tmp_path / "compose.yaml"
    broken.write_text("format: proposal/1\nrevision: [\n", encoding="utf-8")
    compose.write_text("services: {}\n", encoding="utf-8")
    series, problems = pair_files(broken, US / "01-draft-28.yaml")
    assert series is None
    assert problems and all(p.location.path == str(broken) for p in problems)
    series, problems = pair_files(US / "01-draft-28.yaml", compose)
    assert series is None
    assert [str(p) for p in problems] == [
        f"{compose}:1:1: expected a proposal file, found YAML with no format: key"
    ]
