"""The word diff: exact rebuilding of both texts, readable grouping, Unicode, speed."""

from __future__ import annotations

import random
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import worddiff
from tui.engine.worddiff import Segment, diff_words, side_text, split_side, tokenize

# Letters of several scripts, marks, emoji parts, spaces and punctuation: the
# characters where tokenising can go wrong.
ALPHABET = (
    "abc xyz ABC 0123 ',.;:!?-—()[]*_|<>&\n\t"
    "Україна мир угода "
    "سلام اتفاق "
    "和平协议计划 ひらがな カタカナ "
    "é\u0301\u0308\u0651\u064e "
    "👍🏽👨\u200d👩\u200d👧🇺🇦\ufe0f\u200d"
)

texts = st.text(alphabet=ALPHABET, max_size=80)


def edited(draw: st.DrawFn, text: str) -> str:
    """A variant of `text` with some words replaced, dropped or added, as revisions do."""
    words = text.split(" ")
    for _ in range(draw(st.integers(0, 4))):
        if not words:
            break
        index = draw(st.integers(0, len(words) - 1))
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "replace":
            words[index] = draw(texts)
        elif action == "drop":
            del words[index]
        else:
            words.insert(index, draw(texts))
    return " ".join(words)


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(texts)
    how = draw(st.sampled_from(["unrelated", "same", "edited"]))
    if how == "unrelated":
        return old, draw(texts)
    return old, old if how == "same" else edited(draw, old)


def render(segments: tuple[Segment, ...]) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in segments)


class TestRebuild:
    @settings(max_examples=400, deadline=None)
    @given(text_pairs())
    def test_segments_rebuild_both_texts_exactly(self, pair: tuple[str, str]) -> None:
        """equal + delete is the old text and equal + insert the new one, for any text."""
        old, new = pair
        segments = diff_words(old, new)
        assert side_text(segments, "old") == old
        assert side_text(segments, "new") == new

    @settings(max_examples=400, deadline=None)
    @given(text_pairs())
    def test_segments_are_normalised(self, pair: tuple[str, str]) -> None:
        """No empty segment, no two neighbours of one kind, a deletion never after an insertion."""
        segments = diff_words(*pair)
        assert all(text for _, text in segments)
        assert all(op in ("equal", "insert", "delete") for op, _ in segments)
        for before, after in zip(segments, segments[1:], strict=False):
            assert before.op != after.op
            assert (before.op, after.op) != ("insert", "delete")

    @settings(max_examples=300, deadline=None)
    @given(texts)
    def test_tokens_rebuild_the_text(self, text: str) -> None:
        assert "".join(tokenize(text)) == text

    @settings(max_examples=300, deadline=None)
    @given(texts)
    def test_no_token_starts_with_a_combining_mark_unless_the_text_does(self, text: str) -> None:
        """A mark always stays with the character it decorates."""
        for index, token in enumerate(tokenize(text)):
            if index > 0:
                assert not unicodedata.category(token[0]).startswith("M")

    def test_segment_serialises_as_a_pair(self) -> None:
        import json

        assert json.dumps(Segment("insert", "x")) == '["insert", "x"]'


class TestGrouping:
    def test_identical_texts_are_one_equal_segment(self) -> None:
        assert diff_words("Same text.", "Same text.") == (Segment("equal", "Same text."),)

    def test_empty_texts(self) -> None:
        assert diff_words("", "") == ()
        assert diff_words("", "New.") == (Segment("insert", "New."),)
        assert diff_words("Old.", "") == (Segment("delete", "Old."),)

    def test_one_word_replaced(self) -> None:
        segments = diff_words(
            "Ukraine receives reliable security guarantees.", "Ukraine receives strong security guarantees."
        )
        assert render(segments) == "Ukraine receives [-reliable-]{+strong+} security guarantees."

    def test_deletion_comes_before_insertion(self) -> None:
        segments = diff_words("capped at 600,000 personnel", "capped at 800,000 personnel")
        assert [op for op, _ in segments] == ["equal", "delete", "insert", "equal"]

    def test_neighbouring_changed_words_form_one_change(self) -> None:
        """The space between two replaced words is folded into one replacement."""
        segments = diff_words("Ukraine withdraws its troops.", "Russia returns its troops.")
        assert render(segments) == "[-Ukraine withdraws-]{+Russia returns+} its troops."

    def test_a_short_word_between_long_changes_is_folded(self) -> None:
        segments = diff_words("Ukraine cedes the Donbas", "Russia returns the Kursk region")
        assert render(segments) == "[-Ukraine cedes the Donbas-]{+Russia returns the Kursk region+}"

    def test_a_kept_phrase_is_not_swallowed(self) -> None:
        segments = diff_words(
            "Ukraine withdraws from the part of Donetsk region it holds",
            "Russia returns the part of Zaporizhzhia it holds",
        )
        assert render(segments) == (
            "[-Ukraine withdraws from-]{+Russia returns+} the part of "
            "[-Donetsk region-]{+Zaporizhzhia+} it holds"
        )

    def test_added_clause(self) -> None:
        segments = diff_words("Ukraine remains non-nuclear.", "Ukraine remains non-nuclear under the NPT.")
        assert render(segments) == "Ukraine remains non-nuclear{+ under the NPT+}."

    def test_punctuation_is_its_own_token(self) -> None:
        assert render(diff_words("The plan ends.", "The plan ends!")) == "The plan ends[-.-]{+!+}"

    def test_numbers_and_apostrophes_stay_whole(self) -> None:
        assert tokenize("Ukraine's 600,000 troops, 3.5 km.") == [
            "Ukraine's",
            " ",
            "600,000",
            " ",
            "troops",
            ",",
            " ",
            "3.5",
            " ",
            "km",
            ".",
        ]

    def test_long_text_with_common_words_still_diffs_by_word(self) -> None:
        """autojunk would have ignored "the" and friends in a text of over 200 tokens."""
        base = " ".join(f"the clause {n} of the treaty" for n in range(60))
        changed = base.replace("clause 30 ", "article 30 ")
        segments = diff_words(base, changed)
        assert [s for s in segments if s.op != "equal"] == [
            Segment("delete", "clause"),
            Segment("insert", "article"),
        ]


class TestUnicode:
    def test_cyrillic_words(self) -> None:
        segments = diff_words("Україна підписує угоду", "Україна відхиляє угоду")
        assert render(segments) == "Україна [-підписує-]{+відхиляє+} угоду"

    def test_arabic_words_keep_their_marks(self) -> None:
        segments = diff_words("النهر للجميع", "النهرُ للجميع")
        assert render(segments) == "[-النهر-]{+النهرُ+} للجميع"

    def test_chinese_diffs_per_character(self) -> None:
        assert render(diff_words("和平协议", "和平计划")) == "和平[-协议-]{+计划+}"

    def test_combining_mark_stays_with_its_base(self) -> None:
        assert tokenize("cafe\u0301 x") == ["cafe\u0301", " ", "x"]
        assert render(diff_words("cafe\u0301 x", "cafe x")) == "[-cafe\u0301-]{+cafe+} x"

    def test_emoji_sequences_are_one_token(self) -> None:
        family = "👨\u200d👩\u200d👧"
        assert tokenize(f"{family} 👍🏽 🇺🇦🇪🇺 ❤\ufe0f") == [
            family,
            " ",
            "👍🏽",
            " ",
            "🇺🇦",
            "🇪🇺",
            " ",
            "❤\ufe0f",
        ]
        assert render(diff_words("ok 👍🏽", "ok 👍🏿")) == "ok [-👍🏽-]{+👍🏿+}"


class TestTokenizerEdges:
    """Where a regular expression could part from the rules: marks, joiners, numerals, flags."""

    @pytest.mark.parametrize(
        ("text", "tokens"),
        [
            ("don\u2019t rock'n'roll", ["don\u2019t", " ", "rock'n'roll"]),
            # An apostrophe joins letters only: not after a mark, not before a digit.
            ("e\u0301\u0301'x", ["e\u0301\u0301", "'", "x"]),
            ("a'1", ["a", "'", "1"]),
            ("1,000.5, 1,a", ["1,000.5", ",", " ", "1", ",", "a"]),
            # Digits of any script join; numerals that are not letters are word characters.
            ("²,3 ٣,٤ Ⅻ's", ["²,3", " ", "٣,٤", " ", "Ⅻ", "'", "s"]),
            # A zero-width joiner glues the next character, whatever it is.
            ("a\u200db'c", ["a\u200db'c"]),
            ("a\u200d 1,2", ["a\u200d 1,2"]),
            ("\u200dab", ["\u200d", "ab"]),
            # A mark at the start stands alone; after an ideograph it stays with it.
            ("\u0301ab", ["\u0301", "ab"]),
            ("和\u0301平 五's", ["和\u0301", "平", " ", "五", "'", "s"]),
            ("x\u3099y", ["x\u3099y"]),
            ("A🇺🇦🇪B", ["A", "🇺🇦", "🇪", "B"]),
            ("e\u0301 \u0301 x", ["e\u0301", " \u0301 ", "x"]),
            ("\x1c\x1d x a_b", ["\x1c\x1d ", "x", " ", "a_b"]),
        ],
    )
    def test_tokens(self, text: str, tokens: list[str]) -> None:
        assert tokenize(text) == tokens

    def test_ascii_and_unicode_patterns_agree_on_ascii(self) -> None:
        text = "It's 1,000.5 km, don't_stop\t\x1c!"
        assert worddiff._unicode_tokens().findall(text) == tokenize(text)

    def test_the_scanned_planes_hold_every_mark_and_numeral(self) -> None:
        """Scanning three planes instead of all seventeen saves start-up time and loses nothing."""
        assert worddiff._scan(worddiff._SCANNED_PLANES) == worddiff._scan([(0, 0x10FFFF)])


class TestSplitSide:
    def test_merged_texts_are_cut_back_per_point(self) -> None:
        old = ["Ukraine holds elections.", "Assets fund rebuilding."]
        segments = diff_words("\n".join(old), "Ukraine holds elections; assets fund rebuilding.")
        pieces = split_side(segments, "old", [len(t) for t in old])
        assert ["".join(s.text for s in piece) for piece in pieces] == old
        assert all(s.op in ("equal", "delete") for piece in pieces for s in piece)

    def test_texts_holding_newlines_stay_whole(self) -> None:
        new = ["Line one\nline two.", "Second point."]
        segments = diff_words("Line one line two. Second point.", "\n".join(new))
        pieces = split_side(segments, "new", [len(t) for t in new])
        assert ["".join(s.text for s in piece) for piece in pieces] == new

    def test_empty_side(self) -> None:
        assert split_side(diff_words("Gone.", ""), "new", []) == ()

    @settings(max_examples=200, deadline=None)
    @given(st.lists(texts, min_size=1, max_size=4), texts)
    def test_pieces_rebuild_each_text(self, parts: list[str], other: str) -> None:
        segments = diff_words("\n".join(parts), other)
        pieces = split_side(segments, "old", [len(p) for p in parts])
        assert ["".join(s.text for s in piece) for piece in pieces] == parts


class TestSpeed:
    """A 10,000-word point must not freeze the UI; `tests/benchmarks/bench_pipeline.py` measures it."""

    @staticmethod
    def words(count: int, seed: int) -> list[str]:
        rng = random.Random(seed)
        vocabulary = [f"w{n}" for n in range(2000)] + ["the", "of", "and", "to", ","] * 200
        return [rng.choice(vocabulary) for _ in range(count)]

    def timed(self, old: str, new: str) -> float:
        """CPU seconds of this process, so a busy machine does not fail the test: the bounds
        catch a quadratic regression (minutes), not a slowdown, which the benchmarks measure."""
        start = time.process_time()
        segments = diff_words(old, new)
        elapsed = time.process_time() - start
        assert side_text(segments, "old") == old and side_text(segments, "new") == new
        return elapsed

    def test_small_edit_in_a_long_point(self) -> None:
        words = self.words(10_000, 1)
        changed = list(words)
        changed[5000] = "CHANGED"
        changed.insert(7000, "inserted words here")
        assert self.timed(" ".join(words), " ".join(changed)) < 2

    def test_scattered_edits_in_a_long_point(self) -> None:
        words = self.words(10_000, 2)
        changed = [("edited" if n % 10 == 0 else word) for n, word in enumerate(words)]
        assert self.timed(" ".join(words), " ".join(changed)) < 3

    def test_long_point_rewritten(self) -> None:
        assert self.timed(" ".join(self.words(10_000, 3)), " ".join(self.words(10_000, 4))) < 3

    def test_long_repetitive_point(self) -> None:
        assert self.timed(" ".join(["the cat"] * 5000), " ".join(["the dog"] * 5000)) < 3

    def test_long_repetitive_point_is_diffed_word_by_word(self) -> None:
        """No word occurs once, so no anchor: the common subsequence still finds every "the"."""
        segments = diff_words(" ".join(["the cat"] * 5000), " ".join(["the dog"] * 5000))
        assert {s for s in segments if s.op != "equal"} == {
            Segment("delete", "cat"),
            Segment("insert", "dog"),
        }

    def test_point_of_common_words(self) -> None:
        """1,000 words from a vocabulary of 8 took 2.4 s when difflib had gaps this large."""
        rng = random.Random(5)
        vocabulary = "the of a b c d e f".split()
        old, new = ([rng.choice(vocabulary) for _ in range(1000)] for _ in range(2))
        assert self.timed(" ".join(old), " ".join(new)) < 1

    def test_one_huge_word(self) -> None:
        """Linear on one 5 MB token (appending to it cluster by cluster took over 10 minutes)."""
        word = "x" * (5 * 1024 * 1024)
        assert self.timed(word, word + "y") < 3
        assert self.timed("é" * (1024 * 1024), "é" * (1024 * 1024) + "y") < 3

    def test_huge_run_of_punctuation(self) -> None:
        """Two million one-character tokens, all matched: equal runs are joined once, not grown."""
        text = ". " * (1024 * 1024)
        assert self.timed(text, text + "y") < 5
