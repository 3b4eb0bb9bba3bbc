"""Showing a diff on a terminal the way git does: colour, width and pager follow where output goes.

In a pipe or a file the output is plain, 100 columns, never paged, so
scripts and `> file` get the same bytes every time. On a terminal it is
coloured, fits the window and goes through a pager. Every rule can be
overridden: `--color`, `NO_COLOR`, `FORCE_COLOR`, `--width`, `COLUMNS`,
`--no-pager`, `PROPDIFF_PAGER`, `PAGER`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Mapping, TextIO

from ..sanitize import styled

DEFAULT_WIDTH = 100
DEFAULT_PAGER = "less"
PAGER_FLAGS = {"LESS": "FRX", "LV": "-c"}
"""As git sets them: quit when it fits on one screen (F), pass colours (R), leave the text on screen (X)."""

_RESET = "\x1b[0m"
_DELETED = "\x1b[31;9m"  # red, struck through: still readable on a monochrome terminal
_INSERTED = "\x1b[32;4m"  # green, underlined
_BOLD = "\x1b[1m"
_KINDS = {
    "ADDED": "\x1b[1;32m",
    "REMOVED": "\x1b[1;31m",
    "REWORDED": "\x1b[1;33m",
    "MOVED": "\x1b[1;36m",
    "MERGED": "\x1b[1;35m",
    "SPLIT": "\x1b[1;35m",
    "UNREPORTED": "\x1b[1;2m",
    "UNCHANGED": "\x1b[2m",
}


@dataclass(frozen=True)
class Terminal:
    """Where output goes and how to shape it, decided once per run."""

    color: bool
    width: int
    pager: str | None
    """The shell command to page through, or None to write directly."""
    height: int | None


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def decide(stream: TextIO, env: Mapping[str, str], color: str, width: int | None, no_pager: bool) -> Terminal:
    """Colour, width and pager for one run, from the options, the environment and the stream."""
    tty = _is_tty(stream)
    size = _size(stream) if tty else None
    return Terminal(
        color=_color(color, env, tty),
        width=width or _columns(env) or (size[0] if size else None) or DEFAULT_WIDTH,
        pager=None if no_pager or not tty else _pager(env),
        height=size[1] if size else None,
    )


def _color(choice: str, env: Mapping[str, str], tty: bool) -> bool:
    """`--color` wins; else NO_COLOR (https://no-color.org), then FORCE_COLOR, then the terminal decide."""
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR") not in (None, "", "0", "false"):
        return True
    if env.get("GIT_PAGER_IN_USE") == "true":  # run by `git diff`, whose pager shows colour
        return True
    return tty and env.get("TERM") != "dumb"


def _columns(env: Mapping[str, str]) -> int | None:
    value = env.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) >= 20 else None


def _size(stream: TextIO) -> tuple[int, int] | None:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return (size.columns, size.lines) if size.columns >= 20 else None


def _pager(env: Mapping[str, str]) -> str | None:
    """PROPDIFF_PAGER, else PAGER, else less; set but empty, or `cat`, means no pager (as in git)."""
    for name in ("PROPDIFF_PAGER", "PAGER"):
        if name in env:
            command = env[name].strip()
            return None if command in ("", "cat") else command
    return DEFAULT_PAGER if shutil.which(DEFAULT_PAGER) else None


def show(text: str, out: TextIO, terminal: Terminal, env: Mapping[str, str]) -> None:
    """Write the text view, paged as decided; when colour is on, `text` is painted (`paint`)
    from pieces that went through `outgoing`, so its only escapes are the program's own."""
    write = out.write
    if terminal.color:  # the caller painted text already made safe; the gate passes only colour codes
        write = getattr(out, "write_styled", out.write)
    if terminal.pager is None or (terminal.height and text.count("\n") < terminal.height):
        write(text)
        out.flush()
        return
    out.flush()
    pager_env = {**env, **{k: v for k, v in PAGER_FLAGS.items() if k not in env}}
    try:
        process = subprocess.Popen(terminal.pager, shell=True, stdin=subprocess.PIPE, env=pager_env)
    except OSError:
        write(text)
        return
    assert process.stdin is not None
    try:
        process.stdin.write(styled(text).encode("utf-8"))  # the gate's rule, for the pager
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: that is fine
        pass
    process.wait()


def paint(role: str, text: str) -> str:
    """ANSI colours for the text view's pieces (see `tui.export.text.Paint`): change kinds by
    colour, deleted words struck, inserted underlined, the marks dropped since the style says it."""
    if role == "mark":
        return ""
    if role == "section":
        return f"{_BOLD}{text}{_RESET}"
    if role == "kind":
        return f"{_KINDS.get(text.split()[0], _BOLD)}{text}{_RESET}"
    style = {"delete": _DELETED, "insert": _INSERTED}.get(role)
    return f"{style}{text}{_RESET}" if style else text
