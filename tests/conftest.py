"""Shared helpers: write proposal files into a temporary folder and load them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tui.reading.loading import LoadResult, load_paths

MINIMAL = """\
format: proposal/1
proposal: demo
revision:
  id: {id}
{extra}points:
  - number: "1"
    text: First point.
"""


class Workspace:
    """A temporary folder of proposal files, loaded the way the CLI loads them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def load(self, *names: str) -> LoadResult:
        paths = [self.root / n for n in names] or [self.root]
        return load_paths(paths)

    def messages(self, *names: str) -> list[str]:
        """Problems as the CLI prints them, with the folder prefix removed."""
        prefix = f"{self.root}/"
        return [str(p).replace(prefix, "") for p in self.load(*names).problems]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets an empty config folder: the app never reads or writes the real user's settings."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
