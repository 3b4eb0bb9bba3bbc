"""The file watcher: which changes reach the app, from a real watchfiles watch."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App

from tui.ui.live_reload import FilesChanged, ProposalFilter, watch, watched_folders


def test_filter_keeps_proposal_files_and_named_files(tmp_path: Path) -> None:
    named = tmp_path / "elsewhere" / "notes.txt"
    named.parent.mkdir()
    named.write_text("", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    keep = ProposalFilter([tmp_path / "drafts", named])
    assert keep(None, str(tmp_path / "drafts" / "a.yaml"))
    assert keep(None, str(tmp_path / "drafts" / "deep" / "b.yml"))
    assert keep(None, str(named))
    assert not keep(None, str(tmp_path / "drafts" / "a.txt"))
    assert not keep(None, str(tmp_path / "drafts" / ".a.yaml.swp"))
    assert not keep(None, str(tmp_path / "drafts" / ".git" / "x.yaml"))
    assert not keep(None, str(tmp_path / "other" / "a.yaml"))


def test_files_are_watched_through_their_folder(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_text("", encoding="utf-8")
    assert watched_folders([file, tmp_path, tmp_path / "gone"]) == (tmp_path.resolve(),)


class WatchingApp(App[None]):
    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self.changes: list[frozenset[Path]] = []
        self.stop = asyncio.Event()

    def on_mount(self) -> None:
        self.run_worker(watch(self, self.paths, self.stop), group="watch")

    def on_files_changed(self, message: FilesChanged) -> None:
        self.changes.append(message.paths)


async def test_a_saved_proposal_file_is_reported_and_other_files_are_not(tmp_path: Path) -> None:
    proposal = tmp_path / "a.yaml"
    proposal.write_text("one", encoding="utf-8")
    app = WatchingApp([tmp_path])
    async with app.run_test() as pilot:
        await asyncio.sleep(0.3)  # the watch starts in its own thread
        (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
        replacement = tmp_path / "a.yaml.new"
        replacement.write_text("two", encoding="utf-8")
        replacement.rename(proposal)  # how editors save
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.changes:
                break
        await pilot.pause()
    assert app.changes, "no change reported within 5 s"
    reported = frozenset().union(*app.changes)
    assert proposal.resolve() in {p.resolve() for p in reported}
    assert all(p.suffix == ".yaml" for p in reported)
