"""When two scores count as equal, and who wins then: the matcher's one tie rule.

A score here is a float sum: the weight two points share is the sum of their
shared words' weights, and the last bits of that sum depend on the order the
words are added in (a sparse product adds them in one order, a dense matrix
product in another, another machine's BLAS in a third). Two candidates whose
true scores are equal can therefore differ by a few units in the last place,
and a strict `>` would then let summation order decide. So every decision
that compares scores of different candidates treats two scores as tied when
they differ by at most `SCORE_TIE` of the larger, and breaks the tie by
document order: the lower index wins (for chains of pairs, see
`align._longest_chain`). The tolerance is relative because the noise is:
a sum of n terms is off by about n units in its own last place, whether it
is 0.9 or 1e-9 (probabilities of weak candidates are that small, and
genuinely ordered). A margin is a difference of logs, so a margin within
`SCORE_TIE` of 0 is the same relative tie.
"""

from __future__ import annotations

import numpy as np

SCORE_TIE = 1e-10
"""Scores closer than this fraction of the larger are tied.

Summation noise is about n x 1.1e-16 relative for a sum of n words: 1e-14 for
a 55-word point, at most 1e-12 for a 10,000-word one; it grows a little through
the divisions, logs and the logistic that turn sums into probabilities. So 1e-10
is two orders above it. A genuine difference is at least one word's weight over
a point's weight: 1e-5 (a df of 100,000 against 99,999) over 5e4 (a 10,000-word
point) in the extreme, 1e-3 and more in anything a person writes. Measured on the 516 pairs of
`tests/benchmarks/alignment_digest.py` (with `--big`): every value from 1e-13 to 1e-6 gives the
same decisions; 0 (exact comparison) lets summation order break one tie (paraphrase-12-15);
1e-4 changes 35 pairs, where genuinely different scores start to count as tied."""


def exceeds(score: np.ndarray, other: np.ndarray) -> np.ndarray:
    """`score` > `other` by more than a tie, element by element (finite values)."""
    return score - other > SCORE_TIE * np.maximum(np.abs(score), np.abs(other))


def tie_floor(top: np.ndarray) -> np.ndarray:
    """The lowest score that ties each `top` (a group's highest); -inf for -inf.

    Taken per group and compared once per row: cheaper than `exceeds` on every row.
    """
    return top - SCORE_TIE * np.abs(top)


def exceeds_one(score: float, other: float) -> bool:
    """`exceeds` for two finite Python floats, without numpy's per-call cost."""
    return score - other > SCORE_TIE * max(abs(score), abs(other))


def ranked(score: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Row order, highest score first; rows whose scores are tied come in the order of `keys`.

    Ties are runs of scores each tied with the next (sorted by score); `keys`
    are sort keys as for `np.lexsort`, the last one primary.
    """
    order = np.lexsort((*keys, -score))
    if len(order) < 2:
        return order
    descending = score[order]
    apart = exceeds(descending[:-1], descending[1:])
    if np.all(apart | (descending[:-1] == descending[1:])):
        return order  # every tie is between equal scores, which the first sort put in key order
    run = np.concatenate([[0], np.cumsum(apart)])
    return order[np.lexsort((*(key[order] for key in keys), run))]


def best_per_group(group: np.ndarray, score: np.ndarray, tie: np.ndarray) -> np.ndarray:
    """Per group (ascending), the row of its highest score; among rows tied with it, the lowest `tie`."""
    if not len(group):
        return np.zeros(0, dtype=np.int64)
    top = np.full(int(group.max()) + 1, -np.inf)
    np.maximum.at(top, group, score)
    tied = score >= tie_floor(top)[group]
    order = np.lexsort((tie, ~tied, group))
    first = np.concatenate([[True], group[order][1:] != group[order][:-1]])
    return order[first]
