"""Colour, width and pager, as the installed `propdiff` behaves in a pipe and on a real pseudo-terminal."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.locations import proposals_dir

from .clirun import have, on_terminal, propdiff

US = proposals_dir() / "us-peace-plan-ukraine"
DRAFT, FRAMEWORK = str(US / "01-draft-28.yaml"), str(US / "04-framework-20.yaml")
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]")
DELETED, INSERTED = "\x1b[31;9m", "\x1b[32;4m"


def plain(screen: str) -> str:
    """What a person reads: escape sequences dropped, the terminal's CRLF back to LF."""
    return ANSI.sub("", screen).replace("\r\n", "\n")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two small revisions in several scripts: Chinese, an emoji sequence, a combining accent."""
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(
        textwrap.dedent("""\
        format: proposal/1
        proposal: demo
        revision: {id: v1, label: 草案}
        points:
          - number: "1"
            text: 停火 along the line of contact, monitored by observers from neutral states.
          - number: "2"
            text: Cafe\u0301 owners 👩‍💻 keep their licences.
          - number: "3"
            text: 停火协议在双方签署后立即生效并由中立国观察员监督执行
        """),
        encoding="utf-8",
    )
    new.write_text(
        textwrap.dedent("""\
        format: proposal/1
        proposal: demo
        revision: {id: v2, label: 最终文本, previous: v1}
        points:
          - number: "1"
            text: 停火 along the current line of contact, monitored by observers from neutral states and the UN.
          - number: "2"
            text: Cafe\u0301 owners 👩‍💻 keep their licences.
          - number: "3"
            text: 停火协议在双方签署后立即生效并由中立国观察员共同监督执行
        """),
        encoding="utf-8",
    )
    return old, new


EXPECTED_30 = """\
--- old.yaml
+++ new.yaml
propdiff: demo
  old: 草案 (v1), 3 points
  new: 最终文本 (v2), 3 points

Summary
  unchanged 1, reworded 2,
  moved 0, merged 0, split 0,
  added 0, removed 0,
  unreported 0
  moved (including reworded +
  moved) 0, renumbered 0

Changes
  1. REWORDED 1 → 1 (match
     100%)
     停火 along the {+current
     +}line of contact,
     monitored by observers
     from neutral states{+ and
     the UN+}.
  2. UNCHANGED 2 → 2 (match
     100%)
  3. REWORDED 3 → 3 (match
     100%)
     停火协议在双方签署后立即
     生效并由中立国观察员{+共
     同+}监督执行
"""


def test_wraps_by_display_cells_never_splitting_a_word(pair: tuple[Path, Path]) -> None:
    run = propdiff("diff", "old.yaml", "new.yaml", "--width", "30", cwd=pair[0].parent)
    assert (run.code, run.err) == (0, "")
    assert run.out == EXPECTED_30
    assert max(cell_len(line) for line in run.out.splitlines()[2:]) <= 30


def test_a_pipe_gets_no_colour_no_pager_and_100_columns(pair: tuple[Path, Path]) -> None:
    run = propdiff("diff", DRAFT, FRAMEWORK, PAGER="sed s/^/PAGED:/", PROPDIFF_PAGER="sed s/^/PAGED:/")
    assert run.code == 0
    assert "\x1b" not in run.out and "PAGED:" not in run.out
    lines = run.out.splitlines()[2:]
    assert max(cell_len(line) for line in lines) <= 100
    assert any(cell_len(line) > 90 for line in lines)  # it does use the width


@pytest.mark.parametrize(
    ("argv", "env", "coloured"),
    [
        ((), {}, False),
        (("--color=always",), {}, True),
        ((), {"FORCE_COLOR": "1"}, True),
        (("--color=never",), {"FORCE_COLOR": "1"}, False),
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_in_a_pipe(pair: tuple[Path, Path], argv: tuple[str, ...], env: dict, coloured: bool) -> None:
    run = propdiff("diff", "old.yaml", "new.yaml", *argv, cwd=pair[0].parent, **env)
    assert run.code == 0
    assert (INSERTED in run.out) is coloured
    if coloured:  # the marks give way to the styles they stand for
        assert f"停火 along the {INSERTED}current \x1b[0m" in run.out
        assert "{+" not in run.out
    else:
        assert "\x1b" not in run.out


def test_colour_on_a_terminal_and_no_color(pair: tuple[Path, Path]) -> None:
    code, screen = on_terminal("diff", "old.yaml", "new.yaml", "--no-pager", cwd=pair[0].parent)
    assert code == 0
    assert f"停火协议在双方签署后立即生效并由中立国观察员{INSERTED}共同\x1b[0m监督执行" in screen
    assert "\x1b[1;33mREWORDED\x1b[0m" in screen
    code, screen = on_terminal("diff", "old.yaml", "new.yaml", "--no-pager", cwd=pair[0].parent, NO_COLOR="1")
    assert code == 0 and "\x1b" not in screen
    assert "{+current +}" in screen  # without colour the marks stay: still readable


def test_width_follows_the_terminal_then_columns_then_the_option() -> None:
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, "--no-pager", "--color=never", columns=72)
    assert code == 0
    widths = [cell_len(line) for line in plain(screen).splitlines()[2:]]
    assert max(widths) <= 72 and max(widths) > 62
    run = propdiff("diff", DRAFT, FRAMEWORK, COLUMNS="50")
    assert max(cell_len(line) for line in run.out.splitlines()[2:]) <= 50
    run = propdiff("diff", DRAFT, FRAMEWORK, "--width", "64", COLUMNS="50")
    widths = [cell_len(line) for line in run.out.splitlines()[2:]]
    assert 58 < max(widths) <= 64


def test_long_output_on_a_terminal_goes_through_the_pager() -> None:
    pager = "sed s/^/PAGED:/"
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, columns=80, lines=24, PROPDIFF_PAGER=pager)
    assert code == 0
    lines = plain(screen).splitlines()
    assert len(lines) > 24 and all(line.startswith("PAGED:") for line in lines)
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, "--no-pager", PROPDIFF_PAGER=pager)
    assert code == 0 and "PAGED:" not in screen


def test_propdiff_pager_wins_over_pager_and_empty_means_none() -> None:
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, PAGER="sed s/^/P1:/", PROPDIFF_PAGER="sed s/^/P2:/")
    assert "P2:" in screen and "P1:" not in screen
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, PAGER="sed s/^/P1:/")
    assert "P1:" in screen
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, PAGER="sed s/^/P1:/", PROPDIFF_PAGER="")
    assert code == 0 and "P1:" not in screen and "propdiff: Plan to end the war" in plain(screen)


def test_short_output_is_not_paged(pair: tuple[Path, Path]) -> None:
    code, screen = on_terminal(
        "diff", "old.yaml", "old.yaml", cwd=pair[0].parent, lines=40, PROPDIFF_PAGER="sed s/^/PAGED:/"
    )
    assert code == 0 and "PAGED:" not in screen and "UNCHANGED" in screen


def test_the_default_pager_gets_git_like_flags() -> None:
    code, screen = on_terminal(
        "diff", DRAFT, FRAMEWORK, PROPDIFF_PAGER='echo "LESS=$LESS LV=$LV"; cat >/dev/null'
    )
    assert code == 0 and "LESS=FRX LV=-c" in plain(screen)
    code, screen = on_terminal(
        "diff", DRAFT, FRAMEWORK, LESS="S", PROPDIFF_PAGER='echo "LESS=$LESS"; cat >/dev/null'
    )
    assert "LESS=S" in plain(screen)  # the user's own flags are kept


@pytest.mark.skipif(not have("less"), reason="less is not installed")
def test_less_pages_and_q_quits() -> None:
    code, screen = on_terminal("diff", DRAFT, FRAMEWORK, columns=100, lines=20, keys=b"q")
    assert code == 0
    text = plain(screen)
    assert "propdiff: Plan to end the war in Ukraine" in text
    assert "Parties" not in text  # only the first screen was shown before q


def test_list_columns_align_in_any_script(pair: tuple[Path, Path]) -> None:
    run = propdiff("list", cwd=pair[0].parent)
    assert run.code == 0
    assert run.out == (
        "demo\n"
        "  1.  v1  草案      undated  3 points  complete\n"
        "  2.  v2  最终文本  undated  3 points  complete    revises v1\n"
        "  parties: none\n"
    )


def test_deleted_words_are_struck_and_inserted_underlined_under_colour() -> None:
    run = propdiff("diff", DRAFT, FRAMEWORK, "--color=always")
    assert run.code == 0
    assert DELETED in run.out and INSERTED in run.out
    assert "[-" not in plain(run.out) and "{+" not in plain(run.out)
    mono = propdiff("diff", DRAFT, FRAMEWORK)
    assert "[-" in mono.out and "{+" in mono.out


def test_marks_inside_a_point_text_are_words_not_styles(tmp_path: Path) -> None:
    """Colour comes from the word diff's segments: `[-x-]` and `{+y+}` typed in a point stay text."""
    for name, revision, extra, second in (
        ("old.yaml", "{id: v1}", "", "12. FOO [-x-] is not a heading at all"),
        ("new.yaml", "{id: v2, previous: v1}", " now", "12. FOO [-x-] is not a heading"),
    ):
        (tmp_path / name).write_text(
            "format: proposal/1\nproposal: demo\n"
            f"revision: {revision}\n"
            "points:\n"
            f'  - number: "1"\n    text: "Keep [-x-] and {{+y+}} as{extra} written."\n'
            f'  - number: "2"\n    text: "{second}"\n',
            encoding="utf-8",
        )
    head = (
        "--- old.yaml\n+++ new.yaml\npropdiff: demo\n  old: v1, 2 points\n  new: v2, 2 points\n\n"
        "{Summary}\n  unchanged 0, reworded 2, moved 0, merged 0, split 0, added 0, removed 0, unreported 0\n"
        "  moved (including reworded + moved) 0, renumbered 0\n\n{Changes}\n"
    )
    never = propdiff("diff", "old.yaml", "new.yaml", "--color=never", cwd=tmp_path)
    assert (never.code, never.err) == (0, "")
    assert never.out == head.format(Summary="Summary", Changes="Changes") + (
        "  1. REWORDED 1 → 1 (match 100%)\n"
        "     Keep [-x-] and {+y+} as {+now +}written.\n"
        "  2. REWORDED 2 → 2 (match 100%)\n"
        "     12. FOO [-x-] is not a heading[- at all-]\n"
    )
    always = propdiff("diff", "old.yaml", "new.yaml", "--color=always", cwd=tmp_path)
    assert (always.code, always.err) == (0, "")
    bold, reworded, reset = "\x1b[1m", "\x1b[1;33mREWORDED\x1b[0m", "\x1b[0m"
    assert always.out == head.format(Summary=f"{bold}Summary{reset}", Changes=f"{bold}Changes{reset}") + (
        f"  1. {reworded} 1 → 1 (match 100%)\n"
        f"     Keep [-x-] and {{+y+}} as {INSERTED}now {reset}written.\n"
        f"  2. {reworded} 2 → 2 (match 100%)\n"
        f"     12. FOO [-x-] is not a heading{DELETED} at all{reset}\n"
    )
