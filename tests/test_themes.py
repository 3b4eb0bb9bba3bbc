"""Our themes: readable diff colours for colour-blind readers, safe loading, defaults for built-in themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.ui import theming
from tui.ui.theming import DARK, LIGHT, VARIABLES, ThemeFileError, bundled_theme, load_theme_file, load_themes

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
MIN_CONTRAST = 4.5  # WCAG AA for body text
MIN_DISTANCE = 30.0  # CIE76 delta E: clearly different colours, not just "distinguishable side by side"


def linear(hex_colour: str) -> tuple[float, float, float]:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def luminance(hex_colour: str) -> float:
    r, g, b = linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(hex_colour: str, deficiency: str) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    rows = CVD[deficiency]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in rows)
    return lab((r, g, b))


def distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


OURS = (DARK, LIGHT)


class TestReadability:
    @pytest.mark.parametrize("name", OURS)
    def test_every_variable_is_set(self, name: str) -> None:
        assert set(bundled_theme(name).variables) == set(VARIABLES)

    @pytest.mark.parametrize("name", OURS)
    def test_text_colours_contrast_with_the_background(self, name: str) -> None:
        theme = bundled_theme(name)
        assert theme.background is not None and theme.foreground is not None
        for variable, colour in theme.variables.items():
            if variable.endswith("-background"):
                assert contrast(colour, theme.foreground) >= MIN_CONTRAST, (variable, colour)
            else:
                assert contrast(colour, theme.background) >= MIN_CONTRAST, (variable, colour)

    @pytest.mark.parametrize("name", OURS)
    @pytest.mark.parametrize("deficiency", CVD)
    def test_added_removed_changed_stay_apart_for_colour_blind_readers(
        self, name: str, deficiency: str
    ) -> None:
        variables = bundled_theme(name).variables
        colours = [variables["diff-added"], variables["diff-removed"], variables["diff-changed"]]
        for i, a in enumerate(colours):
            for b in colours[i + 1 :]:
                assert distance(seen_as(a, deficiency), seen_as(b, deficiency)) >= MIN_DISTANCE, (a, b)

    def test_one_dark_one_light(self) -> None:
        assert bundled_theme(DARK).dark and not bundled_theme(LIGHT).dark


class TestLoading:
    def test_bundled_themes_load_without_problems(self) -> None:
        themes, problems = load_themes([theming.themes_dir()])
        assert problems == []
        assert {t.name for t in themes} == set(OURS)

    def test_broken_files_are_reported_and_skipped(self, tmp_path: Path) -> None:
        (tmp_path / "a-good.yaml").write_text("name: mine\nprimary: '#123456'\n", encoding="utf-8")
        (tmp_path / "bad-yaml.yaml").write_text("name: [unclosed\n", encoding="utf-8")
        (tmp_path / "bad-fields.yaml").write_text(
            "name: x\nprimary: 3\nshade: 2\ndark: maybe\n", encoding="utf-8"
        )
        (tmp_path / "bad-colour.yaml").write_text("name: y\nprimary: not-a-colour\n", encoding="utf-8")
        (tmp_path / "notes.txt").write_text("not a theme", encoding="utf-8")
        themes, problems = load_themes([tmp_path])
        assert [t.name for t in themes] == ["mine"]
        assert len(problems) == 3
        by_file = {Path(p.split(":")[0]).name: p for p in problems}
        assert "not valid YAML" in by_file["bad-yaml.yaml"] and ":2:1" in by_file["bad-yaml.yaml"]
        fields = by_file["bad-fields.yaml"]
        assert (
            "unknown fields shade" in fields
            and "primary: expected text" in fields
            and "dark: expected" in fields
        )
        assert "bad-colour.yaml" in by_file

    def test_yaml_tags_are_not_executed(self, tmp_path: Path) -> None:
        path = tmp_path / "evil.yaml"
        path.write_text(
            "name: !!python/object/apply:os.system ['true']\nprimary: '#123456'\n", encoding="utf-8"
        )
        with pytest.raises(ThemeFileError, match="not valid YAML"):
            load_theme_file(path)

    def test_a_user_theme_overrides_ours_by_name(self, tmp_path: Path) -> None:
        (tmp_path / "mine.yaml").write_text(f"name: {DARK}\nprimary: '#ff00ff'\n", encoding="utf-8")
        themes, _ = load_themes([theming.themes_dir(), tmp_path])
        assert {t.name: t for t in themes}[DARK].primary == "#ff00ff"


class VariablesApp(App[None]):
    """A view that uses every one of our variables, as the app's views do."""

    CSS = "\n".join(f"#v{n} {{ color: ${name}; }}" for n, name in enumerate(VARIABLES))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theming.variable_defaults(self.current_theme.dark)

    def compose(self) -> ComposeResult:
        for n in range(len(VARIABLES)):
            yield Static(str(n), id=f"v{n}")


@pytest.mark.parametrize("builtin", ["textual-dark", "textual-light", "nord", "solarized-light"])
async def test_builtin_themes_get_our_variables(builtin: str) -> None:
    app = VariablesApp()
    async with app.run_test() as pilot:
        app.theme = builtin
        await pilot.pause()
        expected = theming.variable_defaults(app.current_theme.dark)["diff-added"]
        assert app.query_one("#v0").styles.color.hex.lower() == expected.lower()


async def test_our_theme_registers_and_its_values_win() -> None:
    app = VariablesApp()
    async with app.run_test() as pilot:
        names, problems = theming.install_themes(app, LIGHT)
        await pilot.pause()
        assert problems == [] and set(OURS) <= set(names)
        assert app.theme == LIGHT
        assert app.query_one("#v0").styles.color.hex.lower() == bundled_theme(LIGHT).variables["diff-added"]


async def test_an_unknown_remembered_theme_falls_back_with_a_message() -> None:
    app = VariablesApp()
    async with app.run_test():
        _, problems = theming.install_themes(app, "gone-theme")
        assert app.theme == DARK
        assert problems == [f"theme 'gone-theme' is not available; using {DARK}"]


def test_next_theme_cycles() -> None:
    assert theming.next_theme(DARK, OURS) == LIGHT
    assert theming.next_theme(LIGHT, OURS) == DARK
    assert theming.next_theme("textual-dark", OURS) == DARK
