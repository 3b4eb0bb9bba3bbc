"""The similarity's fast paths give what the plain per-point code and the sparse products give; memory is returned."""

from __future__ import annotations

import platform
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from snowballstemmer.english_stemmer import EnglishStemmer

from tests.alignment_generator import DEFAULT_MIX, HARD_MIX, PARAPHRASE_MIX, REPLY_MIX, Mix, generate
from tui.engine import similarity
from tui.engine.evidence import runner_up
from tui.engine.memory import return_freed_arrays
from tui.engine.similarity import Similarity, _point_sequence, _side_sequences
from tui.engine.ties import exceeds, exceeds_one

# ASCII words, numbers with separators, apostrophes, exclusion cues, NUL and
# a few non-ASCII letters: what decides between the one-pass and per-point paths.
WORDS = (
    "the parties shall withdraw troops Zaporizhzhia IAEA 600,000 3.5 1st don't it's "
    "excluding except other than apart from not including save for кроме Україна Kyïv "
    "和平 a_b x-y \x00 'quoted' end. (paren) 12,5% "
).split(" ")

texts = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)
titles = st.one_of(st.none(), st.just(""), texts)


def plain(titles: list[str | None], texts: list[str], names: dict[str, int]) -> list[list[int]]:
    return [[names[token] for token in _point_sequence(t, x)] for t, x in zip(titles, texts, strict=True)]


@given(st.lists(st.tuples(titles, texts), max_size=8), st.lists(st.tuples(titles, texts), max_size=8))
@settings(max_examples=300, deadline=None)
def test_revision_at_once_gives_each_points_tokens(old: list[tuple], new: list[tuple]) -> None:
    cut, similarity._CUT_POINTS = similarity._CUT_POINTS, 3  # several cuts per revision
    try:
        check_sequences(old, new)
    finally:
        similarity._CUT_POINTS = cut


def check_sequences(old: list[tuple], new: list[tuple]) -> None:
    words: dict[str, int] = {"\x00": -1}
    names: dict[str, int] = {}
    for side in (old, new):
        side_titles, side_texts = [t for t, _ in side], [x for _, x in side]
        sequence, lengths = _side_sequences(side_titles, side_texts, words, names)
        cuts = np.cumsum(lengths)[:-1] if len(lengths) else []
        found = [part.tolist() for part in np.split(sequence, cuts)] if len(lengths) else []
        assert found == plain(side_titles, side_texts, names)


def test_the_ascii_pattern_is_the_token_pattern_on_lower_case_ascii() -> None:
    text = "".join(chr(code) for code in range(1, 128)).lower() * 2 + " 1,000.5th it's a'b' _x_ 7"
    pieces = similarity._ASCII_TOKEN.findall(text)
    assert [p for p in pieces if p != "\x00"] == similarity._TOKEN.findall(text.replace("\x00", " "))


@given(st.lists(texts, min_size=1, max_size=6), st.lists(texts, min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_token_sets_and_masses_follow_the_words(old: list[str], new: list[str]) -> None:
    found = Similarity(old, new)
    for side, token_sets, mass in (
        (old, found.old_tokens, found.old_mass),
        (new, found.new_tokens, found.new_mass),
    ):
        for index, text in enumerate(side):
            assert len(token_sets[index]) == len(set(_point_sequence(None, text)))
            assert np.isclose(found.mass(token_sets[index]), mass[index])


@pytest.mark.parametrize(
    "mix", [DEFAULT_MIX, HARD_MIX, PARAPHRASE_MIX], ids=["default", "hard", "paraphrase"]
)
@pytest.mark.parametrize(("size", "seed"), [(8, 0), (8, 1), (30, 2), (200, 3)])
def test_small_documents_keep_the_same_best_few_as_long_ones(mix: Mix, size: int, seed: int) -> None:
    """The matrix selection of small documents equals the index-list selection of long ones."""
    pair = generate(size, seed, mix)
    found = Similarity(
        [p.text for p in pair.old],
        [p.text for p in pair.new],
        [p.title for p in pair.old],
        [p.title for p in pair.new],
    )
    old, new = np.arange(len(pair.old)), np.arange(len(pair.new))
    shared = (found._old_weighted[old] @ found._new[new].T).toarray()
    i, j = np.nonzero(shared > 0)
    listed = similarity._best_few(i, j, shared[i, j], found.old_mass[i], found.new_mass[j])
    matrix = np.nonzero(similarity._best_few_dense(shared, found.old_mass, found.new_mass))
    assert np.array_equal(listed[0], matrix[0]) and np.array_equal(listed[1], matrix[1])


@pytest.mark.parametrize(
    "share", [0.0, 0.01, 0.3, np.inf], ids=["all-product", "default", "few", "no-product"]
)
@given(
    seed=st.integers(0, 10_000),
    size=st.integers(1, 60),
    mix=st.sampled_from([DEFAULT_MIX, HARD_MIX, PARAPHRASE_MIX, REPLY_MIX]),
    pools=st.randoms(use_true_random=False),
)
@settings(max_examples=40, deadline=None)
def test_all_against_all_without_scipy_scores_as_the_sparse_product(
    share: float, seed: int, size: int, mix: Mix, pools: random.Random
) -> None:
    """The numpy-only scoring of small documents gives the sparse product's shared weights, up to a tie.

    Whatever words go through the dense product (`PRODUCT_SHARE`), on whole revisions and on pools.
    """
    pair = generate(size, seed, mix)
    found = Similarity(
        [p.text for p in pair.old],
        [p.text for p in pair.new],
        [p.title for p in pair.old],
        [p.title for p in pair.new],
    )
    assume(pair.old and pair.new)  # `candidates` never scores an empty side
    old_pool = np.asarray(
        sorted(pools.sample(range(len(pair.old)), pools.randint(1, len(pair.old)))), dtype=np.int64
    )
    new_pool = np.asarray(
        sorted(pools.sample(range(len(pair.new)), pools.randint(1, len(pair.new)))), dtype=np.int64
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "PRODUCT_SHARE", share)
        plain = similarity._all_shared(
            found._old_incidence, found._new_incidence, found.weights, old_pool, new_pool
        )
    sparse = (found._old_weighted[old_pool] @ found._new[new_pool].T).toarray()
    assert plain.shape == sparse.shape
    assert not exceeds(plain, sparse).any() and not exceeds(sparse, plain).any()
    assert np.array_equal(plain > 0, sparse > 0)


@given(st.lists(texts, min_size=1, max_size=6), st.lists(texts, min_size=1, max_size=6))
@settings(max_examples=100, deadline=None)
def test_masses_are_the_sparse_row_sums(old: list[str], new: list[str]) -> None:
    """Point weights summed without scipy, in the order its product stored them: bit for bit its sums."""
    found = Similarity(old, new)
    assert np.array_equal(found.old_mass, np.asarray(found._old_weighted.sum(axis=1)).ravel())
    assert np.array_equal(found.new_mass, found._new @ found.weights)


@given(st.text(alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\ufb01é\u0301"), max_size=12))
@settings(max_examples=500, deadline=None)
def test_tidy_text_is_its_own_normal_form(text: str) -> None:
    """`normalize_text`'s shortcut for tidy ASCII gives what normalising every text gives."""
    assert similarity.normalize_text(text) == " ".join(unicodedata.normalize("NFKC", text).split())


NEAR_ONE = float(np.nextafter(1.0, 0.0))
"""1.0 one unit in the last place lower: what another summation order makes of a sum equal to 1.0."""


def first_tied_for_best(rows: list[tuple[int, float]], members: list[int]) -> int:
    """The lowest row whose score ties (`tui.engine.ties`) the best score of `members`."""
    top = max(rows[k][1] for k in members)
    return min(k for k in members if not exceeds_one(top, rows[k][1]))


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.sampled_from([0.0, 0.25, 0.5, NEAR_ONE, 1.0]) | st.floats(0, 1)),
        max_size=40,
    )
)
@settings(max_examples=300, deadline=None)
def test_runner_up_is_the_best_other_row_of_the_group(rows: list[tuple[int, float]]) -> None:
    """Per row, the best score among the other rows of its group, found without sorting.

    Among rows tied for best, the lowest counts as the best: its runner-up is the best of the
    others, and every other row's runner-up is it.
    """
    if rows:  # a one-row group sorting last keeps the quirk of the sort-based original (see runner_up)
        last = max(group for group, _ in rows)
        rows = rows + [(last, 0.0)] * (sum(group == last for group, _ in rows) == 1)
    group = np.asarray([g for g, _ in rows], dtype=np.int64)
    score = np.asarray([s for _, s in rows], dtype=np.float64)
    best, other = runner_up(group, score)
    for row, (g, _) in enumerate(rows):
        members = [k for k, (h, _) in enumerate(rows) if h == g]
        first = first_tied_for_best(rows, members)
        others = [k for k in members if k != row]
        expected = first if row != first else (first_tied_for_best(rows, others) if others else -1)
        assert other[row] == expected
        assert best[row] == (rows[expected][1] if others else 0.0)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the map threshold is a glibc setting")
def test_big_arrays_are_returned_to_the_system_once_freed() -> None:
    assert return_freed_arrays()


def test_the_stemmer_in_use_stems_the_sample_words_as_snowballs_python_does() -> None:
    """PyStemmer (which snowballstemmer runs when present, see pyproject) gives the pure-Python stems."""
    root = Path(__file__).resolve().parents[1]
    text = " ".join(
        p.read_text(encoding="utf-8")
        for folder in ("proposals", "tests/data")
        for p in root.glob(f"{folder}/**/*.yaml")
    )
    words = sorted(set(re.findall(r"[a-z]+(?:'[a-z]+)*", text.casefold())))
    pytest.importorskip(
        "Stemmer", reason="PyStemmer not installed here (pip install -e .): nothing to compare"
    )
    assert type(similarity._ENGLISH).__module__ == "Stemmer"  # the C stemmer is the one compared
    python = EnglishStemmer()
    assert len(words) > 1000
    assert [similarity._ENGLISH.stemWord(w) for w in words] == [python.stemWord(w) for w in words]


def test_the_engine_loads_no_stemmer_but_english() -> None:
    """`import snowballstemmer` loads every language's Python stemmer when PyStemmer is absent
    and wraps PyStemmer when present: 3 to 13 ms of every command's start for nothing."""
    pytest.importorskip("Stemmer", reason="PyStemmer not installed here: the fallback loads them all")
    code = "import sys, tui.engine.similarity; print(sorted(m for m in sys.modules if 'snowball' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=14), max_size=50))
@settings(max_examples=200, deadline=None)
def test_the_stemmer_in_use_stems_as_snowballs_python_does(words: list[str]) -> None:
    python = EnglishStemmer()
    assert [similarity._ENGLISH.stemWord(w) for w in words] == [python.stemWord(w) for w in words]


def _whole_lookup(
    found: Similarity, old_pool: np.ndarray, new_pool: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The lookup as one product ranked at once by `_best_few`: what the blocks must give, pair for pair."""
    from scipy import sparse

    old_rows, new_rows = found._old_weighted[old_pool], found._new[new_pool]
    lookup = old_rows @ sparse.diags((found.df <= similarity.RARE_DF).astype(np.float64)) @ new_rows.T
    (old_sequence, old_lengths), (new_sequence, new_lengths) = found._ranks
    old_phrase_rows, old_keys = similarity._pool_phrases(old_sequence, old_lengths, old_pool, found._size)
    new_phrase_rows, new_keys = similarity._pool_phrases(new_sequence, new_lengths, new_pool, found._size)
    met = similarity._distinct(np.concatenate([old_keys, new_keys]))
    size = max(len(met), 1)
    old = similarity._incidence(old_phrase_rows, np.searchsorted(met, old_keys), len(old_pool), size).csr()
    new = similarity._incidence(new_phrase_rows, np.searchsorted(met, new_keys), len(new_pool), size).csr()
    df = np.maximum(np.bincount(old.indices, minlength=size), np.bincount(new.indices, minlength=size))
    points = max(len(old_pool), len(new_pool))
    weights = np.where(df <= similarity.PHRASE_DF, np.log((points + 1) / np.maximum(df, 1)), 0.0)
    lookup = (lookup + (old @ sparse.diags(weights) @ new.T).tocsr()).tocoo()
    old_mass, new_mass = found.old_mass[old_pool[lookup.row]], found.new_mass[new_pool[lookup.col]]
    i, j = similarity._best_few(lookup.row, lookup.col, lookup.data, old_mass, new_mass)
    held = lookup.data / np.maximum(np.minimum(old_mass, new_mass), 1e-12)
    return i, j, int((held >= 2).sum())


@pytest.mark.parametrize(
    ("mix", "size", "seed", "rows"),
    [
        (DEFAULT_MIX, 600, 1, 64),
        (HARD_MIX, 500, 2, 97),
        (DEFAULT_MIX, 300, 1, 41),
        (HARD_MIX, 300, 1, 300),
    ],
    ids=["default", "hard", "small-blocks", "one-block"],
)
def test_lookup_by_blocks_keeps_the_pairs_of_the_whole_lookup(
    mix: Mix, size: int, seed: int, rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of old points give the very pairs, in the very order, of ranking the whole lookup at once,
    including the entries whose containment of 2 or more cuts another point's run (`_Selection`)."""
    pair = generate(size, seed, mix)
    found = Similarity(
        [p.text for p in pair.old],
        [p.text for p in pair.new],
        [p.title for p in pair.old],
        [p.title for p in pair.new],
    )
    rng = np.random.default_rng(seed)
    old_pool = np.sort(rng.choice(len(pair.old), len(pair.old) * 9 // 10, replace=False))
    new_pool = np.sort(rng.choice(len(pair.new), len(pair.new) * 9 // 10, replace=False))
    *whole, cuts = _whole_lookup(found, old_pool, new_pool)
    assert cuts > 10  # runs cut across points: what makes the ranking hard to do by blocks
    monkeypatch.setattr(similarity, "LOOKUP_ROWS", rows)
    blocks = found._looked_up(old_pool, new_pool, found._old_weighted[old_pool], found._new[new_pool])
    assert np.array_equal(blocks[0], whole[0]) and np.array_equal(blocks[1], whole[1])


def test_a_block_is_summed_as_the_whole_lookup_was() -> None:
    """scipy sums canonical matrices by a sorting merge, others in the order met: a canonical block of a
    lookup that is not canonical as a whole is summed the general way, as its rows were in the whole."""
    from scipy import sparse

    words = sparse.csr_matrix(np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0], [3.0, 0.0, 0.0]]))
    phrases = sparse.csr_matrix(np.array([[4.0, 0.0, 5.0], [0.0, 6.0, 0.0], [0.0, 0.0, 7.0]]))
    unsorted = sparse.csr_matrix(  # one more row, its entries out of order: the whole is not canonical
        (np.array([1.0, 1.0]), np.array([2, 0]), np.array([0, 2])), shape=(1, 3)
    )
    whole = sparse.vstack([words, unsorted], format="csr") + sparse.vstack([phrases, unsorted], format="csr")
    block = similarity._block_sum(words, phrases, general=True)
    assert words.has_canonical_format and phrases.has_canonical_format
    assert np.array_equal(block.indptr, whole.indptr[:4])
    assert np.array_equal(block.indices, whole.indices[: whole.indptr[3]])
    assert np.array_equal(block.data, whole.data[: whole.indptr[3]])
    sorted_sum = similarity._block_sum(words, phrases, general=False)
    assert not np.array_equal(sorted_sum.indices, block.indices)  # the two methods do differ
    assert np.array_equal(sorted_sum.toarray(), block.toarray())
