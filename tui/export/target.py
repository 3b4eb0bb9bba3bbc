"""Where an export typed into a dialog will go, checked before anything is rendered or written.

`write_atomically` refuses what it cannot do safely, but only once the text
is rendered (seconds for a 10,000-point HTML page), and in the words of the
command line (`--force`). A dialog wants to say at once, in its own words,
what is wrong with the path typed: a missing folder, a folder given as the
file, a pipe or a device, a name ending in another format's suffix. The
writing itself stays `write_atomically`'s, as for `propdiff export -o`.

Pure core: no UI imports.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..sanitize import shown_path
from . import FILE_KINDS, FORMATS, ExportError, ExportFormat

SUFFIXES: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "json": (".json",),
}
"""File name endings each format accepts as its own (the first is `ExportFormat.suffix`)."""


@dataclass(frozen=True)
class Target:
    """A path an export may be written to."""

    path: Path
    exists: bool
    """A regular file is there already: replacing it needs the user's say-so."""
    suffix_added: bool
    """The name had no suffix of its own, so the format's was added."""


def export_target(typed: str, fmt: ExportFormat, folder: Path) -> Target:
    """The file `typed` names (relative to `folder`, `~` expanded), or `ExportError` saying what is wrong.

    A name without a suffix gets the format's (`report` -> `report.md`); a
    name ending in another format's suffix is refused rather than renamed,
    since the reader probably meant that format. Checked: the folder exists
    and is a folder; the target is not a folder, link, device, pipe or socket.
    """
    text = typed.strip()
    if not text:
        raise ExportError("give a file to write to")
    if "\0" in text:
        raise ExportError("a file name cannot hold a NUL character")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = folder / path
    if text.endswith(("/", os.sep)) or path.name in ("", ".", "..") or path.is_dir():
        raise ExportError(f"{shown_path(str(path))} is a folder: add a file name")
    path, added = _with_suffix(path, fmt)
    _check_folder(path.parent)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Target(path, exists=False, suffix_added=added)
    except OSError as error:
        raise ExportError(f"{shown_path(str(path))}: cannot be checked: {error.strerror or error}") from None
    name = shown_path(str(path))
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{name} is a folder: add a file name")
    if not stat.S_ISREG(info.st_mode):
        kind = next((what for test, what in FILE_KINDS if test(info.st_mode)), "not a regular file")
        raise ExportError(f"{name} is {kind}: an export writes only regular files")
    return Target(path, exists=True, suffix_added=added)


def _with_suffix(path: Path, fmt: ExportFormat) -> tuple[Path, bool]:
    own = SUFFIXES.get(fmt.name, (fmt.suffix,))
    suffix = path.suffix.lower()
    if suffix in own:
        return path, False
    other = next((name for name, endings in SUFFIXES.items() if suffix in endings), None)
    if other is not None and other in FORMATS:
        raise ExportError(
            f"{shown_path(path.name)} ends in {suffix} (the {other} format), but the format chosen is "
            f"{fmt.name}: choose {other} or name a {fmt.suffix} file"
        )
    return path.with_name(path.name + fmt.suffix), True


def _check_folder(folder: Path) -> None:
    name = shown_path(str(folder))
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        raise ExportError(f"the folder {name} does not exist") from None
    except NotADirectoryError:
        raise ExportError(f"{name} is not a folder (part of it is a file)") from None
    except OSError as error:
        raise ExportError(f"the folder {name} cannot be checked: {error.strerror or error}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{name} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"the folder {name} is not writable")
