"""Run the installed `propdiff` as a user does: a real process, real pipes or a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROPDIFF = str(Path(sys.executable).with_name("propdiff"))
"""The console script pip installed next to this interpreter."""

_TERMINAL_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "PAGER", "PROPDIFF_PAGER", "COLUMNS", "LINES", "LESS", "LV",
                       "GIT_PAGER_IN_USE", "GIT_EXTERNAL_DIFF", "CLICOLOR_FORCE", "TERM")  # fmt: skip


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without anything that changes colour, width or paging."""
    env = {k: v for k, v in os.environ.items() if k not in _TERMINAL_VARIABLES}
    env.update(LC_ALL="C.UTF-8", TERM="xterm-256color", **extra)
    return env


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def propdiff(*argv: str, cwd: Path | None = None, stdin: bytes | None = None, **env: str) -> Run:
    """`propdiff ARGV` with stdout and stderr on pipes."""
    result = subprocess.run(
        [PROPDIFF, *argv], cwd=cwd, input=stdin, capture_output=True, env=clean_env(**env), timeout=120
    )
    return Run(result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"))


def on_terminal(
    *argv: str, columns: int = 80, lines: int = 24, cwd: Path | None = None, keys: bytes = b"", **env: str
) -> tuple[int, str]:
    """`propdiff ARGV` on a pseudo-terminal of the given size: exit code and every byte it showed.

    `keys` are typed once the output has paused (to quit a pager, say).
    """
    import fcntl
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the asked size, then propdiff
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        if cwd is not None:
            os.chdir(cwd)
        os.execve(PROPDIFF, [PROPDIFF, *argv], clean_env(**env))
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    sent = not keys
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            if not sent:
                os.write(fd, keys)
                sent = True
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def have(program: str) -> bool:
    return shutil.which(program) is not None
