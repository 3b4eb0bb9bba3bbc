"""What the README promises a newcomer: its format example validates, `propdiff new` gives a valid
start, shell completion works, and the exit codes are as documented."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .clirun import propdiff

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_block(after: str, language: str) -> str:
    """The first ```language block after the heading `after`."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"```{language}\n(.*?)```", text[text.index(after) :], re.S)
    assert found, f"no {language} block after {after!r}"
    return found.group(1)


def test_the_format_example_validates_as_copied(tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(readme_block("## The proposal format", "yaml"), encoding="utf-8")
    run = propdiff("validate", "example.yaml", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (0, "1 of 1 file(s) valid: 2 revision(s) in 1 series\n", "")


def test_new_prints_a_template_that_validates(tmp_path: Path) -> None:
    run = propdiff("new")
    assert run.code == 0 and run.err == ""
    assert run.out.startswith("# A proposal revision for propdiff (format proposal/1).")
    assert sum(1 for line in run.out.splitlines() if "#" in line) > 30  # every field explained
    (tmp_path / "start.yaml").write_text(run.out, encoding="utf-8")
    check = propdiff("validate", "start.yaml", cwd=tmp_path)
    assert (check.code, check.out) == (0, "1 of 1 file(s) valid: 1 revision(s) in 1 series\n")


def test_new_writes_a_file_and_never_overwrites_one(tmp_path: Path) -> None:
    run = propdiff("new", "draft.yaml", cwd=tmp_path)
    assert run == type(run)(
        0, "", "wrote draft.yaml: a template revision; edit it, then: propdiff validate draft.yaml\n"
    )
    (tmp_path / "draft.yaml").write_text("my edits\n")
    again = propdiff("new", "draft.yaml", cwd=tmp_path)
    assert (again.code, again.err) == (1, "propdiff: draft.yaml: already exists (use --force to overwrite)\n")
    assert (tmp_path / "draft.yaml").read_text() == "my edits\n"


COMMANDS = ["completion", "diff", "export", "import", "list", "new", "schema", "validate"]


def test_bash_completion_offers_commands_options_and_choices(tmp_path: Path) -> None:
    script = tmp_path / "propdiff.bash"
    script.write_text(propdiff("completion", "bash").out)

    def complete(*words: str) -> list[str]:
        words_list = " ".join(f'"{w}"' for w in words)
        code = f'source {script}; COMP_WORDS=({words_list}); COMP_CWORD={len(words) - 1}; _shtab_propdiff; printf "%s\\n" "${{COMPREPLY[@]}}"'
        result = subprocess.run(["bash", "-c", code], capture_output=True, text=True, check=True)
        return sorted(result.stdout.split())

    assert complete("propdiff", "") == COMMANDS
    assert complete("propdiff", "export", "--format", "") == ["html", "json", "markdown", "text"]
    assert complete("propdiff", "diff", "--co") == ["--color", "--colour"]
    assert complete("propdiff", "diff", "--color", "") == ["always", "auto", "never"]
    assert complete("propdiff", "completion", "") == ["bash", "fish", "zsh"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completion(tmp_path: Path) -> None:
    script = tmp_path / "propdiff.fish"
    script.write_text(propdiff("completion", "fish").out)
    result = subprocess.run(
        ["fish", "-c", f"source {script}; complete -C 'propdiff '"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(line.split("\t")[0] for line in result.stdout.splitlines()) == COMMANDS


def test_zsh_completion_is_a_compdef_script() -> None:
    script = propdiff("completion", "zsh").out
    assert script.startswith("#compdef propdiff\n")
    for command in COMMANDS:
        assert f"\n    {command}:'" in script
    if shutil.which("zsh"):
        result = subprocess.run(["zsh", "-n"], input=script, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_exit_codes_are_documented() -> None:
    help_text = " ".join(propdiff("diff", "--help").out.split())
    assert (
        "With --exit-code (like diff and `git diff --exit-code`): 0 no changes, 1 changes, 2 trouble."
        in help_text
    )
    readme = README.read_text(encoding="utf-8")
    assert "--exit-code" in readme and "PROPDIFF_PAGER" in readme and "NO_COLOR" in readme
