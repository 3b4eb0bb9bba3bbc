"""Property-based tests: generated documents round-trip, mutated files never raise."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.locations import proposals_dir
from tui.reading.loading import load_file, load_paths
from tui.reading.serialize import revision_to_document

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
# Printable text in any script; control, bidi-control and line-separator
# characters are excluded because the loader neutralises them on purpose.
TEXT = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn"),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
CERTAINTY = st.sampled_from(["high", "medium", "low"])
DATES = st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)


def _optional(strategy: st.SearchStrategy, key: str) -> st.SearchStrategy:
    return st.one_of(st.just({}), strategy.map(lambda v: {key: v}))


def _merge(*parts: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(*parts).map(lambda ds: {k: v for d in ds for k, v in d.items()})


POINT = _merge(
    _optional(SLUGS, "id"),
    _optional(TEXT, "number"),
    _optional(TEXT, "title"),
    TEXT.map(lambda t: {"text": t}),
    _optional(st.lists(TEXT, min_size=1, max_size=3), "topics"),
    _optional(st.just(True), "excerpt"),
    _optional(CERTAINTY, "certainty"),
)


@st.composite
def documents(draw: st.DrawFn) -> dict:
    parties = draw(st.lists(SLUGS, min_size=1, max_size=3, unique=True))
    points = draw(st.lists(POINT, max_size=6, unique_by=lambda p: p.get("id") or object()))
    refs = [p.get("id") or p.get("number") for p in points if p.get("id") or p.get("number")]
    point_refs = st.lists(st.sampled_from(refs), min_size=1, max_size=2) if refs else st.nothing()
    reaction = _merge(
        st.sampled_from(parties).map(lambda p: {"party": p}),
        st.sampled_from(["support", "conditional", "oppose", "mixed", "neutral", "unclear"]).map(
            lambda s: {"stance": s}
        ),
        _optional(point_refs, "points"),
        TEXT.map(lambda t: {"summary": t}),
        _optional(TEXT, "quote"),
        _optional(TEXT, "speaker"),
        _optional(DATES, "date"),
        _optional(TEXT, "source"),
        _optional(CERTAINTY, "certainty"),
    )
    precondition = _merge(
        st.sampled_from(parties).map(lambda p: {"party": p}),
        TEXT.map(lambda t: {"text": t}),
        _optional(TEXT, "for"),
        _optional(point_refs, "points"),
        _optional(st.sampled_from(["open", "met", "dropped"]), "status"),
        _optional(TEXT, "source"),
        _optional(CERTAINTY, "certainty"),
    )
    info = _merge(
        SLUGS.map(lambda s: {"id": s}),
        _optional(TEXT, "label"),
        _optional(DATES, "date"),
        _optional(st.sampled_from(["draft", "proposed", "agreed", "rejected", "superseded"]), "status"),
        _optional(st.lists(st.sampled_from(parties), min_size=1, max_size=2), "authors"),
        _optional(TEXT, "source"),
        _optional(st.just(True), "partial"),
    )
    document = {"format": "proposal/1", "proposal": draw(SLUGS)}
    document.update(draw(_optional(TEXT, "title")))
    document["revision"] = draw(info)
    document["parties"] = [{"id": p, "name": draw(TEXT)} for p in parties]
    document["points"] = points
    reactions = draw(st.lists(reaction, max_size=3))
    preconditions = draw(st.lists(precondition, max_size=3))
    if reactions:
        document["reactions"] = reactions
    if preconditions:
        document["preconditions"] = preconditions
    return document


def _as_loaded(document: dict) -> dict:
    """What the model should give back: refs that are both an id and a number are fine as is."""
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_generated_documents_round_trip(tmp_path: Path, document: dict) -> None:
    path = tmp_path / "generated.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = load_paths([path])
    assert result.ok, [str(p) for p in result.problems]
    (series,) = result.catalog.series
    (revision,) = series.revisions
    assert revision_to_document(revision) == _as_loaded(document)


def _sample_texts() -> list[str]:
    files = sorted(proposals_dir().rglob("*.yaml"))
    return [f.read_text(encoding="utf-8") for f in files] or [
        "format: proposal/1\nproposal: demo\nrevision: {id: r1}\npoints: [{text: A.}]\n"
    ]


SAMPLES = _sample_texts()


def _delete_line(text: str, index: int) -> str:
    lines = text.splitlines(keepends=True)
    if lines:
        del lines[index % len(lines)]
    return "".join(lines)


def _replace_value(text: str, index: int, value: str) -> str:
    lines = text.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    if not candidates:
        return text
    i = candidates[index % len(candidates)]
    key = lines[i].split(": ", 1)[0]
    lines[i] = f"{key}: {value}\n"
    return "".join(lines)


WRONG_VALUES = st.sampled_from(
    [
        "[]",
        "{}",
        "null",
        "42",
        "true",
        "2025-13-45",
        "'\\x1b[31m'",
        "!!python/none ''",
        "*nope",
        "&a [*a]",
        "|",
    ]
)


def _check(path: Path) -> None:
    revisions, problems = load_file(path)
    for problem in problems:
        assert problem.location.line >= 1 and "\n" not in problem.message
    assert not any(ch in str(p) for p in problems for ch in "\x1b\x07\x00")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sample=st.sampled_from(SAMPLES),
    how=st.sampled_from(["delete", "replace", "bytes", "truncate"]),
    index=st.integers(min_value=0, max_value=10_000),
    value=WRONG_VALUES,
    junk=st.binary(min_size=1, max_size=20),
)
def test_mutated_samples_never_raise(
    tmp_path: Path, sample: str, how: str, index: int, value: str, junk: bytes
) -> None:
    data = sample.encode("utf-8")
    if how == "delete":
        data = _delete_line(sample, index).encode()
    elif how == "replace":
        data = _replace_value(sample, index, value).encode()
    elif how == "bytes":
        at = index % (len(data) + 1)
        data = data[:at] + junk + data[at:]
    else:
        data = data[: index % (len(data) + 1)]
    path = tmp_path / "mutated.yaml"
    path.write_bytes(data)
    _check(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=string.printable + "ÄЖ中🕊️\u202e\x1b", max_size=200))
def test_arbitrary_text_never_raises(tmp_path: Path, text: str) -> None:
    path = tmp_path / "arbitrary.yaml"
    path.write_text(text, encoding="utf-8")
    _check(path)
