"""Which files the command line acts on: the current folder, named files, two files, stdin, -o.

Every test runs the installed `propdiff` in a real process and checks the
exact output and exit code a user would see.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tui.locations import proposals_dir

from .clirun import PROPDIFF, clean_env, propdiff

US = proposals_dir() / "us-peace-plan-ukraine"
DRAFT, E3, GENEVA, FRAMEWORK = sorted(US.glob("*.yaml"))


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A project folder: the US plan files and YAML that is not a proposal."""
    for file in US.glob("*.yaml"):
        shutil.copy(file, tmp_path)
    (tmp_path / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n")
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "lint.yaml").write_text("- run: make\n")
    return tmp_path


def test_no_path_means_the_current_folder_not_the_sample(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("format: proposal/1\nproposal: x\n")
    run = propdiff("validate", cwd=tmp_path)
    assert run.code == 1
    assert run.err.splitlines()[-1] == "2 problem(s) in 1 file; those files were not loaded"
    assert run.out == "0 of 1 file(s) valid: 0 revision(s) in 0 series\n"


def test_an_empty_folder_says_so_and_names_the_sample(tmp_path: Path) -> None:
    for verb in ("validate", "list", "export"):
        run = propdiff(verb, cwd=tmp_path)
        assert (run.code, run.out) == (1, ""), verb
        assert run.err == (
            "no proposal files (*.yaml, *.yml with a format: key) found in the current folder; "
            "give a PATH, or --sample for the bundled sample\n"
        ), verb


def test_sample_is_used_only_when_asked(tmp_path: Path) -> None:
    run = propdiff("validate", "--sample", cwd=tmp_path)
    assert run == type(run)(0, "7 of 7 file(s) valid: 9 revision(s) in 2 series\n", "")
    both = propdiff("list", "--sample", "x.yaml", cwd=tmp_path)
    assert (both.code, both.err) == (1, "propdiff: give either PATH or --sample, not both\n")


def test_walking_skips_yaml_that_is_not_a_proposal(plan: Path) -> None:
    run = propdiff("validate", cwd=plan)
    assert run.code == 0
    assert run.out == "4 of 4 file(s) valid: 4 revision(s) in 1 series\n"
    assert run.err == (
        "skipped 2 YAML files with no format: key (not proposals): ci/lint.yaml, docker-compose.yml\n"
    )
    export = propdiff("export", "-f", "json", cwd=plan)
    assert export.code == 0 and json.loads(export.out)["new"]["revision"] == "framework-20"


def test_a_named_file_is_checked_strictly(plan: Path) -> None:
    run = propdiff("validate", "docker-compose.yml", cwd=plan)
    assert run.code == 1
    assert run.err.splitlines()[0].startswith("docker-compose.yml:1:1: ")
    assert "format" in run.err.splitlines()[0]


def test_a_broken_proposal_is_still_reported_when_walking(plan: Path) -> None:
    (plan / "05-next.yaml").write_text("format: proposal/1\nproposal: [unclosed\n")
    run = propdiff("validate", cwd=plan)
    assert run.code == 1
    assert run.err.splitlines()[0].startswith("05-next.yaml:")


def test_one_file_of_a_series_is_validated_with_the_files_beside_it(plan: Path) -> None:
    run = propdiff("validate", FRAMEWORK.name, cwd=plan)
    assert run == type(run)(0, "1 of 1 file(s) valid: 1 revision(s) in 1 series\n", "")
    alone = plan / "alone"
    alone.mkdir()
    shutil.copy(FRAMEWORK, alone)
    lonely = propdiff("validate", f"alone/{FRAMEWORK.name}", cwd=plan)
    assert lonely.code == 1 and "previous: expected a revision of series" in lonely.err


def test_only_the_named_files_problems_are_reported(plan: Path) -> None:
    (plan / "02-e3-counter.yaml").write_text(E3.read_text().replace("stance: ", "stnce: ", 1))
    assert propdiff("validate", cwd=plan).code == 1
    run = propdiff("validate", GENEVA.name, cwd=plan)
    assert run == type(run)(0, "1 of 1 file(s) valid: 1 revision(s) in 1 series\n", "")


def test_validate_reads_standard_input_as_one_file_checked_alone(tmp_path: Path) -> None:
    """`validate -` (e.g. `git show HEAD:plan.yaml | propdiff validate -`): a revision whose
    `previous` is in another file is valid, since there is no series around it to check."""
    good = propdiff("validate", "-", cwd=tmp_path, stdin=GENEVA.read_bytes())
    assert (good.code, good.err) == (0, "")
    assert good.out.startswith("1 of 1 file(s) valid: 1 revision(s) in 1 series (each document checked")
    broken = GENEVA.read_bytes().replace(b"format: proposal/1", b"format: proposal/9", 1)
    bad = propdiff("validate", "-", cwd=tmp_path, stdin=broken)
    assert bad.code == 1 and bad.out == "0 of 1 file(s) valid: 1 problem(s) in <stdin>\n"
    assert bad.err.startswith("<stdin>:") and "expected a known format version" in bad.err
    other = propdiff("validate", "-", cwd=tmp_path, stdin=b"services: {web: nginx}\n")
    assert other == type(other)(1, "", "<stdin>: expected a proposal file, found YAML with no format: key\n")
    mixed = propdiff("validate", "-", str(GENEVA), cwd=tmp_path, stdin=b"")
    assert (mixed.code, mixed.out) == (1, "") and "give standard input alone" in mixed.err


def test_list_of_one_file_shows_its_revision_with_the_series_parties(plan: Path) -> None:
    run = propdiff("list", FRAMEWORK.name, cwd=plan)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "us-peace-plan-ukraine  Plan to end the war in Ukraine"
    assert lines[1].split()[:2] == ["1.", "framework-20"]
    assert lines[2].startswith("  parties: United States (us), Russia (ru), Ukraine (ua)")


class TestTwoFiles:
    def test_diff_compares_the_last_revision_of_each(self, plan: Path) -> None:
        run = propdiff("diff", DRAFT.name, FRAMEWORK.name, cwd=plan)
        assert run.code == 0, run.err
        lines = run.out.splitlines()
        assert lines[:3] == [
            f"--- {DRAFT.name}",
            f"+++ {FRAMEWORK.name}",
            "propdiff: Plan to end the war in Ukraine (us-peace-plan-ukraine)",
        ]
        assert "  old: 28-point draft (draft-28), 2025-11-20, draft, 28 points" in lines
        assert "  new: 20-point framework (framework-20), 2025-12-23, draft, 20 points" in lines
        assert "\x1b" not in run.out and run.err == ""

    def test_same_ids_other_series_no_previous_link(self, tmp_path: Path) -> None:
        old = tmp_path / "mine.yaml"
        new = tmp_path / "theirs.yaml"
        old.write_text(
            "format: proposal/1\nproposal: ours\nrevision: {id: v1}\n"
            "points: [{number: '1', text: Ceasefire along the line of contact.}]\n"
        )
        new.write_text(
            "format: proposal/1\nproposal: theirs\nrevision: {id: v1}\n"
            "points: [{number: '1', text: Ceasefire along the current line of contact.},"
            " {number: '2', text: Prisoner exchange.}]\n"
        )
        run = propdiff("export", "-f", "json", str(old), str(new))
        assert run.code == 0, run.err
        summary = json.loads(run.out)["summary"]
        assert (summary["reworded"], summary["added"], sum(summary.values())) == (1, 1, 2)
        diff = propdiff("diff", str(old), str(new))
        assert "  1. REWORDED 1 → 1 (" in diff.out and "  2. ADDED — → 2 (" in diff.out

    def test_stdin_is_a_dash(self, plan: Path) -> None:
        run = propdiff("diff", "-", FRAMEWORK.name, cwd=plan, stdin=GENEVA.read_bytes())
        assert run.code == 0, run.err
        assert run.out.splitlines()[:2] == ["--- <stdin>", f"+++ {FRAMEWORK.name}"]
        assert "  old: 19-point Geneva version (geneva-19)" in run.out
        two = propdiff("diff", "-", "-", stdin=b"")
        assert (two.code, two.err) == (1, "propdiff: diff: only one side can be read from stdin (-)\n")

    def test_exit_code_like_diff(self, plan: Path) -> None:
        assert propdiff("diff", DRAFT.name, FRAMEWORK.name, "--exit-code", cwd=plan).code == 1
        assert propdiff("diff", DRAFT.name, DRAFT.name, "--exit-code", cwd=plan).code == 0
        assert propdiff("diff", DRAFT.name, DRAFT.name, cwd=plan).code == 0
        missing = propdiff("diff", DRAFT.name, "gone.yaml", "--exit-code", cwd=plan)
        assert (missing.code, missing.err) == (
            2,
            "propdiff: gone.yaml: expected a file, found nothing there\n",
        )
        assert propdiff("export", DRAFT.name, FRAMEWORK.name, "--exit-code", cwd=plan).code == 1
        assert propdiff("export", DRAFT.name, DRAFT.name, "--exit-code", cwd=plan).code == 0
        assert propdiff("export", "-s", "nope", "--exit-code", cwd=plan).code == 2
        assert propdiff("export", "-s", "nope", cwd=plan).code == 1

    def test_a_file_that_is_not_a_proposal(self, plan: Path) -> None:
        run = propdiff("diff", "docker-compose.yml", FRAMEWORK.name, cwd=plan)
        assert (run.code, run.out) == (1, "")
        assert run.err == "docker-compose.yml: expected a proposal file, found YAML with no format: key\n"

    def test_a_broken_file_stops_the_diff_with_its_problems(self, plan: Path) -> None:
        (plan / "bad.yaml").write_text(FRAMEWORK.read_text().replace("stance: ", "stnce: ", 1))
        run = propdiff("diff", DRAFT.name, "bad.yaml", cwd=plan)
        assert run.code == 1 and run.out == ""
        assert run.err.startswith("bad.yaml:") and "unknown key 'stnce'" in run.err


@pytest.fixture
def series(tmp_path: Path) -> Path:
    """A folder holding only the US plan files."""
    for file in US.glob("*.yaml"):
        shutil.copy(file, tmp_path)
    (tmp_path / "ci").mkdir()
    return tmp_path


class TestOutput:
    def test_dash_is_stdout(self, series: Path) -> None:
        run = propdiff(
            "export", "-f", "json", "-o", "-", "--from", "geneva-19", "--to", "framework-20", cwd=series
        )
        assert run.code == 0 and run.out.startswith("{") and run.err == ""
        assert not (series / "-").exists()

    def test_format_follows_the_file_name(self, series: Path) -> None:
        pair = ("--from", "geneva-19", "--to", "framework-20")
        run = propdiff("export", "-o", "report.html", *pair, cwd=series)
        assert (run.code, run.err) == (0, "wrote report.html (html, geneva-19 -> framework-20)\n")
        assert (series / "report.html").read_text().startswith("<!DOCTYPE html>")
        run = propdiff("export", "-o", "report.md", *pair, cwd=series)
        assert run.err == "wrote report.md (markdown, geneva-19 -> framework-20)\n"
        run = propdiff("export", "-o", "report.out", *pair, cwd=series)
        assert run.err == "wrote report.out (text, geneva-19 -> framework-20)\n"

    def test_a_format_the_name_contradicts_is_an_error(self, series: Path) -> None:
        run = propdiff("export", "-f", "text", "-o", "report.html", cwd=series)
        assert (run.code, run.out) == (1, "")
        assert run.err == (
            "propdiff: -o report.html: the name ends in .html, which is html, but --format is text; "
            "change one of them\n"
        )
        assert not (series / "report.html").exists()

    def test_a_folder_is_one_clear_line(self, series: Path) -> None:
        for extra in ((), ("--force",)):
            run = propdiff("export", "-o", "ci", *extra, cwd=series)
            assert (run.code, run.out) == (1, "")
            assert run.err == "propdiff: -o ci: is a folder; give a file name, e.g. -o ci/diff.html\n"

    def test_width_option_wraps_the_text_export(self, series: Path) -> None:
        run = propdiff("export", "--width", "40", cwd=series)
        assert run.code == 0
        assert max(len(line) for line in run.out.splitlines()) <= 40
        bad = propdiff("export", "--width", "x", cwd=series)
        assert bad.code == 2 and "expected a number of columns, found 'x'" in bad.err


@pytest.mark.parametrize(
    ("escape", "shown"), [("\\U00110000", "'\\U00110000'"), ("\\UFFFFFFFF", "'\\UFFFFFFFF'")]
)
def test_out_of_range_escapes_are_one_located_line(tmp_path: Path, escape: str, shown: str) -> None:
    (tmp_path / "plan.yaml").write_text(
        f'format: proposal/1\nproposal: x\nrevision: {{id: a}}\npoints: [{{text: "{escape}"}}]\n'
    )
    run = propdiff("validate", cwd=tmp_path)
    assert (run.code, run.out) == (1, "0 of 1 file(s) valid: 0 revision(s) in 0 series\n")
    assert run.err == (
        f"plan.yaml:4:18: expected a Unicode escape up to \\U0010FFFF, found {shown}\n"
        "1 problem(s) in 1 file; those files were not loaded\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_stdout_is_one_line(series: Path) -> None:
    for argv in (
        ("export", "--from", "draft-28", "--to", "framework-20"),
        ("diff", DRAFT.name, FRAMEWORK.name),
    ):
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [PROPDIFF, *argv], cwd=series, stdout=full, stderr=subprocess.PIPE, env=clean_env()
            )
        assert result.returncode == 1
        assert (
            result.stderr.decode() == "propdiff: cannot write to standard output: No space left on device\n"
        )


def test_export_of_one_file_compares_it_within_its_series(plan: Path) -> None:
    run = propdiff("export", "-f", "json", GENEVA.name, cwd=plan)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert (data["old"]["revision"], data["new"]["revision"]) == ("draft-28", "geneva-19")
    assert run.err == "propdiff: compared draft-28 -> geneva-19: geneva-19 as asked; it revises draft-28\n"


def test_a_files_own_party_names_win_over_its_neighbours(tmp_path: Path) -> None:
    head = "format: proposal/1\nproposal: p\n"
    (tmp_path / "a.yaml").write_text(
        head + "revision: {id: a}\nparties: [{id: ua, name: Old name}]\npoints: []\n"
    )
    (tmp_path / "b.yaml").write_text(
        head + "revision: {id: b}\nparties: [{id: ua, name: Ukraine}]\npoints: []\n"
        "reactions: [{party: ua, stance: support, summary: Agrees.}]\n"
    )
    (tmp_path / "c.yaml").write_text(
        head + "revision: {id: c}\npoints: []\nreactions: [{party: ua, stance: oppose, summary: No.}]\n"
    )
    run = propdiff("diff", "b.yaml", "c.yaml", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "  Ukraine: support → oppose" in run.out
