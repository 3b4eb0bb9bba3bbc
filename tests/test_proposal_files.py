"""Reloading one file: only it is read again, the series re-assembled, problems reported per file."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from tui.reading import loading
from tui.reading.loading import ProposalFiles, load_paths

from .conftest import MINIMAL, Workspace


def revision(rev_id: str, extra: str = "", text: str = "First point.") -> str:
    return MINIMAL.format(id=rev_id, extra=extra).replace("First point.", text)


def two_files(ws: Workspace) -> tuple[Path, Path]:
    a = ws.write("a.yaml", revision("r1"))
    b = ws.write("b.yaml", revision("r2", extra="  previous: r1\n", text="Second version."))
    return a, b


def test_reload_reads_only_the_changed_file(ws: Workspace) -> None:
    a, b = two_files(ws)
    files = ProposalFiles([ws.root])
    assert files.result.ok
    b.write_text(revision("r2", extra="  previous: r1\n", text="Edited."), encoding="utf-8")
    with mock.patch.object(loading, "read_documents", wraps=loading.read_documents) as reads:
        result = files.reload(b)
    assert [call.args[0] for call in reads.call_args_list] == [b]
    (series,) = result.catalog.series
    assert [r.id for r in series.revisions] == ["r1", "r2"]
    assert series.revision("r2").points[0].text == "Edited."  # type: ignore[union-attr]


def test_result_equals_a_full_load(ws: Workspace) -> None:
    a, b = two_files(ws)
    files = ProposalFiles([ws.root])
    b.write_text(revision("r2", extra="  previous: r1\n", text="Edited."), encoding="utf-8")
    reloaded = files.reload(b)
    fresh = load_paths([ws.root])
    assert reloaded.problems == fresh.problems
    assert reloaded.catalog == fresh.catalog


def test_a_broken_file_is_reported_per_file_and_comes_back_when_fixed(ws: Workspace) -> None:
    a, b = two_files(ws)
    files = ProposalFiles([ws.root])
    good_b = b.read_text(encoding="utf-8")
    b.write_text(good_b.replace("text: Second version.", "txt: Second version."), encoding="utf-8")
    broken = files.reload(b)
    assert broken.problems_in(b) and not broken.problems_in(a)
    assert list(broken.by_file()) == [str(b)]
    assert broken.catalog.failed == (b,)
    (series,) = broken.catalog.series
    assert [r.id for r in series.revisions] == ["r1"]

    b.write_text(good_b, encoding="utf-8")
    fixed = files.reload(b)
    assert fixed.ok
    assert [r.id for r in fixed.catalog.series[0].revisions] == ["r1", "r2"]


def test_a_link_broken_by_another_file_is_reported_in_the_linking_file(ws: Workspace) -> None:
    """Renaming r1 in a.yaml breaks b.yaml's `previous`; the problem sits in b.yaml."""
    a, b = two_files(ws)
    files = ProposalFiles([ws.root])
    a.write_text(revision("r0"), encoding="utf-8")
    result = files.reload(a)
    assert not result.problems_in(a)
    assert any("previous" in p.message for p in result.problems_in(b))


def test_a_deleted_file_is_forgotten_and_a_new_one_found(ws: Workspace) -> None:
    a, b = two_files(ws)
    files = ProposalFiles([ws.root])
    b.unlink()
    assert [r.id for r in files.reload(b).catalog.series[0].revisions] == ["r1"]
    assert files.files == (a,)
    c = ws.write("c.yaml", revision("r3", extra="  previous: r1\n"))
    result = files.reload(c)
    assert files.files == (a, c)
    assert [r.id for r in result.catalog.series[0].revisions] == ["r1", "r3"]


def test_an_untouched_series_keeps_its_object(ws: Workspace) -> None:
    """So comparisons cached by object identity stay valid for it after another series' file changed."""
    ws.write("a.yaml", revision("r1"))
    other = ws.write("other.yaml", revision("x1").replace("proposal: demo", "proposal: other"))
    files = ProposalFiles([ws.root])
    demo_before = files.result.catalog.get("demo")
    other_before = files.result.catalog.get("other")
    other.write_text(
        revision("x1", text="Changed.").replace("proposal: demo", "proposal: other"), encoding="utf-8"
    )
    files.reload(other)
    assert files.result.catalog.get("demo") is demo_before
    assert files.result.catalog.get("other") is not other_before
