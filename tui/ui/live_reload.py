"""Watch the loaded proposal files and tell the app which ones changed on disk.

watchfiles (Rust `notify`: inotify, FSEvents, ReadDirectoryChangesW) runs in
a thread of its own and hands batches of changes to an asyncio worker, so the
app's event loop never polls. Folders are watched, not files: an editor that
saves by writing a new file and renaming it over the old one (vim, most IDEs)
replaces the inode a file watch would hold. Changes are debounced so one save
(often a truncate, a write and a rename) reloads once.

The app decides what a change means (reload one file, re-assemble, keep the
reader's place); this module only reports which proposal files changed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from textual.message import Message
from textual.message_pump import MessagePump

DEBOUNCE_MS = 150
"""Long enough to merge the steps of one save, short enough to feel immediate."""


@dataclass
class FilesChanged(Message):
    """Proposal files were written, created, renamed or deleted."""

    paths: frozenset[Path]


def watched_folders(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The folders to watch for `paths`: a folder itself, a file's parent; each once, existing ones."""
    folders: dict[Path, None] = {}
    for path in paths:
        folder = path if path.is_dir() else path.parent
        if folder.is_dir():
            folders[folder.resolve()] = None
    return tuple(folders)


class ProposalFilter:
    """Changes worth a reload: proposal files under a watched folder, or a file named explicitly."""

    def __init__(self, paths: Sequence[Path]) -> None:
        from ..reading.loading import (
            SUFFIXES,  # here, not at the top: the app's first frame comes before the reader
        )

        self._suffixes = SUFFIXES
        self._folders = tuple(p.resolve() for p in paths if p.is_dir())
        self._files = frozenset(p.resolve() for p in paths if not p.is_dir())

    def __call__(self, change: object, path: str) -> bool:
        candidate = Path(path)
        if candidate in self._files:
            return True
        if not candidate.name.endswith(self._suffixes) or candidate.name.startswith("."):
            return False
        for folder in self._folders:
            if candidate.is_relative_to(folder):
                # Hidden folders (.git) are skipped, as the loader skips them.
                return not any(part.startswith(".") for part in candidate.relative_to(folder).parts[:-1])
        return False


async def watch(target: MessagePump, paths: Sequence[Path], stop: asyncio.Event | None = None) -> None:
    """Post `FilesChanged` to `target` for every batch of changes until `stop` is set
    (or the worker running this is cancelled, as when the app exits)."""
    from watchfiles import awatch

    folders = watched_folders(paths)
    if not folders:
        return
    keep = ProposalFilter(paths)
    async for changes in awatch(*folders, watch_filter=keep, debounce=DEBOUNCE_MS, stop_event=stop):
        target.post_message(FilesChanged(frozenset(Path(path) for _, path in changes)))
