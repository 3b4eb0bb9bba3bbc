"""The import fixtures and their hand-written expected points, shared by the import tests.

Each `NAME.expected.yaml` under tests/fixtures/importing describes the draft
file with the same stem (`NAME.txt`, `.md`, `.docx`, `.pdf`): its title, the
points as a reader would split them, the notes outside any point, and the
warnings the import must raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tui.importing import Draft

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importing"


@dataclass(frozen=True)
class Fixture:
    draft: Path
    expected: dict[str, Any]

    @property
    def name(self) -> str:
        return self.draft.name


def fixtures() -> list[Fixture]:
    found = []
    for expected in sorted(FIXTURES.glob("*.expected.yaml")):
        stem = expected.name.removesuffix(".expected.yaml")
        (draft,) = [p for p in FIXTURES.glob(f"{stem}.*") if not p.name.endswith(".expected.yaml")]
        found.append(Fixture(draft, yaml.safe_load(expected.read_text(encoding="utf-8"))))
    return found


def points_of(draft: Draft) -> list[dict[str, Any]]:
    return [{"number": p.number, "title": p.title, "text": p.text} for p in draft.points]
