"""Which point of one revision became which point of the next.

`align(old, new)` pairs the points of two revisions and says what happened to
each: unchanged, reworded, moved, merged, split, added, removed, or (for a
revision known only in part) unreported. Every old and every new index is in
exactly one `Match`.

How points are paired, strongest evidence first:

1. Points that share an `id` are the same point, whatever else changed
   (`by_id=True`, confidence 1.0), even if the old one is listed as dropped.
2. Points reported dropped (`dropped`) are never paired by content.
3. The rest are paired by content: the IDF-weighted word overlap of
   `tui.engine.similarity` (a weighted Dice score). Candidate pairs are taken best
   first, globally, one to one. A pair that keeps document order (it falls
   between the clearly paired points around it) needs a far lower score than
   one that does not (`ACCEPT_IN_ORDER`, `ACCEPT`), since its place already
   speaks for it, and wins over one that is nearly as similar but out of
   order (`ORDER_TIE`). Exact ties go to the texts that read more alike
   letter by letter (rapidfuzz), then to equal titles and printed numbers,
   then to the pair nearer to where its neighbours put it.
4. An unpaired old point whose words are largely found in a paired new point
   joins it as a MERGED match, if it brings words the new point has that its
   other old points lack; symmetrically an unpaired new point joins a SPLIT
   match. Neighbours need less overlap to join (`JOIN_NEIGHBOUR`, `JOIN`),
   since merges and splits usually involve consecutive points.

Steps 3 and 4 run twice: first taking out-of-order pairs only when they are
very similar (`ACCEPT_SURE`), so that a half of a merge is not handed to a
mediocre look-alike elsewhere before merges are looked for; then with the
normal bar.

Kinds and flags:

- "Moved" means outside the backbone: the longest chain of matches that keep
  their relative order (ties go to the chain with the most similar pairs).
  A point that only got a new number because an earlier one was deleted is
  in the backbone: `renumbered=True`, not moved.
- Same normalised text and title: UNCHANGED in the backbone, MOVED outside it.
  Text changed: REWORDED, with `moved=True` when it is also out of order;
  that is how "reworded and moved" is represented. MERGED and SPLIT carry
  `moved` the same way. `moved` is True for every MOVED match.
- Unpaired old points are REMOVED; when the new revision is `partial` they
  are UNREPORTED instead (their fate is unknown), unless listed in `dropped`.

Confidence is in [0, 1]:

- id matches: 1.0;
- content matches: an estimate of the chance that the pair is right, a
  logistic function of the similarity score, one curve for pairs in document
  order and a stricter one for moved pairs (see `_confidence`); identical
  texts score 1.0;
- ADDED, REMOVED and UNREPORTED: how sure we are that the point has no
  counterpart, 1 - the confidence of its most similar point on the other side
  (1.0 when nothing shares a telling word with it); points the user reported
  dropped: 1.0.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from rapidfuzz import fuzz

from tui.engine.progress import Progress
from tui.engine.similarity import Candidate, Similarity, normalize_text
from tui.model import Point

# Thresholds on the weighted Dice score (coverage shares for JOIN*), chosen by
# measurement: `python tests/benchmarks/bench_align.py --sweep NAME=V1,V2,...`
# reports F1 for each value on generated pairs (three mixes, 10 to 1,000
# points) and on the US 28/20-point pair. Each value sits inside the plateau
# where both are best. Generated pairs are indifferent to ACCEPT_IN_ORDER from
# 0.12 to 0.22 and to JOIN_NEIGHBOUR from 0.2 to 0.3; the real paraphrases of
# the US pair pin them down (its weakest true pairs score 0.19 and its best
# false one 0.15; its one split piece covers 0.24 and a false merge 0.19).
ACCEPT_SURE = 0.6
"""A pair out of document order is taken before merges and splits are looked for only with this score."""
ACCEPT = 0.35
"""A pair out of document order needs this score."""
ACCEPT_IN_ORDER = 0.17
"""A pair that keeps document order needs only this."""
ANCHOR = 0.5
"""Mutually best pairs at least this similar fix the order that others are judged against."""
ORDER_TIE = 0.02
"""Scores this close count as equal, and document order decides."""
JOIN = 0.45
"""Share of its weight a point must find in a matched point to join it in a merge or split."""
JOIN_NEIGHBOUR = 0.2
"""The same, for a point next to the ones it joins."""
JOIN_NEW = 0.4
"""Share of what it has in common with the host that the joining point must add to the host's match."""
TITLE_BONUS = 0.15
"""Added to the score of two points with the same title: counter-proposals keep headings."""
NUMBER_BONUS = 0.05
"""Added to the score of two points with the same printed number (a point-by-point reply)."""

# Confidence curves: logistic fits of "is this candidate pair right?" against
# its score, over all candidate pairs of generated revision pairs (sizes 30 and
# 300, three mixes) plus the US 28/20-point pair, split by whether the pair
# keeps document order. Out of order, half the pairs scoring 0.38 are right; in
# order, context makes far weaker pairs trustworthy.
_IN_ORDER_MIDPOINT = 0.15
_OUT_OF_ORDER_MIDPOINT = 0.38
_CONFIDENCE_SLOPE = 28.0


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
    """Weighted word overlap of the two sides (with title/number evidence when that decided it);
    None for a lone point and an id match."""
    runner_up: RunnerUp | None = None
    """For a pair, the best other partner either of its points had; for a lone point, its most
    similar point on the other side."""
    decided_by: str = ""
    """What decided it, one of `DECIDERS`."""


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
"""Why a match is what it is: shared id; identical text; the words alone cleared the bar
(`ACCEPT`); a weaker pair that keeps document order (`ACCEPT_IN_ORDER`); a shared title or
printed number lifted it over the bar; a piece joined a merge or split; the user's `dropped`
list; no point shares a telling word with it; its best candidate was under every bar."""


@dataclass(frozen=True)
class RunnerUp:
    """The best alternative the decision passed over: a point on `side` and its score."""

    side: Literal["old", "new"]
    index: int
    score: float


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
    """A match being built: old and new indices that are one point, and how alike they are."""

    old: list[int]
    new: list[int]
    score: float
    by_id: bool = False
    decided_by: str = ""


_STEP_EVERY = 4096
"""Candidates ranked between two progress reports: a cancel is seen within milliseconds."""


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
    long loops; it raises `Cancelled` when the caller gave up, and nothing of
    the half-done alignment survives.
    """
    step = progress.step if progress is not None else _no_progress
    step("ids", 0.0)
    dropped = frozenset(dropped)
    if any(not 0 <= index < len(old) for index in dropped):
        raise ValueError(f"dropped indices out of range for {len(old)} old points: {sorted(dropped)}")
    groups = _id_groups(old, new)
    taken_old = {index for group in groups for index in group.old}
    taken_new = {index for group in groups for index in group.new}
    old_pool = [i for i in range(len(old)) if i not in taken_old and i not in dropped]
    new_pool = [j for j in range(len(new)) if j not in taken_new]
    step("similarity", 0.05)
    similarity = Similarity([point.text for point in old], [point.text for point in new])
    step("candidates", 0.2)
    candidates = similarity.candidates(old_pool, new_pool, min(ACCEPT_IN_ORDER, JOIN_NEIGHBOUR))
    candidates += _identical(old, new, old_pool, new_pool)
    candidates = _deduplicated(candidates + _labelled(old, new, old_pool, new_pool, similarity))
    for round_, out_of_order_bar in enumerate((ACCEPT_SURE, ACCEPT)):
        step("pairing", 0.4 + 0.25 * round_)
        groups += _pair(
            old,
            new,
            candidates,
            groups,
            out_of_order_bar,
            similarity,
            _within(step, 0.4 + 0.25 * round_, 0.1),
        )
        step("joining", 0.5 + 0.25 * round_)
        _grow(similarity, candidates, groups, merge=True)
        _grow(similarity, candidates, groups, merge=False)
    step("classifying", 0.95)
    return _classify(old, new, groups, candidates, partial=partial, dropped=dropped)


def _within(step: Callable[[str, float], None], start: float, width: float) -> Callable[[str, float], None]:
    """A step for one phase whose own fractions map into [start, start + width] of the whole alignment."""
    return lambda phase, fraction: step(phase, start + width * fraction)


def _no_progress(phase: str, fraction: float) -> None:
    """Stands in for `Progress.step` when nobody listens."""


def _id_groups(old: Sequence[Point], new: Sequence[Point]) -> list[_Group]:
    """Pair points by id; a repeated id pairs its occurrences in order."""
    new_by_id: dict[str, list[int]] = defaultdict(list)
    for index, point in enumerate(new):
        if point.id is not None:
            new_by_id[point.id].append(index)
    groups = []
    for index, point in enumerate(old):
        if point.id is not None and new_by_id.get(point.id):
            groups.append(_Group([index], [new_by_id[point.id].pop(0)], 1.0, by_id=True, decided_by="id"))
    return groups


def _identical(
    old: Sequence[Point], new: Sequence[Point], old_pool: list[int], new_pool: list[int]
) -> list[Candidate]:
    """Pairs of identical texts, in order, so that even wordless points ("—") pair with their twins."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for index in old_pool:
        by_text[normalize_text(old[index].text)].append(index)
    seen: dict[str, int] = defaultdict(int)
    pairs = []
    for index in new_pool:
        text = normalize_text(new[index].text)
        twins = by_text.get(text, ())
        if seen[text] < len(twins):
            pairs.append(Candidate(twins[seen[text]], index, 1.0))
            seen[text] += 1
    return pairs


def _labelled(
    old: Sequence[Point],
    new: Sequence[Point],
    old_pool: list[int],
    new_pool: list[int],
    similarity: Similarity,
) -> list[Candidate]:
    """Pairs that share a title or a printed number, scored with that evidence added.

    A counter-proposal that answers a draft point by point keeps its numbers
    and headings while rewriting the text (the E3 reply to the US draft), so
    a shared label lifts a weak text match over the in-order bar. Alone, it
    is far too weak to pair unrelated texts, and out of order it rarely
    clears `ACCEPT`.
    """
    by_title: dict[str, list[int]] = defaultdict(list)
    by_number: dict[str, list[int]] = defaultdict(list)
    for index in old_pool:
        point = old[index]
        if point.title:
            by_title[normalize_text(point.title)].append(index)
        if point.number:
            by_number[point.number.strip().casefold()].append(index)
    pairs = []
    for index in new_pool:
        point = new[index]
        bonus: dict[int, float] = defaultdict(float)
        if point.title:
            for twin in by_title.get(normalize_text(point.title), ()):
                bonus[twin] += TITLE_BONUS
        if point.number:
            for twin in by_number.get(point.number.strip().casefold(), ()):
                bonus[twin] += NUMBER_BONUS
        pairs += [Candidate(o, index, similarity.score(o, index) + extra) for o, extra in bonus.items()]
    return pairs


def _deduplicated(candidates: list[Candidate]) -> list[Candidate]:
    unique: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        key = (candidate.old, candidate.new)
        if key not in unique or candidate.score > unique[key].score:
            unique[key] = candidate
    return list(unique.values())


def _pair(
    old: Sequence[Point],
    new: Sequence[Point],
    candidates: list[Candidate],
    fixed: list[_Group],
    bar: float,
    similarity: Similarity,
    step: Callable[[str, float], None],
) -> list[_Group]:
    """One-to-one pairs, best first; out-of-order ones need `bar`, in-order ones much less."""
    backbone = _backbone(candidates, fixed)
    taken_old = {index for group in fixed for index in group.old}
    taken_new = {index for group in fixed for index in group.new}
    open_pairs = [
        c
        for c in candidates
        if c.score >= ACCEPT_IN_ORDER and c.old not in taken_old and c.new not in taken_new
    ]
    groups = []
    for count, (candidate, in_order) in enumerate(_ranked(old, new, open_pairs, backbone)):
        if count % _STEP_EVERY == _STEP_EVERY - 1:
            step("pairing", count / len(open_pairs))
        needed = ACCEPT_IN_ORDER if in_order else bar
        if candidate.score < needed:
            continue
        if candidate.old in taken_old or candidate.new in taken_new:
            continue
        taken_old.add(candidate.old)
        taken_new.add(candidate.new)
        groups.append(
            _Group(
                [candidate.old],
                [candidate.new],
                candidate.score,
                decided_by=_decider(candidate, in_order, bar, similarity),
            )
        )
    return groups


def _decider(candidate: Candidate, in_order: bool, bar: float, similarity: Similarity) -> str:
    """Which evidence carried a pair over its bar: its words, its place, or a shared label."""
    if candidate.score >= 1.0 and similarity.score(candidate.old, candidate.new) >= 1.0:
        return "identical text"
    words = similarity.score(candidate.old, candidate.new)
    if words < (ACCEPT_IN_ORDER if in_order else bar):
        return "same title or number"
    return "wording" if words >= bar else "document order"


def _backbone(candidates: list[Candidate], fixed: list[_Group]) -> list[tuple[int, int]]:
    """The order the document keeps: the longest order-preserving chain of sure pairs.

    Sure pairs are the fixed ones and those that are each other's clear best
    choice; a tie (twin texts) is no evidence of order.
    """
    best_old = _clear_best(candidates, lambda c: c.old)
    best_new = _clear_best(candidates, lambda c: c.new)
    sure = [(group.old[0], group.new[0], group.score) for group in fixed]
    sure += [
        (c.old, c.new, c.score)
        for c in best_old.values()
        if c is not None and c.score >= ANCHOR and best_new.get(c.new) is c
    ]
    return [(o, n) for o, n, _ in _longest_chain(sure)]


def _clear_best(candidates: list[Candidate], side: Callable[[Candidate], int]) -> dict[int, Candidate | None]:
    """Each point's best candidate, or None where two tie for best."""
    best: dict[int, Candidate | None] = {}
    top: dict[int, float] = {}
    for candidate in candidates:
        index = side(candidate)
        if index not in top or candidate.score > top[index]:
            top[index] = candidate.score
            best[index] = candidate
        elif candidate.score == top[index]:
            best[index] = None
    return best


def _longest_chain(pairs: Iterable[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Longest chain increasing on both sides; among equally long ones, the most similar.

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
        best = max(best, entry)
    chain = []
    position = best[2]
    while position >= 0:
        chain.append(ordered[position])
        position = previous[position]
    return chain[::-1]


def _prefix_best(tree: list[tuple[int, float, int]], index: int) -> tuple[int, float, int]:
    best = (0, 0.0, -1)
    while index > 0:
        best = max(best, tree[index])
        index -= index & -index
    return best


def _raise(tree: list[tuple[int, float, int]], index: int, entry: tuple[int, float, int]) -> None:
    while index < len(tree):
        if entry > tree[index]:
            tree[index] = entry
        index += index & -index


def _ranked(
    old: Sequence[Point], new: Sequence[Point], candidates: list[Candidate], backbone: list[tuple[int, int]]
) -> list[tuple[Candidate, bool]]:
    """Candidates best first.

    Scores within `ORDER_TIE` of each other count as equal: the pair in
    document order wins, then (for exactly equal scores, as word sets can tie
    when only the word order differs) the texts that read more alike letter by
    letter, then equal titles and numbers, then the pair nearer to where its
    neighbours put it.
    """
    anchors_old = [o for o, _ in backbone]
    tied = _tied_scores(candidates)
    keyed = []
    for candidate in candidates:
        in_order, distance = _place(candidate, backbone, anchors_old)
        before, after = old[candidate.old], new[candidate.new]
        letters = fuzz.ratio(before.text, after.text) if candidate.score in tied else 0.0
        hints = _same(before.title, after.title) + _same(before.number, after.number)
        primary = candidate.score + (ORDER_TIE if in_order else 0.0)
        key = (-primary, -letters, -hints, distance, candidate.old, candidate.new)
        keyed.append((key, candidate, in_order))
    keyed.sort(key=lambda item: item[0])
    return [(candidate, in_order) for _, candidate, in_order in keyed]


def _tied_scores(candidates: list[Candidate]) -> set[float]:
    seen: set[float] = set()
    tied: set[float] = set()
    for candidate in candidates:
        (tied if candidate.score in seen else seen).add(candidate.score)
    return tied


def _place(
    candidate: Candidate, backbone: list[tuple[int, int]], anchors_old: list[int]
) -> tuple[bool, float]:
    """Whether a pair falls between the backbone pairs around it, and how far from where they put it."""
    at = bisect.bisect_left(anchors_old, candidate.old)
    if at < len(backbone) and backbone[at][0] == candidate.old:
        return backbone[at][1] == candidate.new, abs(backbone[at][1] - candidate.new)
    before = backbone[at - 1] if at > 0 else (-1, -1)
    after = backbone[at] if at < len(backbone) else None
    if after is None:
        expected = before[1] + (candidate.old - before[0])
        return candidate.new > before[1], abs(candidate.new - expected)
    span = after[0] - before[0]
    expected = before[1] + (after[1] - before[1]) * (candidate.old - before[0]) / span
    return before[1] < candidate.new < after[1], abs(candidate.new - expected)


def _same(left: str | None, right: str | None) -> int:
    return int(left is not None and left == right)


def _grow(similarity: Similarity, candidates: list[Candidate], groups: list[_Group], *, merge: bool) -> None:
    """Attach leftover points of one side to a match on the other side that contains them.

    For merges the leftovers are old points joining a match with one new
    point; for splits, new points joining a match with one old point.
    """
    home_of: dict[int, _Group] = {}
    for group in groups:
        for index in group.old if merge else group.new:
            home_of[index] = group
    own = similarity.old_tokens if merge else similarity.new_tokens
    other = similarity.new_tokens if merge else similarity.old_tokens
    offers = []
    for candidate in candidates:
        leftover, host = (candidate.old, candidate.new) if merge else (candidate.new, candidate.old)
        if leftover in home_of:
            continue
        offers.append((similarity.coverage(own[leftover], other[host]), leftover, host))
    offers.sort(reverse=True)
    group_of_host = {(group.new if merge else group.old)[0]: group for group in groups}
    for cover, leftover, host in offers:
        group = group_of_host.get(host)
        if leftover in home_of or group is None or len(group.new if merge else group.old) != 1:
            continue
        members = group.old if merge else group.new
        neighbour = leftover - 1 in members or leftover + 1 in members
        if cover < (JOIN_NEIGHBOUR if neighbour else JOIN):
            continue
        joined = _union(own, members) | own[leftover]
        shared = own[leftover] & other[host]
        if similarity.coverage(shared, shared - _union(own, members)) < JOIN_NEW:
            continue
        members.append(leftover)
        members.sort()
        home_of[leftover] = group
        group.score = similarity.dice(joined, other[host])
        group.decided_by = "joined"


def _union(token_sets: list[frozenset[str]], members: list[int]) -> frozenset[str]:
    return frozenset().union(*(token_sets[m] for m in members))


def _classify(
    old: Sequence[Point],
    new: Sequence[Point],
    groups: list[_Group],
    candidates: list[Candidate],
    *,
    partial: bool,
    dropped: frozenset[int],
) -> Alignment:
    backbone = {(o, n) for o, n, _ in _longest_chain((g.old[0], g.new[0], g.score) for g in groups)}
    best = _best_scores(candidates)
    top = _top_candidates(candidates)
    found = [
        _found(old, new, group, (group.old[0], group.new[0]) not in backbone, _runner_up(group, top))
        for group in groups
    ]
    taken_old = {index for match in found for index in match.old}
    taken_new = {index for match in found for index in match.new}
    added = [
        _alone(MatchKind.ADDED, ("new", index), best, top)
        for index in range(len(new))
        if index not in taken_new
    ]
    lost = {
        index: _lost(index, best, top, partial=partial, dropped=dropped)
        for index in range(len(old))
        if index not in taken_old
    }
    return Alignment(_reading_order(found + added, lost))


_Top = dict[tuple[str, int], list[tuple[float, int]]]


def _top_candidates(candidates: list[Candidate]) -> _Top:
    """Each point's candidates on the other side, best first (score, then lower index)."""
    top: _Top = defaultdict(list)
    for c in candidates:
        top[("old", c.old)].append((c.score, c.new))
        top[("new", c.new)].append((c.score, c.old))
    for options in top.values():
        options.sort(key=lambda option: (-option[0], option[1]))
    return top


def _runner_up(group: _Group, top: _Top) -> RunnerUp | None:
    """The best partner either side of the match had outside it."""
    choices = []
    for index in group.old:
        choices += [
            RunnerUp("new", other, score)
            for score, other in top.get(("old", index), ())
            if other not in group.new
        ][:1]
    for index in group.new:
        choices += [
            RunnerUp("old", other, score)
            for score, other in top.get(("new", index), ())
            if other not in group.old
        ][:1]
    return max(choices, key=lambda r: (r.score, r.side == "new", -r.index), default=None)


def _alone(kind: MatchKind, key: tuple[str, int], best: dict[tuple[str, int], float], top: _Top) -> Match:
    side, index = key
    options = top.get(key)
    runner_up = RunnerUp("new" if side == "old" else "old", options[0][1], options[0][0]) if options else None
    return Match(
        kind,
        (index,) if side == "old" else (),
        (index,) if side == "new" else (),
        _absence(best.get(key)),
        runner_up=runner_up,
        decided_by="too weak" if options else "nothing similar",
    )


def _found(
    old: Sequence[Point], new: Sequence[Point], group: _Group, moved: bool, runner_up: RunnerUp | None
) -> Match:
    return Match(
        kind=_kind(old, new, group, moved),
        old=tuple(group.old),
        new=tuple(group.new),
        confidence=1.0 if group.by_id else _confidence(group.score, in_order=not moved),
        moved=moved,
        renumbered=_renumbered(old[group.old[0]].number, new[group.new[0]].number),
        by_id=group.by_id,
        score=None if group.by_id else round(group.score, 6),
        runner_up=runner_up,
        decided_by=group.decided_by,
    )


def _lost(
    index: int, best: dict[tuple[str, int], float], top: _Top, *, partial: bool, dropped: frozenset[int]
) -> Match:
    """An old point with no counterpart: removed, or unreported when the new revision is partial."""
    if index in dropped:
        return Match(MatchKind.REMOVED, (index,), (), 1.0, decided_by="reported dropped")
    return _alone(MatchKind.UNREPORTED if partial else MatchKind.REMOVED, ("old", index), best, top)


def _reading_order(present: list[Match], lost: dict[int, Match]) -> tuple[Match, ...]:
    """New order, each lost old point right after the match of the old point before it."""
    ordered = sorted(present, key=lambda match: match.new[0])
    position_of_old = {index: position for position, match in enumerate(ordered) for index in match.old}
    after: dict[int, list[Match]] = defaultdict(list)
    for index in sorted(lost):
        previous = index - 1
        while previous in lost:
            previous -= 1
        after[position_of_old.get(previous, -1)].append(lost[index])
    result = list(after[-1])
    for position, match in enumerate(ordered):
        result.append(match)
        result.extend(after[position])
    return tuple(result)


def _kind(old: Sequence[Point], new: Sequence[Point], group: _Group, moved: bool) -> MatchKind:
    if len(group.old) > 1:
        return MatchKind.MERGED
    if len(group.new) > 1:
        return MatchKind.SPLIT
    before, after = old[group.old[0]], new[group.new[0]]
    same = normalize_text(before.text) == normalize_text(after.text) and normalize_text(
        before.title or ""
    ) == normalize_text(after.title or "")
    if not same:
        return MatchKind.REWORDED
    return MatchKind.MOVED if moved else MatchKind.UNCHANGED


def _renumbered(before: str | None, after: str | None) -> bool:
    """Only a printed number that changed counts; a revision without numbers renumbers nothing."""
    return before is not None and after is not None and before != after


def _best_scores(candidates: list[Candidate]) -> dict[tuple[str, int], float]:
    best: dict[tuple[str, int], float] = {}
    for candidate in candidates:
        for key in (("old", candidate.old), ("new", candidate.new)):
            best[key] = max(best.get(key, 0.0), candidate.score)
    return best


def _absence(best: float | None) -> float:
    """How sure an unpaired point has no counterpart: the less like anything it is, the surer.

    Its most similar point is judged without the help of document order: had
    order vouched for it, the pair would have been taken.
    """
    return 1.0 if best is None else 1.0 - _confidence(best, in_order=False)


def _confidence(score: float, *, in_order: bool) -> float:
    """Estimated chance that a pair with this score is right."""
    if score >= 1.0:
        return 1.0
    midpoint = _IN_ORDER_MIDPOINT if in_order else _OUT_OF_ORDER_MIDPOINT
    return 1.0 / (1.0 + math.exp(-_CONFIDENCE_SLOPE * (score - midpoint)))
