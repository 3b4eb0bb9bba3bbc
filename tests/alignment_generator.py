"""Revision pairs with a known true alignment, for measuring the point matcher.

Real pairs of treaty revisions with a careful human alignment are rare, so the
matcher's accuracy is measured on synthetic ones that are hard in the same ways:

- texts draw content words from a Zipfian vocabulary of several thousand
  words, mixed with function words and boilerplate phrases that many points
  share ("the parties shall"), so sharing a few words proves little;
- rewording replaces 10-40% of a point's words by synonyms (a fixed other
  word, as a thesaurus would), inflected forms or unrelated words, and inserts
  and deletes words;
- points are deleted, inserted, moved far, merged with their neighbours and
  split into consecutive pieces; every change renumbers the points after it.

`DEFAULT_MIX` rewords half the surviving points and deletes, inserts and
moves 5% each, merging and splitting 3%; `EVERY_POINT_REWORDED` rewords all
of them, as real revisions often do; `HARD_MIX` is for tuning. Every draw comes
from `random.Random` generators seeded by `seed`, so a size and a seed always
give the same pair.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field

from tui.model import Location, Point

VOCABULARY_SIZE = 6000
_ZIPF_EXPONENT = 1.05
_ZIPF_OFFSET = 3
_SYLLABLES = tuple(
    consonant + vowel
    for consonant in "b c d f g k l m n p r s t v z st tr pr".split()
    for vowel in "a e i o u ia io".split()
)
_SUFFIXES = ("", "", "", "tion", "ment", "al", "ity", "ance", "ive", "ing", "ed", "s")
FUNCTION_WORDS = tuple(
    "the of and to in a for on by with as is be that all its any or shall will not from at this which "
    "such their each".split()
)
BOILERPLATE = (
    "the parties shall",
    "in accordance with the provisions of this agreement",
    "without prejudice to",
    "for the purposes of this article",
    "the signatories undertake to",
    "within a period of thirty days",
    "subject to the approval of",
    "as soon as possible after signature",
    "in good faith",
    "under international supervision",
    "the contracting states agree that",
    "unless otherwise agreed",
)
_FUNCTION_SHARE = 0.4
_BOILERPLATE_SHARE = 0.4
_NUMBER_SHARE = 0.015
_MIN_PIECE = 10
_SPLIT_PREFIX = ("the parties shall", "furthermore", "in addition", "")


@dataclass(frozen=True)
class Mix:
    """How often each change happens, per old point (inserts: per old point too)."""

    reword: float = 0.5
    """Share of surviving points that are reworded."""
    reword_min: float = 0.1
    reword_max: float = 0.4
    """Share of a reworded point's words that are edited, drawn uniformly between these."""
    delete: float = 0.05
    insert: float = 0.05
    move: float = 0.05
    merge: float = 0.03
    split: float = 0.03
    swap: float = 0.0
    """Neighbouring points that trade places."""
    block_move: float = 0.0
    """Runs of 3 to 6 points moved together elsewhere (a chapter regrouped)."""
    keep_numbers: bool = False
    """New points keep the number of the old point they come from (a point-by-point reply);
    inserted points are numbered after the last old one."""


DEFAULT_MIX = Mix()
EVERY_POINT_REWORDED = Mix(reword=1.0)
HARD_MIX = Mix(reword=1.0, reword_min=0.25, delete=0.1, insert=0.1, move=0.1, merge=0.05, split=0.05)
"""Every point reworded by a quarter or more, and twice the structural changes: for tuning, not a bar."""
PARAPHRASE_MIX = Mix(
    reword=1.0,
    reword_min=2.0,
    reword_max=4.0,
    delete=0.08,
    insert=0.08,
    move=0.05,
    merge=0.03,
    split=0.03,
    swap=0.05,
    block_move=0.02,
)
"""Real rewording: every point rewritten until its true partner keeps a word-Dice of about 0.05-0.3
(as on real treaty revisions), with swaps and block moves; `reword_*` above 1 means more edit
operations than the point has words."""
REPLY_MIX = Mix(
    reword=1.0,
    reword_min=0.6,
    reword_max=2.0,
    delete=0.25,
    insert=0.05,
    move=0.0,
    merge=0.0,
    split=0.0,
    keep_numbers=True,
)
"""A counter-proposal answering a draft point by point: heavy rewording, numbers kept."""


@dataclass(frozen=True)
class RevisionPair:
    """Two revisions and what a perfect matcher would say about them."""

    old: tuple[Point, ...]
    new: tuple[Point, ...]
    pairs: frozenset[tuple[int, int]]
    """Every (old index, new index) that is the same point; a merge or split gives one per piece."""
    moved: frozenset[int] = field(default_factory=frozenset)
    """New indices of points moved out of order with the points that stayed in place.

    A point moved only across inserted or deleted ones has not changed
    order, and is not counted.
    """
    merged: frozenset[int] = field(default_factory=frozenset)
    """New indices of points made by merging several old ones."""
    split: frozenset[int] = field(default_factory=frozenset)
    """Old indices of points cut into several new ones."""


@dataclass(eq=False)
class _Piece:
    """A point of the new revision while it is being built, with the old points it comes from."""

    words: list[str]
    origins: tuple[int, ...]
    moved: bool = False


class _Vocabulary:
    """Pseudo-words with Zipfian frequencies and a fixed synonym for each."""

    def __init__(self, rng: random.Random) -> None:
        words: list[str] = []
        seen: set[str] = set(FUNCTION_WORDS)
        while len(words) < VOCABULARY_SIZE:
            word = "".join(rng.choices(_SYLLABLES, k=rng.choice((1, 2, 2, 3, 3, 4)))) + rng.choice(_SUFFIXES)
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self._cumulative = list(
            itertools.accumulate(1 / (rank + _ZIPF_OFFSET) ** _ZIPF_EXPONENT for rank in range(len(words)))
        )
        shuffled = words[:]
        rng.shuffle(shuffled)
        self.synonym = dict(zip(words, shuffled, strict=True))

    def draw(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self._cumulative, rng.random() * self._cumulative[-1])]


MIXES = {
    "default": DEFAULT_MIX,
    "reworded": EVERY_POINT_REWORDED,
    "hard": HARD_MIX,
    "paraphrase": PARAPHRASE_MIX,
    "reply": REPLY_MIX,
}
"""Every mix by name, in the order the benchmarks run them."""


def generate(size: int, seed: int = 0, mix: Mix = DEFAULT_MIX) -> RevisionPair:
    """An old revision of `size` points, a new one made from it by `mix`, and the true alignment."""
    rng = random.Random(seed)
    vocabulary = _Vocabulary(random.Random(seed * 7919 + 1))
    old_words = [_point_words(rng, vocabulary) for _ in range(size)]
    pieces = _derive(rng, vocabulary, old_words, mix)
    _insert(rng, vocabulary, pieces, round(size * mix.insert))
    _move(rng, pieces, round(size * mix.move))
    _swap(rng, pieces, round(size * mix.swap))
    _block_move(rng, pieces, round(size * mix.block_move))
    return RevisionPair(
        old=_points(old_words, "old.yaml"),
        new=_points(
            [piece.words for piece in pieces],
            "new.yaml",
            _numbers(pieces, size) if mix.keep_numbers else None,
        ),
        pairs=frozenset((old, new) for new, piece in enumerate(pieces) for old in piece.origins),
        moved=frozenset(_displaced(pieces)),
        merged=frozenset(new for new, piece in enumerate(pieces) if len(piece.origins) > 1),
        split=frozenset(_split_origins(pieces)),
    )


def _point_words(rng: random.Random, vocabulary: _Vocabulary) -> list[str]:
    length = round(rng.triangular(10, 60, 18))
    words: list[str] = []
    if rng.random() < _BOILERPLATE_SHARE:
        words.extend(rng.choice(BOILERPLATE).split())
    while len(words) < length:
        if rng.random() < _FUNCTION_SHARE:
            words.append(rng.choice(FUNCTION_WORDS))
        elif rng.random() < _NUMBER_SHARE:
            words.append(_number(rng))
        else:
            words.append(vocabulary.draw(rng))
    if rng.random() < _BOILERPLATE_SHARE / 2:
        cut = rng.randrange(len(words))
        words[cut:cut] = rng.choice(BOILERPLATE).split()
    return words


def _number(rng: random.Random) -> str:
    return rng.choice((str(rng.randint(2, 100)), f"{rng.randint(1, 999)},000", f"{rng.randint(1, 12)}0%"))


def _derive(
    rng: random.Random, vocabulary: _Vocabulary, old_words: list[list[str]], mix: Mix
) -> list[_Piece]:
    """Walk the old points in order, deleting, merging, splitting and rewording them."""
    pieces: list[_Piece] = []
    index = 0
    while index < len(old_words):
        roll = rng.random()
        if roll < mix.delete:
            index += 1
        elif roll < mix.delete + mix.merge and index + 1 < len(old_words):
            group = range(index, min(index + rng.choice((2, 2, 3)), len(old_words)))
            words = [
                word for member in group for word in _maybe_reword(rng, vocabulary, old_words[member], mix)
            ]
            pieces.append(_Piece(words, tuple(group)))
            index = group.stop
        elif roll < mix.delete + mix.merge + mix.split and len(old_words[index]) >= 2 * _MIN_PIECE:
            pieces.extend(_split(rng, vocabulary, old_words[index], index, mix))
            index += 1
        else:
            pieces.append(_Piece(_maybe_reword(rng, vocabulary, old_words[index], mix), (index,)))
            index += 1
    return pieces


def _split(
    rng: random.Random, vocabulary: _Vocabulary, words: list[str], origin: int, mix: Mix
) -> list[_Piece]:
    """Cut a point into consecutive pieces long enough to be points of their own."""
    count = min(rng.choice((2, 2, 3)), len(words) // _MIN_PIECE)
    cuts = [len(words) * k // count + rng.randint(-2, 2) for k in range(1, count)]
    pieces = []
    for start, end in itertools.pairwise([0, *cuts, len(words)]):
        prefix = rng.choice(_SPLIT_PREFIX).split()
        pieces.append(_Piece(prefix + _maybe_reword(rng, vocabulary, words[start:end], mix), (origin,)))
    return pieces


def _maybe_reword(rng: random.Random, vocabulary: _Vocabulary, words: list[str], mix: Mix) -> list[str]:
    if rng.random() >= mix.reword:
        return list(words)
    return _reword(rng, vocabulary, words, rng.uniform(mix.reword_min, mix.reword_max))


def _reword(rng: random.Random, vocabulary: _Vocabulary, words: list[str], share: float) -> list[str]:
    """Edit `share` of the words: substitute (synonym, inflection, other word), insert or delete."""
    result = list(words)
    for _ in range(max(1, round(share * len(words)))):
        position = rng.randrange(len(result)) if result else 0
        operation = rng.random()
        if operation < 0.6 and result:
            result[position] = _substitute(rng, vocabulary, result[position])
        elif operation < 0.8 or not result:
            result.insert(
                position, vocabulary.draw(rng) if rng.random() < 0.6 else rng.choice(FUNCTION_WORDS)
            )
        elif len(result) > 3:
            del result[position]
    return result


def _substitute(rng: random.Random, vocabulary: _Vocabulary, word: str) -> str:
    roll = rng.random()
    if word in vocabulary.synonym and roll < 0.5:
        return vocabulary.synonym[word]
    if word in vocabulary.synonym and roll < 0.65:
        return word + rng.choice(("s", "ed", "ing"))
    return vocabulary.draw(rng)


def _insert(rng: random.Random, vocabulary: _Vocabulary, pieces: list[_Piece], count: int) -> None:
    for _ in range(count):
        pieces.insert(rng.randint(0, len(pieces)), _Piece(_point_words(rng, vocabulary), ()))


def _move(rng: random.Random, pieces: list[_Piece], count: int) -> None:
    """Move whole points at least three places, so a move is not just a neighbour swap.

    Pieces of a split stay where they are: with one piece moved away, whether
    "the point" moved has no single answer.
    """
    if len(pieces) < 8:
        return
    split = _split_origins(pieces)
    movable = [piece for piece in pieces if piece.origins and piece.origins[0] not in split]
    for piece in rng.sample(movable, min(count, len(movable))):
        start = next(index for index, other in enumerate(pieces) if other is piece)
        target = start
        while abs(target - start) < 3:
            target = rng.randrange(len(pieces))
        pieces.pop(start)
        pieces.insert(target, piece)
        piece.moved = True


def _swap(rng: random.Random, pieces: list[_Piece], count: int) -> None:
    """Neighbours trade places; the one that jumped back is the moved one."""
    if len(pieces) < 4:
        return
    for _ in range(count):
        at = rng.randrange(len(pieces) - 1)
        pieces[at], pieces[at + 1] = pieces[at + 1], pieces[at]
        pieces[at].moved = bool(pieces[at].origins)


def _block_move(rng: random.Random, pieces: list[_Piece], count: int) -> None:
    """Cut a run of consecutive points and insert it elsewhere, as a regrouped chapter."""
    if len(pieces) < 12:
        return
    for _ in range(count):
        length = rng.randint(3, 6)
        start = rng.randrange(len(pieces) - length)
        block = pieces[start : start + length]
        del pieces[start : start + length]
        target = rng.randrange(len(pieces) + 1)
        pieces[target:target] = block
        for piece in block:
            piece.moved = bool(piece.origins)


def _displaced(pieces: list[_Piece]) -> set[int]:
    """Moved pieces that now stand out of order with the nearest unmoved pieces around them."""
    anchors = [
        (index, piece.origins) for index, piece in enumerate(pieces) if piece.origins and not piece.moved
    ]
    positions = [index for index, _ in anchors]
    displaced = set()
    for index, piece in enumerate(pieces):
        if not piece.moved:
            continue
        at = bisect.bisect(positions, index)
        after_previous = at == 0 or max(anchors[at - 1][1]) < min(piece.origins)
        before_next = at == len(anchors) or max(piece.origins) < min(anchors[at][1])
        if not (after_previous and before_next):
            displaced.add(index)
    return displaced


def _split_origins(pieces: list[_Piece]) -> set[int]:
    seen: dict[int, int] = {}
    for piece in pieces:
        if len(piece.origins) == 1:
            seen[piece.origins[0]] = seen.get(piece.origins[0], 0) + 1
    return {origin for origin, count in seen.items() if count > 1}


def _numbers(pieces: list[_Piece], size: int) -> list[str]:
    """Each piece numbered as the old point it comes from; inserted ones after the last old number."""
    extra = itertools.count(size + 1)
    return [str(piece.origins[0] + 1) if piece.origins else str(next(extra)) for piece in pieces]


def _points(texts: list[list[str]], path: str, numbers: list[str] | None = None) -> tuple[Point, ...]:
    numbers = numbers or [str(index + 1) for index in range(len(texts))]
    return tuple(
        Point(text=_sentence(words), location=Location(path, 1 + 3 * index), number=numbers[index])
        for index, words in enumerate(texts)
    )


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."
