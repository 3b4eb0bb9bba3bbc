"""Hostile input and output, one class at a time: the gate, escapes, special files, links, writes."""

from __future__ import annotations

import io
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import Workspace
from tests.fuzz.harness import run_main
from tui.export import ExportError, write_atomically
from tui.reading import yamlsource
from tui.reading.yamlsource import parse_text
from tui.sanitize import Gate, OutputError, neutralise, outgoing, quoted, shown_path

PARSERS = [pytest.param(False, id="python")]
if hasattr(yaml, "CSafeLoader"):
    PARSERS.append(pytest.param(True, id="libyaml"))

HEAD = "format: proposal/1\nproposal: s\nrevision: {id: a}\npoints: [{text: x}]\n"


class TestGate:
    def test_controls_bidi_and_surrogates_become_visible(self) -> None:
        hostile = "a\x1b]2;T\x07\x9b2J\u202eb\udc9bc\ud800\u2028\r\t\n"
        assert outgoing(hostile) == "a\u241b]2;T\u2407\ufffd2J\ufffdb\ufffdc\ufffd\ufffd\u240d\t\n"

    def test_loaded_text_keeps_lines_and_drops_tabs(self) -> None:
        assert neutralise("a\r\nb\rc\td\x00") == "a\nb\nc d\u2400"

    def test_echoed_values_are_one_short_line(self) -> None:
        assert quoted("x" * 500) == "'" + "x" * 57 + "\u2026'"
        assert quoted("a\nb\x1b") == "'a\\nb\u241b'"
        assert quoted(None) == "None"
        long = "/".join(["folder"] * 100) + "/x\x1b.yaml"
        assert len(shown_path(long)) == 160 and shown_path(long).endswith("/x\u241b.yaml")

    def test_writes_utf8_bytes_whatever_the_stream_encoding(self) -> None:
        raw = io.BytesIO()
        latin = io.TextIOWrapper(raw, encoding="latin-1", errors="strict", write_through=True)
        gate = Gate(latin, name="standard output")
        gate.write("Україна \udcc2\udc9b\n")
        assert raw.getvalue() == "Україна \ufffd\ufffd\n".encode()

    def test_caps_long_lines(self) -> None:
        out = io.StringIO()
        gate = Gate(out, name="standard error", line_limit=10)
        gate.write("0123456789abc")
        gate.write("def\nshort\n")
        assert out.getvalue() == "012345678\u2026\nshort\n"

    def test_a_missing_stream_is_an_output_error(self) -> None:
        with pytest.raises(OutputError, match="standard output is closed"):
            Gate(None, name="standard output").write("x")

    def test_a_file_name_with_undecodable_bytes_is_shown_safely(self, tmp_path: Path) -> None:
        name = os.fsdecode(b"x\x9b2J\xe2\x80\xae.yaml")  # C1 CSI and U+202E, as surrogate escapes
        (tmp_path / name).write_text("format: proposal/1\n")
        run = run_main(["validate", str(tmp_path)])
        assert run.code == 1
        text = run.err.decode("utf-8")
        assert "x\ufffd2J\ufffd.yaml:1:1:" in text
        assert "\x9b" not in text


@pytest.mark.parametrize("use_c", PARSERS)
class TestEscapes:
    def messages(self, text: str, use_c: bool) -> list[str]:
        return [str(p) for p in parse_text(text, "f.yaml", use_c=use_c)[1]]

    def test_a_lone_surrogate_is_an_error_at_its_escape(self, use_c: bool) -> None:
        assert self.messages(HEAD + 'title: "ok \\ud83d\\udd4a then \\udd4a"\n', use_c) == [
            "f.yaml:5:30: expected a Unicode character, found the lone surrogate escape '\\udd4a' "
            "(a surrogate is only valid as half of a pair such as \\ud83d\\udd4a)"
        ]

    def test_a_high_surrogate_without_its_pair(self, use_c: bool) -> None:
        messages = self.messages(HEAD + 'title: "line\\\n  \\U0000D800x"\n', use_c)
        assert [m.split(": expected")[0] for m in messages] == ["f.yaml:6:3"]

    def test_a_surrogate_pair_is_joined(self, use_c: bool) -> None:
        documents, problems = parse_text(HEAD + 'title: "\\ud83d\\udd4a"\n', "f.yaml", use_c=use_c)
        assert problems == []
        title = documents[0].root.value[-1][1]
        assert title.value == "\U0001f54a"

    def test_a_duplicate_key_spelled_with_a_pair_is_found(self, use_c: bool) -> None:
        messages = self.messages(HEAD + '"\\ud83d\\udd4a": 1\n"\U0001f54a": 2\n', use_c)
        assert any("found '\U0001f54a' again" in m for m in messages)

    @pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF"])
    def test_escapes_beyond_unicode(self, use_c: bool, escape: str) -> None:
        assert self.messages(HEAD + f'title: "ab{escape}"\n', use_c) == [
            f"f.yaml:5:11: expected a Unicode escape up to \\U0010FFFF, found '{escape}'"
        ]

    def test_a_tag_whose_escapes_decode_to_a_surrogate(self, use_c: bool) -> None:
        (message,) = self.messages(HEAD + "title: !x%ED%A0%80y x\n", use_c)
        assert message.startswith("f.yaml:5:") and "invalid YAML" in message


class TestNonSlugIds:
    @pytest.mark.parametrize(
        "value",
        ["UA", "{a: 1}", "[1, 2]", "12.5e3", "null"],
    )
    def test_any_party_value_gets_an_expected_message(self, ws: Workspace, value: str) -> None:
        ws.write(
            "a.yaml",
            "format: proposal/1\nproposal: s\nrevision: {id: a, authors: [" + value + "]}\n"
            "parties: [{id: " + value + ", name: N}]\npoints: [{id: " + value + ", text: x}]\n"
            "reactions: [{party: " + value + ", stance: support, summary: s, points: [" + value + "]}]\n"
            "preconditions: [{party: " + value + ", text: t}]\n",
        )
        messages = ws.messages()
        assert messages and all("expected" in m for m in messages)

    def test_keys_that_are_not_text(self, ws: Workspace) -> None:
        ws.write("a.yaml", HEAD + "? [1, 2]\n: x\n? {a: b}\n: y\n")
        assert ws.messages() == [
            "a.yaml:5:3: expected a key name, found a list",
            "a.yaml:7:3: expected a key name, found a mapping",
        ]


def _chain(count: int, *, cycle: bool = False) -> str:
    documents = []
    for index in range(count):
        previous = (index - 1) % count if cycle or index else None
        link = f"  previous: r{previous}\n" if previous is not None else ""
        documents.append(f"format: proposal/1\nproposal: big\nrevision:\n  id: r{index}\n{link}points: []\n")
    return "---\n".join(documents)


class TestLongChains:
    def test_a_ten_thousand_revision_cycle_is_found_with_short_messages(self, ws: Workspace) -> None:
        ws.write("all.yaml", _chain(10_000, cycle=True))
        messages = ws.messages()
        assert len(messages) == 10_000
        assert messages[0] == (
            "all.yaml:5:13: previous: expected links that end at a first revision, found a cycle: "
            "r0 -> r9999 -> r9998 -> r9997 -> r9996 -> r9995 -> ... (9994 more) -> r0"
        )

    def test_a_ten_thousand_revision_chain_loads_in_order(self, ws: Workspace) -> None:
        ws.write("all.yaml", _chain(10_000))
        result = ws.load()
        assert result.ok
        assert [r.id for r in result.catalog.series[0].revisions[:3]] == ["r0", "r1", "r2"]

    def test_a_broken_file_fails_the_files_that_build_on_it_in_one_pass(self, ws: Workspace) -> None:
        for index, document in enumerate(_chain(2_000).split("---\n")):
            ws.write(
                f"{index:04d}.yaml", document.replace("points: []", "points: oops") if not index else document
            )
        messages = ws.messages()
        assert len(messages) == 2_000
        assert messages[1] == "0001.yaml:5:13: previous: revision 'r0' is in a file that failed to load"
        assert messages[-1] == "1999.yaml:5:13: previous: revision 'r1998' is in a file that failed to load"


class TestSpecialFiles:
    def test_a_fifo_in_a_folder_is_refused_without_opening_it(self, ws: Workspace) -> None:
        os.mkfifo(ws.root / "x.yaml")
        assert ws.messages() == ["x.yaml:1:1: expected a regular file, found a named pipe (FIFO); not read"]

    def test_a_fifo_named_on_the_command_line_is_refused(self, ws: Workspace) -> None:
        os.mkfifo(ws.root / "pipe")
        assert ws.messages("pipe") == [
            "pipe:1:1: expected a regular file, found a named pipe (FIFO); not read"
        ]

    def test_a_link_to_a_device(self, ws: Workspace) -> None:
        os.symlink("/dev/zero", ws.root / "z.yaml")
        assert ws.messages() == ["z.yaml:1:1: expected a regular file, found a character device; not read"]

    def test_symlink_loops(self, ws: Workspace) -> None:
        os.symlink("x.yaml", ws.root / "x.yaml")
        os.symlink("b.yaml", ws.root / "a.yaml")
        os.symlink("a.yaml", ws.root / "b.yaml")
        assert ws.messages() == [
            f"{name}.yaml:1:1: expected a regular file, found a symbolic link loop" for name in "abx"
        ]

    def test_a_read_stops_at_the_limit_whatever_the_size_says(self, monkeypatch: pytest.MonkeyPatch) -> None:
        maps = Path("/proc/self/maps")  # a regular file whose st_size is 0
        if not maps.exists() or maps.stat().st_size != 0:
            pytest.skip("needs Linux /proc")
        monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 64)
        data, problems = yamlsource.read_bounded(maps, "maps")
        assert data is None
        assert [str(p) for p in problems] == [
            "maps:1:1: expected a proposal file of at most 64 bytes (the size limit), found more (it grew "
            "while being read); not read (to read it, raise the limit, e.g. --max-size 128)"
        ]


class TestWrites:
    def test_a_killed_exports_temporary_is_removed_by_the_next(self, tmp_path: Path) -> None:
        stale = tmp_path / ".plan.md.0123abcd.tmp"
        stale.write_text("half")
        other = tmp_path / ".other.md.0123abcd.tmp"
        other.write_text("another target's")
        write_atomically(tmp_path / "plan.md", "whole\n", force=False)
        assert sorted(p.name for p in tmp_path.iterdir()) == [".other.md.0123abcd.tmp", "plan.md"]

    def test_a_running_exports_temporary_is_left_alone(self, tmp_path: Path) -> None:
        fcntl = pytest.importorskip("fcntl")
        live = tmp_path / ".plan.md.0123abcd.tmp"
        live.write_text("being written")
        with open(live) as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            write_atomically(tmp_path / "plan.md", "whole\n", force=False)
            assert live.exists()

    def test_force_keeps_the_mode(self, tmp_path: Path) -> None:
        target = tmp_path / "private.md"
        target.write_text("secret")
        target.chmod(0o640)
        write_atomically(target, "new", force=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "new"

    @pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "folder"])
    def test_force_refuses_what_is_not_a_regular_file(self, tmp_path: Path, kind: str) -> None:
        real = tmp_path / "real.md"
        real.write_text("kept")
        target = tmp_path / "target"
        if kind == "symlink":
            target.symlink_to(real)
        elif kind == "fifo":
            os.mkfifo(target)
        elif kind == "device":
            target = Path("/dev/null")
        else:
            target.mkdir()
        before = os.lstat(target)
        with pytest.raises(
            ExportError, match="cannot write: it is a .*; --force replaces only regular files"
        ):
            write_atomically(target, "x", force=True)
        after = os.lstat(target)
        assert (before.st_ino, before.st_mode) == (after.st_ino, after.st_mode)
        assert real.read_text() == "kept"
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_one_huge_word_through_every_export(ws: Workspace) -> None:
    """A 300,000-character word: any builder that is quadratic in it (wrapping, escaping, diffing) hangs here."""
    word = "Ж" * 300_000
    revision = "format: proposal/1\nproposal: s\nrevision: {{id: {rid}{link}}}\npoints: [{{number: '1', text: {text}}}]\n"
    ws.write(
        "huge.yaml",
        revision.format(rid="a", link="", text=word)
        + "---\n"
        + revision.format(rid="b", link=", previous: a", text=word + "Ы"),
    )
    for name in ("text", "markdown", "html", "json"):
        run = run_main(["export", "--format", name, str(ws.root / "huge.yaml")])
        assert run.code == 0 and run.out.count("Ж".encode()) >= 300_000


def test_an_export_killed_mid_write_leaves_a_temporary_the_next_one_removes(tmp_path: Path) -> None:
    """kill -9 while the temporary file exists (held open in fsync), then export again."""
    writer = (
        "import os, sys, time\n"
        "os.fsync = lambda fd: (print('writing', flush=True), time.sleep(60))\n"
        "from tui.export import write_atomically\n"
        "write_atomically(sys.argv[1], 'half', force=False)\n"
    )
    target = tmp_path / "plan.md"
    child = subprocess.Popen([sys.executable, "-c", writer, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        left = [p.name for p in tmp_path.iterdir()]
        assert len(left) == 1 and left[0].startswith(".plan.md.") and left[0].endswith(".tmp")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    time.sleep(0.05)
    write_atomically(target, "whole\n", force=False)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]
    assert target.read_text() == "whole\n"


def test_a_skipped_file_name_cannot_forge_a_line_of_its_own(tmp_path: Path) -> None:
    """A walked file name holding a newline (found by the long fuzz run, seed 40263567) is shown
    escaped on the one `skipped` line, so it cannot print what looks like an error of its own."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nfake.yaml:1:1: error.yaml").write_text("just: yaml\n", encoding="utf-8")
    proposal = (
        Path(__file__).resolve().parents[1] / "proposals" / "us-peace-plan-ukraine" / "01-draft-28.yaml"
    )
    (folder / "plan.yaml").write_bytes(proposal.read_bytes())
    run = run_main(["validate", str(folder)])
    assert run.exception is None and run.code == 0
    lines = run.err.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("skipped 1 YAML file")
    assert "x\\nfake.yaml:1:1: error.yaml" in lines[0]
