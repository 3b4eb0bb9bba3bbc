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
