"""How alike two points are, measured by the words they share, rare words counting most.

Revisions of a proposal paraphrase heavily: a point keeps a few telling words
("Zaporizhzhia", "IAEA", "800,000") while everything around them is rewritten.
Character or plain token-ratio measures drown those words in the rewording;
weighting every shared word by how rare it is *in these two revisions* (an
inverse document frequency over their points) lets the telling words decide and
makes the words every point uses ("the parties shall") count for almost nothing,
in any language. Only documents too short for word counts to mean much need
help: there a short list of function words is weighted down from the start.

A point's words are a set of tokens: Unicode words, casefolded, accents and
Arabic vowel marks dropped, stemmed (the Snowball English stemmer for Latin
script, a case-ending trim for Russian and Ukrainian), numbers kept whole
("600,000" is one token), title and text together. Scripts written without
spaces (Chinese, Japanese, Thai...) are cut into character bigrams, and each
emoji is a token of its own. Words governed by an exclusion ("excluding X",
"other than X", "except X") become tokens of their own (`¬x`): a point that
carves X out is not the successor of the point about X.

Scoring is done with sparse matrix products (scipy), never pair by pair in
Python: every point is a row of token weights, and the weight two points share
is one entry of a product. Small documents are compared all against all; long
ones look candidates up through their rare words only (a word found in more
than `RARE_DF` points of a side is boilerplate for lookup, though it still
counts in the score) and keep each point's `PER_POINT` best.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer
from scipy import sparse

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+"
)
_ARABIC_FOLD = str.maketrans({"ى": "ي", "ة": "ه", "ـ": None})
_CYRILLIC_ENDINGS = tuple(
    "ями ами ого его ому ему ыми ими ой ей ий ый ая яя ое ее ые ие ом ем ам ям ах ях ов ев ую юю "
    "а я ы и у ю е о ь".split()
)
# Shortest stem a Cyrillic ending may leave: shorter ones collide across words.
_MIN_STEM = 3
_ENGLISH = snowballstemmer.stemmer("english")

# An exclusion cue and the words it governs, up to the next punctuation.
# "excluding Zaporizhzhia" must not count as evidence for the point about
# Zaporizhzhia; the scope ends at punctuation or after `_EXCLUSION_SCOPE` words,
# the length of a named place or body ("the Zaporizhzhia nuclear power plant").
_EXCLUSION = re.compile(
    r"\b(?:excluding|except(?:\s+for)?|other\s+than|with\s+the\s+exception\s+of|apart\s+from|"
    r"not\s+including|save\s+for|кроме|за\s+исключением|крім|за\s+винятком)\s+([^,.;:()\n]*)",
    re.IGNORECASE,
)
_EXCLUSION_SCOPE = 6

# Function words of the languages proposals here are written in. IDF alone
# gives them a low weight in long documents, but in a 20-point document "up"
# or "with" may occur in two points only and would look as telling as
# "Zaporizhzhia". They are weighted as if every point had them.
_FUNCTION_WORDS = frozenset(
    """a about after against all also an and any are as at be been before being between both but by
    can could do does during each either for from had has have he her his how i if in into is it its
    may might must no nor not of off on once only onto or other our out over per shall she should so
    some such than that the their them then there these they this those through to under until up
    upon via was we were what when where which while who whom whose will with within without would
    а без бы в во все да для до же за и из или их к как между мы на над не ни но о об он она они от
    по под после при с со то у что это эти этот
    або але без би в від вона вони для до за з зі з із й і її його їх на над не по під після при про
    та те то у це цей ці ця через чи що як""".split()
)

DENSE_LIMIT = 4_000_000
"""Up to this many old x new pairs, every pair is scored (a 2,000 x 2,000 matrix, 32 MB):
exact runner-ups and no lookup heuristics for every document a person writes by hand."""
RARE_DF = 32
"""Above this many points holding it on one side, a word does not propose candidates.

The lookup product costs the sum over words of (old holders x new holders);
a cap keeps it linear in the document."""
PHRASE_DF = 16
"""The same for word pairs, which are far more specific: a pair held by more points is boilerplate."""
PER_POINT = 12
"""Candidates kept per point and side in long documents: enough for the partner, the runner-up
and the pieces of a merge or split (measured: 8 to 24 give the same F1 at 10,000 points)."""


def normalize_text(text: str) -> str:
    """Text as compared for "unchanged": same characters, whitespace and line wrapping ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def tokenize(text: str) -> list[str]:
    """The tokens of a text, in order, repeats kept."""
    folded = text.casefold() if text.isascii() else _fold(text)
    tokens = [token for word in _TOKEN.findall(folded) for token in _word_tokens(word)]
    if not folded.isascii():
        tokens.extend(char for char in folded if unicodedata.category(char) == "So")
    return tokens


def point_tokens(title: str | None, text: str) -> frozenset[str]:
    """The token set of a point: title and text, words under an exclusion marked `¬`."""
    return frozenset(_point_sequence(title, text))


def _point_sequence(title: str | None, text: str) -> list[str]:
    tokens = tokenize(title) if title else []
    last = 0
    for cue in _EXCLUSION.finditer(text):
        tokens += tokenize(text[last : cue.start(1)])
        scope = tokenize(cue.group(1))
        tokens += ["¬" + token for token in scope[:_EXCLUSION_SCOPE]] + scope[_EXCLUSION_SCOPE:]
        last = cue.end(1)
    tokens += tokenize(text[last:])
    return tokens


def _phrases(tokens: list[str]) -> frozenset[str]:
    """Consecutive word pairs: in long documents even rare words are common, word pairs are not."""
    return frozenset(f"{first} {second}" for first, second in zip(tokens, tokens[1:], strict=False))


def _fold(text: str) -> str:
    """Casefold and drop combining marks, so "Kyïv" and "Kyiv", "أوكرانيا" and "اوكرانيا" agree."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFKC", bare).translate(_ARABIC_FOLD)


@lru_cache(maxsize=1 << 17)
def _word_tokens(word: str) -> tuple[str, ...]:
    """Tokens of one word: itself stemmed, or bigrams for a script without spaces.

    Cached because long documents repeat the same few thousand words.
    """
    if not _SPACELESS.search(word):
        return (_stem(word),)
    pieces: list[str] = []
    last = 0
    for run in _SPACELESS.finditer(word):
        if run.start() > last:
            pieces.append(_stem(word[last : run.start()]))
        text = run.group()
        pieces.extend([text] if len(text) == 1 else [text[k : k + 2] for k in range(len(text) - 1)])
        last = run.end()
    if last < len(word):
        pieces.append(_stem(word[last:]))
    return tuple(pieces)


def _stem(word: str) -> str:
    """Trim the endings that most often differ between two wordings of one idea."""
    if word[0].isdigit():
        return word.replace(",", "").replace(".", "")
    if "a" <= word[-1] <= "z":
        return _ENGLISH.stemWord(word)
    if "а" <= word[-1] <= "я" or word[-1] in "ёіїє":
        return _stem_cyrillic(word)
    return word


def _stem_cyrillic(word: str) -> str:
    """Drop one case or number ending, as Russian and Ukrainian inflect nearly every noun."""
    for ending in _CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM + 1:
            return word[: -len(ending)]
    return word


_STOP_TOKENS = frozenset(token for word in _FUNCTION_WORDS for token in tokenize(word))


@dataclass(frozen=True)
class Candidates:
    """Candidate (old, new) pairs as parallel arrays, with the weight they share and their Dice score."""

    old: np.ndarray
    new: np.ndarray
    shared: np.ndarray
    dice: np.ndarray


class Similarity:
    """Token weights and token sets of two revisions, and the measures built on them.

    The weight of a token is `log((N + 1) / df)`, where `N` is the number of
    points of the longer revision and `df` the number of points containing it
    on the side where it is commonest. Counting per side, not over both, keeps
    a word that appears once in each revision (the best evidence of a pair
    there is) as heavy as a word found only once overall.
    """

    def __init__(
        self,
        old_texts: Sequence[str],
        new_texts: Sequence[str],
        old_titles: Sequence[str | None] | None = None,
        new_titles: Sequence[str | None] | None = None,
    ) -> None:
        old_titles = old_titles or [None] * len(old_texts)
        new_titles = new_titles or [None] * len(new_texts)
        old_sequences = [_point_sequence(t, x) for t, x in zip(old_titles, old_texts, strict=True)]
        new_sequences = [_point_sequence(t, x) for t, x in zip(new_titles, new_texts, strict=True)]
        self.old_tokens = [frozenset(tokens) for tokens in old_sequences]
        self.new_tokens = [frozenset(tokens) for tokens in new_sequences]
        self._sequences = (old_sequences, new_sequences)
        vocabulary: dict[str, int] = {}
        self._old = _incidence(self.old_tokens, vocabulary)
        self._new = _incidence(self.new_tokens, vocabulary)
        size = len(vocabulary)
        self._old.resize((len(self.old_tokens), size))
        self._new.resize((len(self.new_tokens), size))
        old_df = np.asarray(self._old.sum(axis=0)).ravel()
        new_df = np.asarray(self._new.sum(axis=0)).ravel()
        self.df = np.maximum(old_df, new_df)
        points = max(len(old_texts), len(new_texts), 1)
        stop = np.zeros(size, dtype=bool)
        for token in _STOP_TOKENS:
            if token in vocabulary:
                stop[vocabulary[token]] = True
        self.weights = np.log((points + 1) / np.where(stop, points, np.maximum(self.df, 1)))
        self.vocabulary = vocabulary
        self._old_weighted = (self._old @ sparse.diags(self.weights)).tocsr()
        self.old_mass = np.asarray(self._old_weighted.sum(axis=1)).ravel()
        self.new_mass = np.asarray((self._new @ self.weights)).ravel()

    def weight(self, token: str) -> float:
        return float(self.weights[self.vocabulary[token]]) if token in self.vocabulary else 0.0

    def mass(self, tokens: frozenset[str]) -> float:
        """Total weight, summed in token-id order so that it does not depend on set order."""
        vocabulary = self.vocabulary
        ids = np.fromiter((vocabulary[t] for t in tokens if t in vocabulary), dtype=np.int64)
        ids.sort()
        return float(self.weights[ids].sum())

    def score(self, old: int, new: int) -> float:
        """Weighted Dice of one old and one new point: shared weight over their mean weight."""
        shared = float(self._old_weighted[old].multiply(self._new[new]).sum())
        return _dice(shared, float(self.old_mass[old]), float(self.new_mass[new]))

    def dice(self, left: frozenset[str], right: frozenset[str]) -> float:
        return _dice(self.mass(left & right), self.mass(left), self.mass(right))

    def coverage(self, tokens: frozenset[str], by: frozenset[str]) -> float:
        """Share of the weight of `tokens` that `by` also has: how much of one text another contains."""
        total = self.mass(tokens)
        return self.mass(tokens & by) / total if total > 0 else 0.0

    def candidates(self, old_pool: Sequence[int], new_pool: Sequence[int]) -> Candidates:
        """Pairs of pool points that share weight, the best few of each point (see `_best_few`)."""
        old_pool = np.asarray(old_pool, dtype=np.int64)
        new_pool = np.asarray(new_pool, dtype=np.int64)
        empty = np.zeros(0, dtype=np.int64)
        if not len(old_pool) or not len(new_pool):
            return Candidates(empty, empty, np.zeros(0), np.zeros(0))
        old_rows, new_rows = self._old_weighted[old_pool], self._new[new_pool]
        if len(old_pool) * len(new_pool) <= DENSE_LIMIT:
            shared = (old_rows @ new_rows.T).toarray()
            i, j = np.nonzero(shared > 0)
            i, j = _best_few(i, j, shared[i, j], self.old_mass[old_pool[i]], self.new_mass[new_pool[j]])
            values = shared[i, j]
        else:
            lookup = old_rows @ sparse.diags((self.df <= RARE_DF).astype(np.float64)) @ new_rows.T
            lookup = (lookup + self._phrase_lookup(old_pool, new_pool)).tocoo()
            i, j = _best_few(
                lookup.row,
                lookup.col,
                lookup.data,
                self.old_mass[old_pool[lookup.row]],
                self.new_mass[new_pool[lookup.col]],
            )
            values = _row_dots(old_rows, new_rows, i, j)
        old_index, new_index = old_pool[i], new_pool[j]
        values = np.asarray(values, dtype=np.float64)
        dice = 2 * values / np.maximum(self.old_mass[old_index] + self.new_mass[new_index], 1e-12)
        order = np.lexsort((new_index, old_index))
        return Candidates(old_index[order], new_index[order], values[order], dice[order])

    def _phrase_lookup(self, old_pool: np.ndarray, new_pool: np.ndarray) -> sparse.csr_matrix:
        """Old x new weight of the rare word pairs two points share (for proposing candidates only)."""
        old_sequences, new_sequences = self._sequences
        phrases: dict[str, int] = {}
        old = _incidence([_phrases(old_sequences[i]) for i in old_pool.tolist()], phrases)
        new = _incidence([_phrases(new_sequences[j]) for j in new_pool.tolist()], phrases)
        size = max(len(phrases), 1)
        old.resize((len(old_pool), size))
        new.resize((len(new_pool), size))
        df = np.maximum(np.asarray(old.sum(axis=0)).ravel(), np.asarray(new.sum(axis=0)).ravel())
        points = max(len(old_pool), len(new_pool))
        weights = np.where(df <= PHRASE_DF, np.log((points + 1) / np.maximum(df, 1)), 0.0)
        return (old @ sparse.diags(weights) @ new.T).tocsr()


def _incidence(token_sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Points x tokens, 1 where a point has a token; new tokens are added to `vocabulary`."""
    indptr = [0]
    indices: list[int] = []
    for tokens in token_sets:
        indices.extend(vocabulary.setdefault(token, len(vocabulary)) for token in sorted(tokens))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    shape = (len(token_sets), max(len(vocabulary), 1))
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)), shape=shape)


def _best_few(
    i: np.ndarray, j: np.ndarray, shared: np.ndarray, old_mass: np.ndarray, new_mass: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The `PER_POINT` best pairs of every point on each side, by score and by containment.

    Containment (shared weight over the lighter point's) keeps the short
    piece of a split or merge beside the long one.
    """
    score = shared / np.maximum(old_mass + new_mass, 1e-12)
    held = shared / np.maximum(np.minimum(old_mass, new_mass), 1e-12)
    keep = _top_per_group(i, score, PER_POINT) | _top_per_group(j, score, PER_POINT)
    keep |= _top_per_group(i, held, PER_POINT) | _top_per_group(j, held, PER_POINT)
    return i[keep], j[keep]


def _top_per_group(group: np.ndarray, score: np.ndarray, count: int) -> np.ndarray:
    """Mask of the `count` highest scores within each group (ties by position, so results are stable).

    One stable argsort on group - score (scores lie in [0, 1]) instead of a
    three-key lexsort: the lookup of a long document has millions of rows.
    """
    order = np.argsort(group * 2.0 - score, kind="stable")
    sorted_group = group[order]
    starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])
    run = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, run)
    mask = np.zeros(len(score), dtype=bool)
    mask[order[rank < count]] = True
    return mask


_CHUNK = 50_000


def _row_dots(left: sparse.csr_matrix, right: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Dot products of row i[k] of `left` with row j[k] of `right`, in chunks to bound memory."""
    out = np.empty(len(i), dtype=np.float64)
    for start in range(0, len(i), _CHUNK):
        stop = start + _CHUNK
        product = left[i[start:stop]].multiply(right[j[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out


def _dice(shared: float, left: float, right: float) -> float:
    total = left + right
    return 2 * shared / total if total > 0 else 0.0
