"""Golden files: each export format of one fixed comparison, byte for byte.

The comparison has every kind of change, reactions, preconditions and a
dropped point, and its alignment is scripted, so these files change only
when an exporter does. Each golden is a real file of its format under
`tests/__snapshots__/test_export_golden/`, so it can be opened and looked
at; after an intended change, review and run `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from tests.builders import excerpt_comparison, sample_comparison
from tui.export import FORMATS, render


def extension_for(suffix: str) -> type[SingleFileSnapshotExtension]:
    class Golden(SingleFileSnapshotExtension):
        _write_mode = WriteMode.TEXT
        _file_extension = suffix.lstrip(".")

    return Golden


@pytest.mark.parametrize("name", list(FORMATS))
def test_golden(name: str, snapshot: SnapshotAssertion) -> None:
    """The sample comparison renders exactly as reviewed."""
    fmt = FORMATS[name]
    assert render(sample_comparison(), name) == snapshot(extension_class=extension_for(fmt.suffix))


@pytest.mark.parametrize("name", list(FORMATS))
def test_golden_excerpt(name: str, snapshot: SnapshotAssertion) -> None:
    """A reply known partly in excerpts: uncovered words read "not reported", never struck out."""
    fmt = FORMATS[name]
    assert render(excerpt_comparison(), name) == snapshot(extension_class=extension_for(fmt.suffix))
