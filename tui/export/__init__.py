"""Exporters: one `Comparison`, several file formats, and a safe way to write them.

Each format is a module with a `render(comparison) -> str`; this package
lists them in one registry so the CLI, the TUI's export command and the
tests all offer the same formats under the same names.

Pure core: no UI imports.
"""

from __future__ import annotations

import errno
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping

from ..engine.compare import Comparison
from ..errors import PropdiffError
from . import html, json, markdown, text


class ExportError(PropdiffError):
    """An export that could not be produced or written; the message is one line."""


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    """The usual file name ending, with its dot."""
    render: Callable[[Comparison], str]
    description: str


FORMATS: Mapping[str, ExportFormat] = MappingProxyType(
    {
        f.name: f
        for f in (
            ExportFormat(
                "text", ".txt", text.render, "plain-text summary with [-deleted-]{+inserted+} words"
            ),
            ExportFormat("markdown", ".md", markdown.render, "Markdown for GitHub and other renderers"),
            ExportFormat("html", ".html", html.render, "self-contained side-by-side HTML page"),
            ExportFormat("json", ".json", json.render, "machine-readable propdiff-diff/2 JSON"),
        )
    }
)


def render(comparison: Comparison, fmt: str | ExportFormat) -> str:
    """The comparison in the named format; an unknown name is an `ExportError`."""
    if isinstance(fmt, ExportFormat):
        return fmt.render(comparison)
    found = FORMATS.get(fmt)
    if found is None:
        raise ExportError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    return found.render(comparison)


def write_atomically(path: str | os.PathLike[str], text: str, *, force: bool) -> None:
    """Write `text` as UTF-8 to `path` so that the file is either complete or untouched.

    The text goes to a hidden temporary file in the same directory (same file
    system, so the final rename is atomic), is flushed to disk, then renamed
    over the target. Without `force`, the temporary file is hard-linked to
    the target instead, which fails if the target exists: no check-then-write
    race with another process. On any failure the temporary file is removed
    and an `ExportError` says what went wrong in one line.
    """
    target = Path(path)
    name = str(path)
    if not force and os.path.lexists(target):
        raise ExportError(f"{name}: already exists (use --force to overwrite)")
    temporary = _write_temporary(target, text, name)
    try:
        if force:
            os.replace(temporary, target)
        else:
            _link_new(temporary, target, name)
    except OSError as error:
        raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
    finally:
        _remove(temporary)


def _write_temporary(target: Path, text: str, name: str) -> Path:
    """A new file beside the target holding `text`; created with the umask's usual mode."""
    data = text.encode("utf-8")
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            _remove(temporary)
            raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
        return temporary
    raise ExportError(f"{name}: cannot write: no free temporary file name")


def _link_new(temporary: Path, target: Path, name: str) -> None:
    """Give the written file its final name, failing if that name is taken meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise ExportError(f"{name}: already exists (use --force to overwrite)") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links on this file system (FAT, some network mounts): check, then rename.
        if os.path.lexists(target):
            raise ExportError(f"{name}: already exists (use --force to overwrite)") from None
        os.replace(temporary, target)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _reason(error: OSError) -> str:
    """The OS's reason, on one line: `Permission denied`, `No space left on device`."""
    reason = error.strerror or str(error) or type(error).__name__
    return " ".join(reason.split())


__all__ = ["ExportError", "ExportFormat", "FORMATS", "render", "write_atomically"]
