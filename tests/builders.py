"""Builders for model objects and a fixed sample comparison, shared by the compare and export tests.

This module holds no tests itself. Tests build revisions from plain dicts
here instead of writing YAML, so they exercise the comparison and the
exporters without the loader. `sample_comparison()` scripts the alignment,
so the golden exports change only when the exporters do, not whenever the
point matcher is tuned.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Sequence
from unittest import mock

from tui.engine import compare as compare_module
from tui.engine.align import Alignment, Match, MatchKind, RunnerUp
from tui.engine.compare import Comparison, compare
from tui.model import DroppedPoint, Location, Party, Point, Precondition, Reaction, Revision, Series

LOCATION = Location("test.yaml", 1, 1)

PointSpec = str | dict[str, Any]


def make_point(spec: PointSpec, position: int) -> Point:
    """A point from its text (numbered by position) or a dict of Point fields."""
    if isinstance(spec, str):
        return Point(text=spec, number=str(position), location=LOCATION)
    fields = dict(spec)
    fields["topics"] = tuple(fields.get("topics", ()))
    return Point(location=LOCATION, **fields)


def make_revision(
    revision_id: str,
    points: Sequence[PointSpec] = (),
    *,
    series: str = "demo",
    reactions: Iterable[dict[str, Any]] = (),
    preconditions: Iterable[dict[str, Any]] = (),
    dropped: Iterable[dict[str, Any]] = (),
    **fields: Any,
) -> Revision:
    """A revision from plain data: points as texts or dicts, statements as dicts."""
    return Revision(
        series=series,
        id=revision_id,
        location=LOCATION,
        points=tuple(make_point(spec, n) for n, spec in enumerate(points, 1)),
        reactions=tuple(
            Reaction(location=LOCATION, **{**r, "points": tuple(r.get("points", ()))}) for r in reactions
        ),
        preconditions=tuple(_precondition(p) for p in preconditions),
        dropped=tuple(DroppedPoint(location=LOCATION, **d) for d in dropped),
        **fields,
    )


def _precondition(spec: dict[str, Any]) -> Precondition:
    """`for` as in the file format; the model calls it `for_`."""
    fields = {("for_" if key == "for" else key): value for key, value in spec.items()}
    return Precondition(location=LOCATION, **{**fields, "points": tuple(fields.get("points", ()))})


def make_series(
    *revisions: Revision, parties: Iterable[tuple[str, str]] = (), title: str | None = None
) -> Series:
    return Series(
        id=revisions[0].series if revisions else "demo",
        revisions=revisions,
        parties=tuple(Party(pid, name, LOCATION) for pid, name in parties),
        title=title,
    )


def pair(old_points: Sequence[PointSpec], new_points: Sequence[PointSpec], **new_fields: Any) -> Comparison:
    """Compare two revisions built from point lists with the real aligner."""
    old = make_revision("old", old_points)
    new = make_revision("new", new_points, previous="old", **new_fields)
    return compare(make_series(old, new), old, new)


def scripted_compare(series: Series, old: Revision, new: Revision, matches: Sequence[Match]) -> Comparison:
    """`compare` with the aligner replaced by a fixed answer."""
    with mock.patch.object(compare_module, "align", lambda *args, **kwargs: Alignment(tuple(matches))):
        return compare_module._compare(series, old, new)


PARTIES = (
    ("us", "United States"),
    ("ru", "Russia"),
    ("ua", "Ukraine"),
    ("eu", "European allies"),
    ("cn", "China"),
)

SAMPLE_OLD = make_revision(
    "draft-a",
    [
        {
            "id": "sovereignty",
            "number": "1",
            "title": "Sovereignty",
            "text": "Ukraine's sovereignty is confirmed.",
            "topics": ["sovereignty"],
        },
        {
            "number": "2",
            "title": "Army",
            "text": "Ukraine's armed forces are capped at 600,000 personnel.",
            "topics": ["military"],
        },
        {
            "number": "3",
            "title": "Amnesty",
            "text": "All parties get full amnesty for their wartime actions.",
            "topics": ["justice"],
        },
        {
            "number": "4",
            "title": "Elections",
            "text": "Ukraine holds elections within 100 days.",
            "topics": ["elections"],
        },
        {
            "number": "5",
            "title": "Assets",
            "text": "Frozen assets fund reconstruction.",
            "topics": ["economy"],
        },
        {
            "number": "6",
            "title": "Nuclear plant",
            "text": "The nuclear plant is restarted under IAEA supervision.",
            "topics": ["energy"],
        },
        {
            "number": "7",
            "title": "Grain",
            "text": "Grain shipments across the Black Sea continue.",
            "topics": ["food"],
        },
        {
            "number": "8",
            "title": "Council",
            "text": "A Peace Council monitors the agreement. Violations are sanctioned.",
            "topics": ["implementation"],
        },
        {
            "number": "9",
            "title": "Languages",
            "text": "Both sides protect minority languages.",
            "topics": ["society"],
        },
    ],
    series="sample-plan",
    label="Draft A",
    date=date(2025, 11, 20),
    status="draft",
    source="Leaked text, https://example.org/draft-a",
    reactions=[
        {"party": "us", "stance": "support", "summary": "Presents the draft as the basis for talks."},
        {
            "party": "ru",
            "stance": "conditional",
            "summary": "Could be a basis for future agreements.",
            "quote": "This can be the basis",
            "speaker": "Vladimir Putin",
            "date": date(2025, 11, 27),
            "source": "Press conference, Bishkek",
            "certainty": "high",
        },
        {
            "party": "eu",
            "stance": "oppose",
            "points": ["2"],
            "summary": "An army cap leaves Ukraine open to attack.",
        },
    ],
    preconditions=[
        {
            "party": "ua",
            "text": "No cap on the army below 800,000.",
            "for": "agreement",
            "points": ["2"],
            "status": "open",
        },
    ],
)

SAMPLE_NEW = make_revision(
    "framework-b",
    [
        {
            "id": "sovereignty",
            "number": "1",
            "title": "Sovereignty",
            "text": "Ukraine's sovereignty is confirmed.",
            "topics": ["sovereignty"],
        },
        {
            "number": "2",
            "title": "Languages",
            "text": "Both sides protect minority languages.",
            "topics": ["society"],
        },
        {
            "number": "3",
            "title": "Army",
            "text": "Ukraine's armed forces stay at 800,000 personnel in peacetime.",
            "topics": ["military"],
        },
        {
            "number": "4",
            "title": "Elections and assets",
            "text": "Ukraine holds elections after signing; frozen assets fund reconstruction.",
            "topics": ["elections", "economy"],
        },
        {
            "number": "5a",
            "title": "Nuclear plant",
            "text": "The nuclear plant is run jointly.",
            "topics": ["energy"],
        },
        {"number": "5b", "text": "IAEA supervises the plant.", "topics": ["energy"]},
        {
            "number": "6",
            "title": "Board",
            "text": "A Board of Peace monitors the agreement.",
            "topics": ["implementation"],
        },
        {
            "number": "7",
            "title": "Prisoners",
            "text": "All prisoners are exchanged, all for all.",
            "topics": ["humanitarian"],
            "certainty": "medium",
        },
    ],
    series="sample-plan",
    label="Framework B",
    date=date(2025, 12, 23),
    previous="draft-a",
    partial=True,
    source="Briefing to journalists, 23 Dec 2025",
    reactions=[
        {"party": "ua", "stance": "support", "summary": "Backs the framework."},
        {
            "party": "ru",
            "stance": "oppose",
            "points": ["3"],
            "summary": "Wants tighter limits on the army.",
            "date": date(2025, 12, 26),
            "source": "https://example.org/ryabkov",
        },
    ],
    preconditions=[
        {
            "party": "ru",
            "text": "Russia runs the plant.",
            "points": ["5a"],
            "status": "open",
            "certainty": "low",
        },
    ],
    dropped=[
        {
            "point": "3",
            "source": "Ukraine's ambassador, Nov 2025",
            "note": "Full amnesty no longer in the text",
            "certainty": "medium",
        }
    ],
)

SAMPLE_SERIES = make_series(SAMPLE_OLD, SAMPLE_NEW, parties=PARTIES, title="Sample plan")

SAMPLE_MATCHES = (
    Match(MatchKind.UNCHANGED, (0,), (0,), 1.0, by_id=True, decided_by="id"),
    Match(
        MatchKind.MOVED, (8,), (1,), 0.97, moved=True, renumbered=True, score=1.0, decided_by="identical text"
    ),
    Match(
        MatchKind.REWORDED,
        (1,),
        (2,),
        0.9123,
        renumbered=True,
        score=0.52,
        runner_up=RunnerUp("new", 6, 0.1234),
        decided_by="wording",
    ),
    Match(MatchKind.REMOVED, (2,), (), 1.0, decided_by="reported dropped"),
    Match(MatchKind.MERGED, (3, 4), (3,), 0.78, score=0.41, decided_by="joined"),
    Match(MatchKind.SPLIT, (5,), (4, 5), 0.74, renumbered=True, score=0.38, decided_by="joined"),
    Match(MatchKind.UNREPORTED, (6,), (), 0.88, runner_up=RunnerUp("new", 6, 0.08), decided_by="too weak"),
    Match(
        MatchKind.REWORDED, (7,), (6,), 0.66, moved=True, renumbered=True, score=0.33, decided_by="wording"
    ),
    Match(MatchKind.ADDED, (), (7,), 0.95, decided_by="nothing similar"),
)


def sample_comparison() -> Comparison:
    """Every kind of change once, with reactions, preconditions and a dropped point."""
    return scripted_compare(SAMPLE_SERIES, SAMPLE_OLD, SAMPLE_NEW, SAMPLE_MATCHES)


EXCERPT_OLD = make_revision(
    "full-a",
    [
        {
            "number": "1",
            "title": "Guarantee",
            "text": (
                "The US gives a guarantee: it is compensated for it; Ukraine loses it if it invades "
                "Russia; it lapses if Ukraine fires a missile at Moscow."
            ),
            "topics": ["guarantees"],
        },
        {
            "number": "2",
            "title": "Reintegration",
            "text": (
                "Russia is reintegrated into the world economy: sanctions lifted step by step, a "
                "US–Russia cooperation agreement, and an invitation back into the G8."
            ),
            "topics": ["sanctions"],
        },
        {"number": "3", "title": "Elections", "text": "Ukraine holds elections within 100 days."},
    ],
    series="excerpt-plan",
    label="Full draft A",
    date=date(2025, 11, 20),
)

EXCERPT_NEW = make_revision(
    "reply-b",
    [
        {
            "number": "1",
            "title": "Guarantee",
            "text": "The US gives a guarantee mirroring Article 5.",
            "excerpt": True,
            "certainty": "high",
            "topics": ["guarantees"],
        },
        {
            "number": "2",
            "title": "Reintegration",
            "text": "Russia will be invited back into the G8.",
            "excerpt": True,
            "certainty": "medium",
            "topics": ["sanctions"],
        },
        {"number": "3", "title": "Elections", "text": "Ukraine holds elections as soon as possible."},
    ],
    series="excerpt-plan",
    label="Reply B",
    date=date(2025, 11, 23),
    previous="full-a",
    partial=True,
)

EXCERPT_MATCHES = (
    Match(MatchKind.REWORDED, (0,), (0,), 0.93, score=0.47, decided_by="wording"),
    Match(MatchKind.REWORDED, (1,), (1,), 0.71, score=0.2, decided_by="document order"),
    Match(MatchKind.REWORDED, (2,), (2,), 0.88, score=0.3, decided_by="wording"),
)


def excerpt_comparison() -> Comparison:
    """A full revision against a reply known partly in excerpts: nothing outside them is deleted."""
    series = make_series(EXCERPT_OLD, EXCERPT_NEW, title="Excerpt plan")
    return scripted_compare(series, EXCERPT_OLD, EXCERPT_NEW, EXCERPT_MATCHES)
