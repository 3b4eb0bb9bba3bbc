"""The installed `propdiff` in a real terminal (tmux): launch on the sample, press keys, read the screen.

Skipped without tmux, unless PROPDIFF_REQUIRE_TMUX=1 (set by .ci/run once it
has installed tmux), so CI cannot pass without running it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
PROPDIFF = Path(sys.executable).with_name("propdiff")

if TMUX is None or not PROPDIFF.exists():
    missing = "tmux" if TMUX is None else f"the installed propdiff ({PROPDIFF})"
    if os.environ.get("PROPDIFF_REQUIRE_TMUX") == "1":
        raise RuntimeError(f"PROPDIFF_REQUIRE_TMUX=1 but {missing} is missing")
    pytest.skip(f"{missing} is not available", allow_module_level=True)


class Terminal:
    """One tmux server of our own (-L), one window of a fixed size running one command."""

    def __init__(self, socket: str, cwd: Path) -> None:
        self.socket = socket
        self.cwd = cwd

    def tmux(self, *args: str) -> str:
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def wait_for(self, text: str, seconds: float = 30.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def wait_gone(self, text: str, seconds: float = 15.0) -> None:
        """Until `text` is absent from three captures in a row: one capture can catch a frame half
        drawn (on a busy machine the app writes it in pieces), which lacks the text for a moment."""
        deadline = time.monotonic() + seconds
        absent = 0
        while absent < 3:
            absent = absent + 1 if text not in self.screen() else 0
            if absent == 0 and time.monotonic() > deadline:
                raise AssertionError(f"{text!r} is still shown:\n{self.screen()}")
            time.sleep(0.2)

    def close_with_escape(self, text: str, tries: int = 3) -> None:
        """Escape, sent alone, until `text` is gone.

        A terminal cannot tell a lone Escape from the start of a key sequence
        at once; on a busy machine the app's parser can still be waiting when
        the byte arrives and take it for one (seen 2 runs in 6 under load
        10). A person presses it again; so does this, a few times at most.
        """
        for _ in range(tries - 1):
            self.keys("Escape")
            try:
                self.wait_gone(text, seconds=5.0)
                return
            except AssertionError:
                continue
        self.keys("Escape")
        self.wait_gone(text)

    def running(self) -> bool:
        return "e2e" in self.tmux("list-sessions", "-F", "#{session_name}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(f"propdiff-e2e-{uuid.uuid4().hex[:8]}", tmp_path)
    config = tmp_path / "config"
    command = f"env XDG_CONFIG_HOME={config} TERM=xterm-256color {PROPDIFF} --sample"
    term.tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "-c", str(tmp_path), command)
    try:
        yield term
    finally:
        term.tmux("kill-server")


def test_launch_walk_help_export_quit(terminal: Terminal) -> None:
    terminal.wait_for("reworded")  # the rows are in: the comparison is done
    screen = terminal.wait_for("20-point framework")
    assert "28-point draft" in screen and "bundled sample" in screen

    terminal.keys("j")
    terminal.keys("?")
    terminal.wait_for("history of the focused point")  # the help screen lists every key
    terminal.close_with_escape("history of the focused point")

    terminal.keys("e")
    terminal.wait_for("Export draft-28 → framework-20")
    terminal.keys("Enter")
    screen = terminal.wait_for("wrote")
    (written,) = terminal.cwd.glob("propdiff-*.md")
    assert "draft-28" in written.name and "framework-20" in written.name
    assert written.read_text(encoding="utf-8").startswith("#")

    terminal.keys("q")
    deadline = time.monotonic() + 15
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not terminal.running(), terminal.screen()
