"""Word-level diff of two point texts, as segments every view can draw.

Point texts are paraphrases that get reworded between revisions, so a
character diff is noise and a line diff says nothing; words are the unit a
reader compares. The tokens keep the whitespace and punctuation between the
words, so the segments rebuild both texts exactly: equal + delete is the old
text, equal + insert the new one. Views rely on that to show each side whole.

Pure core: stdlib only, no UI imports.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from typing import Iterable, Literal, NamedTuple, Sequence

Op = Literal["equal", "insert", "delete", "unreported-old", "unreported-new"]
"""`unreported-old`/`unreported-new`: words of one side that an excerpt on the other side does
not cover; they belong to their side's text but are neither deleted nor inserted (see compare)."""

_SIDE_OF = {"delete": "old", "unreported-old": "old", "insert": "new", "unreported-new": "new"}

_ZWJ = "\u200d"
_APOSTROPHES = "'\u2019"
_DIGIT_SEPARATORS = ".,"
_DIFFLIB_LIMIT = 4_000_000
"""Largest gap (old tokens x new tokens) handed to difflib's quadratic matcher."""


class Segment(NamedTuple):
    """A run of text and what happened to it; a NamedTuple so JSON writes it as `[op, text]`."""

    op: Op
    text: str


def diff_words(old: str, new: str) -> tuple[Segment, ...]:
    """Segments that turn `old` into `new`, grouped so a person can read them.

    Deletions come before insertions within one change, adjacent segments of
    the same kind are merged, and a short equal run squeezed between two
    larger changes (a space, a "the") is folded into them: "[-Ukraine cedes
    the Donbas-]{+Russia returns the Kursk region+}" reads better than
    "the" kept between two edits.
    """
    if old == new:
        return (Segment("equal", old),) if old else ()
    a, b = tokenize(old), tokenize(new)
    raw: list[Segment] = []
    i = j = 0
    for pi, pj in _matched_pairs(a, b):
        raw += [Segment("delete", "".join(a[i:pi])), Segment("insert", "".join(b[j:pj]))]
        raw.append(Segment("equal", a[pi]))
        i, j = pi + 1, pj + 1
    raw += [Segment("delete", "".join(a[i:])), Segment("insert", "".join(b[j:]))]
    return tuple(_fold_short_equals(_normalise(raw)))


def side_text(segments: Iterable[Segment], side: Literal["old", "new"]) -> str:
    """Rebuild one side's text: old is equal + delete (+ unreported-old), new is equal + insert."""
    return "".join(segment.text for segment in segments if on_side(segment.op, side))


def on_side(op: Op, side: Literal["old", "new"]) -> bool:
    """Whether a segment's text is part of that side's text; equal runs are part of both."""
    return _SIDE_OF.get(op, side) == side


def split_side(
    segments: Sequence[Segment], side: Literal["old", "new"], lengths: Sequence[int]
) -> tuple[tuple[Segment, ...], ...]:
    """Cut one side of a diff of texts joined with "\\n" back into one piece per text.

    A merge diffs the old points' texts joined with newlines against the new
    text; a side-by-side view wants each old point in its own box, with its
    own highlights. `lengths` are the lengths of the joined texts, in order.
    Cutting by length (not at every "\\n") keeps texts that hold newlines whole.
    """
    own = [s for s in segments if on_side(s.op, side)]
    pieces: list[list[Segment]] = [[] for _ in lengths]
    piece, remaining, separator_due = 0, (lengths[0] if lengths else 0), False
    for op, text in own:
        while text:
            if separator_due:  # the joining "\n" belongs to no piece
                text, separator_due = text[1:], False
                continue
            take = text[:remaining]
            if take:
                pieces[piece].append(Segment(op, take))
            text, remaining = text[len(take) :], remaining - len(take)
            if remaining == 0 and piece + 1 < len(lengths):
                piece, remaining, separator_due = piece + 1, lengths[piece + 1], True
            elif remaining == 0 and text:
                raise ValueError("segments are longer than the joined texts")
    return tuple(tuple(_normalise(piece_segments)) for piece_segments in pieces)


def tokenize(text: str) -> list[str]:
    """Split into words, whitespace runs and single symbols; "".join gives `text` back.

    A word is a run of letters and digits with their combining marks, plus
    apostrophes inside it (don't) and separators inside numbers (600,000).
    Chinese and Japanese characters are one token each, since those scripts
    put no spaces between words. An emoji keeps its modifiers, variation
    selectors and zero-width-joined parts, and a flag its two letters.
    """
    clusters = _clusters(text)
    tokens: list[str] = []
    kinds: list[str] = []
    for index, cluster in enumerate(clusters):
        kind = _kind(cluster)
        if kind == "word" and kinds and kinds[-1] == "word":
            tokens[-1] += cluster
            continue
        if kind == "space" and kinds and kinds[-1] == "space":
            tokens[-1] += cluster
            continue
        if _joins_word(clusters, kinds, tokens, index):
            tokens[-1] += cluster
            kinds[-1] = "joined"  # the next word cluster continues this token
            continue
        if kind == "word" and kinds and kinds[-1] == "joined":
            tokens[-1] += cluster
            kinds[-1] = "word"
            continue
        tokens.append(cluster)
        kinds.append(kind)
    return tokens


def _joins_word(clusters: list[str], kinds: list[str], tokens: list[str], index: int) -> bool:
    """An apostrophe between letters, or a `.`/`,` between digits, stays inside the word."""
    cluster = clusters[index]
    if not kinds or kinds[-1] != "word" or index + 1 >= len(clusters):
        return False
    following = clusters[index + 1]
    if _kind(following) != "word":
        return False
    if cluster in _APOSTROPHES:
        return tokens[-1][-1].isalpha() and following[0].isalpha()
    if cluster in _DIGIT_SEPARATORS:
        return tokens[-1][-1].isdigit() and following[0].isdigit()
    return False


def _clusters(text: str) -> list[str]:
    """Approximate grapheme clusters: a base character with everything that decorates it."""
    clusters: list[str] = []
    index = 0
    while index < len(text):
        end = index + 1
        if _is_regional_indicator(text[index]) and end < len(text):
            if _is_regional_indicator(text[end]):
                end += 1  # a flag is two regional indicators
        while end < len(text):
            char = text[end]
            if _extends(char):
                end += 1
            elif char == _ZWJ:
                end += 2 if end + 1 < len(text) else 1  # ZWJ glues the next character on
            else:
                break
        clusters.append(text[index:end])
        index = end
    return clusters


def _extends(char: str) -> bool:
    """Combining marks, variation selectors, skin-tone modifiers and emoji tag characters."""
    code = ord(char)
    return (
        unicodedata.category(char).startswith("M")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _kind(cluster: str) -> str:
    base = cluster[0]
    if base.isspace():
        return "space"
    if _is_ideograph(base):
        return "ideograph"
    if base.isalnum() or base == "_":
        return "word"
    return "symbol"


def _is_ideograph(char: str) -> bool:
    """Han, Hiragana and Katakana: scripts written without spaces between words."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and later
    )


def _matched_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Positions `(i, j)` with `a[i] == b[j]` that the diff keeps, in increasing order.

    A patience diff: tokens that occur exactly once in both ranges are
    anchors, the longest run of anchors in the same order is kept, and the
    gaps between them are matched the same way, recursively. This is fast on
    10,000-word points (difflib alone is quadratic on their common words) and
    matches what a reader would pair: rare words, not "the". A gap without
    any unique token goes to difflib, with `autojunk=False` (its default
    ignores any token over 1% of a long text, so "the" or "," could never be
    matched) and whitespace as junk (a space must not start a match, only
    join the matches beside it). A gap too large for that quadratic step
    (pathological repetitive text) is left as one replacement.
    """
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            pairs += anchors
            starts = [(alo, blo)] + [(i + 1, j + 1) for i, j in anchors]
            ends = [(i, j) for i, j in anchors] + [(ahi, bhi)]
            stack += [(i1, i2, j1, j2) for (i1, j1), (i2, j2) in zip(starts, ends, strict=True)]
        elif (ahi - alo) * (bhi - blo) <= _DIFFLIB_LIMIT:
            matcher = difflib.SequenceMatcher(str.isspace, a[alo:ahi], b[blo:bhi], autojunk=False)
            for i, j, size in matcher.get_matching_blocks():
                pairs += [(alo + i + k, blo + j + k) for k in range(size)]
    return sorted(pairs)


def _unique_anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """The longest in-order chain of non-space tokens found exactly once in each range."""
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        if seen_a.get(b[j], -1) >= 0:
            seen_b[b[j]] = -1 if b[j] in seen_b else j
    candidates = sorted((seen_a[token], j) for token, j in seen_b.items() if j >= 0 and not token.isspace())
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by i) whose j also increase: patience sorting."""
    tails: list[int] = []  # tails[k]: smallest j ending an increasing chain of length k + 1
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k], tail_index[k] = j, index
        previous.append(tail_index[k - 1] if k else -1)
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _normalise(segments: Iterable[Segment]) -> list[Segment]:
    """Drop empty segments, put deletions before insertions between equal runs, merge neighbours."""
    result: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            result.append(Segment("delete", "".join(deleted)))
        if inserted:
            result.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in segments:
        if not text:
            continue
        if op == "delete":
            deleted.append(text)
        elif op == "insert":
            inserted.append(text)
        elif op != "equal":  # unreported text keeps its op, merged with a neighbour of the same op
            flush()
            if result and result[-1].op == op:
                result[-1] = Segment(op, result[-1].text + text)
            else:
                result.append(Segment(op, text))
        else:
            flush()
            if result and result[-1].op == "equal":
                result[-1] = Segment("equal", result[-1].text + text)
            else:
                result.append(Segment("equal", text))
    flush()
    return result


def _fold_short_equals(segments: list[Segment]) -> list[Segment]:
    """Fold equal runs much shorter than the changes on both sides into those changes.

    This is the "semantic cleanup" of diff-match-patch, by characters. Folding
    only ever makes changes longer, so every run that qualifies at the start
    still qualifies after its neighbours grow: folding all of them in one pass
    and repeating until nothing folds reaches the same result as one by one.
    """
    while True:
        folded = False
        out: list[Segment] = []
        for index, segment in enumerate(segments):
            if segment.op == "equal" and 0 < index < len(segments) - 1:
                before = _change_size(segments, index, -1)
                after = _change_size(segments, index, +1)
                if _foldable(segment.text, min(before, after)):
                    out += [Segment("delete", segment.text), Segment("insert", segment.text)]
                    folded = True
                    continue
            out.append(segment)
        if not folded:
            return segments
        segments = _normalise(out)


def _foldable(text: str, smaller_change: int) -> bool:
    """Spaces and punctuation fold into any larger change; words only into one twice as long.

    diff-match-patch folds any run no longer than its neighbours; by words
    that swallows phrases a reader wants to see kept ("the part of").
    """
    if not any(char.isalnum() for char in text):
        return len(text) <= smaller_change
    return 2 * len(text) <= smaller_change


def _change_size(segments: list[Segment], index: int, step: int) -> int:
    """Characters changed on one side of an equal run: the longer of deleted and inserted."""
    sizes = {"delete": 0, "insert": 0}
    index += step
    while 0 <= index < len(segments) and segments[index].op != "equal":
        sizes[segments[index].op] += len(segments[index].text)
        index += step
    return max(sizes.values())
