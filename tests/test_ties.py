"""Scores that differ only by summation noise are ties, and ties go by document order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.alignment_generator import DEFAULT_MIX, HARD_MIX, PARAPHRASE_MIX, REPLY_MIX, generate
from tui.engine import align as align_module
from tui.engine import similarity
from tui.engine.align import align
from tui.engine.similarity import Similarity
from tui.engine.ties import best_per_group, exceeds, ranked, tie_floor

ULP = float(np.finfo(np.float64).eps)


def test_noise_is_a_tie_and_a_real_difference_is_not() -> None:
    assert not exceeds(np.array([0.3 + 0.3 + 0.3]), np.array([0.9]))[0]  # 0.8999999999999999
    assert not exceeds(np.array([1e-9 * (1 + 4 * ULP)]), np.array([1e-9]))[0]  # relative, also when tiny
    assert exceeds(np.array([1e-9 * (1 + 1e-6)]), np.array([1e-9]))[0]
    floor = tie_floor(np.array([0.9, 1e-9, -np.inf]))
    assert floor[0] <= 0.3 + 0.3 + 0.3 < 0.9 and floor[1] <= 1e-9 * (1 - 4 * ULP) and floor[2] == -np.inf


def test_ranked_puts_ties_in_document_order() -> None:
    score = np.array([0.5, 0.7 * (1 + 2 * ULP), 0.7, 0.7 * (1 - 3 * ULP), 0.9])
    old = np.array([0, 3, 1, 2, 4])
    assert ranked(score, old).tolist() == [4, 2, 3, 1, 0]


def test_best_per_group_takes_the_first_of_the_tied() -> None:
    group = np.array([0, 0, 0, 1, 1])
    score = np.array([0.2, 0.4, 0.4 * (1 + ULP), 0.1, 0.1 + 1e-3])
    tie = np.array([5, 2, 1, 0, 1])
    assert best_per_group(group, score, tie).tolist() == [2, 4]


def decisions(alignment) -> list[tuple]:
    """Every decision of an alignment (its figures are compared apart, with a tolerance)."""
    return [
        (
            m.kind,
            m.old,
            m.new,
            m.moved,
            m.decided_by,
            m.runner_up and (m.runner_up.side, m.runner_up.index),
        )
        for m in alignment.matches
    ]


@pytest.mark.parametrize("mix", [DEFAULT_MIX, HARD_MIX, PARAPHRASE_MIX, REPLY_MIX])
@given(seed=st.integers(0, 10_000), size=st.integers(4, 40), noise=st.integers(0, 2**32))
@settings(max_examples=25, deadline=None)
def test_summation_order_decides_nothing(mix, seed: int, size: int, noise: int) -> None:
    """Shared weights a few units in the last place off (another summation order) change no decision."""
    pair = generate(size, seed, mix)
    expected = align(pair.old, pair.new)
    rng = np.random.default_rng(noise)
    original = Similarity.candidates

    def noisy(self, old_pool, new_pool):
        found = original(self, old_pool, new_pool)
        wobble = 1 + rng.integers(-4, 5, len(found.shared)) * ULP
        return replace(found, shared=found.shared * wobble, dice=found.dice * wobble)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Similarity, "candidates", noisy)
        found = align_module.align(pair.old, pair.new)
    assert decisions(found) == decisions(expected)
    assert np.allclose(
        [m.confidence for m in found.matches], [m.confidence for m in expected.matches], atol=1e-12
    )


@given(
    seed=st.integers(0, 2**32),
    old_count=st.integers(1, 6),
    new_count=st.integers(10, 30),
    first_old=st.sampled_from([0, 6000, 40_000]),
)
@settings(max_examples=60, deadline=None)
def test_the_big_document_cut_keeps_the_same_candidates_when_scores_wobble(
    seed: int, old_count: int, new_count: int, first_old: int
) -> None:
    """The best-few cut of a looked-up document keeps the same pairs when shared weights are a few
    units in the last place off (another scipy or BLAS), and the same as the small documents' cut.

    Weights and masses come from a few values, so most scores tie, some only after rounding
    (0.1 + 0.2); point numbers in the thousands round the cut's sort key coarser than the scores.
    """
    rng = np.random.default_rng(seed)
    shared = rng.choice([0.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 0.6], size=(old_count, new_count))
    old_mass = rng.choice([0.9, 0.3 + 0.3 + 0.3, 1.2], size=old_count)
    new_mass = rng.choice([0.9, 0.3 + 0.3 + 0.3, 1.2, 2.0], size=new_count)
    row, column = np.nonzero(shared)  # row-major: document order within every old point's group
    group = row + first_old
    wobble = 1 + rng.integers(-4, 5, len(row)) * ULP
    exact = similarity._measures(shared[row, column], old_mass[row], new_mass[column])
    wobbled = similarity._measures(shared[row, column] * wobble, old_mass[row], new_mass[column])
    dense = similarity._measures(shared, old_mass[:, None], new_mass[None, :])
    for measure, noisy, whole in zip(exact, wobbled, dense, strict=True):
        cut = similarity._top_per_group(group, similarity.group_order(group), measure, similarity.PER_POINT)
        noisy_cut = similarity._top_per_group(
            group, similarity.group_order(group), noisy, similarity.PER_POINT
        )
        assert noisy_cut.tolist() == cut.tolist()
        assert cut.tolist() == similarity._top_per_row(whole, shared > 0)[row, column].tolist()
    i, j = similarity._best_few(group, column, shared[row, column] * wobble, old_mass[row], new_mass[column])
    dense_pairs = np.argwhere(similarity._best_few_dense(shared, old_mass, new_mass)).tolist()
    assert sorted(zip((i - first_old).tolist(), j.tolist(), strict=True)) == sorted(map(tuple, dense_pairs))
