"""The evidence for each candidate pair, as feature columns, and the probability the model makes of them.

Evidence is kept apart from decision: this module only measures (how alike
two points are, by how much they beat the runner-up on each side, how far from
where the document order puts them, whether their printed numbers and titles
agree in a document shown to keep them). `tui.engine.matchmodel` turns the
columns into one calibrated probability per pair; `tui.engine.align` decides.

Everything is computed on whole arrays (numpy): a 10,000-point pair has a
few hundred thousand candidates and no Python loop runs over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui.engine import matchmodel
from tui.engine.similarity import Candidates, group_order, normalize_text
from tui.engine.ties import SCORE_TIE, exceeds, tie_floor
from tui.model import Point

POSITION_CAP = 20
"""Places off beyond which distance says nothing more: a point moved 20 places was moved, and one
moved 5,000 is no less likely the same point (uncapped, far moves in long documents were lost).
Measured at 15 and 25 (`fit_matcher.py --sensitivity`): labelled pairs unchanged (worst 0.960, mean
0.993), 1,000-point paraphrase 0.144 / 0.136 against 0.138."""

# Shrinkage of the "document keeps its numbers/titles" rates: with `_PRIOR`
# pseudo-anchors that disagree, two agreeing anchors of a short document say
# "probably keeps" (0.5) and ten say "keeps" (0.83); no anchors say nothing.
_PRIOR = 2.0


@dataclass(frozen=True)
class Evidence:
    """Feature columns, one row per candidate (same order as the `Candidates` arrays)."""

    columns: dict[str, np.ndarray]

    def matrix(self, names: Sequence[str]) -> np.ndarray:
        return np.column_stack([self.columns[name] for name in names])


def text_evidence(candidates: Candidates) -> Evidence:
    """What the words alone say: the score, and its margin over the runner-up of each point.

    Margins are ratios (differences of logs): a pair at 0.3 whose runner-up
    scores 0.1 is as clear in a paraphrased treaty as 0.9 against 0.3 in a
    lightly edited draft. A margin within `SCORE_TIE` of 0 is a tie: neither point's best.
    """
    dice = candidates.dice
    log_dice = np.log(dice + matchmodel.LOG_FLOOR)
    margin_old = log_dice - np.log(runner_up(candidates.old, dice)[0] + matchmodel.LOG_FLOOR)
    margin_new = log_dice - np.log(runner_up(candidates.new, dice)[0] + matchmodel.LOG_FLOOR)
    return Evidence(
        {
            "dice": dice,
            "log_dice": log_dice,
            "margin_old": margin_old,
            "margin_new": margin_new,
            "mutual_best": ((margin_old > SCORE_TIE) & (margin_new > SCORE_TIE)).astype(np.float64),
        }
    )


def runner_up(group: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the best score among the other rows of its group, and that row (-1 if none).

    `group` holds one point index per candidate; the runner-up of the best
    candidate is the second best, that of every other one the best. Among
    rows tied for best (`tui.engine.ties`), the first row counts as the best.
    """
    count = len(score)
    if not count:
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    # Rows grouped (stably, so by row within a group), then each group's best
    # and second best by a maximum per group: no sort of the scores.
    order = group_order(group)
    ordered_group, ordered_score = group[order], score[order]
    starts = np.flatnonzero(np.concatenate([[True], ordered_group[1:] != ordered_group[:-1]]))
    segment = np.cumsum(np.concatenate([[True], ordered_group[1:] != ordered_group[:-1]])) - 1
    position = np.arange(count)
    first = _first_at_maximum(ordered_score, segment, starts, position)
    without = ordered_score.copy()
    without[first] = -np.inf
    second = _first_at_maximum(without, segment, starts, position)
    second = np.where(np.isneginf(without[second]), -1, second)
    if starts[-1] == count - 1:
        # Kept from the sort-based version this replaced, which the fitted weights were fitted
        # with: a one-row group that sorts last counts its own row as its runner-up.
        second[-1] = count - 1
    best_position = first[segment]
    other_position = np.where(position == best_position, second[segment], best_position)
    other = np.where(other_position >= 0, order[np.maximum(other_position, 0)], -1)
    result = np.empty(count)
    result[order] = np.where(other >= 0, score[np.maximum(other, 0)], 0.0)
    rows = np.empty(count, dtype=np.int64)
    rows[order] = other
    return result, rows


def _first_at_maximum(
    score: np.ndarray, segment: np.ndarray, starts: np.ndarray, position: np.ndarray
) -> np.ndarray:
    """Per segment, the first position holding the segment's highest score (or one tied with it)."""
    top = np.maximum.reduceat(score, starts)
    at_top = np.where(score >= tie_floor(top)[segment], position, len(score))
    return np.minimum.reduceat(at_top, starts)


def full_evidence(
    old: Sequence[Point],
    new: Sequence[Point],
    candidates: Candidates,
    text: Evidence,
    text_probability: np.ndarray,
    fixed: Sequence[tuple[int, int]],
) -> Evidence:
    """Text evidence plus position, number and title agreement, judged against anchors.

    Anchors are the pairs already fixed (ids, identical texts) and the
    candidates that are each other's best with a text-only probability over
    one half: the pairs the words alone vouch for. They give each candidate
    an expected position and tell whether this document keeps its numbers and
    titles (a point-by-point reply does, a renumbered treaty does not).
    """
    anchors = _anchors(candidates, text_probability, fixed)
    columns = dict(text.columns)
    columns["position"] = _position_gap(candidates, anchors, len(old), len(new))
    old_numbers = np.array([_label(p.number) for p in old], dtype=object)
    new_numbers = np.array([_label(p.number) for p in new], dtype=object)
    old_titles = np.array([_label(p.title) for p in old], dtype=object)
    new_titles = np.array([_label(p.title) for p in new], dtype=object)
    columns["number"] = _agreement(candidates, old_numbers, new_numbers)
    columns["title"] = _agreement(candidates, old_titles, new_titles)
    return Evidence(columns)


def open_partner_probability(
    mine: np.ndarray, theirs: np.ndarray, probability: np.ndarray, their_confidence: np.ndarray, count: int
) -> np.ndarray:
    """Per point of one side, the best probability of any pair it is in that its partner leaves open.

    Links are one to one (merges and splits are judged by the join model), so
    a pair whose other point is already matched with confidence c is true
    with probability at most 1 - c: an unreported point that shares words
    with a point surely matched elsewhere is not made doubtful by it.
    `their_confidence` is 0 for the other side's unmatched points.
    """
    best = np.zeros(count)
    if len(mine):
        np.maximum.at(best, mine, np.minimum(probability, 1.0 - their_confidence[theirs]))
    return best


def _label(value: str | None) -> str:
    return normalize_text(value).casefold() if value else ""


def _anchors(candidates: Candidates, probability: np.ndarray, fixed: Sequence[tuple[int, int]]) -> np.ndarray:
    """(old, new) rows of the anchor pairs, sorted by old index."""
    best_of_old = _is_best(candidates.old, probability)
    best_of_new = _is_best(candidates.new, probability)
    sure = best_of_old & best_of_new & (probability >= 0.5)
    pairs = np.column_stack([candidates.old[sure], candidates.new[sure]])
    if fixed:
        pairs = np.vstack([pairs, np.asarray(fixed, dtype=np.int64).reshape(-1, 2)])
    return pairs[np.argsort(pairs[:, 0], kind="stable")] if len(pairs) else pairs.reshape(0, 2)


def _is_best(group: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Rows that beat every other row of their group by more than a tie."""
    other, _ = runner_up(group, score)
    return exceeds(score, other)


def _position_gap(candidates: Candidates, anchors: np.ndarray, old_count: int, new_count: int) -> np.ndarray:
    """How many places a pair's new index lies from where the anchors around its old index put it.

    Graded, on a log scale: one place off is nearly in order, twenty is far,
    and farther is no worse (`POSITION_CAP`).
    An anchor is never judged by itself: the anchors of other old points
    place it. With no anchor on a side, the document's proportions place it.
    """
    old = candidates.old.astype(np.float64)
    new = candidates.new.astype(np.float64)
    if not len(anchors):
        expected = old * (new_count / max(old_count, 1))
        return np.log1p(np.minimum(np.abs(new - expected), POSITION_CAP))
    anchor_old = anchors[:, 0].astype(np.float64)
    anchor_new = anchors[:, 1].astype(np.float64)
    left = np.searchsorted(anchor_old, old, side="left") - 1
    right = np.searchsorted(anchor_old, old, side="right")
    has_left = left >= 0
    has_right = right < len(anchors)
    lo, hi = np.maximum(left, 0), np.minimum(right, len(anchors) - 1)
    left_old, left_new = np.where(has_left, anchor_old[lo], -1.0), np.where(has_left, anchor_new[lo], -1.0)
    right_old = np.where(has_right, anchor_old[hi], float(old_count))
    right_new = np.where(has_right, anchor_new[hi], float(new_count))
    span = np.maximum(right_old - left_old, 1.0)
    expected = left_new + (right_new - left_new) * (old - left_old) / span
    return np.log1p(np.minimum(np.abs(new - expected), POSITION_CAP))


def _agreement(candidates: Candidates, old_labels: np.ndarray, new_labels: np.ndarray) -> np.ndarray:
    """+rate where both points carry the same label, -rate where both carry different ones, else 0.

    The rate is how much this document keeps its labels where its points
    shifted: of the candidate pairs with the same label at different
    positions, the share whose words make them the best partner of either
    point, shrunk towards 0 by `_PRIOR`. In a point-by-point reply the same
    number marks the partner even after deletions; in a renumbered treaty
    equal numbers pair unrelated points and the rate falls to about zero.
    In a reply a different number speaks against a pair as much as the same
    number speaks for it.
    """
    if not len(candidates.old):
        return np.zeros(0)
    c_old, c_new = old_labels[candidates.old], new_labels[candidates.new]
    both = (c_old != "") & (c_new != "")
    same = both & (c_old == c_new)
    shifted = same & (candidates.old != candidates.new)
    best = _is_best(candidates.old, candidates.dice) | _is_best(candidates.new, candidates.dice)
    rate = float(np.sum(shifted & best)) / (float(np.sum(shifted)) + _PRIOR)
    return np.where(both, np.where(same, rate, -rate), 0.0)
