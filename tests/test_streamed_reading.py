"""Points read one at a time give exactly what reading the whole node tree gave.

`parse_text(..., stream=POINTS)` checks and converts each point as soon as it
is composed and drops its nodes (the memory of a 100,000-point file). Every
revision, every problem, in the same order, with the same place and words,
must be what the whole tree gives: on the sample proposals, the US pairs,
the fuzz reproductions, the YAML test suite (as files and as a point), and
hostile documents written here.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from tests.benchmarks.generated_series import write_series
from tests.corpus import CORPORA, require
from tui.locations import proposals_dir
from tui.reading.formatspec import POINTS
from tui.reading.loading import revisions_of
from tui.reading.yamlsource import Prepared, parse_text

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="streaming reads libyaml's events")

HEAD = "format: proposal/1\nproposal: s\nrevision: {id: a}\n"
ALWAYS = replace(POINTS, from_chars=0)
"""The points streamed whatever the file's length (the loader streams long files only)."""
DATA = Path(__file__).resolve().parent / "data"


def read(text: str, stream: bool) -> tuple[list, list[str], list]:
    """Revisions, problems as printed (in the order found) and documents of a text."""
    documents, problems = parse_text(text, "f.yaml", use_c=True, stream=ALWAYS if stream else None)
    revisions, problems = revisions_of(documents, problems, "f.yaml")
    return revisions, [str(p) for p in problems], documents


def assert_same(text: str) -> None:
    whole, streamed = read(text, stream=False), read(text, stream=True)
    assert streamed[1] == whole[1]
    assert streamed[0] == whole[0]


def as_point(case: str) -> str:
    """A text placed as the one item of a revision's points (its lines indented under `- `)."""
    lines = case.splitlines() or [""]
    return HEAD + "points:\n  - " + lines[0] + "\n" + "".join(f"    {line}\n" for line in lines[1:])


def test_points_become_prepared_nodes_and_the_revision_is_the_same() -> None:
    text = HEAD + "points:\n" + "".join(f"  - {{number: '{n}', text: Point {n}.}}\n" for n in range(50))
    _, _, documents = read(text, stream=True)
    (document,) = documents
    points = dict((key.value, value) for key, value in document.root.value)["points"]
    assert len(points.value) == 50 and all(isinstance(item, Prepared) for item in points.value)
    assert_same(text)


def test_sample_proposals_us_pairs_and_real_pairs() -> None:
    files = [*proposals_dir().rglob("*.yaml"), *DATA.glob("*.yaml")]
    real = CORPORA / "real-pairs" / "proposals"
    files += sorted(real.glob("*.yaml")) if real.is_dir() else []
    assert len(files) >= 9
    for file in files:
        assert_same(file.read_text(encoding="utf-8"))


def test_generated_series(tmp_path: Path) -> None:
    for path in write_series(tmp_path, 400, seed=5):
        assert_same(path.read_text(encoding="utf-8"))


def test_fuzz_reproductions() -> None:
    corpus = require(CORPORA / "fuzz-failures")
    files = sorted(corpus.glob("*/*.yaml"))
    assert files
    for file in files:
        text = file.read_bytes().decode("utf-8", errors="replace")
        assert_same(text)


def test_yaml_test_suite_as_files_and_as_points() -> None:
    corpus = require(CORPORA / "yaml-test-suite")
    cases = sorted(corpus.rglob("in.yaml"))
    assert len(cases) > 300
    for case in cases:
        text = case.read_bytes().decode("utf-8", errors="replace")
        assert_same(text)
        assert_same(as_point(text))


@pytest.mark.parametrize(
    "points",
    [
        "  - {text: a, text: b}\n  - {text: c, bogus: 1}\n  - just text\n  - [a, list]\n  -\n",
        "  - !custom {text: a}\n  - {text: !!binary aGk=}\n  - {? [a]: b, text: c}\n",
        "  - {id: x, text: a}\n  - {id: x, text: b}\n",
        '  - {text: "ok \\ud83d\\udd4a"}\n  - {text: "lone \\udd4a"}\n',
        "  - {text: a, topics: [x, {y: z}, '']}\n  - {text: '   ', excerpt: maybe, certainty: sure}\n",
        "  - &a {text: anchored}\n  - *a\n",
        "  - {text: a}\n  - *undefined\n",
        "  - {text: a}\n  - {text: [b\n",
    ],
    ids=[
        "keys",
        "tags",
        "duplicate-ids",
        "surrogates",
        "values",
        "alias",
        "undefined-alias",
        "syntax-error",
    ],
)
def test_hostile_points(points: str) -> None:
    assert_same(HEAD + "points:\n" + points)
    assert_same(HEAD + "points:\n" + points + "---\n" + HEAD + "points:\n" + points)


def test_points_key_given_twice_or_oddly() -> None:
    assert_same(HEAD + "points: [{text: a}]\npoints: [{text: b}, {text: c}]\n")
    assert_same(HEAD + '"points": [{text: a}]\n')
    assert_same(HEAD + "!!null points: [{text: a}]\n")
    assert_same(HEAD + "points: !!seq [{text: a}]\n")
    assert_same(HEAD + "points: {text: a}\n")
    assert_same("--- !tagged\n" + HEAD + "points: [{text: a}]\n")
    assert_same("- " + textwrap.indent(HEAD + "points: [{text: a}]\n", "  ").lstrip())


def test_an_alias_bomb_is_refused_as_before() -> None:
    bomb = HEAD + "points:\n  - text: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 9):
        bomb += f"  - text: &{'a' * (level + 1)} [" + ", ".join([f"*{'a' * level}"] * 9) + "]\n"
    whole = read(bomb, stream=False)[1]
    assert any("aliases" in message for message in whole)
    assert_same(bomb)


def test_nesting_fails_at_about_the_same_depth() -> None:
    """libyaml's composer takes one frame per level, as the streamed one does."""
    for depth in (100, 900, 1200):
        text = HEAD + "points:\n  - text: " + "[" * depth + "]" * depth + "\n"
        whole, streamed = read(text, stream=False)[1], read(text, stream=True)[1]
        assert whole == streamed, depth
    assert any("too deep" in message for message in streamed)


def test_only_long_files_are_streamed() -> None:
    text = HEAD + "points:\n" + "".join(f"  - {{text: Point {n}.}}\n" for n in range(20))

    def streamed(stream: object) -> bool:
        (document,) = parse_text(text, "f.yaml", use_c=True, stream=stream)[0]
        points = dict((key.value, value) for key, value in document.root.value)["points"]
        return isinstance(points.value[0], Prepared)

    assert streamed(replace(POINTS, from_chars=len(text)))
    assert not streamed(replace(POINTS, from_chars=len(text) + 1))
    assert POINTS.from_chars > 1_000_000  # a person's proposal is composed whole, as libyaml does it
