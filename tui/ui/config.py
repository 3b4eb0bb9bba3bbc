"""The app's settings between runs, in a small YAML file under the user's config folder.

Only what the user chose in the app is kept (today: the theme). The file is
the user's too: they may edit or break it, so reading never fails. A file
that cannot be read or holds something unexpected gives the defaults and one
sentence saying what was wrong, which the app shows as a notification.
Writing is atomic (the same code as exports), so a crash mid-save never
leaves half a file. No Textual here: the settings are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs
import yaml

from ..sanitize import neutralise

APP_NAME = "propdiff"
_KNOWN = ("theme",)


@dataclass(frozen=True)
class Config:
    theme: str | None = None
    """Name of the theme last chosen; None: the default theme."""

    def with_theme(self, theme: str) -> Config:
        return replace(self, theme=theme)


def config_dir() -> Path:
    """`~/.config/propdiff` on Linux (honours XDG_CONFIG_HOME), the platform's place elsewhere."""
    return platformdirs.user_config_path(APP_NAME)


def config_path() -> Path:
    return config_dir() / "config.yaml"


def load_config(path: Path | None = None) -> tuple[Config, str | None]:
    """The settings, and a sentence when the file was unusable (then the defaults are used).

    A missing file is not a problem: it is the first run.
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), None
    except (OSError, UnicodeDecodeError) as error:
        return Config(), f"{path}: cannot read the settings ({_reason(error)}); using defaults"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        return Config(), f"{path}{where}: not valid YAML; using default settings"
    if data is None:
        return Config(), None
    if not isinstance(data, dict):
        found = type(data).__name__
        return Config(), f"{path}: expected a mapping of settings, found {found}; using defaults"
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        return Config(), f"{path}: theme: expected a theme name, found {type(theme).__name__}; using defaults"
    unknown = sorted(str(key) for key in data if key not in _KNOWN)
    note = f"{path}: ignored unknown settings: {neutralise(', '.join(unknown))}" if unknown else None
    return Config(theme=theme), note


def save_config(config: Config, path: Path | None = None) -> str | None:
    """Write the settings; a sentence saying why not on failure (the app goes on without saving)."""
    from ..errors import PropdiffError  # here: the first frame does not wait for the model
    from ..export import write_atomically

    path = path or config_path()
    data = {"theme": config.theme} if config.theme is not None else {}
    text = "# propdiff settings, written by the app; safe to edit or delete.\n" + yaml.safe_dump(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text, force=True)
    except OSError as error:
        return f"{path}: cannot save the settings ({_reason(error)})"
    except PropdiffError as error:
        return str(error)
    return None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__
