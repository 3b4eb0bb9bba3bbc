"""Which point of one revision became which point of the next.

`align(old, new)` pairs the points of two revisions and says what happened to
each: unchanged, reworded, moved, merged, split, added, removed, or (for a
revision known only in part) unreported. Every old and every new index is in
exactly one `Match`.

Evidence is kept apart from decision. How points are paired:

1. Points that share an `id` are the same point, whatever else changed
   (`by_id=True`, confidence 1.0), even if the old one is listed as dropped.
2. Points reported dropped (`dropped`) are never paired by content.
3. Identical texts (and titles) pair next, in document order: they are
   certain, cheap, and most of a long document, so a view can show them first.
4. Every other pair of points that share weighted words is a candidate
   (`tui.engine.similarity`). Each gets evidence (`tui.engine.evidence`): its
   IDF-weighted score, its margin over the runner-up on each side, how far it
   lies from where the document order puts it, whether printed numbers and
   titles agree in a document shown to keep them. A fitted logistic model
   (`tui.engine.matchmodel`) turns the evidence into one probability.
5. One rule decides: pairs are taken most probable first, one to one, while
   their probability is at least `ACCEPT_PROBABILITY` (one half). Order does
   not bar a pair; it is one piece of evidence among others, so a treaty that
   regroups its commitments keeps its true pairs.
6. Merges and splits are scored as units: a leftover point against a matched
   point and its partners, by how much of the leftover the host covers, how
   much the union improves the unit, how far the leftover lies from the other
   members and whether the host is its best home; the same rule decides.

Kinds and flags:

- "Moved" means outside the backbone: the longest chain of matches that keep
  their relative order (ties go to the chain with the most similar pairs).
  A point that only got a new number because an earlier one was deleted is
  in the backbone: `renumbered=True`, not moved.
- Same normalised text and title: UNCHANGED in the backbone, MOVED outside it.
  Text changed: REWORDED, with `moved=True` when it is also out of order.
  MERGED and SPLIT carry `moved` the same way.
- Unpaired old points are REMOVED; when the new revision is `partial` they
  are UNREPORTED instead (their fate is unknown), unless listed in `dropped`.

Confidence is a probability:

- id matches and identical texts: 1.0;
- content matches: the model's probability of the link (for a merge or split,
  of its least likely piece): of the matches shown at 70%, about 70% are right;
- ADDED, REMOVED and UNREPORTED: how likely the point truly has no
  counterpart, from one minus the best probability of any link still open to
  it (a pair whose other point is matched elsewhere counts at most as likely
  as that match is wrong) and the share of the other side left over too,
  calibrated by a fitted model (1.0 when it shares no weighted word with any
  point); points the user reported dropped: 1.0.

Each match also carries its `score` (the weighted word overlap), its
`runner_up` (the most probable alternative the decision passed over) and
`decided_by` (what evidence weighed most).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal, TypeVar

import numpy as np

from tui.engine import matchmodel
from tui.engine.evidence import full_evidence, open_partner_probability, runner_up, text_evidence
from tui.engine.memory import return_freed_arrays
from tui.engine.progress import Progress
from tui.engine.similarity import Candidates, Similarity, normalize_text
from tui.engine.ties import best_per_group, exceeds_one, ranked
from tui.model import Point

ACCEPT_PROBABILITY = matchmodel.ACCEPT_PROBABILITY

_STEP_EVERY = 4096
"""Pairs decided between two progress reports: a cancel is seen within a few milliseconds."""

_DECIDERS = {
    "dice": "wording",
    "log_dice": "wording",
    "margin_old": "wording",
    "margin_new": "wording",
    "mutual_best": "wording",
    "position": "document order",
    "number": "same title or number",
    "title": "same title or number",
}
"""Each pair feature's name in `DECIDERS`: the margins are the words' evidence too."""

DECIDERS = (
    "id",
    "identical text",
    "wording",
    "document order",
    "same title or number",
    "joined",
    "reported dropped",
    "nothing similar",
    "too weak",
)
"""Why a match is what it is: shared id; identical text; for a pair the evidence that added most
to its probability (its words and their margin over the runner-up, its place in document order,
a shared title or printed number); a piece joined a merge or split; the user's `dropped` list;
a lone point that shares no weighted word with any point; one whose best partner was too unlikely."""


class MatchKind(str, Enum):
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    MOVED = "moved"
    MERGED = "merged"
    SPLIT = "split"
    ADDED = "added"
    REMOVED = "removed"
    UNREPORTED = "unreported"


@dataclass(frozen=True)
class RunnerUp:
    """The best alternative the decision passed over: a point on `side`, its word score and probability."""

    side: Literal["old", "new"]
    index: int
    score: float
    probability: float = 0.0


@dataclass(frozen=True)
class Match:
    """What became of some old points in the new revision (indices are 0-based)."""

    kind: MatchKind
    old: tuple[int, ...]
    """Old indices, ascending; empty for ADDED, several for MERGED."""
    new: tuple[int, ...]
    """New indices, ascending; empty for REMOVED and UNREPORTED, several for SPLIT."""
    confidence: float
    """For a pair, how likely it is right; for a lone point, how likely it has no counterpart."""
    moved: bool = False
    """Out of the order the other matches keep (see the module docstring)."""
    renumbered: bool = False
    """The printed numbers of the first old and first new point differ (both must have one)."""
    by_id: bool = False
    """Paired because the points share an `id`."""
    score: float | None = None
    """Weighted word overlap (Dice) of the two sides; None for a lone point or an id match."""
    runner_up: RunnerUp | None = None
    """For a pair, the best other partner either side had; for a lone point, its most probable partner."""
    decided_by: str = ""
    """What decided it, one of `DECIDERS`."""


@dataclass(frozen=True)
class Alignment:
    """All matches of two revisions, in reading order.

    Reading order is the order of the new revision; a removed or unreported
    point comes right after the match of the old point before it, so a view
    walking the matches shows each loss where it happened.
    """

    matches: tuple[Match, ...]
    _by_old: dict[int, Match] = field(init=False, repr=False, compare=False)
    _by_new: dict[int, Match] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_old", {index: m for m in self.matches for index in m.old})
        object.__setattr__(self, "_by_new", {index: m for m in self.matches for index in m.new})

    def for_old(self, index: int) -> Match:
        """The match holding this old index; KeyError if the old revision has no such point."""
        return self._by_old[index]

    def for_new(self, index: int) -> Match:
        """The match holding this new index; KeyError if the new revision has no such point."""
        return self._by_new[index]


@dataclass
class _Group:
    """A match being built: old and new indices that are one point, and why."""

    old: list[int]
    new: list[int]
    score: float
    probability: float = 1.0
    decided_by: str = ""
    runner_up: RunnerUp | None = None
    by_id: bool = False


@dataclass(frozen=True)
class Scored:
    """Candidates with their evidence and probability: what `align` decides on (and what fitting reads)."""

    candidates: Candidates
    features: np.ndarray
    probability: np.ndarray


def align(
    old: Sequence[Point],
    new: Sequence[Point],
    *,
    partial: bool = False,
    dropped: Collection[int] = (),
    progress: Progress | None = None,
) -> Alignment:
    """Pair the points of two revisions; `dropped` holds old indices reported dropped.

    `progress.step(phase, fraction)` is called between phases and inside the
    long loops; it raises `Cancelled` when the caller gave up.
    """
    step = progress.step if progress is not None else _no_progress
    return_freed_arrays()
    dropped = frozenset(dropped)
    if any(not 0 <= index < len(old) for index in dropped):
        raise ValueError(f"dropped indices out of range for {len(old)} old points: {sorted(dropped)}")
    step("ids", 0.0)
    groups = certain_groups(old, new, dropped)
    old_pool, new_pool = _pools(len(old), len(new), groups, dropped)
    step("similarity", 0.1)
    similarity = Similarity(
        [p.text for p in old], [p.text for p in new], [p.title for p in old], [p.title for p in new]
    )
    step("candidates", 0.3)
    scored = score_candidates(old, new, similarity, old_pool, new_pool, groups)
    step("pairing", 0.5)
    groups += _pair(scored, step)
    step("joining", 0.7)
    join_probability = _join(similarity, scored, groups, step)
    step("classifying", 0.9)
    return _classify(old, new, groups, scored, join_probability, partial=partial, dropped=dropped)


def _no_progress(phase: str, fraction: float) -> None:
    return None


def certain_groups(old: Sequence[Point], new: Sequence[Point], dropped: frozenset[int]) -> list[_Group]:
    """The pairs `align` fixes before any scoring (shared ids, then identical texts), in O(n).

    No later step undoes them (a merge or split may only add points to one),
    so a view can show them as decided while the rest is still being matched
    (`tui.engine.provisional`); it calls this very function, so it cannot disagree.
    """
    groups = _id_groups(old, new)
    old_pool, new_pool = _pools(len(old), len(new), groups, dropped)
    return groups + _identical(old, new, old_pool, new_pool)


def _pools(
    old_count: int, new_count: int, groups: list[_Group], dropped: frozenset[int]
) -> tuple[list[int], list[int]]:
    taken_old = {index for group in groups for index in group.old}
    taken_new = {index for group in groups for index in group.new}
    return (
        [i for i in range(old_count) if i not in taken_old and i not in dropped],
        [j for j in range(new_count) if j not in taken_new],
    )


def score_candidates(
    old: Sequence[Point],
    new: Sequence[Point],
    similarity: Similarity,
    old_pool: Sequence[int],
    new_pool: Sequence[int],
    fixed: Sequence[_Group],
) -> Scored:
    """Every candidate pair of the pools with its evidence and the pair model's probability."""
    candidates = similarity.candidates(old_pool, new_pool)
    text = text_evidence(candidates)
    text_probability = matchmodel.probability(
        text.matrix(matchmodel.TEXT_FEATURES), matchmodel.TEXT_INTERCEPT, matchmodel.TEXT_WEIGHTS
    )
    anchors = [(g.old[0], g.new[0]) for g in fixed]
    evidence = full_evidence(old, new, candidates, text, text_probability, anchors)
    features = evidence.matrix(matchmodel.PAIR_FEATURES)
    probability = matchmodel.probability(features, matchmodel.PAIR_INTERCEPT, matchmodel.PAIR_WEIGHTS)
    return Scored(candidates, features, probability)


def _id_groups(old: Sequence[Point], new: Sequence[Point]) -> list[_Group]:
    """Pair points by id; a repeated id pairs its occurrences in order."""
    new_by_id: dict[str, list[int]] = defaultdict(list)
    for index, point in enumerate(new):
        if point.id is not None:
            new_by_id[point.id].append(index)
    groups = []
    for index, point in enumerate(old):
        if point.id is not None and new_by_id.get(point.id):
            groups.append(_Group([index], [new_by_id[point.id].pop(0)], 1.0, decided_by="id", by_id=True))
    return groups


def _identical(
    old: Sequence[Point], new: Sequence[Point], old_pool: list[int], new_pool: list[int]
) -> list[_Group]:
    """Pairs of identical texts and titles, twins in order, so even wordless points ("—") pair."""
    by_text: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index in old_pool:
        by_text[_content(old[index])].append(index)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    groups = []
    for index in new_pool:
        key = _content(new[index])
        twins = by_text.get(key, ())
        if seen[key] < len(twins):
            groups.append(_Group([twins[seen[key]]], [index], 1.0, decided_by="identical text"))
            seen[key] += 1
    return groups


def _content(point: Point) -> tuple[str, str]:
    return normalize_text(point.text), normalize_text(point.title or "")


def _pair(scored: Scored, step) -> list[_Group]:
    """One to one, most probable first, while the probability is at least `ACCEPT_PROBABILITY`.

    Tied probabilities (`tui.engine.ties`) go in document order: lower old index, then lower new.
    """
    candidates, probability = scored.candidates, scored.probability
    order = ranked(probability, candidates.new, candidates.old)
    order = order[probability[order] >= ACCEPT_PROBABILITY]
    runner_old, row_old = runner_up(candidates.old, probability)
    runner_new, row_new = runner_up(candidates.new, probability)
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    groups = []
    olds, news = candidates.old.tolist(), candidates.new.tolist()
    deciders = _deciders(scored.features)
    for count, row in enumerate(order.tolist()):
        if count % _STEP_EVERY == _STEP_EVERY - 1:
            step("pairing", 0.5 + 0.2 * count / len(order))
        o, n = olds[row], news[row]
        if o in taken_old or n in taken_new:
            continue
        taken_old.add(o)
        taken_new.add(n)
        dice = candidates.dice
        if not exceeds_one(runner_new[row], runner_old[row]) and row_old[row] >= 0:
            other = row_old[row]
            alternative = RunnerUp("new", news[other], float(dice[other]), float(runner_old[row]))
        elif row_new[row] >= 0:
            other = row_new[row]
            alternative = RunnerUp("old", olds[other], float(dice[other]), float(runner_new[row]))
        else:
            alternative = None
        groups.append(
            _Group([o], [n], float(candidates.dice[row]), float(probability[row]), deciders[row], alternative)
        )
    return groups


def _deciders(features: np.ndarray) -> list[str]:
    """Per candidate, the evidence that added most to its logit."""
    if not len(features):
        return []
    parts = matchmodel.contributions(features, matchmodel.PAIR_WEIGHTS)
    names = [_DECIDERS[name] for name in matchmodel.PAIR_FEATURES]
    return [names[k] for k in np.argmax(parts, axis=1).tolist()]


def join_features(
    similarity: Similarity, leftover: int, host: int, members: list[int], merge: bool, best_elsewhere: float
) -> tuple[float, float, float, float]:
    """Evidence that a leftover point belongs to a matched unit: (coverage, gain, distance, margin)."""
    own = similarity.old_tokens if merge else similarity.new_tokens
    other = similarity.new_tokens if merge else similarity.old_tokens
    coverage = similarity.coverage(own[leftover], other[host])
    before = similarity.dice(_union(own, members), other[host])
    after = similarity.dice(_union(own, members) | own[leftover], other[host])
    distance = math.log1p(min(abs(leftover - m) for m in members) - 1)
    floor = matchmodel.LOG_FLOOR
    return coverage, after - before, distance, math.log((coverage + floor) / (best_elsewhere + floor))


def join_offers(
    similarity: Similarity, scored: Scored, groups: list[_Group], merge: bool
) -> list[tuple[int, int, float]]:
    """(leftover, host, best coverage elsewhere): each free point against its best matched home.

    Only the best home is offered (by the share of the leftover's weight the
    host holds; tied shares, see `tui.engine.ties`, go to the host first in
    document order), so the decision is "this home or none", and the margin is
    measured against every other point the leftover shares words with.
    """
    candidates = scored.candidates
    own_side, host_side = (candidates.old, candidates.new) if merge else (candidates.new, candidates.old)
    own_mass = similarity.old_mass if merge else similarity.new_mass
    placed_own = [i for g in groups for i in (g.old if merge else g.new)]
    hosts = [h for g in groups if len(g.new if merge else g.old) == 1 for h in (g.new if merge else g.old)]
    coverage = candidates.shared / np.maximum(own_mass[own_side], 1e-12)
    free = ~np.isin(own_side, np.asarray(placed_own, dtype=np.int64))
    homes = np.flatnonzero(free & np.isin(host_side, np.asarray(hosts, dtype=np.int64)))
    best = homes[best_per_group(own_side[homes], coverage[homes], host_side[homes])]
    others = free.copy()
    others[best] = False
    second = np.zeros(len(own_mass))
    np.maximum.at(second, own_side[others], coverage[others])
    return list(
        zip(own_side[best].tolist(), host_side[best].tolist(), second[own_side[best]].tolist(), strict=True)
    )


def _join(similarity: Similarity, scored: Scored, groups: list[_Group], step) -> dict[tuple[str, int], float]:
    """Grow matches into merges and splits, most probable first; returns each leftover's join probability."""
    best_join: dict[tuple[str, int], float] = {}
    for merge in (True, False):
        side = "old" if merge else "new"
        offers = join_offers(similarity, scored, groups, merge)
        group_of = {(g.new if merge else g.old)[0]: g for g in groups if len(g.new if merge else g.old) == 1}
        first_try = []
        for x, h, elsewhere in offers:
            p = _join_probability(similarity, x, h, group_of[h], merge, elsewhere)
            best_join[(side, x)] = p
            first_try.append(p)
        # Most probable first; tied probabilities (`tui.engine.ties`) in document order.
        order = ranked(np.asarray(first_try), np.asarray([x for x, _, _ in offers], dtype=np.int64))
        for count, k in enumerate(order.tolist()):
            if count % _STEP_EVERY == _STEP_EVERY - 1:
                step("joining", 0.7 + 0.2 * count / len(order))
            x, h, elsewhere = offers[k]
            if first_try[k] < ACCEPT_PROBABILITY:
                break
            group = group_of[h]
            if len(group.new if merge else group.old) != 1:
                continue
            p = _join_probability(similarity, x, h, group, merge, elsewhere)
            if p < ACCEPT_PROBABILITY:
                continue
            members = group.old if merge else group.new
            members.append(x)
            members.sort()
            own = similarity.old_tokens if merge else similarity.new_tokens
            other = similarity.new_tokens if merge else similarity.old_tokens
            group.score = similarity.dice(_union(own, members), other[h])
            group.probability = min(group.probability, p)
            group.decided_by = "joined"
    return best_join


def _join_probability(
    similarity: Similarity, x: int, h: int, group: _Group, merge: bool, elsewhere: float
) -> float:
    members = group.old if merge else group.new
    features = np.asarray([join_features(similarity, x, h, members, merge, elsewhere)])
    return float(matchmodel.probability(features, matchmodel.JOIN_INTERCEPT, matchmodel.JOIN_WEIGHTS)[0])


def _union(token_sets: list[frozenset[str]], members: Iterable[int]) -> frozenset[str]:
    return frozenset().union(*(token_sets[m] for m in members))


def _longest_chain(pairs: Iterable[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Longest chain increasing on both sides; among equally long ones, the most similar.

    Tied totals (`tui.engine.ties`) go to the chain ending at the later pair in old order, as
    exactly equal totals did.
    A Fenwick tree over new indices holds, for each prefix, the best chain
    ending there, so this is O(n log n) even for ten thousand pairs.
    """
    ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
    if not ordered:
        return []
    size = max(p[1] for p in ordered) + 2
    tree: list[tuple[int, float, int]] = [(0, 0.0, -1)] * (size + 1)
    previous: list[int] = []
    best: tuple[int, float, int] = (0, 0.0, -1)
    for position, (_, new, score) in enumerate(ordered):
        length, total, before = _prefix_best(tree, new + 1)
        entry = (length + 1, total + score, position)
        previous.append(before)
        _raise(tree, new + 2, entry)
        if _beats(entry, best):
            best = entry
    chain = []
    position = best[2]
    while position >= 0:
        chain.append(ordered[position])
        position = previous[position]
    return chain[::-1]


def _beats(entry: tuple[int, float, int], other: tuple[int, float, int]) -> bool:
    """`entry` (length, total score, position) ends a better chain than `other`."""
    if entry[0] != other[0]:
        return entry[0] > other[0]
    if exceeds_one(entry[1], other[1]):
        return True
    return not exceeds_one(other[1], entry[1]) and entry[2] > other[2]


def _prefix_best(tree: list[tuple[int, float, int]], index: int) -> tuple[int, float, int]:
    best = (0, 0.0, -1)
    while index > 0:
        if _beats(tree[index], best):
            best = tree[index]
        index -= index & -index
    return best


def _raise(tree: list[tuple[int, float, int]], index: int, entry: tuple[int, float, int]) -> None:
    while index < len(tree):
        if _beats(entry, tree[index]):
            tree[index] = entry
        index += index & -index


def _classify(
    old: Sequence[Point],
    new: Sequence[Point],
    groups: list[_Group],
    scored: Scored,
    join_probability: dict[tuple[str, int], float],
    *,
    partial: bool,
    dropped: frozenset[int],
) -> Alignment:
    backbone = {(o, n) for o, n, _ in _longest_chain((g.old[0], g.new[0], g.score) for g in groups)}
    found = [_found(old, new, group, (group.old[0], group.new[0]) not in backbone) for group in groups]
    taken_old = {index for match in found for index in match.old}
    taken_new = {index for match in found for index in match.new}
    best_old = _best_partners(scored, "old")
    best_new = _best_partners(scored, "new")
    open_old, open_new = _open_partners(scored, found, len(old), len(new))
    lone_old = len(old) - len(taken_old) - len(dropped - taken_old)
    lone_new = len(new) - len(taken_new)
    added = [
        _alone(
            MatchKind.ADDED,
            (),
            (index,),
            best_new.get(index),
            max(open_new[index], join_probability.get(("new", index), 0.0)),
            lone_old / len(old) if old else 0.0,
        )
        for index in range(len(new))
        if index not in taken_new
    ]
    lost = {}
    for index in range(len(old)):
        if index in taken_old:
            continue
        if index in dropped:
            lost[index] = Match(MatchKind.REMOVED, (index,), (), 1.0, decided_by="reported dropped")
            continue
        kind = MatchKind.UNREPORTED if partial else MatchKind.REMOVED
        lost[index] = _alone(
            kind,
            (index,),
            (),
            best_old.get(index),
            max(open_old[index], join_probability.get(("old", index), 0.0)),
            lone_new / len(new) if new else 0.0,
        )
    return Alignment(_reading_order(found + added, lost))


def _open_partners(
    scored: Scored, found: list[Match], old_count: int, new_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per old and new point, the best pair probability its partner leaves open (see evidence)."""
    old_confidence, new_confidence = np.zeros(old_count), np.zeros(new_count)
    for match in found:
        old_confidence[list(match.old)] = match.confidence
        new_confidence[list(match.new)] = match.confidence
    candidates, probability = scored.candidates, scored.probability
    return (
        open_partner_probability(candidates.old, candidates.new, probability, new_confidence, old_count),
        open_partner_probability(candidates.new, candidates.old, probability, old_confidence, new_count),
    )


def _best_partners(scored: Scored, side: str) -> dict[int, RunnerUp]:
    """Each point's most probable partner among its candidates (tied ones: the lower index)."""
    candidates, probability = scored.candidates, scored.probability
    mine, theirs = (candidates.old, candidates.new) if side == "old" else (candidates.new, candidates.old)
    if not len(mine):
        return {}
    rows = best_per_group(mine, probability, theirs)
    points = mine[rows]
    other: Literal["old", "new"] = "new" if side == "old" else "old"
    return {
        point: RunnerUp(other, partner, dice, p)
        for point, partner, dice, p in zip(
            points.tolist(),
            theirs[rows].tolist(),
            candidates.dice[rows].tolist(),
            probability[rows].tolist(),
            strict=True,
        )
    }


def _alone(
    kind: MatchKind,
    old: tuple[int, ...],
    new: tuple[int, ...],
    partner: RunnerUp | None,
    best: float,
    other_open: float,
) -> Match:
    """A point with no counterpart; its runner-up is its likeliest partner.

    `best` is the best probability of any link still open to it (a pair its
    partner's own match allows, or a join), `other_open` the share of the
    other side left without counterpart; the LONE model turns them into the
    confidence (`matchmodel.lone_probability`). A point that shares no
    weighted word with any point has nothing that could be its partner: 1.0.
    """
    nothing = partner is None and not best
    return Match(
        kind,
        old,
        new,
        1.0 if nothing else matchmodel.lone_probability(best, other_open),
        runner_up=partner,
        decided_by="nothing similar" if nothing else "too weak",
    )


def _found(old: Sequence[Point], new: Sequence[Point], group: _Group, moved: bool) -> Match:
    return Match(
        kind=_kind(old, new, group, moved),
        old=tuple(group.old),
        new=tuple(group.new),
        confidence=group.probability,
        moved=moved,
        renumbered=_renumbered(old[group.old[0]].number, new[group.new[0]].number),
        by_id=group.by_id,
        score=None if group.by_id else round(group.score, 6),
        runner_up=group.runner_up,
        decided_by=group.decided_by,
    )


_Row = TypeVar("_Row")


def _reading_order(present: list[Match], lost: dict[int, Match]) -> tuple[Match, ...]:
    """New order, each lost old point right after the match of the old point before it."""
    ordered = sorted(present, key=lambda match: match.new[0])
    return reading_order(ordered, lost, lambda match: match.old)


def reading_order(
    ordered: Sequence[_Row], lost: dict[int, _Row], old_of: Callable[[_Row], Iterable[int]]
) -> tuple[_Row, ...]:
    """`ordered` (rows in new order) with each lost old point's row right after the row holding the
    old point before it, or first when no earlier old point is placed: how a reader meets them.
    The first screen orders its rows with this too, so they never jump when the alignment lands."""
    position_of_old = {index: position for position, row in enumerate(ordered) for index in old_of(row)}
    after: dict[int, list[_Row]] = defaultdict(list)
    for index in sorted(lost):
        previous = index - 1
        while previous in lost:
            previous -= 1
        after[position_of_old.get(previous, -1)].append(lost[index])
    result = list(after[-1])
    for position, row in enumerate(ordered):
        result.append(row)
        result.extend(after[position])
    return tuple(result)


def _kind(old: Sequence[Point], new: Sequence[Point], group: _Group, moved: bool) -> MatchKind:
    if len(group.old) > 1:
        return MatchKind.MERGED
    if len(group.new) > 1:
        return MatchKind.SPLIT
    before, after = old[group.old[0]], new[group.new[0]]
    same = (before.text == after.text and before.title == after.title) or _content(before) == _content(after)
    if not same:
        return MatchKind.REWORDED
    return MatchKind.MOVED if moved else MatchKind.UNCHANGED


def _renumbered(before: str | None, after: str | None) -> bool:
    """Only a printed number that changed counts; a revision without numbers renumbers nothing."""
    return before is not None and after is not None and before != after
