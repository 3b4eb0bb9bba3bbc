"""propdiff's own themes, and the colour variables every theme gives our views.

Themes are YAML files (`themes/` in the package, plus any the user puts in
`~/.config/propdiff/themes/`), read with the safe loader: data a user can
copy and edit without writing Python, and which cannot run code. Each file
holds the fields of `textual.theme.Theme` and a `variables` mapping.

Our views colour diffs and stances through our own CSS variables
(`$diff-added`, `$stance-oppose`, ...). `variable_defaults` gives every one a
value under any theme, built-in ones included, so `textual-dark` still
parses: the values of our dark or light theme, whichever matches the
current theme's darkness. A theme file that fails to load is reported (all
failures in one sentence per file) and left out; the others still load.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Iterable

import yaml
from textual.app import App
from textual.theme import Theme

from ..locations import themes_dir
from ..sanitize import neutralise
from .config import config_dir

DARK = "propdiff-dark"
LIGHT = "propdiff-light"
DEFAULT_THEME = DARK

VARIABLES = (
    "diff-added",
    "diff-added-background",
    "diff-removed",
    "diff-removed-background",
    "diff-changed",
    "diff-changed-background",
    "diff-moved",
    "diff-unknown",
    "stance-support",
    "stance-oppose",
    "stance-conditional",
    "stance-mixed",
    "stance-neutral",
    "stance-unclear",
)
"""The variables our CSS uses; every theme gets a value for each (see `variable_defaults`)."""

_THEME_FIELDS = {f.name for f in fields(Theme)}
_COLOUR_FIELDS = _THEME_FIELDS - {"name", "dark", "luminosity_spread", "text_alpha", "variables", "ansi"}
_SUFFIXES = (".yaml", ".yml")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ThemeFileError(Exception):
    """A theme file that cannot be used; the message names the file and says why."""


def load_theme_file(path: Path) -> Theme:
    """One theme from a YAML file; `ThemeFileError` saying what is wrong otherwise."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeFileError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise ThemeFileError(f"{path}{where}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ThemeFileError(f"{path}: expected a mapping of theme fields, found {type(data).__name__}")
    wrong: list[str] = []
    unknown = sorted(str(key) for key in data if key not in _THEME_FIELDS)
    if unknown:
        wrong.append(f"unknown fields {', '.join(unknown)}")
    for key in ("name", "primary"):
        if not isinstance(data.get(key), str) or not data.get(key):
            wrong.append(f"{key}: expected text")
    for key in _COLOUR_FIELDS & data.keys():
        if not isinstance(data[key], str):
            wrong.append(f'{key}: expected a colour such as "#56b4e9"')
    if "dark" in data and not isinstance(data["dark"], bool):
        wrong.append("dark: expected true or false")
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in variables.items()
    ):
        wrong.append("variables: expected a mapping of names to colours")
    if wrong:
        raise ThemeFileError(f"{path}: {neutralise('; '.join(wrong))}")
    try:
        theme = Theme(**data)
        theme.to_color_system().generate()  # bad colour values fail here, not when applied
    except Exception as error:  # noqa: BLE001 - Textual's colour parser raises several types
        raise ThemeFileError(f"{path}: {neutralise(str(error))}") from None
    return theme


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def load_themes(folders: Iterable[Path] | None = None) -> tuple[list[Theme], list[str]]:
    """Every theme in the folders (ours, then the user's: a later one with the same name wins),
    and one message per file that failed."""
    folders = (themes_dir(), user_themes_dir()) if folders is None else folders
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in _SUFFIXES or not path.is_file():
                continue
            try:
                theme = load_theme_file(path)
            except ThemeFileError as error:
                problems.append(str(error))
            else:
                themes[theme.name] = theme
    return list(themes.values()), problems


_BUNDLED: dict[str, Theme] = {}


def bundled_theme(name: str) -> Theme:
    """One of our two themes, read once per process."""
    if name not in _BUNDLED:
        _BUNDLED[name] = load_theme_file(themes_dir() / f"{name}.yaml")
    return _BUNDLED[name]


def variable_defaults(dark: bool) -> dict[str, str]:
    """Our variables for a theme that does not set them: the values of our own dark or light theme."""
    return dict(bundled_theme(DARK if dark else LIGHT).variables)


def register_themes(app: App[object]) -> tuple[tuple[str, ...], list[str]]:
    """Register our themes and the user's beside the built-in ones. Returns the names
    registered, and one message per theme file that could not be used."""
    themes, problems = load_themes()
    for theme in themes:
        app.register_theme(theme)
    return tuple(theme.name for theme in themes), problems


def choose_theme(app: App[object], wanted: str | None) -> tuple[str, str | None]:
    """The theme to open with: `wanted` (the remembered choice) or our default, and a
    sentence when `wanted` is not available."""
    choice = wanted or DEFAULT_THEME
    problem = None
    if choice not in app.available_themes:
        problem = f"theme '{neutralise(choice)}' is not available; using {DEFAULT_THEME}"
        choice = DEFAULT_THEME
    return (choice if choice in app.available_themes else "textual-dark"), problem


def install_themes(app: App[object], wanted: str | None) -> tuple[tuple[str, ...], list[str]]:
    """Register our themes and the user's and switch a running app to `wanted` (or our
    default). Returns the names registered, and messages saying what could not be done."""
    names, problems = register_themes(app)
    choice, problem = choose_theme(app, wanted)
    if problem is not None:
        problems.append(problem)
    app.theme = choice
    return names, problems


def start_with_theme(app: App[object], name: str) -> None:
    """Give an app that has not started yet the theme `name`, before its stylesheet is first parsed.

    What setting `app.theme` does (`App._watch_theme`), less two things. Its re-parse of
    every stylesheet read so far with the new theme's variables, which also empties the
    parse cache so each stylesheet added later is parsed again: about 20 ms of a 0.2 s
    launch, for a theme known before the first frame. And the theme-changed signal:
    nothing changed from the user's point of view (it would save the settings).
    `_refresh_truecolor_filter` is Textual's (pinned); a test checks a light theme's filter.
    """
    if name not in app.available_themes:
        raise ValueError(f"theme {name!r} is not registered")
    app.set_reactive(App.theme, name)
    theme = app.current_theme
    app.update_classes(
        {
            **{c: False for c in app.classes if c.startswith("-theme-")},
            f"-theme-{theme.name}": True,
            "-dark-mode": theme.dark,
            "-light-mode": not theme.dark,
        },
        update=False,
    )
    app._refresh_truecolor_filter(app.ansi_theme)  # the ANSI colours of a light theme
    app.stylesheet.set_variables(app.get_css_variables())


def next_theme(current: str, names: tuple[str, ...]) -> str:
    """The theme after `current` among `names` (ours and the user's; built-in ones are in the palette)."""
    if not names:
        return current
    position = names.index(current) if current in names else -1
    return names[(position + 1) % len(names)]
