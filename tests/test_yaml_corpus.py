"""Every case of the public YAML test suite either loads or gives located errors.

None of these inputs is a proposal, so almost all give errors; what matters
is that no input, however odd, raises, and that each error says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.reading.loading import load_file

from .corpus import CORPORA, require

CORPUS = CORPORA / "yaml-test-suite"


def _cases() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.parent for p in CORPUS.rglob("in.yaml"))


CASES = _cases()


def test_corpus_is_present() -> None:
    require(CORPUS)
    assert len(CASES) > 300, f"expected the YAML test suite at {CORPUS}"


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])
def test_every_case_loads_or_gives_located_errors(use_c: bool) -> None:
    require(CORPUS)
    for case in CASES:
        source = case / "in.yaml"
        revisions, problems = load_file(source, use_c=use_c)
        must_fail = (case / "error").exists()
        if must_fail:
            assert problems, f"{case.name}: invalid YAML was accepted"
        for problem in problems:
            assert problem.location.path == str(source)
            assert problem.location.line >= 1 and problem.location.column >= 1
            assert problem.message and "\n" not in problem.message, (case.name, problem)
        if not problems:
            assert revisions, case.name


# Cases where libyaml and PyYAML's pure-Python parser themselves disagree:
# libyaml accepts tabs and some flow/indentation forms the Python parser
# rejects, and they place empty nodes differently. Everything else must agree.
PARSER_DIVERGENCES = {
    "6HB6",
    "DC7X",
    "DFF7",
    "HS5T",
    "J3BT",
    "JR7V",
    "K54U",
    "NB6Z",
    "UV7Q",
    "WZ62",
    "X4QW",
    "DK95/05",
    "DK95/07",
    "MUS6/00",
    "MUS6/03",
    "UKK6/02",
    "Y79Y/002",
    "Y79Y/003",
}


def _case_id(case: Path) -> str:
    return str(case.relative_to(CORPUS))


def test_both_parsers_give_the_same_problems() -> None:
    require(CORPUS)
    disagreeing = []
    for case in CASES:
        source = case / "in.yaml"
        _, with_c = load_file(source, use_c=True)
        _, with_python = load_file(source, use_c=False)
        if [str(p) for p in with_c] != [str(p) for p in with_python]:
            disagreeing.append(_case_id(case))
    assert set(disagreeing) <= PARSER_DIVERGENCES
