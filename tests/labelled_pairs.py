"""Real revision pairs with a human alignment, as (old points, new points, true pairs) for scoring the matcher.

Two sources: the shared corpus of real documents nobody on this project wrote
(`../shared/corpora/real-pairs`, with `gold.yaml`), and the US plan sample
pairs with their expected alignment (tests/data). Both give point references;
here they become 0-based indices, the form `align` returns.

Low-confidence gold links are kept apart (`soft`): neither rewarded nor
penalised, as the corpus scorer does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from tui.engine.compare import resolve_dropped
from tui.locations import proposals_dir
from tui.model import Point, Revision
from tui.reading.loading import load_paths

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real-pairs"
US_EXPECTED = Path(__file__).parent / "data" / "us_plan_expected_alignment.yaml"


@dataclass(frozen=True)
class LabelledPair:
    name: str
    old: tuple[Point, ...]
    new: tuple[Point, ...]
    pairs: frozenset[tuple[int, int]]
    """True (old index, new index) links."""
    soft: frozenset[tuple[int, int]] = frozenset()
    """Links a careful reader might or might not draw: not scored."""
    partial: bool = False
    dropped: tuple[int, ...] = ()


def corpus_missing_reason() -> str | None:
    """Why the shared corpus cannot be used, or None; with PROPDIFF_REQUIRE_CORPUS=1 its absence is an error."""
    if (CORPUS / "gold.yaml").is_file():
        return None
    reason = f"the shared real-pairs corpus is not at {CORPUS} (clone ../shared beside the repository)"
    if os.environ.get("PROPDIFF_REQUIRE_CORPUS") == "1":
        raise RuntimeError(reason + "; PROPDIFF_REQUIRE_CORPUS=1 requires it")
    return reason


def _index(revision: Revision, ref: str) -> int:
    if ref.startswith("#"):
        return int(ref[1:]) - 1
    found = revision.find_point(ref)
    if found is None:
        raise KeyError(f"{revision.id} has no point {ref!r}")
    return found


def real_pairs() -> list[LabelledPair]:
    """The shared corpus pairs (empty if the corpus is missing)."""
    if corpus_missing_reason() is not None:
        return []
    gold = yaml.safe_load((CORPUS / "gold.yaml").read_text(encoding="utf-8"))
    result = []
    for pair in gold["pairs"]:
        loaded = load_paths([CORPUS / "proposals" / f"{pair['series']}.yaml"])
        series = next(s for s in loaded.catalog.series if s.id == pair["series"])
        old, new = series.revision(pair["old_revision"]), series.revision(pair["new_revision"])
        sure: set[tuple[int, int]] = set()
        soft: set[tuple[int, int]] = set()
        for link in gold["correspondences"]:
            if link["series"] != pair["series"]:
                continue
            bucket = soft if link.get("confidence") == "low" else sure
            bucket.update((_index(old, o), _index(new, n)) for o in link["old"] for n in link["new"])
        result.append(LabelledPair(pair["series"], old.points, new.points, frozenset(sure), frozenset(soft)))
    return result


def us_pairs() -> list[LabelledPair]:
    """The US plan sample pairs of tests/data, with the sample's partial revisions and dropped points."""
    expected = yaml.safe_load(US_EXPECTED.read_text(encoding="utf-8"))
    (series,) = load_paths([proposals_dir() / "us-peace-plan-ukraine"]).catalog.series
    result = []
    for name, truth in sorted(expected.items()):
        old_id, new_id = name.split("->")
        old, new = series.revision(old_id), series.revision(new_id)
        pairs = frozenset((_index(old, o), _index(new, n)) for o, n in truth["pairs"])
        dropped = tuple(sorted(resolve_dropped(series, old, new)))
        result.append(LabelledPair(name, old.points, new.points, pairs, partial=new.partial, dropped=dropped))
    return result


def f1(found: set[tuple[int, int]], pair: LabelledPair) -> tuple[float, float, float]:
    """Precision, recall and F1 of found links against a labelled pair, soft links ignored."""
    judged = found - pair.soft
    right = len(judged & pair.pairs)
    precision = right / len(judged) if judged else 1.0
    recall = right / len(pair.pairs) if pair.pairs else 1.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)
