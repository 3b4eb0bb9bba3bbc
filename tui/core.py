"""The core's public face: what the CLI, the exporters, the app and the tests import.

Everything here is pure (no Textual). The comparison engine and the exporters
are heavy (rapidfuzz, four formats), so their names are resolved lazily on
first use: `from tui.core import load_paths` stays as quick as `propdiff validate`
needs, while `from tui.core import compare` pulls in the engine.

Layers, bottom up: `tui.model` (the data), `tui.reading` (YAML, format,
validation, series), `tui.engine` (similarity, alignment, word diff,
comparison), `tui.export` (formats), and `tui.ui` (the Textual app) on top.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import Problem, PropdiffError
from .model import Catalog, DroppedPoint, Location, Party, Point, Precondition, Reaction, Revision, Series
from .pairs import Pair, choose_pair, pick_revisions, pick_series
from .reading.loading import LoadResult, ProposalFiles, find_files, load_file, load_paths
from .sanitize import neutralise

if TYPE_CHECKING:
    from .engine.align import MatchKind
    from .engine.compare import Change, Comparison, ComparisonCache, PartyContext, compare
    from .engine.progress import Cancelled, Progress
    from .export import FORMATS, ExportFormat, render, render_pieces, write_atomically

_LAZY = {
    "MatchKind": "tui.engine.align",
    "Change": "tui.engine.compare",
    "Comparison": "tui.engine.compare",
    "ComparisonCache": "tui.engine.compare",
    "Cancelled": "tui.engine.progress",
    "Progress": "tui.engine.progress",
    "PartyContext": "tui.engine.compare",
    "compare": "tui.engine.compare",
    "FORMATS": "tui.export",
    "ExportFormat": "tui.export",
    "render": "tui.export",
    "render_pieces": "tui.export",
    "write_atomically": "tui.export",
}

__all__ = [
    "Cancelled",
    "Catalog",
    "Change",
    "Comparison",
    "ComparisonCache",
    "DroppedPoint",
    "ExportFormat",
    "FORMATS",
    "LoadResult",
    "Location",
    "MatchKind",
    "Pair",
    "Party",
    "PartyContext",
    "Point",
    "Precondition",
    "Problem",
    "Progress",
    "ProposalFiles",
    "PropdiffError",
    "Reaction",
    "Revision",
    "Series",
    "choose_pair",
    "compare",
    "find_files",
    "load_file",
    "load_paths",
    "neutralise",
    "pick_revisions",
    "pick_series",
    "render",
    "render_pieces",
    "write_atomically",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
