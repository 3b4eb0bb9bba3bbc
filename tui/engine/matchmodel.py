"""The fitted model: from a candidate's evidence to the probability that it is a true link.

Four small logistic models, fitted by `tests/benchmarks/fit_matcher.py` on
labelled candidates of the real pairs (shared corpus, US sample pairs) and of
generated pairs (four mixes, including low-overlap paraphrase), each pair
weighted equally. The script also reports leave-one-pair-out F1 (each real
pair scored by a model fitted without it) and the sensitivity of every
constant; the figures are in the README's matcher section.

- TEXT: words only (score, margins). Its confident mutual-best pairs are the
  anchors that position, number and title evidence are judged against.
- PAIR: TEXT's evidence plus graded position gap and number/title agreement
  weighted by how much the document keeps them. Decides one-to-one pairs.
- JOIN: a leftover point against a matched point, as a unit: how much of the
  leftover the host covers, how much the union improves the unit's score, how
  far it lies from the unit's other members, and its margin over its next best
  home. Decides merges and splits.
- LONE: for a point left without counterpart, how likely it truly has none:
  the log-odds of one minus the best probability of any link still open to
  it, and how much of the other side is left over too. It decides nothing,
  it calibrates the confidence shown ("no counterpart" at 90% is right about
  90% of the time, also where the pair model's recall is poor).

The coefficients below are the fit's output, rounded; regenerate them with
`python tests/benchmarks/fit_matcher.py --write`, never edit them by hand.
"""

from __future__ import annotations

import numpy as np

LOG_FLOOR = 0.02
"""Added before taking the log of a score: below 0.02 two points share only a stray common word,
and all such scores are equally weak (F1 unchanged from 0.01 to 0.05)."""

ACCEPT_PROBABILITY = 0.5
"""A link is shown when the model finds it more likely right than wrong: the rule that maximises
expected correct decisions for a calibrated probability; not a tuned threshold."""

LONE_CLIP = 1e-4
"""Probabilities are taken as lying within [LONE_CLIP, 1 - LONE_CLIP] before their log-odds feed the LONE
model: the fits see a few thousand candidates, so nothing finer is resolved (and the log-odds stay finite)."""

TEXT_FEATURES = ("dice", "log_dice", "margin_old", "margin_new", "mutual_best")
PAIR_FEATURES = ("dice", "log_dice", "margin_old", "margin_new", "mutual_best", "position", "number", "title")
JOIN_FEATURES = ("coverage", "gain", "distance", "margin")
LONE_FEATURES = ("log_odds", "other_open")

# BEGIN FITTED (tests/benchmarks/fit_matcher.py --write)
TEXT_INTERCEPT = -8.273
TEXT_WEIGHTS = (17.67, -2.433, 1.299, 2.736, -0.01189)
PAIR_INTERCEPT = -7.353
PAIR_WEIGHTS = (21.89, -2.69, 1.217, 2.966, 0.2203, -1.827, 16.52, -0.1344)
JOIN_INTERCEPT = -2.343
JOIN_WEIGHTS = (8.656, 35.66, -1.711, -1.117)
LONE_INTERCEPT = 0.9165
LONE_WEIGHTS = (0.665, -7.918)
# END FITTED


def probability(features: np.ndarray, intercept: float, weights: tuple[float, ...]) -> np.ndarray:
    """Logistic of the weighted evidence; rows are candidates, columns follow the model's feature names."""
    if not len(features):
        return np.zeros(0)
    logit = intercept + features @ np.asarray(weights)
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -40, 40)))


def lone_probability(best: float, other_open: float) -> float:
    """How likely a point left without counterpart truly has none.

    `best` is the best probability of any link still open to it (one minus it
    is the plain answer); `other_open` the share of the other revision's
    points also left without counterpart. Only those can be a missed partner:
    when the other side is fully matched, a lone point is alone unless it is a
    missed piece of a merge or split; when most of both sides are left over,
    the pair model has likely missed links it could not see (measured: on
    low-overlap paraphrase, 8% of lone points are truly alone, whatever their
    best pair says).
    """
    kept = min(max(best, LONE_CLIP), 1.0 - LONE_CLIP)
    features = np.asarray([[float(np.log((1.0 - kept) / kept)), other_open]])
    return float(probability(features, LONE_INTERCEPT, LONE_WEIGHTS)[0])


def contributions(features: np.ndarray, weights: tuple[float, ...]) -> np.ndarray:
    """Each feature's share of the logit, per row: what decided a link."""
    return features * np.asarray(weights)
