"""Where a command's result goes, `-o`: one rule for `export` and `import`.

No `-o`, or `-o -`, is stdout; a file is written atomically and never
silently overwritten (`--force`); a folder is one clear line naming a file
to give instead, said before any work is done.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, TextIO

from ..errors import PropdiffError


def check_target(target: str | Path | None, example: str, flag: str = "-o ") -> None:
    """Refuse a folder as the output, suggesting `FOLDER/example` (`flag`: how it was given)."""
    if target is not None and str(target) != "-" and os.path.isdir(target):
        example = f"{flag}{Path(target) / example}"
        raise PropdiffError(f"{flag}{target}: is a folder; give a file name, e.g. {example}")


def write_output(target: str | Path | None, text: str | Iterable[str], out: TextIO, force: bool) -> bool:
    """`text`, or its pieces in order, to stdout or atomically to `target`; True when a file was written.

    Pieces are written as they come, so a long export is never held whole
    (`tui.export.render_pieces`); to a file, still all or nothing.
    """
    if target is None or str(target) == "-":
        for piece in (text,) if isinstance(text, str) else text:
            out.write(piece)
        return False
    from ..core import write_atomically

    write_atomically(target, text, force=force)
    return True
