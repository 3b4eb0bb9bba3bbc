"""The one gate for untrusted text: what may reach a terminal, a pipe or a file.

Point texts, keys, tags and file names come from leaks and copy-pastes. An
ESC byte in them could drive the user's terminal (colours, cursor moves,
title changes, OSC 52 clipboard writes), a C1 control (U+0080-U+009F) does
the same on terminals that honour 8-bit controls, bidi overrides reorder
what the user reads, and a lone surrogate either crashes the UTF-8 encoder
or, through `surrogateescape` in a C locale, leaves as a raw byte. Rich's
`strip_control_codes` keeps ESC, so the core does this itself.

`UNSAFE` is the single list of such characters. Loaded text is neutralised
once (`neutralise`), and every stream and export file passes through
`outgoing` on its way out (`Gate`, `tui.export.write_atomically`), so a
string that skipped the loader still cannot act on the terminal. JSON keeps
data exact by writing the same characters as `\\u` escapes (`json_escape`).
Values echoed in error messages are also capped in length (`quoted`,
`shown_path`), so a hostile key cannot flood the screen.
"""

from __future__ import annotations

import errno
import os
import re
from typing import Any

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls except tab and newline, DEL, C1 controls
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates (not the LRM/RLM marks)
    "\u2028\u2029"  # line and paragraph separators: a new line that line-based tools do not see
    "\ud800-\udfff]"  # lone surrogates: escapes in YAML, undecodable bytes in file names
)
"""Characters that never leave the program raw."""

ECHO_LIMIT = 60
"""Characters of an untrusted value quoted in a message: enough to recognise it."""

PATH_LIMIT = 160
"""Characters of a file name shown in a message; the end (the file's own name) is kept."""

LINE_LIMIT = 2000
"""Longest line written to stderr: a backstop so no message floods the terminal."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def outgoing(text: str) -> str:
    """Text as it may leave the program: every unsafe character shown as a visible stand-in."""
    return UNSAFE.sub(_picture, text)


_SGR = re.compile("\x1b\\[[0-9;]*m")
"""Select Graphic Rendition: colour and emphasis, the only escapes the program itself sends."""


def styled(text: str) -> str:
    """Text carrying the program's own colour codes: those kept, everything else as in `outgoing`.

    The colouring must be applied to text that went through `outgoing` first,
    so every escape left came from the program; even so, only SGR colour codes
    pass, never a title, clipboard or cursor sequence.
    """
    pieces: list[str] = []
    position = 0
    for match in _SGR.finditer(text):
        pieces += [outgoing(text[position : match.start()]), match.group()]
        position = match.end()
    pieces.append(outgoing(text[position:]))
    return "".join(pieces)


def neutralise(text: str) -> str:
    """Loaded text made safe once: CRLF and CR become LF, tab a space, controls stand-ins."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return outgoing(text)


def json_escape(text: str) -> str:
    """JSON text with each unsafe character as a `\\u` escape: the data is unchanged."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def plain(value: Any, limit: int = ECHO_LIMIT) -> str:
    """An untrusted value echoed in a message: on one line, terminal-safe and short."""
    if not isinstance(value, str):
        value = repr(value)
    value = value[: limit + 1]  # a multi-megabyte value costs no more than a short one
    value = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return clip(outgoing(value), limit)


def quoted(value: Any, limit: int = ECHO_LIMIT) -> str:
    """`plain` between quotes for text; other values (numbers, None) as Python shows them."""
    return f"'{plain(value, limit - 2)}'" if isinstance(value, str) else plain(value, limit)


def shown_path(path: str, limit: int = PATH_LIMIT) -> str:
    """A file name for a message: terminal-safe, its middle cut when it is very long."""
    path = outgoing(path.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"))
    if len(path) <= limit:
        return path
    keep = limit - 1
    return path[: keep // 3] + "\u2026" + path[len(path) - (keep - keep // 3) :]


class OutputError(OSError):
    """Writing to standard output or standard error failed (disk full, closed, broken pipe)."""


class Gate:
    """A text stream that lets out only `outgoing` text, encoded as UTF-8 whatever the locale.

    Wraps the stream a command prints to. When the stream has a byte buffer
    (sys.stdout, sys.stderr) the gate writes UTF-8 bytes to it directly, so
    the locale's encoding and its `surrogateescape` never see the text. A
    stream that is missing (started with the descriptor closed) or fails is
    reported as `OutputError`; the failed descriptor is then pointed at
    /dev/null so the interpreter's final flush cannot print a traceback.
    """

    def __init__(self, stream: Any, *, name: str, line_limit: int | None = None) -> None:
        self.name = name
        self._stream = stream
        self._binary = getattr(stream, "buffer", None)
        self._line_limit = line_limit
        self._column = 0
        if self._binary is not None:
            self._guard(stream.flush)  # anything already written as text goes first

    def write(self, text: str) -> int:
        return self._emit(outgoing(text), len(text))

    def write_styled(self, text: str) -> int:
        """Write text coloured by the program (see `styled`)."""
        return self._emit(styled(text), len(text))

    def _emit(self, safe: str, length: int) -> int:
        if self._line_limit is not None:
            safe = self._limit_lines(safe)
        if self._binary is not None:
            self._guard(self._binary.write, safe.encode("utf-8"))
        else:
            self._guard(self._write_text, safe)
        return length

    def flush(self) -> None:
        if self._stream is not None:
            self._guard((self._binary or self._stream).flush)

    def isatty(self) -> bool:
        try:
            return bool(self._stream.isatty())
        except (AttributeError, OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OutputError(errno.EBADF, f"{self.name} is closed")
        return int(self._stream.fileno())

    def _write_text(self, text: str) -> None:
        self._stream.write(text)

    def _limit_lines(self, text: str) -> str:
        assert self._line_limit is not None
        pieces = text.split("\n")
        out = []
        for index, piece in enumerate(pieces):
            if index:
                self._column = 0
            room = self._line_limit - self._column
            if len(piece) > room:
                piece = piece[: max(room - 1, 0)] + ("\u2026" if room > 0 else "")
            self._column += len(piece)
            out.append(piece)
        return "\n".join(out)

    def _guard(self, action: Any, *args: Any) -> None:
        if self._stream is None:
            raise OutputError(errno.EBADF, f"{self.name} is closed")
        try:
            action(*args)
        except (OSError, ValueError) as error:  # ValueError: the stream was closed
            self._silence()
            code = getattr(error, "errno", None) or errno.EIO
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise OutputError(code, f"cannot write to {self.name}: {reason}") from None

    def _silence(self) -> None:
        try:
            descriptor = self._stream.fileno()
        except (AttributeError, OSError, ValueError):
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, descriptor)
        finally:
            os.close(devnull)
