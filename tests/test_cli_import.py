"""`propdiff import` driven as a user drives it: a draft in, a proposal file out that validates unchanged."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.importing_fixtures import FIXTURES
from tui.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


DRAFT_V1 = """\
Draft framework for the Blue River valley

1. Ceasefire. All armed units stop hostilities at midnight after signing.
2. Detainees. Each side releases every detainee it holds within 30 days.
3. Elections. General elections are held within 90 days of signing.
"""

DRAFT_V2 = """\
Revised framework for the Blue River valley

1. Ceasefire. All armed units stop hostilities at midnight after signing and
withdraw heavy weapons.
2. Elections. General elections are held within 120 days of signing.
3. Detainees. Each side releases every detainee it holds within 45 days.
"""


def test_import_to_stdout_is_a_valid_revision_with_source_and_header(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT_V1, encoding="utf-8")
    code, out, err = run("import", str(draft), "--proposal", "blue-river", "--revision", "v1")
    assert code == 0, err
    assert out.startswith("# Imported by propdiff ")
    assert "Check every point against the original" in out
    document = yaml.safe_load(out)
    assert document["proposal"] == "blue-river"
    assert document["title"] == "Draft framework for the Blue River valley"
    assert document["revision"] == {"id": "v1", "source": "draft.txt"}
    assert [(p["number"], p["title"]) for p in document["points"]] == [
        ("1", "Ceasefire"),
        ("2", "Detainees"),
        ("3", "Elections"),
    ]
    written = tmp_path / "v1.yaml"
    written.write_text(out, encoding="utf-8")
    code, _, err = run("validate", str(written))
    assert code == 0, err


def test_two_drafts_imported_then_compared_with_no_hand_editing(tmp_path: Path) -> None:
    """The issue's `done means`: import two drafts, then propdiff compares them."""
    for name, text in (("v1.txt", DRAFT_V1), ("v2.txt", DRAFT_V2)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "plan"
    folder.mkdir()
    code, _, err = run(
        "import", str(tmp_path / "v1.txt"), "--proposal", "my-plan", "--revision", "v1",
        "--date", "2031-03-02", "-o", str(folder / "v1.yaml"),
    )  # fmt: skip
    assert code == 0, err
    assert f"wrote {folder / 'v1.yaml'} (3 points from v1.txt" in err
    code, _, err = run(
        "import", str(tmp_path / "v2.txt"), "--proposal", "my-plan", "--revision", "v2",
        "--previous", "v1", "--label", "Revised draft", "-o", str(folder / "v2.yaml"),
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run("export", str(folder), "--format", "json")
    assert code == 0, err
    import json

    diff = json.loads(out)
    kinds = sorted(change["kind"] for change in diff["changes"])
    assert "reworded" in kinds or "moved" in kinds or "renumbered" in kinds, kinds


@pytest.mark.parametrize(
    "name", ["auto-numbering.docx", "typed-numbers.docx", "paged.pdf", "two-columns.pdf", "headings.md"]
)
def test_word_pdf_and_markdown_drafts_import_to_valid_files(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.yaml"
    code, _, err = run("import", str(FIXTURES / name), "-o", str(target))
    assert code == 0, err
    code, _, err = run("validate", str(target))
    assert code == 0, err
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["revision"]["source"] == name


def test_output_is_never_silently_overwritten(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT_V1, encoding="utf-8")
    target = tmp_path / "out.yaml"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run("import", str(draft), "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"propdiff: {target}: already exists (use --force to overwrite)\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, err = run("import", str(draft), "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Imported by propdiff")


def test_output_follows_the_same_rules_as_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o -` is stdout, a folder is one line naming a file to give, as for `export`."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT_V1, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("import", "draft.txt", "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith("# Imported by propdiff") and not (tmp_path / "-").exists()
    (tmp_path / "drafts").mkdir()
    code, out, err = run("import", "draft.txt", "-o", "drafts")
    assert (code, out) == (1, "")
    assert err == "propdiff: -o drafts: is a folder; give a file name, e.g. -o drafts/draft.yaml\n"
    assert list((tmp_path / "drafts").iterdir()) == []


def test_source_option_and_default_ids_from_the_file_name(tmp_path: Path) -> None:
    draft = tmp_path / "Draft 28 (leaked).txt"
    draft.write_text(DRAFT_V1, encoding="utf-8")
    code, out, err = run("import", str(draft), "--source", "Reported by a news site, 2031-03-02")
    assert code == 0, err
    document = yaml.safe_load(out)
    assert document["proposal"] == "draft-28-leaked"
    assert document["revision"] == {"id": "draft-28-leaked", "source": "Reported by a news site, 2031-03-02"}


def test_preview_prints_the_table_and_warnings_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    code, out, err = run("import", str(FIXTURES / "paren-both.txt"), "--preview", "-o", str(target))
    assert code == 0, err
    assert out.splitlines() == [
        f'{FIXTURES / "paren-both.txt"}: 4 point(s), numbered "(N)"',
        "  #  number  title  first words",
        "  1  1       -      Each party appoints two members to the joint ...",
        "  2  2       -      The commission meets at least once a month ...",
        "  3  3       -      The commission reports to the contact group.",
        "  4  5       -      The commission is dissolved after five years.",
        "1 warning(s):",
        "  line 5: point 5 follows point 3: a gap or a break in the sequence",
    ]
    assert not target.exists()


def test_warnings_go_to_stderr_with_their_lines(tmp_path: Path) -> None:
    code, out, err = run("import", str(FIXTURES / "paren-both.txt"))
    assert code == 0
    assert err == (
        f"{FIXTURES / 'paren-both.txt'}: line 5: warning: point 5 follows point 3: a gap or a break in the sequence\n"
    )


def test_a_very_long_point_is_flagged(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    long_text = " ".join(["The parties agree to meet again and to review the terms."] * 20)
    draft.write_text(f"1. Short point one.\n2. Short point two.\n3. {long_text}\n4. Short point four.\n")
    code, out, err = run("import", str(draft), "--preview")
    assert code == 0
    assert (
        "line 3: point 3 is 1139 characters, 69 times the median: check that it does not hold two points"
        in out
    )


BAD = {
    "empty.txt": (b"", "the file is empty"),
    "binary.txt": (bytes(range(256)) * 4, "expected a text file, found binary data (zero bytes that are not UTF-16)"),
    "prose.txt": (b"Nothing numbered here.\n", "no points found: expected numbered lines (1. / (1) / Article 1), headings or bullets"),
    "corrupt.pdf": ((FIXTURES / "paged.pdf").read_bytes()[:3000], "cannot read the PDF, it is damaged or not a PDF"),
    "corrupt.docx": ((FIXTURES / "typed-numbers.docx").read_bytes()[:3000], "cannot read the Word file, it is damaged or not a .docx"),
    "encrypted.pdf": ((FIXTURES / "encrypted.pdf").read_bytes(), "the PDF is password-protected: save a copy without a password"),
    "encrypted.docx": ((FIXTURES / "encrypted.docx").read_bytes(), "the Word file is password-protected or in the old .doc format"),
    "scan.pdf": (None, "no text found in the PDF (a scanned image? propdiff reads text PDFs only)"),
}  # fmt: skip


def _blank_pdf() -> bytes:
    """A valid one-page PDF with no text on it, as a scanned page without OCR looks to a text reader."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_exit_1_nothing_written(tmp_path: Path, name: str) -> None:
    content, message = BAD[name]
    draft = tmp_path / name
    draft.write_bytes(content if content is not None else _blank_pdf())
    target = tmp_path / "out.yaml"
    code, out, err = run("import", str(draft), "-o", str(target))
    assert (code, out) == (1, "")
    assert err.startswith(f"propdiff: {draft}: {message}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [draft]


def test_missing_file_and_bad_ids_are_one_line(tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "nowhere.txt"))
    assert code == 1
    assert err == f"propdiff: {tmp_path / 'nowhere.txt'}: cannot read the file: No such file or directory\n"
    shutil.copy(FIXTURES / "roman.txt", tmp_path / "roman.txt")
    code, _, err = run("import", str(tmp_path / "roman.txt"), "--revision", "Draft 2")
    assert code == 1
    assert err.endswith(
        "--revision must be a slug (lower-case letters, digits and '-', starting with a letter or digit), found 'Draft 2'\n"
    )


@pytest.mark.parametrize(
    ("suffix", "module", "library"), [(".docx", "docx", "python-docx"), (".pdf", "pdfminer", "pdfminer.six")]
)
def test_missing_extra_is_named(tmp_path: Path, suffix: str, module: str, library: str) -> None:
    """Without the optional libraries, the message says which extra to install (run in a clean process)."""
    source = next(FIXTURES.glob(f"*{suffix}"))
    code = (
        "import sys\n"
        f"sys.modules[{module!r}] = None\n"
        "from tui.cli import main\n"
        f"sys.exit(main(['import', {str(source)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == (
        f"propdiff: {source}: reading {'Word' if suffix == '.docx' else 'PDF'} files needs {library}: "
        "install the import extra: pip install 'propdiff[import]'\n"
    )


def test_excerpt_marks_every_point(tmp_path: Path) -> None:
    draft = tmp_path / "report.txt"
    draft.write_text(DRAFT_V1, encoding="utf-8")
    code, out, err = run("import", str(draft), "--excerpt")
    assert code == 0, err
    assert [p.get("excerpt") for p in yaml.safe_load(out)["points"]] == [True, True, True]
    code, out, err = run("import", str(draft))
    assert [p.get("excerpt") for p in yaml.safe_load(out)["points"]] == [None, None, None]


def test_pasted_text_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT_V1.encode("cp1252"))))
    code, out, err = run("import", "-", "--proposal", "blue-river", "--revision", "v1")
    assert code == 0, err
    document = yaml.safe_load(out)
    assert document["revision"] == {"id": "v1", "source": "standard input"}
    assert len(document["points"]) == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"  \n", "nothing on standard input"), (b"%PDF-1.4\n", "a PDF or Word file on standard input")],
)
def test_bad_stdin_is_one_line(monkeypatch: pytest.MonkeyPatch, data: bytes, message: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run("import", "-")
    assert (code, out) == (1, "")
    assert err.startswith(f"propdiff: -: {message}") and err.count("\n") == 1
