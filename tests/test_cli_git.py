"""propdiff plugged into a real git repository: diff driver, GIT_EXTERNAL_DIFF and difftool, as the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tui.locations import proposals_dir

from .clirun import PROPDIFF, clean_env

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

US = proposals_dir() / "us-peace-plan-ukraine"


def git(repo: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = clean_env(
        GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1", HOME=str(repo), GIT_PAGER="cat", **env
    )
    return subprocess.run(
        ["git", *argv], cwd=repo, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits of a proposal file (draft-28, then the 20-point framework) and of a compose file."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "analyst@example.org")
    git(tmp_path, "config", "user.name", "Analyst")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=propdiff\n")
    shutil.copy(US / "01-draft-28.yaml", tmp_path / "plan.yaml")
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "draft")
    shutil.copy(US / "04-framework-20.yaml", tmp_path / "plan.yaml")
    (tmp_path / "compose.yaml").write_text("services: {web: {}}\n")
    git(tmp_path, "commit", "-qam", "framework")
    return tmp_path


def point_diff_of_plan(output: str) -> None:
    lines = output.splitlines()
    start = lines.index("--- a/plan.yaml")
    assert lines[start + 1 : start + 4] == [
        "+++ b/plan.yaml",
        "propdiff: Plan to end the war in Ukraine (us-peace-plan-ukraine)",
        "  old: 28-point draft (draft-28), 2025-11-20, draft, 28 points",
    ]
    assert "  new: 20-point framework (framework-20), 2025-12-23, draft, 20 points" in lines
    assert any(line.startswith("  1. ") for line in lines[start:])


def test_diff_driver_from_gitattributes_in_git_log(repo: Path) -> None:
    git(repo, "config", "diff.propdiff.command", f"{PROPDIFF} diff")
    result = git(repo, "log", "-p", "--ext-diff", "-1")
    assert result.returncode == 0, result.stderr
    point_diff_of_plan(result.stdout)
    # a YAML file that is not a proposal gets an ordinary line diff, quietly
    assert "--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1 +1 @@\n-services: {}\n+services: {web: {}}\n" in (
        result.stdout
    )
    assert result.stderr == ""


def test_git_external_diff(repo: Path) -> None:
    result = git(repo, "diff", "HEAD~1", "HEAD", "--", "plan.yaml", GIT_EXTERNAL_DIFF=f"{PROPDIFF} diff")
    assert result.returncode == 0, result.stderr
    point_diff_of_plan(result.stdout)


def test_an_added_file_is_all_added(repo: Path) -> None:
    shutil.copy(US / "03-geneva-19.yaml", repo / "geneva.yaml")
    git(repo, "add", "geneva.yaml")
    result = git(repo, "diff", "--cached", GIT_EXTERNAL_DIFF=f"{PROPDIFF} diff")
    assert result.returncode == 0, result.stderr
    assert "--- a/geneva.yaml\n+++ b/geneva.yaml\n" in result.stdout
    assert "  old: (none), 0 points" in result.stdout
    assert "ADDED" in result.stdout and "REMOVED" not in result.stdout


def test_a_broken_revision_still_shows_a_line_diff_and_keeps_git_going(repo: Path) -> None:
    (repo / "plan.yaml").write_text((repo / "plan.yaml").read_text() + "points: [\n")
    result = git(repo, "diff", GIT_EXTERNAL_DIFF=f"{PROPDIFF} diff")
    assert result.returncode == 0
    assert "+points: [\n" in result.stdout
    assert result.stderr.startswith("b/plan.yaml:")


def test_difftool(repo: Path) -> None:
    result = git(
        repo, "difftool", "-y", "-x", f"{PROPDIFF} diff --no-pager", "HEAD~1", "HEAD", "--", "plan.yaml"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == "propdiff: Plan to end the war in Ukraine (us-peace-plan-ukraine)"
    assert "  old: 28-point draft (draft-28), 2025-11-20, draft, 28 points" in lines


def test_exit_code_for_scripts(repo: Path) -> None:
    old = git(repo, "show", "HEAD~1:plan.yaml").stdout
    new = git(repo, "show", "HEAD:plan.yaml").stdout
    (repo / "old.yaml").write_text(old)
    (repo / "new.yaml").write_text(new)
    differs = subprocess.run(
        [PROPDIFF, "diff", "--exit-code", "old.yaml", "new.yaml"], cwd=repo, capture_output=True
    )
    same = subprocess.run(
        [PROPDIFF, "diff", "--exit-code", "new.yaml", "new.yaml"], cwd=repo, capture_output=True
    )
    assert (differs.returncode, same.returncode) == (1, 0)
