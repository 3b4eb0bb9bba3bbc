"""Entry point for `propdiff [PATH...]` with no command: open the app.

Imported lazily by the command line, so `propdiff validate` never loads Textual.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Sequence


def run_app(paths: Sequence[Path], sample: bool = False) -> int:
    """Load what the paths name (see `open_workspace`), run the app, and return the exit code.

    The collector stays off from here to the first full frame (imports, loading,
    every widget built): it would walk that growing heap again and again and free
    nothing, a fifth of the launch time. The app freezes what startup built and
    turns it back on once the frame is drawn (`PropdiffApp.settle_collector`).
    """
    gc.disable()
    from .app import PropdiffApp
    from .workspace import open_workspace

    app = PropdiffApp(open_workspace([Path(p) for p in paths], sample=sample))
    app.run()
    return app.return_code or 0
