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
Arabic vowel marks dropped, plurals and common endings trimmed (English and
Russian), numbers kept whole ("600,000" is one token). Scripts written without
spaces (Chinese, Japanese, Thai...) are cut into character bigrams, and each
emoji is a token of its own.

Comparing every old point with every new one in Python would take minutes on
long documents, so `Similarity.candidates` looks pairs up through inverted
indexes, reading only the short postings of rare words and rare word pairs,
and scores exactly only the few most promising pairs of each point.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
_MIN_STEM = 3
_DOUBLED = re.compile(r"([b-df-hj-km-np-rtv-y])\1$")

# Function words of the languages proposals here are written in. IDF alone
# gives them a low weight in long documents, but in a 20-point document "up"
# or "with" may occur in two points only and would look as telling as
# "Zaporizhzhia"; measured on the US 28/20-point pair, that made an added point
# look like a paraphrase of a removed one. They are weighted as if every point
# had them.
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

# Looking pairs up: each new point reads the postings of its rarest tokens
# until this many old points have been visited, then scores the best few.
# Measured on generated pairs of 1,000 and 10,000 points, budgets from 50 to
# 300 find the same pairs; the smallest keeps long documents fast.
_LOOKUP_BUDGET = 100
_PER_POINT = 10
# Word pairs held by more points than this are boilerplate, not evidence.
_PHRASE_CAP = 20
_PER_POINT_PHRASES = 5


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


def _fold(text: str) -> str:
    """Casefold and drop combining marks, so "Kyïv" and "Kyiv", "أوكرانيا" and "اوكرانيا" agree."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFKC", bare).translate(_ARABIC_FOLD)


@lru_cache(maxsize=1 << 16)
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
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if "a" <= word[-1] <= "z":
        return _stem_latin(word)
    if "а" <= word[-1] <= "я" or word[-1] == "ё":
        return _stem_cyrillic(word)
    return word


def _stem_latin(word: str) -> str:
    """A few English suffix rules: enough to make "guarantees"/"guarantee", "capped"/"cap" meet."""
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = _DOUBLED.sub(r"\1", word[: len(word) - len(suffix)] + replacement)
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > _MIN_STEM:
            word = word[:-1]
    if word.endswith("e") and len(word) > _MIN_STEM + 1:
        word = word[:-1]
    return word


def _stem_cyrillic(word: str) -> str:
    """Drop one case or number ending, as Russian and Ukrainian inflect nearly every noun."""
    for ending in _CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM + 1:
            return word[: -len(ending)]
    return word


_STOP_TOKENS = frozenset(token for word in _FUNCTION_WORDS for token in tokenize(word))


@dataclass(frozen=True)
class Candidate:
    """A possible (old, new) pair and its score (see `Similarity.score`)."""

    old: int
    new: int
    score: float


class Similarity:
    """Token weights and token sets of two revisions, and the measures built on them.

    The weight of a token is `log((N + 1) / df)`, where `N` is the number of
    points of the longer revision and `df` the number of points containing it
    on the side where it is commonest. Counting per side, not over both, keeps
    a word that appears once in each revision (the best evidence of a pair
    there is) as heavy as a word found only once overall.
    """

    def __init__(self, old_texts: Sequence[str], new_texts: Sequence[str]) -> None:
        old_sequences = [tokenize(text) for text in old_texts]
        new_sequences = [tokenize(text) for text in new_texts]
        self.old_tokens = [frozenset(tokens) for tokens in old_sequences]
        self.new_tokens = [frozenset(tokens) for tokens in new_sequences]
        self._old_phrases = [_bigrams(tokens) for tokens in old_sequences]
        self._new_phrases = [_bigrams(tokens) for tokens in new_sequences]
        old_df = _document_frequency(self.old_tokens)
        new_df = _document_frequency(self.new_tokens)
        points = max(len(old_texts), len(new_texts), 1)
        self.weight = {
            token: math.log(
                (points + 1) / (points if token in _STOP_TOKENS else max(old_df[token], new_df[token]))
            )
            for token in old_df.keys() | new_df.keys()
        }
        self.old_mass = [self.mass(tokens) for tokens in self.old_tokens]
        self.new_mass = [self.mass(tokens) for tokens in self.new_tokens]

    def mass(self, tokens: Iterable[str]) -> float:
        """Total weight; `fsum` makes it independent of set order, so runs agree to the last bit."""
        return math.fsum(map(self.weight.__getitem__, tokens))

    def score(self, old: int, new: int) -> float:
        """Weighted Dice coefficient: shared weight over the mean weight of the two points."""
        shared = self.mass(self.old_tokens[old] & self.new_tokens[new])
        return _dice(shared, self.old_mass[old], self.new_mass[new])

    def dice(self, left: frozenset[str], right: frozenset[str]) -> float:
        return _dice(self.mass(left & right), self.mass(left), self.mass(right))

    def coverage(self, tokens: frozenset[str], by: frozenset[str]) -> float:
        """Share of the weight of `tokens` that `by` also has: how much of one text another contains."""
        total = self.mass(tokens)
        return self.mass(tokens & by) / total if total > 0 else 0.0

    def candidates(self, old_pool: Sequence[int], new_pool: Sequence[int], floor: float) -> list[Candidate]:
        """For each new point, the old points likely to share `floor` of the lighter one's weight or more.

        The floor is on containment, not on the score, so that a short point
        inside a long one (half of a merge or a split) is still found.

        Old points are looked up by the new point's rarest words, as many as
        fit in a budget of postings (so common words cost nothing), and by
        its rare word pairs, which still tell points apart in long documents
        where even a point's rarest words are common. Only the most promising
        are scored.
        """
        words = _postings(self.old_tokens, old_pool)
        phrases = _postings(self._old_phrases, old_pool)
        old_mass = self.old_mass
        found: list[Candidate] = []
        for new in new_pool:
            tokens = self.new_tokens[new]
            lighter = self.new_mass[new]
            shared = self._rare_shared(tokens, words)
            promising = set(
                heapq.nlargest(
                    _PER_POINT, shared, key=lambda old: (shared[old] / min(old_mass[old], lighter), -old)
                )
            )
            hits = _phrase_hits(self._new_phrases[new], phrases)
            promising.update(heapq.nlargest(_PER_POINT_PHRASES, hits, key=lambda old: (hits[old], -old)))
            for old in promising:
                overlap = self.mass(tokens & self.old_tokens[old])
                if overlap > 0 and overlap >= floor * min(old_mass[old], lighter):
                    found.append(Candidate(old, new, _dice(overlap, old_mass[old], lighter)))
        return found

    def _rare_shared(self, tokens: Iterable[str], postings: dict[str, list[int]]) -> dict[int, float]:
        """Weight each old point shares with these tokens, counting only the rarest that fit the budget."""
        weight = self.weight
        shared: dict[int, float] = defaultdict(float)
        spent = 0
        for token in sorted(tokens, key=lambda t: (len(postings.get(t, ())), t)):
            holders = postings.get(token, ())
            spent += len(holders)
            if spent > _LOOKUP_BUDGET:
                break
            w = weight[token]
            for old in holders:
                shared[old] += w
        return shared


def _bigrams(tokens: list[str]) -> frozenset[str]:
    return frozenset(f"{first} {second}" for first, second in itertools.pairwise(tokens))


def _postings(token_sets: Sequence[frozenset[str]], pool: Iterable[int]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for index in pool:
        for token in token_sets[index]:
            postings[token].append(index)
    return postings


def _phrase_hits(phrases: frozenset[str], postings: dict[str, list[int]]) -> dict[int, int]:
    """How many rare word pairs each old point shares with a new one; boilerplate pairs are skipped."""
    hits: dict[int, int] = defaultdict(int)
    for phrase in phrases:
        holders = postings.get(phrase, ())
        if len(holders) <= _PHRASE_CAP:
            for old in holders:
                hits[old] += 1
    return hits


def _document_frequency(token_sets: Iterable[frozenset[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for tokens in token_sets:
        df.update(tokens)
    return df


def _dice(shared: float, left: float, right: float) -> float:
    total = left + right
    return 2 * shared / total if total > 0 else 0.0
