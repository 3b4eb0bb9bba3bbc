"""Scores that differ only by summation noise are ties, and ties go by document order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.alignment_generator import DEFAULT_MIX, HARD_MIX, PARAPHRASE_MIX, REPLY_MIX, generate
from tui.engine import align as align_module
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
