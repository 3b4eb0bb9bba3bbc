"""On a clone without ../shared the corpus tests skip and say why; under PROPDIFF_REQUIRE_CORPUS=1 they fail.

The tracked files are copied to a folder with nothing beside it, and the test
modules that use the shared corpora are run there with pytest, as a new
contributor would run them. (The whole suite was also run that way; see the
cli note.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
USES_CORPUS = re.compile(r"corpora|from \.corpus import|labelled_pairs")


def _tracked() -> list[str]:
    result = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.splitlines() if result.returncode == 0 else []


pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not _tracked(), reason="needs git and a git checkout to copy"
)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked files alone, in a folder that has no ../shared."""
    target = tmp_path_factory.mktemp("lonely") / "repo"
    for name in _tracked():
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not (target.parent / "shared").exists()
    return target


def _corpus_modules(clone: Path) -> list[str]:
    return sorted(
        f"tests/{p.name}"
        for p in (clone / "tests").glob("test_*.py")
        if p.name != Path(__file__).name and USES_CORPUS.search(p.read_text(encoding="utf-8"))
    )


def _pytest(clone: Path, modules: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PROPDIFF_REQUIRE_CORPUS"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *modules],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_corpus_tests_skip_with_a_reason(clone: Path) -> None:
    modules = _corpus_modules(clone)
    assert len(modules) >= 4, modules
    result = _pytest(clone, modules)
    assert result.returncode == 0, result.stdout[-3000:]
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all("shared" in line and "corpus" in line for line in skipped), skipped
    assert re.search(r"\d+ passed, \d+ skipped", result.stdout)


def test_corpus_tests_fail_when_ci_requires_the_corpus(clone: Path) -> None:
    result = _pytest(clone, _corpus_modules(clone), PROPDIFF_REQUIRE_CORPUS="1")
    assert result.returncode == 1
    assert "PROPDIFF_REQUIRE_CORPUS=1" in result.stdout
    assert " skipped" not in result.stdout.splitlines()[-1]
