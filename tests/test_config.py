"""Settings kept between runs: round trip, and a broken file never stops the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.ui.config import Config, config_path, load_config, save_config


def test_missing_file_gives_defaults_silently(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.yaml") == (Config(), None)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.yaml"
    assert save_config(Config().with_theme("propdiff-light"), path) is None
    assert load_config(path) == (Config(theme="propdiff-light"), None)
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_lives_under_the_user_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "propdiff" / "config.yaml"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("theme: [unclosed\n", "config.yaml:2:1: not valid YAML"),
        ("- a list\n", "expected a mapping of settings, found list"),
        ("theme: 3\n", "theme: expected a theme name, found int"),
    ],
)
def test_broken_file_gives_defaults_and_says_why(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config, problem = load_config(path)
    assert config == Config()
    assert problem is not None and says in problem


def test_unknown_settings_are_kept_out_but_the_theme_is_used(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: propdiff-light\ncolour: blue\n", encoding="utf-8")
    config, problem = load_config(path)
    assert config.theme == "propdiff-light"
    assert problem is not None and "ignored unknown settings: colour" in problem


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"theme: \xff\xfe\n")
    config, problem = load_config(path)
    assert config == Config() and problem is not None and "cannot read" in problem


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any directory")
def test_unwritable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        problem = save_config(Config(theme="x"), folder / "config.yaml")
    finally:
        folder.chmod(0o700)
    assert problem is not None and "config.yaml" in problem


def test_a_folder_in_the_way_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.mkdir()
    problem = save_config(Config(theme="x"), path)
    assert problem is not None and str(path) in problem
