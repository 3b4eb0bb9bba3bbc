"""Never more certainty than the sources give: excerpts, partial old revisions, certainty.

These check the rules at the end of the format contract (`../shared/proposal-format.md`)
through the loader, the comparison and every export format.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import make_revision, make_series, scripted_compare
from tui.engine.align import Match, MatchKind
from tui.engine.compare import compare
from tui.engine.worddiff import side_text
from tui.export import FORMATS, render
from tui.reading.loading import load_paths
from tui.reading.serialize import revision_to_document
from tui.wording import match_label

WORDS = st.lists(
    st.sampled_from(["Ukraine", "Russia", "the", "army", "G8", "800,000", "is", "not", "peace", "—", "zone"]),
    min_size=1,
    max_size=14,
).map(" ".join)


def _one_pair(old_text: str, new_text: str, *, old_excerpt: bool = False, new_excerpt: bool = False):
    old = make_revision("a", [{"number": "1", "text": old_text, "excerpt": old_excerpt}])
    new = make_revision("b", [{"number": "1", "text": new_text, "excerpt": new_excerpt}], previous="a")
    comparison = scripted_compare(
        make_series(old, new), old, new, (Match(MatchKind.REWORDED, (0,), (0,), 0.5),)
    )
    return comparison.changes[0]


class TestExcerpt:
    @settings(max_examples=300, deadline=None)
    @given(old_text=WORDS, new_text=WORDS)
    def test_a_new_excerpt_never_deletes_a_word(self, old_text: str, new_text: str) -> None:
        """Words of the full old text outside the excerpt are not reported, never struck out."""
        change = _one_pair(old_text, new_text, new_excerpt=True)
        assert "delete" not in {segment.op for segment in change.segments}
        assert side_text(change.segments, "old") == old_text
        assert side_text(change.segments, "new") == new_text
        for piece in change.pieces("old"):
            assert "delete" not in {segment.op for segment in piece}

    @settings(max_examples=300, deadline=None)
    @given(old_text=WORDS, new_text=WORDS)
    def test_an_old_excerpt_never_inserts_a_word(self, old_text: str, new_text: str) -> None:
        change = _one_pair(old_text, new_text, old_excerpt=True)
        assert "insert" not in {segment.op for segment in change.segments}
        assert side_text(change.segments, "new") == new_text

    def test_words_the_excerpt_shares_stay_equal_and_the_rest_is_unreported(self) -> None:
        change = _one_pair(
            "Russia is reintegrated, sanctions are lifted, and Russia is invited back into the G8.",
            "Russia is invited back into the G8.",
            new_excerpt=True,
        )
        ops = {segment.op for segment in change.segments}
        assert ops == {"equal", "unreported-old"}
        unreported = "".join(s.text for s in change.segments if s.op == "unreported-old")
        assert "sanctions are lifted" in unreported

    def test_an_excerpt_title_strikes_out_no_old_title_word(self) -> None:
        """Geneva's "Prisoners and children" must not strike out the draft's "Humanitarian committee"."""
        old = make_revision(
            "a", [{"title": "Humanitarian committee", "text": "All prisoners are exchanged."}]
        )
        new = make_revision(
            "b", [{"title": "Prisoners and children", "text": "Prisoners are exchanged.", "excerpt": True}]
        )
        comparison = scripted_compare(
            make_series(old, new), old, new, (Match(MatchKind.REWORDED, (0,), (0,), 0.9),)
        )
        assert [s.op for s in comparison.changes[0].title_segments] == ["unreported-old", "insert"]
        assert "[-" not in render(comparison, "text")

    def test_every_format_says_not_reported_and_strikes_nothing(self) -> None:
        change_texts = ("The US gives a guarantee: it is compensated for it.", "The US gives a guarantee.")
        old = make_revision("a", [{"number": "1", "text": change_texts[0]}])
        new = make_revision("b", [{"number": "1", "text": change_texts[1], "excerpt": True}], previous="a")
        comparison = scripted_compare(
            make_series(old, new), old, new, (Match(MatchKind.REWORDED, (0,), (0,), 0.9),)
        )
        outputs = {name: render(comparison, name) for name in FORMATS}
        assert "[not reported: : it is compensated for it]" in outputs["text"]
        assert "[-" not in outputs["text"]
        assert "not reported" in outputs["markdown"] and "~~" not in outputs["markdown"]
        article = outputs["html"][outputs["html"].index('id="change-1"') :]
        assert 'class="unreported"' in article and "<del>" not in article
        document = json.loads(outputs["json"])
        assert document["changes"][0]["excerpt"] == {"old": False, "new": True}
        assert ["unreported-old", ": it is compensated for it"] in document["changes"][0]["segments"]
        for name in ("text", "markdown", "html"):
            assert "new text is an excerpt" in outputs[name]


class TestPartialOld:
    def test_a_new_point_without_counterpart_in_a_partial_old_revision_is_unreported(self) -> None:
        old = make_revision("a", ["All prisoners are exchanged all for all."], partial=True)
        new = make_revision(
            "b",
            [
                "Ukraine receives strong security guarantees.",
                "All prisoners are exchanged all for all, including children.",
                "Ukraine becomes an EU member at a defined date.",
            ],
            previous="a",
        )
        comparison = compare(make_series(old, new), old, new)
        kinds = [change.kind for change in comparison.changes]
        assert MatchKind.ADDED not in kinds
        lone = [change for change in comparison.changes if not change.old]
        assert len(lone) == 2
        assert {change.kind for change in lone} == {MatchKind.UNREPORTED}
        assert {change.unreported_side for change in lone} == {"old"}
        assert comparison.summary.count(MatchKind.ADDED) == 0
        text = render(comparison, "text")
        assert text.count("not known to be new") == 2
        assert "UNREPORTED (OLD) — → 1" in text and "{+Ukraine receives" not in text
        assert "not known to be new" in render(comparison, "markdown")
        assert "not known to be new" in render(comparison, "html").lower()
        document = json.loads(render(comparison, "json"))
        assert [c["unreported_side"] for c in document["changes"] if not c["old"]] == ["old", "old"]
        assert all(match_label(change).startswith("no reported match ") for change in lone)
        assert "(no match " not in text, "only the reported points were searched: say so"

    def test_a_point_a_partial_new_revision_does_not_report_has_no_bare_no_match(self) -> None:
        old = make_revision(
            "a",
            ["All prisoners are exchanged all for all.", "A Kinburn Spit is demilitarised."],
        )
        new = make_revision("b", ["All prisoners are exchanged all for all."], previous="a", partial=True)
        comparison = compare(make_series(old, new), old, new)
        (unknown,) = [change for change in comparison.changes if not change.new]
        assert unknown.kind is MatchKind.UNREPORTED
        assert match_label(unknown).startswith("no reported match ")
        for name in ("text", "markdown", "html"):
            output = render(comparison, name)
            assert "no reported match" in output and "no match " not in output

    def test_a_complete_old_revision_still_shows_added_points(self) -> None:
        old = make_revision("a", ["All prisoners are exchanged all for all."])
        new = make_revision(
            "b",
            ["All prisoners are exchanged all for all.", "A Kinburn Spit is demilitarised."],
            previous="a",
        )
        comparison = compare(make_series(old, new), old, new)
        assert [c.kind for c in comparison.changes] == [MatchKind.UNCHANGED, MatchKind.ADDED]


CERTAIN_FILES = {
    "a.yaml": """\
format: proposal/1
proposal: demo
revision: {id: a}
parties: [{id: ru, name: Russia}]
points:
  - number: "1"
    text: Ukraine's army is capped at 600,000.
    certainty: high
  - number: "2"
    text: Full amnesty for all parties.
    excerpt: true
    certainty: low
""",
    "b.yaml": """\
format: proposal/1
proposal: demo
revision: {id: b, previous: a, partial: true}
points:
  - number: "1"
    text: Ukraine's army stays at 800,000 in peacetime.
    certainty: medium
reactions:
  - party: ru
    stance: oppose
    summary: Too many troops.
    speaker: Ryabkov
    date: "2025-12-26"
    certainty: medium
preconditions:
  - {party: ru, text: Ukraine leaves Donbas., certainty: high}
dropped:
  - point: "2"
    source: Ambassador, Nov 2025
    certainty: medium
""",
}


class TestCertainty:
    def _load(self, tmp_path: Path):
        for name, text in CERTAIN_FILES.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        result = load_paths([tmp_path])
        assert result.ok, [str(p) for p in result.problems]
        (series,) = result.catalog.series
        return series

    def test_round_trips_through_loader_serializer_and_json_export(self, tmp_path: Path) -> None:
        series = self._load(tmp_path)
        old, new = series.revisions
        for name, revision in (("a.yaml", old), ("b.yaml", new)):
            assert revision_to_document(revision) == yaml.safe_load(CERTAIN_FILES[name]) | {
                "format": "proposal/1"
            }
        assert old.points[1].excerpt is True
        document = json.loads(render(compare(series, old, new), "json"))
        changes = {tuple(c["old"]): c for c in document["changes"]}
        assert changes[("1",)]["certainty"] == {"old": ["high"], "new": ["medium"]}
        assert changes[("2",)]["dropped"]["certainty"] == "medium"
        (russia,) = document["parties"]
        assert russia["new"]["reactions"][0]["certainty"] == "medium"
        assert russia["new"]["preconditions"][0]["certainty"] == "high"
        assert russia["basis"] == {"old": None, "new": 0}

    def test_every_format_shows_certainty_apart_from_the_match(self, tmp_path: Path) -> None:
        series = self._load(tmp_path)
        comparison = compare(series, *series.revisions)
        text = render(comparison, "text")
        assert "REPORTED DROPPED 2" in text
        assert "reported dropped (source: Ambassador, Nov 2025; medium certainty)" in text
        assert "(match " in text and "sources: old 1 high certainty; new 1 medium certainty" in text
        assert "oppose (rests on: Ryabkov, 2025-12-26, medium certainty)" in text
        for name in ("markdown", "html"):
            output = render(comparison, name)
            assert "medium certainty" in output and "match " in output
            assert "Ryabkov, 2025-12-26" in output

    def test_a_wrong_certainty_is_a_located_error(self, tmp_path: Path) -> None:
        (tmp_path / "a.yaml").write_text(
            "format: proposal/1\nproposal: demo\nrevision: {id: a}\n"
            "points:\n  - {text: A., certainty: hgh, excerpt: maybe}\n",
            encoding="utf-8",
        )
        result = load_paths([tmp_path])
        messages = sorted(str(p) for p in result.problems)
        expected = "a.yaml:5:27: certainty: expected a certainty (high | medium | low), found 'hgh'"
        assert any(m.endswith(expected + " (did you mean 'high'?)") for m in messages), messages
        assert any(":5:41: excerpt: expected true or false, found 'maybe'" in m for m in messages), messages
