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

Scoring is done with matrix products, never pair by pair in Python: every
point is a row of token weights, and the weight two points share is one entry
of a product. Small documents are compared all against all with numpy alone
(a dense product over the words many points hold, a count over the few pairs
each rarer word makes), so comparing them never imports scipy, whose sparse
module alone takes longer to import than the comparison. Long ones use scipy's
sparse products, look candidates up through their rare words only (a word
found in more than `RARE_DF` points of a side is boilerplate for lookup,
though it still counts in the score) and keep each point's `PER_POINT` best.
The two ways add the same weights in different orders, so their sums may
differ in the last bits: every decision on them treats such scores as tied
(`tui.engine.ties`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from tui.engine.ties import SCORE_TIE, exceeds, tie_floor

if TYPE_CHECKING:
    from scipy import sparse

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
_ASCII_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*[a-z]*|[a-z]+(?:'[a-z]+)*|\x00")
"""`_TOKEN` on lower-case ASCII text (same tokens; explicit ranges run twice as fast), and the NUL
that separates points when a whole revision is cut in one pass."""
_ASCII_CUES = ("excluding", "except", "than", "apart", "including", "save")
"""A word that every ASCII match of `_EXCLUSION` contains: a text with none of them needs no cue search."""
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
try:  # PyStemmer's C code (see pyproject): the Snowball stems, 50x faster
    from Stemmer import Stemmer as _Stemmer
except ImportError:  # the pure-Python twin; snowballstemmer's package then loads all its languages (13 ms)
    from snowballstemmer.english_stemmer import EnglishStemmer as _EnglishStemmer

    _ENGLISH = _EnglishStemmer()
else:
    _ENGLISH = _Stemmer("english")

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
PRODUCT_SHARE = 0.01
"""In the all-against-all scoring, a word whose pairs (old holders x new holders) number more
than this share of all old x new pairs goes through the dense matrix product; the rest are
added pair by pair. It only moves time (results are the same up to a tie): measured on generated
pairs of 1,000 and 2,000 points, 0.003 to 0.03 are within 15% of the best (7 and 32 ms CPU);
0 (every shared word in the product) is 18-20x slower, no product at all 5-6x."""
RARE_DF = 32
"""Above this many points holding it on one side, a word does not propose candidates.

The lookup product costs the sum over words of (old holders x new holders);
a cap keeps it linear in the document."""
PHRASE_DF = 16
"""The same for word pairs, which are far more specific: a pair held by more points is boilerplate."""
PER_POINT = 12
"""Candidates kept per point and side in long documents: enough for the partner, the runner-up
and the pieces of a merge or split (measured: 8 to 24 give the same F1 at 10,000 points)."""
LOOKUP_ROWS = 16_384
"""Old points looked up at a time in long documents: a 100,000-point lookup has seven million
pairs; in blocks only one block's pairs and each new point's best few so far are held."""


def normalize_text(text: str) -> str:
    """Text as compared for "unchanged": same characters, whitespace and line wrapping ignored.

    Tidy ASCII text (nearly every point: no control character, no space doubled or at an end)
    is its own normal form, and is returned as it is: an alignment asks for the text of every
    point several times.
    """
    if text.isascii() and text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(unicodedata.normalize("NFKC", text).split())


def tokenize(text: str) -> list[str]:
    """The tokens of a text, in order, repeats kept."""
    folded = text.casefold() if text.isascii() else _fold(text)
    tokens = [token for word in _TOKEN.findall(folded) for token in _word_tokens(word)]
    if not folded.isascii():
        tokens.extend(char for char in folded if unicodedata.category(char) == "So")
    return tokens


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

    Tokens are integer ids held in flat numpy arrays, never a Python string or
    set per point: a 100,000-point pair has eleven million tokens. Ids are
    numbered as a reader meets them (old points first, each point's tokens in
    string order), so sums run in the same order however the text was read.
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
        words: dict[str, int] = {"\x00": -1}
        names: dict[str, int] = {}
        old_sequence, old_lengths = _side_sequences(old_titles, old_texts, words, names)
        new_sequence, new_lengths = _side_sequences(new_titles, new_texts, words, names)
        size = max(len(names), 1)
        rank = np.empty(len(names), dtype=np.int32)
        rank[np.asarray(sorted(range(len(names)), key=list(names).__getitem__), dtype=np.int64)] = np.arange(
            len(names)
        )
        # A point's tokens in string order (as `sorted` gives), as token ranks.
        old_sequence, new_sequence = rank[old_sequence], rank[new_sequence]
        old_rows, old_ranks = _point_sets(old_sequence, old_lengths, size)
        new_rows, new_ranks = _point_sets(new_sequence, new_lengths, size)
        token_of_rank = _numbered_as_met(old_rows, old_ranks, new_rows, new_ranks, size)
        self._ranks = (old_sequence, old_lengths), (new_sequence, new_lengths)
        self._size = size
        self._old_incidence = _incidence(old_rows, token_of_rank[old_ranks], len(old_texts), size)
        self._new_incidence = _incidence(new_rows, token_of_rank[new_ranks], len(new_texts), size)
        del old_rows, old_ranks, new_rows, new_ranks
        old_df = np.bincount(self._old_incidence.indices, minlength=size)
        new_df = np.bincount(self._new_incidence.indices, minlength=size)
        self.df = np.maximum(old_df, new_df).astype(np.float64)
        points = max(len(old_texts), len(new_texts), 1)
        stop = np.zeros(size, dtype=bool)
        stop_ids = [names[token] for token in _STOP_TOKENS if token in names]
        stop[token_of_rank[rank[np.asarray(stop_ids, dtype=np.int64)]]] = True
        self.weights = np.log((points + 1) / np.where(stop, points, np.maximum(self.df, 1)))
        self.old_tokens = _TokenSets(self._old_incidence)
        self.new_tokens = _TokenSets(self._new_incidence)
        self.old_mass = self._old_incidence.masses(self.weights, last_first=True)
        self.new_mass = self._new_incidence.masses(self.weights)

    @cached_property
    def _old_weighted(self) -> sparse.csr_matrix:
        """Old points x tokens, token weights as values (scipy: long documents only)."""
        from scipy import sparse

        return (self._old_incidence.csr() @ sparse.diags(self.weights)).tocsr()

    @cached_property
    def _new(self) -> sparse.csr_matrix:
        """New points x tokens, 1 where a point has a token (scipy: long documents only)."""
        return self._new_incidence.csr()

    def mass(self, tokens: frozenset[int]) -> float:
        """Total weight, summed in token-id order so that it does not depend on set order."""
        ids = np.fromiter(tokens, dtype=np.int64, count=len(tokens))
        ids.sort()
        return float(self.weights[ids].sum())

    def score(self, old: int, new: int) -> float:
        """Weighted Dice of one old and one new point: shared weight over their mean weight."""
        return self.dice(self.old_tokens[old], self.new_tokens[new])

    def dice(self, left: frozenset[int], right: frozenset[int]) -> float:
        return _dice(self.mass(left & right), self.mass(left), self.mass(right))

    def coverage(self, tokens: frozenset[int], by: frozenset[int]) -> float:
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
        if len(old_pool) * len(new_pool) <= DENSE_LIMIT:
            shared = _all_shared(self._old_incidence, self._new_incidence, self.weights, old_pool, new_pool)
            i, j = np.nonzero(_best_few_dense(shared, self.old_mass[old_pool], self.new_mass[new_pool]))
            values = shared[i, j]
        else:
            old_rows, new_rows = self._old_weighted[old_pool], self._new[new_pool]
            i, j = self._looked_up(old_pool, new_pool, old_rows, new_rows)
            values = _row_dots(old_rows, new_rows, i, j)
        old_index, new_index = old_pool[i], new_pool[j]
        values = np.asarray(values, dtype=np.float64)
        dice = 2 * values / np.maximum(self.old_mass[old_index] + self.new_mass[new_index], 1e-12)
        order = np.lexsort((new_index, old_index))
        return Candidates(old_index[order], new_index[order], values[order], dice[order])

    def _looked_up(
        self,
        old_pool: np.ndarray,
        new_pool: np.ndarray,
        old_rows: sparse.csr_matrix,
        new_rows: sparse.csr_matrix,
    ) -> tuple[np.ndarray, np.ndarray]:
        """`_best_few` of the lookup (rare words and rare word pairs shared): the (row, column) pairs
        kept, in the order of the lookup's entries; `LOOKUP_ROWS` old points at a time when longer.

        `_best_few` ranks a group's entries by `group x 2 - measure` over all
        entries at once; a measure of 2 or more (a pair sharing many rare word
        pairs) sorts an entry among another group's and cuts that group's run
        of entries in two, each ranked from the top. So that rule does not
        decompose as a plain best-few per group would, and blocks keep it
        exactly (`_Selection`): a first pass finds every entry that can cut
        (few: about one per point), a second keeps, of every stretch between
        two cuts, its best few, and `_best_few`'s own ranking runs on what is
        kept. Entries keep their place in the whole lookup, which breaks ties
        as it did.
        """
        lookup = _Lookup(self, old_pool, new_pool, old_rows, new_rows)
        old_mass, new_mass = self.old_mass[old_pool], self.new_mass[new_pool]
        if lookup.whole:
            (block,) = lookup.blocks()
            return _best_few(
                block.row, block.column, block.shared, old_mass[block.row], new_mass[block.column]
            )
        selections = [_Selection(by_row, held) for by_row in (True, False) for held in (False, True)]
        places = 0
        for block in lookup.blocks():
            measures = _measures(block.shared, old_mass[block.row], new_mass[block.column])
            for selection in selections:
                selection.find_cuts(block, measures[selection.held])
            places += len(block.place)
        for block in lookup.blocks():
            measures = _measures(block.shared, old_mass[block.row], new_mass[block.column])
            for selection in selections:
                selection.keep_stretches(block, measures[selection.held])
        del lookup, block, measures
        kept = np.zeros(places, dtype=bool)  # by place in the whole lookup, with each one's row and column
        rows, columns = np.zeros(places, dtype=np.int32), np.zeros(places, dtype=np.int32)
        for selection in selections:
            found = selection.kept()
            kept[found.place] = True
            rows[found.place], columns[found.place] = found.row, found.column
        return rows[kept], columns[kept]

    def _phrases(
        self, old_pool: np.ndarray, new_pool: np.ndarray
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Old points x word pairs, weighted, and word pairs x new points: their product is the old x new
        weight of the rare word pairs two points share (for proposing candidates only).

        A word pair is one integer (first token's rank x vocabulary size + second's), so sorting
        pairs sorts them as the strings "first second" would sort.
        """
        from scipy import sparse

        (old_sequence, old_lengths), (new_sequence, new_lengths) = self._ranks
        old_rows, old_keys = _pool_phrases(old_sequence, old_lengths, old_pool, self._size)
        new_rows, new_keys = _pool_phrases(new_sequence, new_lengths, new_pool, self._size)
        # Each word pair is numbered by its rank among them all: any numbering gives the same
        # product, since a row's entries stay in key order and the weights follow the numbers.
        met = _distinct(np.concatenate([old_keys, new_keys]))
        size = max(len(met), 1)
        old = _incidence(old_rows, np.searchsorted(met, old_keys).astype(np.int32), len(old_pool), size).csr()
        del old_rows, old_keys
        new = _incidence(new_rows, np.searchsorted(met, new_keys).astype(np.int32), len(new_pool), size).csr()
        del new_rows, new_keys, met
        df = np.maximum(np.bincount(old.indices, minlength=size), np.bincount(new.indices, minlength=size))
        points = max(len(old_pool), len(new_pool))
        rare = df <= PHRASE_DF
        weights = np.where(rare, np.log((points + 1) / np.maximum(df, 1)), 0.0)
        return old @ sparse.diags(weights), _rows_of(new.T.tocsr(), rare)


@dataclass(frozen=True)
class _Entries:
    """Entries of the lookup: each one's place in the whole lookup, its row, column and shared weight
    (in a `_Selection`, the measure it ranks them by instead)."""

    place: np.ndarray
    row: np.ndarray
    column: np.ndarray
    shared: np.ndarray

    @classmethod
    def joined(cls, *parts: _Entries) -> _Entries:
        return cls(
            *(np.concatenate(arrays) for arrays in zip(*(part.fields() for part in parts), strict=True))
        )

    def fields(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return self.place, self.row, self.column, self.shared

    def taking(self, mask: np.ndarray) -> _Entries:
        return _Entries(*(field[mask] for field in self.fields()))


class _Lookup:
    """The lookup product of a long document, block by block, each block as scipy made it whole."""

    def __init__(
        self,
        similarity: Similarity,
        old_pool: np.ndarray,
        new_pool: np.ndarray,
        old_rows: sparse.csr_matrix,
        new_rows: sparse.csr_matrix,
    ) -> None:
        from scipy import sparse

        rare = similarity.df <= RARE_DF
        self._words = old_rows @ sparse.diags(rare.astype(np.float64))  # holds rare words only
        self._new_words = _rows_of(new_rows.T.tocsr(), rare)  # the rows a product with it reads
        self._phrases, self._new_phrases = similarity._phrases(old_pool, new_pool)
        self._count = len(old_pool)
        canonical = False
        if self._count > LOOKUP_ROWS:
            word_part, phrase_part = self._parts(0, LOOKUP_ROWS)
            canonical = word_part.has_canonical_format and phrase_part.has_canonical_format
        self.whole = self._count <= LOOKUP_ROWS or canonical
        """One block: short enough, or the first block cannot tell how scipy would sum the whole."""
        self._general = not self.whole
        """Whether scipy sums the whole lookup by its general method (see `_block_sum`); a whole
        lookup is summed by scipy as it chooses."""

    def _parts(self, start: int, stop: int) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        return self._words[start:stop] @ self._new_words, self._phrases[start:stop] @ self._new_phrases

    def blocks(self) -> Iterator[_Entries]:
        rows = self._count if self.whole else LOOKUP_ROWS
        place = 0
        for start in range(0, self._count, rows):
            block = _block_sum(*self._parts(start, start + rows), self._general).tocoo()
            yield _Entries(
                np.arange(place, place + block.nnz, dtype=np.int64), block.row + start, block.col, block.data
            )
            place += block.nnz


class _Selection:
    """One of `_best_few`'s four rankings (by row or by column, by score or by containment), by blocks.

    Its rule on all entries: sort them by key (`group x 2 - measure`), ties
    by group then place; cut the sorted entries into runs of one group; keep
    the first `PER_POINT` of each run. An entry whose key is not above
    `group x 2 - 2` (measure 2 or more) may sort among other groups' entries:
    a "cut". Every other entry sorts among its own group's alone (by key
    alone, a group's come after the group before's), so a run of them is a
    stretch of one group between two consecutive cuts. Keeping all cuts and
    the first `PER_POINT` of every stretch keeps the first of every run (no
    run merges into another) and all that any run keeps, so the rule applied
    to them keeps what it keeps on all entries.
    """

    def __init__(self, by_row: bool, held: bool) -> None:
        self.by_row = by_row
        self.held = held
        self._cuts: list[_Entries] = []
        self._sorted_cuts: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._kept: list[_Entries] = []
        """By row: each block's best of its stretches. By column: one part, the best so far, in
        the order of their keys."""

    def _group(self, entries: _Entries) -> np.ndarray:
        return entries.row if self.by_row else entries.column

    def find_cuts(self, block: _Entries, measure: np.ndarray) -> None:
        group = self._group(block)
        cuts = group * 2.0 - measure <= group * 2.0 - 2.0
        self._cuts.append(_with_measure(block.taking(cuts), measure[cuts]))

    def keep_stretches(self, block: _Entries, measure: np.ndarray) -> None:
        """The best `PER_POINT` of each stretch of the block's entries (and, by column, of those kept)."""
        group = self._group(block)
        key = group * 2.0 - measure
        plain = ~(key <= group * 2.0 - 2.0)
        entries = _with_measure(block.taking(plain), measure[plain])
        order = np.argsort(key[plain], kind="stable")  # by group, then key, then place
        entries = entries.taking(order)
        if not self.by_row and self._kept:  # both in key order: a stable sort merges them
            entries = _Entries.joined(self._kept.pop(), entries)
            entries = entries.taking(np.argsort(self._group(entries) * 2.0 - entries.shared, kind="stable"))
        group = self._group(entries)
        stretch = self._stretch(group * 2.0 - entries.shared, group, entries.place)
        starts = np.flatnonzero(
            np.concatenate([[True], (group[1:] != group[:-1]) | (stretch[1:] != stretch[:-1])])
        )
        rank = np.arange(len(group)) - np.repeat(starts, np.diff(np.append(starts, len(group))))
        keep = rank < PER_POINT
        ends = np.append(starts[1:], len(group))
        for start in _crowded(group, entries.shared, starts, PER_POINT, None):  # `kept` chooses among these
            keep[start : ends[np.searchsorted(starts, start)]] = True
        self._kept.append(entries.taking(keep))

    def _stretch(self, key: np.ndarray, group: np.ndarray, place: np.ndarray) -> np.ndarray:
        """How many cuts sort before each entry (keys ascending): the stretch it lies in."""
        if self._sorted_cuts is None:
            cuts = _Entries.joined(*self._cuts)
            cut_group = self._group(cuts)
            cut_key = cut_group * 2.0 - cuts.shared
            order = np.lexsort((cuts.place, cut_group, cut_key))
            self._sorted_cuts = (cut_key[order], cut_group[order], cuts.place[order])
        cut_key, cut_group, cut_place = self._sorted_cuts
        if not len(cut_key):
            return np.zeros(len(key), dtype=np.int64)
        before = np.searchsorted(cut_key, key, side="left")
        tied = np.flatnonzero(cut_key[np.minimum(before, len(cut_key) - 1)] == key)
        for index in tied:  # a cut with the very same key: group, then place, decide
            at = before[index]
            while at < len(cut_key) and cut_key[at] == key[index]:
                if (cut_group[at], cut_place[at]) > (group[index], place[index]):
                    break
                at += 1
            before[index] = at
        return before

    def kept(self) -> _Entries:
        """What `_best_few`'s ranking keeps, found among the cuts and each stretch's best."""
        entries = _Entries.joined(*self._cuts, *self._kept)
        self._cuts, self._kept = [], []
        entries = entries.taking(np.argsort(entries.place, kind="stable"))
        group = self._group(entries)
        return entries.taking(_top_per_group(group, group_order(group), entries.shared, PER_POINT))


def _with_measure(entries: _Entries, measure: np.ndarray) -> _Entries:
    """The entries carrying the measure they are ranked by in the place of their shared weight."""
    return _Entries(entries.place, entries.row, entries.column, measure)


def _block_sum(
    word_part: sparse.csr_matrix, phrase_part: sparse.csr_matrix, general: bool
) -> sparse.csr_matrix:
    """`word_part + phrase_part` as scipy would have summed these rows of the whole lookup.

    scipy adds two matrices by one of two methods, chosen by whether both are
    canonical (each row sorted, no repeats): a merge that sorts each row, or
    a general one that keeps the order entries were met in. Either gives a
    row from that row alone, but the order of a row's entries breaks ties
    between equal scores. So a block is summed by the method the whole
    lookup used (`general`): when only the block happens to be canonical,
    one entry is repeated as an explicit zero, which changes no sum and no
    order but makes scipy take the general method.
    """
    if general and word_part.has_canonical_format and phrase_part.has_canonical_format:
        if phrase_part.nnz:
            phrase_part = _repeated_entry(phrase_part)
        elif word_part.nnz:
            word_part = _repeated_entry(word_part)
    return word_part + phrase_part


def _rows_of(matrix: sparse.csr_matrix, keep: np.ndarray) -> sparse.csr_matrix:
    """The matrix with only the rows `keep` marks left non-empty, every entry in its place."""
    from scipy import sparse

    lengths = np.diff(matrix.indptr)
    entries = np.repeat(keep, lengths)
    indptr = np.zeros_like(matrix.indptr)
    np.cumsum(lengths * keep, out=indptr[1:])
    return sparse.csr_matrix((matrix.data[entries], matrix.indices[entries], indptr), shape=matrix.shape)


def _repeated_entry(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """The same matrix with its first row's last entry given twice, the second time as 0."""
    from scipy import sparse

    row = int(np.flatnonzero(np.diff(matrix.indptr))[0])
    at = int(matrix.indptr[row + 1])
    indptr = matrix.indptr.copy()
    indptr[row + 1 :] += 1
    indices = np.insert(matrix.indices, at, matrix.indices[at - 1])
    data = np.insert(matrix.data, at, 0.0)
    return sparse.csr_matrix((data, indices, indptr), shape=matrix.shape)


@dataclass(frozen=True)
class _Incidence:
    """Points x tokens in compressed rows, without scipy: point k's token ids are
    `indices[indptr[k]:indptr[k + 1]]`, in the order given (token rank, as the reader sorts them)."""

    indptr: np.ndarray
    indices: np.ndarray
    size: int
    """Tokens in the vocabulary (columns)."""

    @property
    def count(self) -> int:
        return len(self.indptr) - 1

    def rows(self) -> np.ndarray:
        """The point of each entry."""
        return np.repeat(np.arange(self.count, dtype=np.int64), np.diff(self.indptr))

    def masses(self, weights: np.ndarray, *, last_first: bool = False) -> np.ndarray:
        """Each point's total token weight, added in row order or last token first.

        The old side's masses are added last first because scipy's product with
        the weights stored each row reversed and its row sums ran in that order:
        the same order keeps every score bit for bit what it was.
        """
        if not last_first:
            return np.bincount(self.rows(), weights=weights[self.indices], minlength=self.count)
        lengths = np.diff(self.indptr)
        order = np.repeat(self.indptr[:-1] + self.indptr[1:] - 1, lengths) - np.arange(len(self.indices))
        filled = np.flatnonzero(lengths)
        masses = np.zeros(self.count)
        if len(filled):
            masses[filled] = np.add.reduceat(weights[self.indices[order]], self.indptr[filled])
        return masses

    def pool(self, pool: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row in the pool, token) of each entry of the pool's points."""
        lengths = (self.indptr[pool + 1] - self.indptr[pool]).astype(np.int64)
        rows = np.repeat(np.arange(len(pool), dtype=np.int64), lengths)
        shift = self.indptr[pool].astype(np.int64) - (np.cumsum(lengths) - lengths)
        return rows, self.indices[np.repeat(shift, lengths) + np.arange(len(rows))]

    def csr(self) -> sparse.csr_matrix:
        """As a scipy matrix of ones (imported here: only long documents need scipy)."""
        from scipy import sparse

        data = np.ones(len(self.indices), dtype=np.float64)
        return sparse.csr_matrix((data, self.indices, self.indptr), shape=(self.count, self.size))


def _incidence(rows: np.ndarray, columns: np.ndarray, count: int, size: int) -> _Incidence:
    """Points x tokens from (point, token) entries; `rows` ascending, columns kept in the order given."""
    indptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=count), out=indptr[1:])
    index = np.int32 if max(len(columns), size) < 2**31 else np.int64
    return _Incidence(indptr.astype(index), columns.astype(index), size)


def _all_shared(
    old: _Incidence, new: _Incidence, weights: np.ndarray, old_pool: np.ndarray, new_pool: np.ndarray
) -> np.ndarray:
    """Old pool x new pool matrix of the weight each pair shares, with numpy alone.

    Words held by many points on both sides (more than `PRODUCT_SHARE` of all
    pairs) go through one dense product; every other word adds its weight to
    each (old holder, new holder) pair it makes, by one weighted count.
    """
    old_rows, old_tokens = old.pool(old_pool)
    new_rows, new_tokens = new.pool(new_pool)
    shape = (len(old_pool), len(new_pool))
    old_df = np.bincount(old_tokens, minlength=old.size)
    new_df = np.bincount(new_tokens, minlength=old.size)
    common = old_df * new_df > PRODUCT_SHARE * shape[0] * shape[1]
    column = np.cumsum(common) - 1
    on_old, on_new = common[old_tokens], common[new_tokens]
    old_dense = np.zeros((shape[0], int(common.sum())))
    old_dense[old_rows[on_old], column[old_tokens[on_old]]] = weights[old_tokens[on_old]]
    new_dense = np.zeros((shape[1], old_dense.shape[1]))
    new_dense[new_rows[on_new], column[new_tokens[on_new]]] = 1.0
    shared = old_dense @ new_dense.T
    del old_dense, new_dense
    # The rarer words: each old entry meets every new holder of its token.
    old_rows, old_tokens = old_rows[~on_old], old_tokens[~on_old]
    new_rows, new_tokens = new_rows[~on_new], new_tokens[~on_new]
    holders = new_rows[np.argsort(new_tokens, kind="stable")]
    count = np.bincount(new_tokens, minlength=old.size)
    first_holder = np.cumsum(count) - count
    meets = count[old_tokens]
    total = int(meets.sum())
    start = np.repeat(first_holder[old_tokens] - (np.cumsum(meets) - meets), meets)
    partner = holders[start + np.arange(total)]
    keys = np.repeat(old_rows * shape[1], meets) + partner
    shared += np.bincount(
        keys, weights=np.repeat(weights[old_tokens], meets), minlength=shape[0] * shape[1]
    ).reshape(shape)
    return shared


class _TokenSets:
    """The token ids of each point as a frozenset, made on demand (only merges and splits need them)."""

    def __init__(self, incidence: _Incidence) -> None:
        self._indptr = incidence.indptr
        self._indices = incidence.indices

    def __getitem__(self, point: int) -> frozenset[int]:
        return frozenset(self._indices[self._indptr[point] : self._indptr[point + 1]].tolist())


_CUT_POINTS = 2048
"""Points cut into words at once: big enough that a regex call costs nothing, small enough that
their word strings (about 6 MB) never add up."""


def _side_sequences(
    titles: Sequence[str | None], texts: Sequence[str], words: dict[str, int], names: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Every point's tokens in order (ids into `names`, which grows), flat, and each point's count.

    Plain ASCII points without an exclusion cue (nearly all) are cut by one
    regex pass over `_CUT_POINTS` of them at a time, joined by NUL, and each
    distinct word is stemmed once (`words` maps a word to its token id); any
    other point goes through `_point_sequence`. Both give the same tokens.
    The cuts bound memory: a Python string per word of a 100,000-point
    revision would take 400 MB.
    """
    fast: list[int] = []
    pieces: list[str] = []
    cut: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    slow: dict[int, np.ndarray] = {}

    def flush() -> None:
        found = _ASCII_TOKEN.findall("\x00".join(pieces))
        for word in dict.fromkeys(found):
            if word not in words:
                words[word] = names.setdefault(_word_tokens(word)[0], len(names))
        ids = np.fromiter(map(words.__getitem__, found), dtype=np.int32, count=len(found))
        counts.append(np.diff(np.concatenate([[-1], np.flatnonzero(ids < 0), [len(ids)]])) - 1)
        cut.append(ids[ids >= 0])
        pieces.clear()

    for index, (title, text) in enumerate(zip(titles, texts, strict=True)):
        piece = f"{title}\n{text}" if title else text
        if piece.isascii() and "\x00" not in piece:
            folded = piece.lower()
            if not any(cue in folded for cue in _ASCII_CUES):
                fast.append(index)
                pieces.append(folded)
                if len(pieces) == _CUT_POINTS:
                    flush()
                continue
        sequence = [names.setdefault(token, len(names)) for token in _point_sequence(title, text)]
        slow[index] = np.asarray(sequence, dtype=np.int32)
    if pieces:
        flush()
    ids = np.concatenate(cut) if cut else np.zeros(0, dtype=np.int32)
    lengths = np.zeros(len(texts), dtype=np.int64)
    if fast:
        lengths[fast] = np.concatenate(counts)
    if not slow:
        return ids, lengths
    for index, sequence in slow.items():
        lengths[index] = len(sequence)
    parts: list[np.ndarray] = [np.zeros(0, dtype=np.int32)] * len(texts)
    if fast:
        for index, part in zip(fast, np.split(ids, np.cumsum(lengths[fast])[:-1]), strict=True):
            parts[index] = part
    for index, sequence in slow.items():
        parts[index] = sequence
    return np.concatenate(parts) if parts else ids, lengths


def _numbered_as_met(
    old_rows: np.ndarray, old_ranks: np.ndarray, new_rows: np.ndarray, new_ranks: np.ndarray, size: int
) -> np.ndarray:
    """Token id of each token rank: tokens numbered as a reader meets them, old points first.

    A token first met in an earlier point comes first; within a point, in
    string (rank) order. Found from each token's first point on each side,
    with no pass over the millions of (point, token) pairs beyond two `minimum.at`.
    """
    never = np.iinfo(np.int64).max
    first_old = np.full(size, never, dtype=np.int64)
    first_new = np.full(size, never, dtype=np.int64)
    np.minimum.at(first_old, old_ranks, old_rows)
    np.minimum.at(first_new, new_ranks, new_rows)
    on_old = first_old < never
    met = np.flatnonzero(on_old | (first_new < never))
    order = met[np.lexsort((met, np.where(on_old, first_old, first_new)[met], ~on_old[met]))]
    numbers = np.zeros(size, dtype=np.int64)
    numbers[order] = np.arange(len(order))
    return numbers


def _point_sets(sequence: np.ndarray, lengths: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(point, token) of each distinct token of each point, by point then token: a flat set per point."""
    points = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    keys = points * size
    keys += sequence
    return np.divmod(_distinct(keys), size)


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values: `np.unique` without its hash table, ten times slower on a million ints.

    Sorts `values` in place: callers pass an array of their own.
    """
    values.sort()
    return values[np.concatenate([[True], values[1:] != values[:-1]])] if len(values) else values


def _pool_phrases(
    sequence: np.ndarray, lengths: np.ndarray, pool: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """(row in the pool, word-pair key) of each distinct consecutive word pair of the pool's points.

    Sorted by row, then key. Intermediate arrays are dropped as soon as used:
    at 100,000 points each is tens of megabytes.
    """
    points = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    row_of = np.full(len(lengths), -1, dtype=np.int32)
    row_of[pool] = np.arange(len(pool), dtype=np.int32)
    rows = row_of[points[:-1]]
    keep = (points[:-1] == points[1:]) & (rows >= 0)
    del points
    rows = rows[keep]
    keys = sequence[:-1][keep].astype(np.int64)
    keys *= size
    keys += sequence[1:][keep]
    del keep
    square = size * size
    if len(pool) * square < 2**62:
        combined = rows.astype(np.int64)
        del rows
        combined *= square
        combined += keys
        del keys
        combined = _distinct(combined)
        rows, keys = np.divmod(combined, square)
        return rows.astype(np.int32), keys
    order = np.lexsort((keys, rows))
    rows, keys = rows[order], keys[order]
    distinct = np.concatenate([[True], (rows[1:] != rows[:-1]) | (keys[1:] != keys[:-1])])[: len(rows)]
    return rows[distinct], keys[distinct]


def _best_few(
    i: np.ndarray, j: np.ndarray, shared: np.ndarray, old_mass: np.ndarray, new_mass: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The `PER_POINT` best pairs of every point on each side, by score and by containment.

    Containment (shared weight over the lighter point's) keeps the short
    piece of a split or merge beside the long one. The lookup's weight counts
    rare word pairs on top of words, so a measure can pass 1, and at 2 or more
    its key sorts among another point's (see `_Selection`, which keeps this
    exactly when the lookup is made by blocks).
    """
    score, held = _measures(shared, old_mass, new_mass)
    by_old, by_new = group_order(i), group_order(j)
    keep = _top_per_group(i, by_old, score, PER_POINT) | _top_per_group(j, by_new, score, PER_POINT)
    keep |= _top_per_group(i, by_old, held, PER_POINT) | _top_per_group(j, by_new, held, PER_POINT)
    return i[keep], j[keep]


def _measures(
    shared: np.ndarray, old_mass: np.ndarray, new_mass: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Score (shared over both masses) and containment (shared over the lighter point's mass)."""
    score = shared / np.maximum(old_mass + new_mass, 1e-12)
    held = shared / np.maximum(np.minimum(old_mass, new_mass), 1e-12)
    return score, held


def _best_few_dense(shared: np.ndarray, old_mass: np.ndarray, new_mass: np.ndarray) -> np.ndarray:
    """`_best_few` on the whole old x new matrix of a small document: a mask instead of index lists.

    The same choice (the `PER_POINT` best of each row and column by score and by
    containment, ties by position: the new index within an old point's row, the
    old index within a new point's column), found by one partition per row
    instead of sorting a million pairs.
    """
    valid = shared > 0
    score = shared / np.maximum(old_mass[:, None] + new_mass[None, :], 1e-12)
    held = shared / np.maximum(np.minimum(old_mass[:, None], new_mass[None, :]), 1e-12)
    keep = np.zeros(shared.shape, dtype=bool)
    for measure in (score, held):
        keep |= _top_per_row(measure, valid)
        keep |= _top_per_row(measure.T, valid.T).T
    return keep


def _top_per_row(measure: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Mask of the `PER_POINT` highest valid values of each row; among tied ones
    (`tui.engine.ties`), the leftmost."""
    count = measure.shape[1]
    if count <= PER_POINT:
        return valid
    values = np.where(valid, measure, -np.inf)
    kth = np.partition(values, count - PER_POINT, axis=1)[:, count - PER_POINT : count - PER_POINT + 1]
    slack = SCORE_TIE * np.abs(np.where(np.isinf(kth), 0.0, kth))  # -inf: fewer valid values than wanted
    above = values > kth + slack
    kept = (values >= kth - slack) & valid
    # Rows with more tied values than room keep the leftmost (rare: the rest need no cumulative count).
    crowded = np.flatnonzero(kept.sum(axis=1) > PER_POINT)
    if len(crowded):
        tied = kept[crowded] & ~above[crowded]
        room = PER_POINT - above[crowded].sum(axis=1, keepdims=True)
        kept[crowded] = above[crowded] | (tied & (np.cumsum(tied, axis=1) <= room))
    return kept


def group_order(group: np.ndarray) -> np.ndarray:
    """Stable argsort of non-negative integers, 16 bits at a time (numpy radix-sorts 16-bit keys).

    Linear, where a stable argsort of int64 is a merge sort: 2 ms instead of
    170 on a million and a half candidates.
    """
    order = np.arange(len(group))
    high = int(group.max()) if len(group) else 0
    shift = 0
    while True:
        digit = ((group[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
        if not high >> shift:
            return order


def _top_per_group(group: np.ndarray, by_group: np.ndarray, score: np.ndarray, count: int) -> np.ndarray:
    """Mask of the `count` highest scores within each group; among those tied with the
    `count`-th (`tui.engine.ties`), the first in position, as `_top_per_row` chooses.

    One stable argsort on group - score (scores lie in [0, 1]) instead of a
    three-key lexsort: the lookup of a long document has millions of rows.
    It runs on the rows already put in group order (`by_group`, a stable
    order), where it only has to sort short runs: same order, a third of the time.
    That key rounds a score to the last place of `group x 2`, so the runs with
    a score near their cut (`_crowded`, few) are chosen again on the scores.
    """
    order = by_group[np.argsort((group * 2.0 - score)[by_group], kind="stable")]
    sorted_group = group[order]
    starts = np.flatnonzero(np.concatenate([[True], sorted_group[1:] != sorted_group[:-1]]))
    run = np.diff(np.append(starts, len(order)))
    rank = np.arange(len(order)) - np.repeat(starts, run)
    mask = np.zeros(len(score), dtype=bool)
    mask[order[rank < count]] = True
    ends = np.append(starts[1:], len(order))
    for start in _crowded(sorted_group, score, starts, count, order):
        rows = order[start : ends[np.searchsorted(starts, start)]]
        mask[rows] = False
        mask[rows[_top_tied_first(score[rows], rows, count)]] = True
    return mask


def _crowded(
    sorted_group: np.ndarray, score: np.ndarray, starts: np.ndarray, count: int, order: np.ndarray | None
) -> np.ndarray:
    """The starts of the runs (`score[order]` in key order) whose entry after the `count`-th may
    tie with it or, its score rounded in the key, pass it: few, and chosen again on the scores."""
    run = np.diff(np.append(starts, len(sorted_group)))
    long = starts[run > count]
    kth, next_one = long + count - 1, long + count
    if order is not None:
        kth, next_one = order[kth], order[next_one]
    floor = tie_floor(score[kth]) - 4 * np.spacing(sorted_group[long] * 2.0)
    return long[score[next_one] >= floor]


def _top_tied_first(score: np.ndarray, position: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` highest scores; among those tied with the `count`-th, the lowest positions."""
    kth = np.partition(score, len(score) - count)[len(score) - count]
    above = exceeds(score, np.full(len(score), kth))
    tied = np.flatnonzero(~above & ~exceeds(np.full(len(score), kth), score))
    tied = tied[np.argsort(position[tied], kind="stable")][: count - np.count_nonzero(above)]
    return np.concatenate([np.flatnonzero(above), tied])


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
