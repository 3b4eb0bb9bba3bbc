"""The shared corpora beside the repository (`../shared/corpora`), and what to do when they are absent.

On a plain clone they are not there: the tests that need them skip, saying
why. CI puts them beside the clone and sets PROPDIFF_REQUIRE_CORPUS=1, and
then their absence fails the test instead of hiding it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def require(path: Path) -> Path:
    """`path` when it exists; else skip with the reason, or fail under PROPDIFF_REQUIRE_CORPUS=1."""
    if path.exists():
        return path
    reason = f"the shared corpus {path} is not beside the repository (clone ../shared next to it)"
    if os.environ.get("PROPDIFF_REQUIRE_CORPUS") == "1":
        pytest.fail(f"{reason}; PROPDIFF_REQUIRE_CORPUS=1 requires it")
    pytest.skip(reason)
