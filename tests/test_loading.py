"""The loader: every rule of the format, each with the exact place and message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.reading.loading import load_file, load_paths
from tui.reading.yamlsource import size_limit

from .conftest import MINIMAL, Workspace


def revision(rev_id: str = "r1", extra: str = "") -> str:
    return MINIMAL.format(id=rev_id, extra=extra)


def test_minimal_revision_loads(ws: Workspace) -> None:
    ws.write("a.yaml", revision())
    result = ws.load()
    assert result.ok
    (series,) = result.catalog.series
    assert series.id == "demo"
    (rev,) = series.revisions
    assert rev.points[0].text == "First point."
    assert rev.points[0].number == "1"
    assert rev.location.line == 4 and rev.location.column == 3


def test_unknown_key_suggests_the_nearest(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        """\
        format: proposal/1
        proposal: demo
        revision: {id: r1}
        parties: [{id: ru, name: Russia}]
        points: [{text: A point.}]
        reactions:
          - party: ru
            stnce: support
            summary: Fine.
        """,
    )
    assert ws.messages() == [
        "a.yaml:7:5: expected the key 'stance' in a reaction, found none",
        "a.yaml:8:5: unknown key 'stnce' in a reaction (did you mean 'stance'?); known keys: "
        "party, stance, points, summary, quote, speaker, date, source, certainty",
    ]


def test_three_mistakes_give_three_located_errors(ws: Workspace) -> None:
    ws.write(
        "three.yaml",
        """\
        format: proposal/2
        proposal: Demo Plan
        revision:
          id: r1
          date: 20 November
        points:
          - text: A point.
        """,
    )
    assert ws.messages() == [
        "three.yaml:1:9: format: expected a known format version (proposal/1), found 'proposal/2' (did you mean 'proposal/1'?)",
        "three.yaml:2:11: proposal: expected a slug (lower-case letters, digits and '-', starting "
        "with a letter or digit), found 'Demo Plan'",
        "three.yaml:5:9: date: expected an ISO date like 2025-11-20, found '20 November'",
    ]


def test_duplicate_key_is_an_error(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        """\
        format: proposal/1
        proposal: demo
        revision: {id: r1}
        points:
          - text: First wording.
            text: Second wording.
        """,
    )
    assert ws.messages() == [
        "a.yaml:6:5: expected each key once in a mapping, found 'text' again (first on line 5); "
        "YAML would silently keep only the last"
    ]


def test_missing_required_keys(ws: Workspace) -> None:
    ws.write("a.yaml", "format: proposal/1\nproposal: demo\n")
    assert ws.messages() == [
        "a.yaml:1:1: expected the key 'points' in a revision document, found none",
        "a.yaml:1:1: expected the key 'revision' in a revision document, found none",
    ]


def test_wrong_types_are_named(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        revision(extra="  partial: maybe\n  authors: us\n").replace(
            "points:\n", "points:\n  - text: [a, list]\n"
        ),
    )
    assert ws.messages() == [
        "a.yaml:5:12: partial: expected true or false, found 'maybe'",
        "a.yaml:6:12: authors: expected a list of party ids, found 'us'",
        "a.yaml:8:11: text: expected the point's text, found a list",
    ]


def test_point_reference_must_exist(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        """\
        format: proposal/1
        proposal: demo
        revision: {id: r1}
        parties: [{id: ru, name: Russia}]
        points:
          - {id: donbas, number: "21", text: Territory.}
        preconditions:
          - party: ru
            text: Withdraw.
            points: [donbass, "21"]
        """,
    )
    assert ws.messages() == [
        "a.yaml:10:14: points: expected a point id or number of this revision, found 'donbass' "
        "(did you mean 'donbas'?); this revision has: 21, donbas"
    ]


def test_party_reference_resolves_across_files(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        revision("r1", "  date: 2025-01-01\n").replace(
            "points:", "parties: [{id: ru, name: Russia}]\npoints:"
        ),
    )
    ws.write(
        "b.yaml",
        revision("r2", "  previous: r1\n")
        + "reactions:\n  - {party: ru, stance: oppose, summary: No.}\n"
        + "  - {party: ua, stance: support, summary: Yes.}\n",
    )
    assert ws.messages() == [
        "b.yaml:11:13: party: expected a party declared in the series (under parties:), found 'ua'; "
        "declared: ru"
    ]


def test_duplicate_point_ids(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        revision().replace("points:\n", "points:\n  - {id: same, text: One.}\n  - {id: same, text: Two.}\n"),
    )
    assert ws.messages() == ["a.yaml:7:10: expected unique point ids, found 'same' again (first at line 6)"]


def test_duplicate_revision_ids_across_files(ws: Workspace) -> None:
    ws.write("a.yaml", revision("r1"))
    ws.write("b.yaml", revision("r1"))
    messages = ws.messages()
    assert len(messages) == 1
    assert messages[0].startswith(
        "b.yaml:4:7: expected revision ids unique in series 'demo', found 'r1' again"
    )
    # the first file still loads
    assert [r.id for r in ws.load().catalog.series[0].revisions] == ["r1"]


def test_dangling_previous(ws: Workspace) -> None:
    ws.write("a.yaml", revision("r1"))
    ws.write("b.yaml", revision("r2", "  previous: r0\n"))
    assert ws.messages() == [
        "b.yaml:5:13: previous: expected a revision of series 'demo', found 'r0'; the series has: r1, r2"
    ]


def test_previous_cycle(ws: Workspace) -> None:
    ws.write("a.yaml", revision("r1", "  previous: r2\n"))
    ws.write("b.yaml", revision("r2", "  previous: r1\n"))
    assert ws.messages() == [
        "a.yaml:5:13: previous: expected links that end at a first revision, found a cycle: r1 -> r2 -> r1",
        "b.yaml:5:13: previous: expected links that end at a first revision, found a cycle: r2 -> r1 -> r2",
    ]


def test_dropped_needs_previous(ws: Workspace) -> None:
    ws.write("a.yaml", revision() + "dropped:\n  - point: '3'\n")
    assert ws.messages() == [
        "a.yaml:9:3: expected 'dropped' only in a revision with revision.previous (it names points of "
        "that revision), found no previous"
    ]


def test_dropped_must_name_a_point_of_previous(ws: Workspace) -> None:
    ws.write("a.yaml", revision("r1"))
    ws.write("b.yaml", revision("r2", "  previous: r1\n  partial: true\n") + "dropped:\n  - point: '7'\n")
    assert ws.messages() == [
        "b.yaml:11:5: dropped: expected a point id or number of the previous revision 'r1', found '7'"
    ]


def test_link_into_a_failed_file_says_so(ws: Workspace) -> None:
    ws.write("a.yaml", revision("r1").replace("First point.", '""'))
    ws.write("b.yaml", revision("r2", "  previous: r1\n"))
    messages = ws.messages()
    assert "b.yaml:5:13: previous: revision 'r1' is in a file that failed to load" in messages


def test_one_bad_file_does_not_hide_the_good(ws: Workspace) -> None:
    ws.write("good.yaml", revision("r1"))
    ws.write("bad.yaml", "format: proposal/1\nproposal: other\nrevision: [\n")
    result = ws.load()
    assert [s.id for s in result.catalog.series] == ["demo"]
    assert [p.name for p in result.catalog.failed] == ["bad.yaml"]
    assert len(result.problems) == 1
    assert str(result.problems[0]).endswith(
        "bad.yaml:3:11: expected a closing ] for the list that starts here, found the end of the file; "
        "add the missing ]"
    )


def test_several_documents_per_file_and_ordering(ws: Workspace) -> None:
    ws.write(
        "s.yaml",
        revision("c", "  previous: a\n  date: 2025-01-01\n")
        + "---\n"
        + revision("b", "  previous: a\n  date: 2024-06-01\n")
        + "---\n"
        + revision("a", "  date: 2025-12-31\n"),
    )
    ws.write("t.yaml", revision("d", "  previous: b\n"))
    (series,) = ws.load().catalog.series
    # links first; b and c both revise a (counter-proposals): the earlier date wins,
    # and the undated d comes after the dated c
    assert [r.id for r in series.revisions] == ["a", "b", "c", "d"]


def test_undated_revisions_order_by_path(ws: Workspace) -> None:
    ws.write("2.yaml", revision("second"))
    ws.write("1.yaml", revision("first"))
    ws.write("3.yaml", revision("dated", "  date: 2030-01-01\n"))
    (series,) = ws.load().catalog.series
    assert [r.id for r in series.revisions] == ["dated", "first", "second"]


def test_python_tags_are_refused(ws: Workspace) -> None:
    ws.write("a.yaml", revision().replace("First point.", "!!python/object/apply:os.system [echo hi]"))
    assert ws.messages() == [
        "a.yaml:7:11: text: expected plain YAML, found the tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "(tags are not allowed)"
    ]


def test_alias_bomb_is_refused(ws: Workspace) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(
            f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)}]"
        )
    ws.write("bomb.yaml", "\n".join(lines) + "\n")
    messages = ws.messages("bomb.yaml")  # named: no format key, so a walk would skip it
    assert (
        "bomb.yaml:5:4: expected aliases to expand this document to at most 10 times its own 28 values, "
        "found 490,329,064 values once they are expanded; refused, as aliases that multiply data are how "
        "YAML bombs work (write the repeated values out instead)"
    ) in messages


def test_size_cap(ws: Workspace) -> None:
    path = ws.write("big.yaml", revision())
    with path.open("a") as handle:
        handle.write("# " + "x" * 1000 + "\n")
    with size_limit(1000):
        assert ws.messages() == [
            "big.yaml:1:1: expected a proposal file of at most 1000 bytes (the size limit), found 1.1 KB; "
            "not read (to read it, raise the limit, e.g. --max-size 2K)"
        ]
    assert ws.load().ok


def test_invalid_utf8_is_located(ws: Workspace) -> None:
    (ws.root / "bad.yaml").write_bytes(revision().encode().replace(b"First", b"Fi\xffrst"))
    assert ws.messages() == [
        "bad.yaml:7:13: expected UTF-8 text, found the bytes ff 72 73 74 (save the file as UTF-8)"
    ]


def test_bom_and_crlf_do_not_matter(ws: Workspace) -> None:
    text = revision().replace("First point.", "Перша точка — 第一点 🕊️ e\u0301")
    (ws.root / "a.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    (ws.root / "b.yaml").write_bytes(text.replace("r1", "r2").encode("utf-16"))
    result = ws.load()
    assert result.ok
    texts = {r.id: r.points[0].text for r in result.catalog.series[0].revisions}
    assert texts == {"r1": "Перша точка — 第一点 🕊️ e\u0301", "r2": "Перша точка — 第一点 🕊️ e\u0301"}


def test_control_characters_are_neutralised(ws: Workspace) -> None:
    ws.write("a.yaml", revision().replace("First point.", '"red \\e[31m alert \\x07 \\u202e done"'))
    (rev,) = ws.load().catalog.series[0].revisions
    assert rev.points[0].text == "red \u241b[31m alert \u2407 \ufffd done"


def test_folder_walk_survives_symlink_loops(ws: Workspace) -> None:
    ws.write("sub/a.yaml", revision())
    (ws.root / "sub" / "loop").symlink_to(ws.root, target_is_directory=True)
    (ws.root / "notes.txt").write_text("not a proposal")
    result = ws.load()
    assert result.ok
    assert len(result.catalog.files) == 1


def test_missing_path(tmp_path: Path) -> None:
    result = load_paths([tmp_path / "nope"])
    assert [p.message for p in result.problems] == ["expected a file or folder, found nothing there"]


def test_empty_file_and_empty_document(ws: Workspace) -> None:
    ws.write("empty.yaml", "# nothing here\n")
    ws.write("docs.yaml", revision() + "---\n")
    assert ws.messages("docs.yaml", "empty.yaml") == [
        "docs.yaml:8:1: expected a revision (format, proposal, revision, points), found an empty document",
        "empty.yaml:1:1: expected at least one revision, found an empty file",
    ]


def test_number_keeps_what_was_typed(ws: Workspace) -> None:
    ws.write("a.yaml", revision().replace('number: "1"', "number: 21.10"))
    assert ws.load().catalog.series[0].revisions[0].points[0].number == "21.10"


def test_every_field_is_read(ws: Workspace) -> None:
    ws.write(
        "a.yaml",
        """\
        format: proposal/1
        proposal: demo
        title: Demo plan
        revision:
          id: r2
          label: Second draft
          date: 2025-11-24
          previous: r1
          status: proposed
          authors: [us]
          source: https://example.org/r2
          partial: true
        parties:
          - {id: us, name: United States}
        points:
          - {id: p1, number: IV.3, title: Title, text: Text., topics: [a, b]}
        reactions:
          - {party: us, stance: mixed, points: [p1], summary: S., quote: Q., speaker: X, date: 2025-11-25, source: Src}
        dropped:
          - {point: "1", source: Reuters, note: Gone.}
        preconditions:
          - {party: us, text: C., for: ceasefire, points: [IV.3], status: met, source: Src}
        """,
    )
    ws.write("b.yaml", revision("r1"))
    result = ws.load()
    assert result.ok, result.problems
    rev = result.catalog.series[0].revision("r2")
    assert rev is not None
    assert (rev.label, rev.date, rev.previous, rev.status, rev.authors, rev.partial) == (
        "Second draft",
        date(2025, 11, 24),
        "r1",
        "proposed",
        ("us",),
        True,
    )
    assert rev.points[0].topics == ("a", "b") and rev.points[0].number == "IV.3"
    assert rev.reactions[0].date == date(2025, 11, 25) and rev.reactions[0].points == ("p1",)
    assert rev.dropped[0].note == "Gone." and rev.preconditions[0].for_ == "ceasefire"
    assert result.catalog.series[0].title == "Demo plan"


@pytest.mark.parametrize("use_c", [True, False])
def test_c_and_python_parsers_agree(ws: Workspace, use_c: bool) -> None:
    ws.write("a.yaml", revision().replace("First point.", "Point with 'quotes' and émoji 🕊️"))
    ws.write("bad.yaml", "format: proposal/1\nproposal: [\n")
    result = load_paths([ws.root], use_c=use_c)
    other = load_paths([ws.root], use_c=not use_c)
    assert result.catalog.series == other.catalog.series
    assert [str(p) for p in result.problems] == [str(p) for p in other.problems]


@pytest.mark.parametrize("use_c", [True, False])
def test_forbidden_characters_are_located(ws: Workspace, use_c: bool) -> None:
    path = ws.write("a.yaml", revision().replace("First point.", "Перша\x00 точка"))
    _, problems = load_file(path, use_c=use_c)
    assert [str(p).replace(f"{ws.root}/", "") for p in problems] == [
        "a.yaml:7:16: expected printable text, found the control character U+0000 (YAML forbids it)"
    ]
