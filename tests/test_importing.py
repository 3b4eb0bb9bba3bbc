"""Point detection on drafts written for the tests: every fixture compared whole."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

import pytest

from tests.importing_fixtures import FIXTURES, Fixture, fixtures, points_of
from tui.importing import ImportFailure, read_draft
from tui.importing.decoding import decode, guess_encoding
from tui.importing.markers import parse_marker


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda f: f.name)
def test_fixture_points_title_notes_and_warnings(fixture: Fixture) -> None:
    draft = read_draft(fixture.draft)
    assert points_of(draft) == fixture.expected["points"]
    assert draft.title == fixture.expected["title"]
    assert list(draft.notes) == fixture.expected.get("notes", [])
    assert [str(w) for w in draft.warnings] == fixture.expected["warnings"]


def test_every_style_has_a_fixture() -> None:
    """The shapes the issue lists are all covered: a fixture per marker style."""
    styles = set()
    for fixture in fixtures():
        if fixture.draft.suffix in (".txt", ".md"):
            for line in fixture.draft.read_text(encoding="utf-8").splitlines():
                marker = parse_marker(line.strip().lstrip("#").strip(), heading=line.startswith("#"))
                if marker:
                    styles.add(marker.style)
    assert {"N.", "N)", "(N)", "N.N", "R.N", "Article N", "Section N", "Point N", "Статья N"} <= styles


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("cyrillic.txt", "cp1251"),
        ("cyrillic.txt", "utf-16"),
        ("cyrillic.txt", "utf-16-le"),
        ("cyrillic.txt", "utf-16-be"),
        ("cyrillic.txt", "utf-8-sig"),
        ("western.txt", "cp1252"),
        ("western.txt", "utf-16"),
        ("arabic.txt", "utf-16-le"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, name: str, encoding: str) -> None:
    source = FIXTURES / name
    copy = tmp_path / name
    copy.write_bytes(source.read_text(encoding="utf-8").encode(encoding))
    assert points_of(read_draft(copy)) == points_of(read_draft(source))


def test_given_encoding_overrides_the_guess(tmp_path: Path) -> None:
    copy = tmp_path / "draft.txt"
    copy.write_bytes((FIXTURES / "cyrillic.txt").read_text(encoding="utf-8").encode("koi8_r"))
    assert points_of(read_draft(copy, encoding="koi8_r")) == points_of(read_draft(FIXTURES / "cyrillic.txt"))


def test_guess_without_bom() -> None:
    assert guess_encoding("Статья 1. Прекращение огня".encode("cp1251")) == "cp1251"
    assert guess_encoding("1. Détenus libérés à minuit".encode("cp1252")) == "cp1252"
    assert guess_encoding(codecs.BOM_UTF8 + b"1. x") == "utf-8-sig"
    assert decode("1. x".encode("utf-16-le"), None) == "1. x"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (bytes(range(256)) * 8, "expected a text file, found binary data"),
        (b"\x00\x01\x02\x03garbage\x00\xff" * 50, "expected a text file, found binary data"),
        (random.Random(1).randbytes(3000), "expected a text file, found binary data"),
        (b"Just a paragraph of prose with no numbered points at all.\n", "no points found"),
    ],
    ids=["empty", "all-bytes", "zeros", "random", "prose"],
)
def test_bad_text_input_is_one_clear_failure(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailure, match=message):
        from tui.importing import ImportOptions, to_revision

        to_revision(read_draft(path), ImportOptions("p", "r", "draft.txt"))


def test_wrong_given_encoding_names_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("1. Détenus".encode("cp1252"))
    with pytest.raises(ImportFailure, match=r"expected utf-8 text, found the bytes e9 74 65 6e at byte 4$"):
        read_draft(path, encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_device_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)  # opening it blocking, with no writer, would hang for ever
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")  # reports size 0 and never ends
    for path in (fifo, zero):
        with pytest.raises(ImportFailure, match="expected a regular file, found a folder or a device"):
            read_draft(path)
