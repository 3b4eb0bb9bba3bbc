"""Exporters: one `Comparison`, several file formats, and a safe way to write them.

Each format is a module with a `render(comparison) -> str`; this package
lists them in one registry so the CLI, the TUI's export command and the
tests all offer the same formats under the same names. A format that can
also give its text in pieces (JSON: one per change) does, so that a long
export is written as it is made (`render_pieces`, `write_atomically`).

Pure core: no UI imports.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

from ..engine.compare import Comparison
from ..errors import PropdiffError
from ..sanitize import outgoing, shown_path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; stale temporaries are then left alone
    fcntl = None  # type: ignore[assignment]


class ExportError(PropdiffError):
    """An export that could not be produced or written; the message is one line."""


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    """The usual file name ending, with its dot."""
    module: str
    """The module of this package that writes it, imported on first use: an export needs one
    format, and the HTML one alone brings in the word-level wording helpers."""
    description: str
    in_pieces: bool = False
    """Whether the module also gives the text in pieces (its `pieces`) whose concatenation is `render`'s."""

    def render(self, comparison: Comparison) -> str:
        return import_module(f"{__name__}.{self.module}").render(comparison)

    def pieces(self, comparison: Comparison) -> Iterable[str]:
        """`render`'s text in pieces, made as they are asked for when the format can (else one piece)."""
        if self.in_pieces:
            return import_module(f"{__name__}.{self.module}").pieces(comparison)
        return (self.render(comparison),)


FORMATS: Mapping[str, ExportFormat] = MappingProxyType(
    {
        f.name: f
        for f in (
            ExportFormat("text", ".txt", "text", "plain-text summary with [-deleted-]{+inserted+} words"),
            ExportFormat("markdown", ".md", "markdown", "Markdown for GitHub and other renderers"),
            ExportFormat("html", ".html", "html", "self-contained side-by-side HTML page"),
            ExportFormat("json", ".json", "json", "machine-readable propdiff-diff/2 JSON", in_pieces=True),
        )
    }
)


def render(comparison: Comparison, fmt: str | ExportFormat) -> str:
    """The comparison in the named format; an unknown name is an `ExportError`."""
    return _format(fmt).render(comparison)


def render_pieces(comparison: Comparison, fmt: str | ExportFormat) -> Iterable[str]:
    """`render`'s text in pieces, made as they are asked for when the format can (else one piece)."""
    return _format(fmt).pieces(comparison)


def _format(fmt: str | ExportFormat) -> ExportFormat:
    if isinstance(fmt, ExportFormat):
        return fmt
    found = FORMATS.get(fmt)
    if found is None:
        raise ExportError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    return found


def write_atomically(path: str | os.PathLike[str], text: str | Iterable[str], *, force: bool) -> None:
    """Write `text` (or its pieces, in order) as UTF-8 to `path`: the file is complete or untouched.

    The text goes to a hidden temporary file in the same directory (same file
    system, so the final rename is atomic), one piece at a time (pieces made
    on demand are never all held: see `render_pieces`; an exception while
    making one leaves the target untouched), is flushed to disk, then renamed
    over the target. Without `force`, the temporary file is hard-linked to
    the target instead, which fails if the target exists: no check-then-write
    race with another process. On any failure the temporary file is removed
    and an `ExportError` says what went wrong in one line.

    `force` replaces only a regular file, keeping its permissions (and its
    owner, where allowed): a symlink, folder, device or pipe is refused, so
    `-o` never swaps a device node or a link for a plain file. The temporary
    file is locked while it exists; one left by an export that was killed
    holds no lock, and the next export to the same target removes it.
    """
    target = Path(path)
    name = shown_path(str(path))
    _remove_stale_temporaries(target)
    replaced = _replaceable(target, name, force)
    descriptor, temporary = _write_temporary(target, text, name, replaced)
    try:
        if force:
            os.replace(temporary, target)
        else:
            _link_new(temporary, target, name)
    except OSError as error:
        raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
    finally:
        _remove(temporary)
        os.close(descriptor)  # releases the lock


FILE_KINDS = (
    (stat.S_ISLNK, "a symbolic link (name the file it points to instead)"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)
"""What a path that is not a regular file is, in words; the CLI and the app's export dialog both say it."""


def _replaceable(target: Path, name: str, force: bool) -> os.stat_result | None:
    """What the export will replace: nothing, or a regular file that `force` allows replacing."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
    if not force:
        raise ExportError(f"{name}: already exists (use --force to overwrite)")
    if not stat.S_ISREG(info.st_mode):
        kind = next((what for test, what in FILE_KINDS if test(info.st_mode)), "not a regular file")
        raise ExportError(f"{name}: cannot write: it is {kind}; --force replaces only regular files")
    return info


def _write_temporary(
    target: Path, text: str | Iterable[str], name: str, replaced: os.stat_result | None
) -> tuple[int, Path]:
    """A new, locked file beside the target holding `text`, and its still-open descriptor.

    A new export gets the umask's usual mode; one replacing a file gets that
    file's mode, and is private (0600) until then.
    """
    import secrets  # (and OpenSSL under it) only for a file: standard output needs no name

    pieces = (text,) if isinstance(text, str) else text
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            mode = 0o600 if replaced else 0o666
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        except OSError as error:
            raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
        if not _lock(descriptor, temporary):  # another export's cleanup took it meanwhile
            os.close(descriptor)
            continue
        try:
            if replaced is not None:
                _keep_permissions(descriptor, replaced)
            with os.fdopen(os.dup(descriptor), "wb") as stream:
                for piece in pieces:
                    stream.write(outgoing(piece).encode("utf-8"))  # the same gate as every stream
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            _remove(temporary)
            os.close(descriptor)
            raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
        except BaseException:  # a piece could not be made: nothing is left behind
            _remove(temporary)
            os.close(descriptor)
            raise
        return descriptor, temporary
    raise ExportError(f"{name}: cannot write: no free temporary file name")


def _keep_permissions(descriptor: int, replaced: os.stat_result) -> None:
    try:
        os.fchown(descriptor, replaced.st_uid, replaced.st_gid)
    except OSError:
        pass  # only root may give a file away; the mode below still applies
    os.fchmod(descriptor, stat.S_IMODE(replaced.st_mode))


def _lock(descriptor: int, temporary: Path) -> bool:
    """Lock a fresh temporary file, and check it still has its name (not removed as stale)."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return os.stat(temporary, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino
    except OSError:
        return False


def _remove_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of earlier exports to `target` that were killed.

    A temporary file is locked for as long as its export runs, so one that
    can be locked is stale; a live one is left alone.
    """
    if fcntl is None:
        return
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        rest = entry.name[len(prefix) :]
        if not (entry.name.startswith(prefix) and _TEMPORARY_END.fullmatch(rest)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(entry.path, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino:
                os.unlink(entry.path)
        except OSError:
            pass  # locked by a running export, gone meanwhile, or not ours to remove
        finally:
            os.close(descriptor)


_TEMPORARY_END = re.compile(r"[0-9a-f]{8}\.tmp")


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


__all__ = ["ExportError", "ExportFormat", "FORMATS", "render", "render_pieces", "write_atomically"]
