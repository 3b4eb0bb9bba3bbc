"""Where bundled data lives, resolved in one place.

In a source checkout `proposals/` and `themes/` sit beside the package; in an
installed wheel it is force-included inside it (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def proposals_dir() -> Path:
    """The sample proposals loaded when the user gives no path."""
    return _bundled("proposals")


def themes_dir() -> Path:
    """The app's own themes (YAML files read by `tui.ui.theming`)."""
    return _bundled("themes")


def schemas_dir() -> Path:
    return _PACKAGE / "schemas"
