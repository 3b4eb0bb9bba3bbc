"""Exporters: registry, edge cases, untrusted text rendered inert, the JSON contract, atomic writes."""

from __future__ import annotations

import errno
import json
import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from tests.builders import make_revision, make_series, pair, sample_comparison
from tui.engine.compare import Comparison, compare
from tui.errors import PropdiffError
from tui.export import FORMATS, ExportError, render, write_atomically
from tui.export import json as json_export
from tui.locations import schemas_dir

SCHEMA = json.loads((schemas_dir() / "propdiff-diff-2.schema.json").read_text(encoding="utf-8"))
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PROPOSALS = Path(__file__).resolve().parent.parent / "proposals"


def validate(comparison: Comparison) -> dict[str, Any]:
    """The JSON export, parsed and checked against the shipped schema."""
    document = json.loads(render(comparison, "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    return document


def edge_cases() -> dict[str, Comparison]:
    long_text = " ".join(f"word{n % 997} of the treaty" for n in range(2500))  # 10,000 words
    return {
        "identical": pair(["One.", "Two."], ["One.", "Two."]),
        "no points": pair([], []),
        "old empty": pair([], ["Only new."]),
        "new empty": pair(["Only old."], []),
        "every point changed": pair(
            ["Army capped at 600,000.", "Elections in 100 days."],
            ["Grain ships freely.", "A joint office finds missing persons."],
        ),
        "ten thousand words": pair(
            [long_text], [long_text.replace("word500 ", "article500 ", 1) + " Signed."]
        ),
        "empty-ish points": pair([".", " ", "-", "\n"], [".", "—", "\n\n"]),
        "sample": sample_comparison(),
    }


class TestRegistry:
    def test_formats(self) -> None:
        assert [(f.name, f.suffix) for f in FORMATS.values()] == [
            ("text", ".txt"),
            ("markdown", ".md"),
            ("html", ".html"),
            ("json", ".json"),
        ]

    def test_render_by_name_or_format(self) -> None:
        comparison = sample_comparison()
        assert render(comparison, "text") == render(comparison, FORMATS["text"])

    def test_unknown_format(self) -> None:
        with pytest.raises(
            ExportError, match=r"^unknown export format 'pdf' \(known: text, markdown, html, json\)$"
        ):
            render(sample_comparison(), "pdf")

    def test_export_error_is_a_propdiff_error(self) -> None:
        """So the CLI reports it as one line with exit code 1."""
        assert issubclass(ExportError, PropdiffError)


class TestEdgeCases:
    @pytest.mark.parametrize("case", list(edge_cases()))
    @pytest.mark.parametrize("fmt", list(FORMATS))
    def test_renders(self, case: str, fmt: str) -> None:
        comparison = edge_cases()[case]
        start = time.process_time()  # CPU time: a guard against blow-ups, not a benchmark
        output = render(comparison, fmt)
        assert time.process_time() - start < 5
        assert output.endswith("\n")
        assert not RAW_CONTROLS.search(output)

    @pytest.mark.parametrize("case", list(edge_cases()))
    def test_json_is_valid_and_covers_every_point_once(self, case: str) -> None:
        comparison = edge_cases()[case]
        document = validate(comparison)
        old_refs = [ref for change in document["changes"] for ref in change["old"]]
        new_refs = [ref for change in document["changes"] for ref in change["new"]]
        assert sorted(old_refs) == sorted(p.ref(n) for n, p in enumerate(comparison.old.points, 1))
        assert sorted(new_refs) == sorted(p.ref(n) for n, p in enumerate(comparison.new.points, 1))

    def test_text_of_identical_revisions(self) -> None:
        text = render(edge_cases()["identical"], "text")
        assert "unchanged 2, reworded 0, moved 0" in text

    def test_no_points(self) -> None:
        assert "Neither revision has any points." in render(edge_cases()["no points"], "html")


INJECTION = (
    "<script>alert(1)</script> [bold]x[/bold] **strong** | a | b | <img src=http://evil.example/x.png>"
)
LINE_STARTS = ["# not a heading", "- not a list", "1. not a list", "> not a quote", "    not code", "=== no"]


def hostile() -> Comparison:
    """Markup, Markdown, table pipes, control characters and bidi overrides in every text field."""
    points = [{"number": "1|2", "title": "**T** <b>", "text": INJECTION, "topics": ["a|b", "<i>"]}]
    points += [{"number": str(n), "text": start} for n, start in enumerate(LINE_STARTS, 2)]
    points.append({"number": "9", "text": "ESC \x1b[31mred\x1b[0m BEL \x07 C1 \x9b bidi \u202egnp.exe"})
    old = make_revision(
        "old",
        points,
        label="<b>Old</b>",
        source='javascript:alert(1) and https://example.org/a?b=<c>&d="e"',
        reactions=[
            {
                "party": "x",
                "stance": "oppose",
                "points": ["1|2"],
                "summary": "</li><script>bad()</script>",
                "quote": "“**q**” `code`",
                "speaker": "[link](javascript:alert(1))",
                "source": "<a href=javascript:alert(1)>",
            }
        ],
        preconditions=[{"party": "x", "text": "~~not struck~~ _em_", "for": "<u>", "points": ["9"]}],
    )
    new = make_revision(
        "new",
        [{"number": "1|2", "title": "**T**", "text": INJECTION.replace("alert(1)", "alert(2)")}],
        previous="old",
        partial=True,
        dropped=[{"point": "2", "source": "<script>src()</script>", "note": "| note |"}],
    )
    series = make_series(
        old, new, parties=[("x", "<Party> & **Co** | x")], title="<script>title</script> # T"
    )
    return compare(series, old, new)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


class TestUntrustedText:
    @pytest.mark.parametrize("fmt", list(FORMATS))
    def test_no_raw_control_or_bidi_characters(self, fmt: str) -> None:
        assert not RAW_CONTROLS.search(render(hostile(), fmt))

    def test_json_keeps_the_text_exactly(self) -> None:
        """JSON carries the data unchanged, with controls as escapes."""
        document = json.loads(render(hostile(), "json"))
        texts = [side for change in document["changes"] for op, side in change["segments"]]
        assert any("\x1b[31m" in text for text in texts)
        assert "\\u001b" in render(hostile(), "json")
        assert "\\u009b" in render(hostile(), "json")

    def test_text_shows_control_pictures(self) -> None:
        text = render(hostile(), "text")
        assert "␛[31mred" in text
        assert "\x1b" not in text

    def test_html_has_only_our_elements(self) -> None:
        html = render(hostile(), "html")
        tags = elements(html)
        allowed = {
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "main",
            "footer",
            "section",
            "article",
            "nav",
            "div",
            "p",
            "h1",
            "h2",
            "h3",
            "span",
            "a",
            "ul",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "code",
            "time",
            "del",
            "ins",
            "q",
            "strong",
            "input",
            "label",
        }
        assert {tag for tag, _ in tags} <= allowed
        assert not [tag for tag, _ in tags if tag in ("script", "img", "b", "i", "u")]
        for _, attrs in tags:
            for name, value in attrs:
                assert not name.startswith("on")
                if name == "href":
                    assert value is not None and (
                        value.startswith("#change-") or value.startswith("https://")
                    )
        assert "&lt;script&gt;alert(" in html
        assert "&lt;img src=http://evil.example/x.png&gt;" in html

    def test_html_links_escape_their_address(self) -> None:
        html = render(hostile(), "html")
        assert 'href="https://example.org/a?b="' in html  # the address ends at "<"
        assert "javascript:" not in re.findall(r'href="([^"]*)"', html)[0]

    def test_markdown_renders_as_text_only(self) -> None:
        markdown = render(hostile(), "markdown")
        html = MarkdownIt("gfm-like").render(markdown)
        tags = [tag for tag, _ in elements(html)]
        assert not {"script", "img", "b", "i", "u"} & set(tags)
        assert "~~not struck~~ _em_" in html
        assert "**strong** | a | b |" in html
        assert tags.count("h1") == 1
        assert "<script>" not in html
        assert "&lt;script&gt;alert(" in html
        assert not {"ol", "blockquote", "pre", "hr"} & set(tags)  # no text started a block of its own
        for start in LINE_STARTS[1:]:
            assert f"<p>{start.strip().replace('>', '&gt;')}</p>" in html
        for href in re.findall(r'href="([^"]*)"', html):  # bare addresses in texts may be auto-linked
            assert href.startswith(("https://", "http://"))

    def test_markdown_table_cells_stay_in_their_column(self) -> None:
        html = MarkdownIt("gfm-like").render(render(hostile(), "markdown"))
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
            assert row.count("<td") in (0, 2, 3, 4, 8)  # revisions, topics, parties, summary tables

    def test_markdown_word_marks(self) -> None:
        html = MarkdownIt("gfm-like").render(render(sample_comparison(), "markdown"))
        assert "<s>are capped</s><strong>stay</strong>" in html
        assert "<del>. Violations are sanctioned</del>" in html


class TestJson:
    def test_sample_validates(self) -> None:
        validate(sample_comparison())

    def test_schema_is_strict(self) -> None:
        document = json.loads(render(sample_comparison(), "json"))
        document["changes"][0]["extra"] = 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(SCHEMA).validate(document)

    def test_encoding(self) -> None:
        comparison = pair(["Україна 和平 👍🏽."], ["Україна 和平 👍🏽!"])
        output = render(comparison, "json")
        assert "Україна 和平 👍🏽" in output  # ensure_ascii=False
        assert output.endswith("}\n")
        assert output.startswith('{\n  "format": "propdiff-diff/2",\n  "series"')

    def test_shape_of_the_sample(self) -> None:
        document = json_export.document(sample_comparison())
        assert list(document) == ["format", "series", "old", "new", "summary", "changes", "parties", "topics"]
        assert document["summary"] == {
            "unchanged": 1,
            "reworded": 2,
            "moved": 1,
            "merged": 1,
            "split": 1,
            "added": 1,
            "removed": 1,
            "unreported": 1,
        }
        reworded = document["changes"][2]
        assert (reworded["old"], reworded["new"], reworded["confidence"]) == (["2"], ["3"], 0.912)
        ukraine = next(p for p in document["parties"] if p["party"] == "ua")
        assert ukraine["stance"] == {"old": None, "new": "support"}
        assert ukraine["old"]["preconditions"][0] == {
            "party": "ua",
            "text": "No cap on the army below 800,000.",
            "for": "agreement",
            "status": "open",
            "source": None,
            "certainty": None,
            "points": ["2"],
            "changes": [2],
        }
        assert document["changes"][3]["dropped"] == {
            "source": "Ukraine's ambassador, Nov 2025",
            "note": "Full amnesty no longer in the text",
            "certainty": "medium",
        }
        russia = next(p for p in document["parties"] if p["party"] == "ru")
        assert russia["basis"] == {"old": 0, "new": None}
        assert russia["old"]["reactions"][0]["certainty"] == "high"
        assert document["changes"][-1]["certainty"] == {"old": [], "new": ["medium"]}

    def test_byte_deterministic_across_fresh_objects(self) -> None:
        def build() -> str:
            old = make_revision("a", ["Ceasefire at midnight.", "Army capped."])
            new = make_revision("b", ["Ceasefire at dawn.", "Army capped at 800,000."], previous="a")
            return render(compare(make_series(old, new), old, new), "json")

        assert build() == build()


def sample_series_or_skip() -> Any:
    from tui.reading.loading import load_paths

    folder = PROPOSALS / "us-peace-plan-ukraine"
    if not any(folder.glob("*.yaml")):
        pytest.skip("sample data proposals/us-peace-plan-ukraine is not there")
    result = load_paths([folder])
    assert not result.problems
    return result.catalog.get("us-peace-plan-ukraine")


class TestSampleData:
    @pytest.mark.parametrize("fmt", list(FORMATS))
    def test_every_pair_exports(self, fmt: str) -> None:
        series = sample_series_or_skip()
        for old in series.revisions:
            for new in series.revisions:
                output = render(compare(series, old, new), fmt)
                assert not RAW_CONTROLS.search(output)
                if fmt == "json":
                    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(output))


class TestWriteAtomically:
    def leftovers(self, folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))

    def test_writes_a_new_file(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.md"
        write_atomically(target, "Україна\n", force=False)
        assert target.read_text(encoding="utf-8") == "Україна\n"
        assert self.leftovers(tmp_path) == []

    def test_new_file_gets_the_usual_permissions(self, tmp_path: Path) -> None:
        mask = os.umask(0o022)
        try:
            write_atomically(tmp_path / "plan.txt", "x", force=False)
        finally:
            os.umask(mask)
        assert (tmp_path / "plan.txt").stat().st_mode & 0o777 == 0o644

    def test_refuses_to_overwrite_without_force(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.html"
        target.write_text("keep me", encoding="utf-8")
        with pytest.raises(ExportError) as raised:
            write_atomically(target, "new", force=False)
        assert str(raised.value) == f"{target}: already exists (use --force to overwrite)"
        assert target.read_text(encoding="utf-8") == "keep me"
        assert self.leftovers(tmp_path) == []

    def test_replaces_with_force(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.html"
        target.write_text("old", encoding="utf-8")
        write_atomically(target, "new", force=True)
        assert target.read_text(encoding="utf-8") == "new"
        assert self.leftovers(tmp_path) == []

    def test_file_appearing_meanwhile_is_not_overwritten(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Another process creates the file after the check: the hard link fails, nothing is lost."""
        target = tmp_path / "plan.json"
        target.write_text("theirs", encoding="utf-8")
        monkeypatch.setattr(os.path, "lexists", lambda path: False)
        with pytest.raises(ExportError, match="already exists"):
            write_atomically(target, "ours", force=False)
        assert target.read_text(encoding="utf-8") == "theirs"
        assert self.leftovers(tmp_path) == []

    def test_missing_directory(self, tmp_path: Path) -> None:
        target = tmp_path / "nowhere" / "plan.md"
        with pytest.raises(ExportError) as raised:
            write_atomically(target, "x", force=False)
        assert str(raised.value) == f"{target}: cannot write: No such file or directory"
        assert not (tmp_path / "nowhere").exists()

    @pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into any directory")
    def test_unwritable_directory(self, tmp_path: Path) -> None:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        try:
            with pytest.raises(ExportError, match="Permission denied"):
                write_atomically(folder / "plan.md", "x", force=True)
            assert list(folder.iterdir()) == []
        finally:
            folder.chmod(0o700)

    def test_unwritable_directory_simulated(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The same failure as above where the tests run as root."""

        def refuse(*args: Any, **kwargs: Any) -> int:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(os, "open", refuse)
        with pytest.raises(ExportError) as raised:
            write_atomically(tmp_path / "plan.md", "x", force=True)
        assert str(raised.value) == f"{tmp_path / 'plan.md'}: cannot write: Permission denied"
        assert list(tmp_path.iterdir()) == []

    def test_disk_full_leaves_old_file_and_no_temporary(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "plan.txt"
        target.write_text("old", encoding="utf-8")

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(ExportError, match=r"plan.txt: cannot write: No space left on device$"):
            write_atomically(target, "new", force=True)
        assert target.read_text(encoding="utf-8") == "old"
        assert self.leftovers(tmp_path) == []

    def test_failed_rename_leaves_no_temporary(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def broken(source: Any, target: Any) -> None:
            raise OSError(errno.EIO, "Input/output\nerror")

        monkeypatch.setattr(os, "replace", broken)
        with pytest.raises(ExportError) as raised:
            write_atomically(tmp_path / "plan.txt", "new", force=True)
        assert "\n" not in str(raised.value)
        assert str(raised.value).endswith("cannot write: Input/output error")
        assert list(tmp_path.iterdir()) == []

    def test_target_is_a_directory(self, tmp_path: Path) -> None:
        (tmp_path / "plan.md").mkdir()
        with pytest.raises(ExportError, match="cannot write"):
            write_atomically(tmp_path / "plan.md", "x", force=True)
        assert self.leftovers(tmp_path) == []
