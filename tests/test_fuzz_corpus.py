"""Every reproduction in ../shared/corpora/fuzz-failures/ as a test.

Each file goes through every command (`tests/fuzz/harness.py` checks the
promises every run keeps); the minimal reproductions also check the answer
each class must give now: a located error, or the correct result.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.harness import check_run, drive, run_main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "fuzz-failures"
MINIMAL = CORPUS / "minimal"


def _corpus() -> Path:
    if CORPUS.is_dir():
        return CORPUS
    if os.environ.get("PROPDIFF_REQUIRE_CORPUS") == "1":
        pytest.fail(
            f"the fuzz-failures corpus is required (PROPDIFF_REQUIRE_CORPUS=1) but {CORPUS} is missing"
        )
    pytest.skip(f"the fuzz-failures corpus is not beside the repository ({CORPUS})")


def _files() -> list[str]:
    if not CORPUS.is_dir():
        return ["<corpus missing>"]
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*.yaml"))


@pytest.mark.parametrize("name", _files())
def test_every_corpus_file_through_every_command(name: str, tmp_path: Path) -> None:
    source = _corpus() / name
    copy = tmp_path / "in" / source.name
    copy.parent.mkdir()
    shutil.copy(source, copy)
    scratch = tmp_path / "out"
    scratch.mkdir()
    runs = drive([copy], scratch)
    failures = [f"{' '.join(r.argv[:3])}: {p}" for r in runs for p in r.problems]
    assert not failures


def _errors(*argv: str) -> list[str]:
    run = run_main(argv)
    assert not check_run(run), check_run(run)
    return run.err.decode("utf-8").splitlines()


class Minimal:
    """minimal/ copied file by file: a file named alone is read in its folder's series context."""

    def __init__(self, root: Path) -> None:
        self.root = root
        subprocess.run(["bash", str(MINIMAL / "make-special.sh"), str(root)], check=True, capture_output=True)

    def __truediv__(self, name: str) -> Path:
        if (self.root / name).exists():  # a folder make-special.sh built
            return self.root / name
        alone = self.root / Path(name).stem
        alone.mkdir()
        shutil.copy(MINIMAL / name, alone / name)
        return alone / name


@pytest.fixture
def minimal(tmp_path: Path) -> Minimal:
    _corpus()
    return Minimal(tmp_path)


@pytest.mark.parametrize("command", [["list"], ["export", "-f", "json"], ["export", "-f", "text"]])
def test_lone_surrogate_escape_is_a_located_error(minimal: Minimal, command: list[str]) -> None:
    lines = _errors(*command, str(minimal / "01-lone-surrogate.yaml"))
    assert lines[0].endswith(
        "01-lone-surrogate.yaml:8:9: expected a Unicode character, found the lone surrogate escape "
        "'\\ud800' (a surrogate is only valid as half of a pair such as \\ud83d\\udd4a)"
    )


def test_surrogate_escapes_standing_for_c1_bytes_are_errors_not_output(minimal: Minimal) -> None:
    run = run_main(["list", str(minimal / "02-surrogate-c1.yaml")])
    assert run.code == 1 and run.out == b""
    assert b"02-surrogate-c1.yaml:8:10: expected a Unicode character" in run.err


def test_json_surrogate_pair_is_joined_into_its_character(minimal: Minimal) -> None:
    run = run_main(["list", str(minimal / "01b-json-emoji.yaml")])
    assert run.code == 0
    assert "Peace \U0001f54a plan" in run.out.decode("utf-8")


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "03-party-id-typo.yaml",
            "03-party-id-typo.yaml:6:21: party: expected a slug (lower-case letters, digits and '-', "
            "starting with a letter or digit), found 'UA'",
        ),
        (
            "03b-party-declared-bad.yaml",
            "03b-party-declared-bad.yaml:4:16: id: expected a slug (lower-case letters, digits and '-', "
            "starting with a letter or digit), found 'UA'",
        ),
        (
            "04-escape-110000.yaml",
            "04-escape-110000.yaml:4:9: expected a Unicode escape up to \\U0010FFFF, found '\\U00110000'",
        ),
    ],
)
def test_bad_ids_and_escapes_are_located_errors(minimal: Minimal, name: str, message: str) -> None:
    lines = _errors("validate", str(minimal / name))
    assert lines[0].endswith(message)


def test_tag_with_escaped_surrogate_is_a_located_error(minimal: Minimal) -> None:
    lines = _errors("validate", str(minimal / "05-tag-percent-surrogate.yaml"))
    assert ":4:" in lines[0] and "while scanning a tag" in lines[0]


@pytest.mark.parametrize(
    "name", ["06-dupkey-escapes.yaml", "07-tag-escapes.yaml", "07b-tag-directive-escapes.yaml", "08-filename"]
)
def test_escapes_in_keys_tags_and_file_names_never_reach_the_terminal(minimal: Minimal, name: str) -> None:
    run = run_main(["validate", str(minimal / name)])
    assert run.code == 1 and not check_run(run)
    assert b"\x1b" not in run.err and b"\x07" not in run.err
    assert "\u241b]2;PWNED" in run.err.decode("utf-8")  # shown, as a visible ␛


def test_pipe_in_a_source_cannot_split_a_markdown_cell(minimal: Minimal) -> None:
    run = run_main(["export", str(minimal / "09-md-pipe.yaml"), "-f", "markdown"])
    source = next(line for line in run.out.decode("utf-8").splitlines() if line.startswith("| Source"))
    cells = [cell for cell in source.replace("\\|", "").split("|")]
    assert len(cells) == 5  # "", name, old, new, "": the row still has three cells
    assert "**FAKE**" not in source.split("|")[3]


def test_symlink_loop_is_reported(minimal: Minimal) -> None:
    lines = _errors("validate", str(minimal / "10-symlink-loop"))
    assert any("x.yaml:1:1: expected a regular file, found a symbolic link loop" in line for line in lines)


@pytest.mark.parametrize(
    "folder, what",
    [
        ("11-fifo", "x.yaml:1:1: expected a regular file, found a named pipe (FIFO)"),
        ("12-dev-zero", "z.yaml:1:1: expected a regular file, found a character device"),
    ],
)
def test_special_files_in_a_folder_are_refused_without_reading(
    minimal: Minimal, folder: str, what: str
) -> None:
    lines = _errors("validate", str(minimal / folder))
    assert any(what in line for line in lines)


def test_stdout_full_or_closed_is_one_line(minimal: Minimal) -> None:
    file = str(minimal / "09-md-pipe.yaml")
    command = [sys.executable, "-m", "tui", "export", file]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (
        1,
        "propdiff: cannot write to standard output: No space left on device\n",
    )
    done = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert (done.returncode, done.stderr) == (1, "propdiff: standard output is closed\n")


def test_force_keeps_the_mode_of_the_file_it_replaces(minimal: Minimal) -> None:
    private = minimal.root / "private.txt"
    private.write_text("secret\n")
    private.chmod(0o600)
    run = run_main(["export", str(minimal / "09-md-pipe.yaml"), "-o", str(private), "--force"])
    assert run.code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
