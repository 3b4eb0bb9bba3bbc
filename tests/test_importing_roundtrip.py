"""Round trip: the bundled sample's points printed as drafts in every numbering style, imported back.

Each style is printed the way real drafts print it (wrapped at 72 columns,
titles inline, on their own line or as headings), so the test exercises
joining wrapped lines and finding titles as well as the markers.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import pytest

from tui.core import Revision, load_paths
from tui.importing import read_draft
from tui.locations import proposals_dir

from .corpus import CORPORA, require

Printer = Callable[[str, str | None, str], str]


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, 72, subsequent_indent=indent, break_on_hyphens=False)


STYLES: dict[str, tuple[str, Printer]] = {
    "dot-inline-title": (".txt", lambda n, t, x: _wrap(f"{n}. {t}. {x}" if t else f"{n}. {x}")),
    "paren-own-line-title": (".txt", lambda n, t, x: f"{n}) {t}\n{_wrap(x)}" if t else _wrap(f"{n}) {x}")),
    "both-parens-blank-line": (".txt", lambda n, t, x: f"({n}) {t}\n\n{_wrap(x)}" if t else _wrap(f"({n}) {x}")),
    "article-bare-marker": (".txt", lambda n, t, x: f"Article {n}\n{t}\n{_wrap(x)}" if t else f"Article {n}\n{_wrap(x)}"),
    "section-colon": (".txt", lambda n, t, x: f"Section {n}: {t}\n{_wrap(x)}" if t else _wrap(f"Section {n}: {x}")),
    "point-colon-inline": (".txt", lambda n, t, x: _wrap(f"Point {n}: {t}. {x}" if t else f"Point {n}: {x}")),
    "markdown-heading": (".md", lambda n, t, x: f"## {n}. {t}\n\n{_wrap(x)}" if t else f"## {n}.\n\n{_wrap(x)}"),
    "markdown-bold-list": (".md", lambda n, t, x: _wrap(f"{n}. **{t}.** {x}" if t else f"{n}. {x}", "   ")),
}  # fmt: skip


def _revisions() -> list[Revision]:
    result = load_paths([proposals_dir()])
    assert result.ok
    return [revision for series in result.catalog.series for revision in series.revisions]


def _expected(revision: Revision) -> list[dict[str, str | None]]:
    return [
        {"number": p.number or str(i), "title": p.title, "text": " ".join(p.text.split())}
        for i, p in enumerate(revision.points, 1)
    ]


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("revision", _revisions(), ids=lambda r: f"{r.series}:{r.id}")
def test_sample_points_survive_print_and_import(tmp_path: Path, revision: Revision, style: str) -> None:
    suffix, printer = STYLES[style]
    expected = _expected(revision)
    title = revision.title or "Untitled draft"
    body = "\n\n".join(printer(p["number"], p["title"], p["text"]) for p in expected)  # type: ignore[arg-type]
    draft = tmp_path / f"draft{suffix}"
    draft.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    found = read_draft(draft)
    assert [{"number": p.number, "title": p.title, "text": p.text} for p in found.points] == expected
    assert found.title == title


REAL_PAIRS = CORPORA / "real-pairs" / "proposals"


def _real_revisions() -> list[Revision]:
    if not REAL_PAIRS.is_dir():
        return []
    return [r for s in load_paths([REAL_PAIRS]).catalog.series for r in s.revisions]


def test_real_pairs_corpus_is_present() -> None:
    require(REAL_PAIRS)
    assert len(_real_revisions()) >= 4, f"expected the real pairs at {REAL_PAIRS}"


@pytest.mark.parametrize("style", sorted(STYLES))
def test_real_texts_split_at_the_right_places(tmp_path: Path, style: str) -> None:
    """Real documents (GPL, UN Charter) printed in each style: every point found with its number and
    whole text. A long title may stay at the start of the text (titles of more than eight words are
    only taken when set apart), but a title is never wrong and text never lost."""
    suffix, printer = STYLES[style]
    require(REAL_PAIRS)
    for revision in _real_revisions():
        expected = _expected(revision)
        body = "\n\n".join(printer(p["number"], p["title"], p["text"]) for p in expected)  # type: ignore[arg-type]
        draft = tmp_path / f"{revision.id}{suffix}"
        draft.write_text(f"{revision.title}\n\n{body}\n", encoding="utf-8")
        found = read_draft(draft).points
        assert [p.number for p in found] == [p["number"] for p in expected], revision.id
        for point, want in zip(found, expected, strict=True):
            assert point.title in (want["title"], None), (revision.id, point.number)
            assert point.text.endswith(str(want["text"])), (revision.id, point.number)
            if point.title is None and want["title"]:
                assert point.text.startswith(str(want["title"])), (revision.id, point.number)
