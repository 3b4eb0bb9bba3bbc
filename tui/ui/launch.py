"""Entry point for `propdiff [PATH...]` with no command: open the app.

Imported lazily by the command line, so `propdiff validate` never loads Textual.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Sequence

from ..sanitize import shown_path


def loading_what(paths: Sequence[Path], sample: bool = False) -> str:
    """What the first frame says is being loaded, decided without reading anything."""
    if sample:
        return "the bundled sample"
    if paths:
        return ", ".join(shown_path(str(p)) for p in paths)
    return f"the proposal files in {shown_path(str(Path.cwd()))}"


def run_app(paths: Sequence[Path], sample: bool = False) -> int:
    """Run the app on what the paths name (see `open_workspace`) and return the exit code.

    The first frame comes before any file is read: the app loads them in a
    worker (the reader and YAML are imported there too) and says so meanwhile.

    The collector stays off from here to the first rows drawn (imports,
    loading, every widget built): it would walk that growing heap again and
    again and free nothing, a fifth of the launch time. The app freezes what
    startup built and turns it back on then (`PropdiffApp.settle_collector`).

    numpy keeps to one OpenBLAS thread: see `tui.engine`.
    """
    gc.disable()
    from .app import PropdiffApp

    wanted = [Path(p) for p in paths]

    def load():  # noqa: ANN202 - a Workspace, imported with the reader in the worker
        from .workspace import open_workspace

        return open_workspace(wanted, sample=sample)

    app = PropdiffApp(load, loading=loading_what(wanted, sample))
    app.run()
    return app.return_code or 0
