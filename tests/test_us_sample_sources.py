"""Every item of the bundled US sample names its source and, where the facts rate it below [high], says so.

The list below is taken from `../shared/domain/us-plan-facts.md` (section in
each comment), not from the sample files: it is what a fact-checker reading
the facts file expects the data to state. Points have no `source` key in the
format, so their sources are the "Source:" comment right above each point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.locations import proposals_dir
from tui.model import Revision, Series
from tui.reading.loading import load_paths

BELOW_HIGH: dict[tuple[str, str, str], str] = {
    # §2: sub-items of 12 and 13 from summaries; 15, 16, 18 rest on a weak host.
    ("draft-28", "point", "12"): "medium",
    ("draft-28", "point", "13"): "medium",
    ("draft-28", "point", "15"): "medium",
    ("draft-28", "point", "16"): "medium",
    ("draft-28", "point", "18"): "medium",
    # §4.4: von der Leyen, 23 Nov; §4.2: Putin's NATO / Western troops condition (BritBrief).
    ("draft-28", "reaction", "Ursula von der Leyen"): "medium",
    ("draft-28", "precondition", "Ukraine does not join NATO and does not host Western troops."): "medium",
    # §3.1 status column.
    ("e3-counter", "point", "12"): "medium",
    ("e3-counter", "point", "13"): "medium",
    ("e3-counter", "point", "16"): "low",
    ("e3-counter", "point", "18"): "low",
    ("e3-counter", "point", "24"): "low",
    ("e3-counter", "point", "25"): "medium",
    ("e3-counter", "dropped", "26"): "medium",
    # §3.2: the $100bn clause (Bloomberg); §4.1: the US official to CBS.
    ("geneva-19", "dropped", "14"): "medium",
    ("geneva-19", "reaction", "US official (to CBS)"): "medium",
    # §3.4: point 9 (both sources weak), point 15 (one excerpt); §4.1 Trump 28 Dec;
    # §4.3 elections after a peace deal; §4.2 Russia's reported asks.
    ("framework-20", "point", "9"): "medium",
    ("framework-20", "point", "15"): "medium",
    ("framework-20", "reaction", "Donald Trump"): "medium",
    (
        "framework-20",
        "precondition",
        "Elections are held only after a peace deal, with security in place.",
    ): "medium",
    ("framework-20", "precondition", "Tighter limits on the size of Ukraine's army."): "medium",
    ("framework-20", "precondition", "A status for the Russian language."): "medium",
    ("framework-20", "precondition", "Decisions on sanctions and frozen Russian assets."): "medium",
    ("framework-20", "precondition", "Guarantees against NATO expansion."): "medium",
}


@pytest.fixture(scope="module")
def series() -> Series:
    result = load_paths([proposals_dir() / "us-peace-plan-ukraine"])
    assert result.ok, [str(p) for p in result.problems]
    (loaded,) = result.catalog.series
    return loaded


def _items(revision: Revision) -> list[tuple[tuple[str, str, str], object, str | None]]:
    """(key, item, certainty) for every point, reaction, precondition and drop of a revision."""
    found: list[tuple[tuple[str, str, str], object, str | None]] = []
    found += [((revision.id, "point", p.ref(n)), p, p.certainty) for n, p in enumerate(revision.points, 1)]
    found += [((revision.id, "reaction", r.speaker or ""), r, r.certainty) for r in revision.reactions]
    found += [((revision.id, "precondition", c.text), c, c.certainty) for c in revision.preconditions]
    found += [((revision.id, "dropped", d.point), d, d.certainty) for d in revision.dropped]
    return found


def _comment_above(path: Path, line: int) -> str:
    """The comment lines directly above a 1-based line (the point's `- ` line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    block: list[str] = []
    index = line - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        block.append(lines[index])
        index -= 1
    return "\n".join(reversed(block))


def test_every_item_names_its_source(series: Series) -> None:
    missing = []
    for revision in series.revisions:
        for key, item, _ in _items(revision):
            if key[1] == "point":
                location = item.location  # type: ignore[attr-defined]
                if "Source" not in _comment_above(Path(location.path), location.line):
                    missing.append(key)
            elif not getattr(item, "source", None):
                missing.append(key)
    assert not missing


def test_items_rated_below_high_in_the_facts_say_so(series: Series) -> None:
    stated = {key: certainty for revision in series.revisions for key, _, certainty in _items(revision)}
    assert set(BELOW_HIGH) <= set(stated), sorted(set(BELOW_HIGH) - set(stated))
    assert {key: stated[key] for key in BELOW_HIGH} == BELOW_HIGH


def test_certainty_is_not_left_in_the_source_text(series: Series) -> None:
    """A tag like "[medium]" inside a source belongs in `certainty`, where every view shows it."""
    stray = [
        key
        for revision in series.revisions
        for key, item, _ in _items(revision)
        for tag in ("[medium]", "[low]")
        if tag in (getattr(item, "source", None) or "")
    ]
    assert not stray


def test_every_reported_drop_states_its_certainty(series: Series) -> None:
    drops = [(revision.id, d.point, d.certainty) for revision in series.revisions for d in revision.dropped]
    assert drops and all(certainty for _, _, certainty in drops), drops


def test_headline_stances_rest_on_statements_about_that_revision(series: Series) -> None:
    """The three headline stances the fact-check found resting on the wrong statements."""
    from tui.engine.compare import compare

    draft, geneva, framework = (series.revision(r) for r in ("draft-28", "geneva-19", "framework-20"))
    assert draft and geneva and framework
    comparison = compare(series, draft, framework)
    by_party = {c.party.id: c for c in comparison.parties}
    us_draft = by_party["us"].old.basis
    assert us_draft is not None and us_draft.stance == "support" and "zero gratitude" not in us_draft.summary
    assert by_party["eu"].new.stance is None  # Berlin (15 Dec) came before the 20 points were presented
    russia_geneva = {c.party.id: c for c in compare(series, draft, geneva).parties}["ru"].new
    assert russia_geneva.basis is not None and "27" not in russia_geneva.basis.summary
    assert all("Ushakov" not in (r.item.speaker or "") for r in russia_geneva.reactions)


def test_data_comments_name_files_relative_to_the_repository() -> None:
    """Comments must point a reader at `../shared/domain/...`, not at one machine's absolute paths."""
    data = Path(__file__).parent / "data"
    for path in [*data.glob("*.yaml"), *proposals_dir().rglob("*.yaml")]:
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if "#" in line]
        assert not [line for line in comments if "/work/" in line or "/home/" in line], path
