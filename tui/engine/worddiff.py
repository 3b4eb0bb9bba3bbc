"""Word-level diff of two point texts, as segments every view can draw.

Point texts are paraphrases that get reworded between revisions, so a
character diff is noise and a line diff says nothing; words are the unit a
reader compares. The tokens keep the whitespace and punctuation between the
words, so the segments rebuild both texts exactly: equal + delete is the old
text, equal + insert the new one. Views rely on that to show each side whole.

Pure core: stdlib and rapidfuzz (for long repetitive gaps), no UI imports.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from typing import Iterable, Literal, NamedTuple, Sequence

Op = Literal["equal", "insert", "delete", "unreported-old", "unreported-new"]
"""`unreported-old`/`unreported-new`: words of one side that an excerpt on the other side does
not cover; they belong to their side's text but are neither deleted nor inserted (see compare)."""

_SIDE_OF = {"delete": "old", "unreported-old": "old", "insert": "new", "unreported-new": "new"}

_DIFFLIB_LIMIT = 250_000
"""Largest gap (old tokens x new tokens) handed to difflib's quadratic matcher: 50 ms at worst.

At 4,000,000 a 1,000-word point of common words took 2.4 s, a frozen screen."""
_LCS_LIMIT = 400_000_000
"""Largest gap handed to rapidfuzz's bit-parallel LCS: about 0.1 s and 50 MB (n x m bits)."""


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
    segments: list[Segment] = []
    i = j = equal_from = 0  # a[equal_from:i] is the run of matched tokens not written yet
    for bi, bj, size in _matched_blocks(a, b):
        if bi > i or bj > j:
            _add_change(segments, a, b, equal_from, i, bi, j, bj)
            equal_from = bi
        i, j = bi + size, bj + size
    _add_change(segments, a, b, equal_from, i, len(a), j, len(b))
    return tuple(_fold_short_equals(segments))


def _add_change(
    segments: list[Segment],
    a: list[str],
    b: list[str],
    equal_from: int,
    i: int,
    i_end: int,
    j: int,
    j_end: int,
) -> None:
    """Write the pending equal run a[equal_from:i], then a[i:i_end] deleted and b[j:j_end] inserted."""
    if equal_from < i:
        segments.append(Segment("equal", "".join(a[equal_from:i])))
    if i < i_end:
        segments.append(Segment("delete", "".join(a[i:i_end])))
    if j < j_end:
        segments.append(Segment("insert", "".join(b[j:j_end])))


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

    One compiled regular expression does it, so the time is linear in the
    text whatever its shape (a 5 MB "word" included) and no Python code runs
    per character. ASCII text, the common case, needs no Unicode tables.
    """
    pattern = _ASCII_TOKENS if text.isascii() else _unicode_tokens()
    return pattern.findall(text)


_IDEOGRAPHS = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)
"""Han, Hiragana and Katakana: scripts written without spaces between words."""

_DECORATIONS = ((0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F))
"""Variation selectors, skin-tone modifiers and emoji tag characters: they extend a character
like combining marks do."""

_REGIONAL_INDICATORS = "[\\U0001f1e6-\\U0001f1ff]"
_ZWJ_GLUE = "\\u200d.?"
"""A zero-width joiner glues the next character, whatever it is, to the one before."""

_SCANNED_PLANES = ((0, 0x1FFFF), (0xE0000, 0xE0FFF))
"""Where Unicode has combining marks and numerals that are not letters (planes 0, 1 and 14);
a test checks the whole range gives the same tables."""

_ASCII_TOKENS = re.compile(
    r"\w+(?:'(?<=[A-Za-z]')(?=[A-Za-z])\w+|[.,](?<=[0-9][.,])(?=[0-9])\w+)*|\s+|.", re.DOTALL
)
"""`_token_pattern` for text without marks, joiners, flags or ideographs."""


def _class(codes: Iterable[int]) -> str:
    """The inside of a regex character class holding `codes`."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] + 1 == code:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return _ranges(ranges)


def _ranges(ranges: Iterable[Sequence[int]]) -> str:
    """Literal characters (escaped where the regex syntax needs it): they compile faster than escapes."""
    return "".join(
        re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "") for first, last in ranges
    )


def _scan(planes: Iterable[tuple[int, int]]) -> tuple[set[int], set[int], set[int]]:
    """Combining marks, alphanumerics that are not letters (2, Ⅻ, ½), and digits, in `planes`."""
    text = "".join("".join(map(chr, range(first, last + 1))) for first, last in planes)
    kinds = "".join([category[0] for category in map(unicodedata.category, text)])
    marks = {ord(char) for match in re.finditer("M+", kinds) for char in text[match.start() : match.end()]}
    numerals = {ord(char) for char in re.findall(r"[^\W_]", text) if not char.isalpha()}
    digits = {code for code in numerals if chr(code).isdigit()}
    return marks, numerals, digits


@functools.cache
def _unicode_tokens() -> re.Pattern[str]:
    """The tokenizer for any text, built on first use from this Python's Unicode tables."""
    marks, numerals, digits = _scan(_SCANNED_PLANES)
    decorations = {code for first, last in _DECORATIONS for code in range(first, last + 1)}
    return _token_pattern(
        extends=_class(marks | decorations),
        ideographs=_ranges(_IDEOGRAPHS),
        numerals=_class(numerals),
        digits=_class(digits),
        word_digits=_class(code for code in digits if not _is_ideograph(code)),
    )


def _is_ideograph(code: int) -> bool:
    return any(first <= code <= last for first, last in _IDEOGRAPHS)


def _token_pattern(
    extends: str, ideographs: str, numerals: str, digits: str, word_digits: str
) -> re.Pattern[str]:
    """Words, whitespace runs, ideographs and symbols, each with what decorates its characters.

    A character's "tail" is the marks, selectors and modifiers after it and
    whatever a zero-width joiner glues on; a flag is two regional indicators.
    Word characters are letters, digits and "_" (`\\w` is exactly
    `str.isalnum()` or "_"), ideographs excepted; letters (`str.isalpha()`)
    are word characters that are not `numerals` and not "_". An apostrophe
    joins two letters, a "." or "," two digits, when the character after it
    starts a word: the lookbehind sees the last character of the word so far
    (it comes after the literal, which fails fast on the usual space).
    """
    tail = f"[{extends}]|{_ZWJ_GLUE}"
    word = f"[^\\W{ideographs}]"
    apostrophe = f"['\\u2019](?<=[^\\W_{numerals}]['\\u2019])(?=[^\\W_{numerals}{ideographs}])"
    separator = f"[.,](?<=[{digits}][.,])(?=[{word_digits}])"
    word_pattern = f"{word}(?:{word}+|{tail}|{apostrophe}|{separator})*"
    return re.compile(
        f"{word_pattern}|\\s(?:\\s+|{tail})*|[{ideographs}](?:{tail})*"
        f"|(?:{_REGIONAL_INDICATORS}{_REGIONAL_INDICATORS}?|.)(?:{tail})*",
        re.DOTALL,
    )


def _matched_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs `(i, j, size)` with `a[i:i + size] == b[j:j + size]` that the diff keeps, in order.

    A patience diff: tokens that occur exactly once in both ranges are
    anchors, the longest run of anchors in the same order is kept, and the
    gaps between them are matched the same way, recursively. This is fast on
    10,000-word points (difflib alone is quadratic on their common words) and
    matches what a reader would pair: rare words, not "the". A gap without
    any unique token goes to difflib, with `autojunk=False` (its default
    ignores any token over 1% of a long text, so "the" or "," could never be
    matched) and whitespace as junk (a space must not start a match, only
    join the matches beside it). A larger gap (long repetitive text) gets a
    longest common subsequence from rapidfuzz's C++, and only one too large
    even for that (tens of thousands of tokens each side) is left as one
    replacement.
    """
    blocks: list[tuple[int, int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        size = 0
        while alo + size < ahi and blo + size < bhi and a[alo + size] == b[blo + size]:
            size += 1
        if size:
            blocks.append((alo, blo, size))
            alo, blo = alo + size, blo + size
        size = 0
        while alo < ahi - size and blo < bhi - size and a[ahi - size - 1] == b[bhi - size - 1]:
            size += 1
        if size:
            ahi, bhi = ahi - size, bhi - size
            blocks.append((ahi, bhi, size))
        if alo == ahi or blo == bhi:
            continue
        if ahi - alo == 1 or bhi - blo == 1:  # most gaps: one word replaced by one or a few
            blocks += _lone_token(a, b, alo, ahi, blo, bhi)
            continue
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            blocks += [(i, j, 1) for i, j in anchors]
            starts = [(alo, blo)] + [(i + 1, j + 1) for i, j in anchors]
            ends = [*anchors, (ahi, bhi)]
            stack += [(i1, i2, j1, j2) for (i1, j1), (i2, j2) in zip(starts, ends, strict=True)]
        elif (ahi - alo) * (bhi - blo) <= _DIFFLIB_LIMIT:
            matcher = difflib.SequenceMatcher(str.isspace, a[alo:ahi], b[blo:bhi], autojunk=False)
            blocks += [(alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size]
        elif (ahi - alo) * (bhi - blo) <= _LCS_LIMIT:
            blocks += _common_subsequence(a[alo:ahi], b[blo:bhi], alo, blo)
    return sorted(blocks)


def _lone_token(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int, int]]:
    """A gap with one token on a side: that token at its first place on the other side.

    Both the anchor step and difflib pick exactly that (difflib keeps the
    match earliest in each list), and neither starts a match at a space; the
    gap's first tokens differ, or they would have been matched already.
    """
    if ahi - alo == 1:
        token, other, lo, hi = a[alo], b, blo, bhi
    else:
        token, other, lo, hi = b[blo], a, alo, ahi
    if token.isspace():
        return []
    try:
        at = other.index(token, lo, hi)
    except ValueError:
        return []
    return [(alo, at, 1)] if ahi - alo == 1 else [(at, blo, 1)]


def _common_subsequence(a: list[str], b: list[str], alo: int, blo: int) -> list[tuple[int, int, int]]:
    """The runs of a longest common subsequence of two token lists, offset to `alo` and `blo`."""
    from rapidfuzz.distance import LCSseq  # imported on first use: most diffs never need it

    return [
        (alo + op.src_start, blo + op.dest_start, op.src_end - op.src_start)
        for op in LCSseq.opcodes(a, b)
        if op.tag == "equal"
    ]


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
    """Drop empty segments, put deletions before insertions between equal runs, merge neighbours.

    Unreported text keeps its op and is merged with a neighbour of the same op.
    Runs are collected and joined once: growing a string token by token is
    quadratic on a long unchanged text.
    """
    result: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []
    run: list[str] = []  # equal or unreported text, all of `run_op`
    run_op: Op = "equal"

    def flush() -> None:
        if run:
            result.append(Segment(run_op, "".join(run)))
            run.clear()
        if deleted:
            result.append(Segment("delete", "".join(deleted)))
            deleted.clear()
        if inserted:
            result.append(Segment("insert", "".join(inserted)))
            inserted.clear()

    for op, text in segments:
        if not text:
            continue
        if op == "delete" or op == "insert":
            if run:
                flush()
            (deleted if op == "delete" else inserted).append(text)
        else:
            if deleted or inserted or (run and run_op != op):
                flush()
            run_op = op
            run.append(text)
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


_ALPHANUMERIC = re.compile(r"[^\W_]")
"""Any character for which `str.isalnum()` holds (`\\w` is those and "_")."""


def _foldable(text: str, smaller_change: int) -> bool:
    """Spaces and punctuation fold into any larger change; words only into one twice as long.

    diff-match-patch folds any run no longer than its neighbours; by words
    that swallows phrases a reader wants to see kept ("the part of").
    """
    if not _ALPHANUMERIC.search(text):
        return len(text) <= smaller_change
    return 2 * len(text) <= smaller_change


def _change_size(segments: list[Segment], index: int, step: int) -> int:
    """Characters changed on one side of an equal run: the longer of deleted and inserted."""
    deleted = inserted = 0
    index += step
    while 0 <= index < len(segments):
        op, text = segments[index]
        if op == "equal":
            break
        if op == "delete":
            deleted += len(text)
        else:
            inserted += len(text)
        index += step
    return max(deleted, inserted)
