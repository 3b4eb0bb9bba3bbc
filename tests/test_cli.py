"""The command line, driven as a user drives it: arguments in, text and exit code out."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tui import __version__
from tui.cli import main
from tui.locations import proposals_dir, schemas_dir

from .conftest import MINIMAL, Workspace


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_validate_bundled_sample_passes() -> None:
    code, out, err = run("validate", "--sample")
    assert code == 0, err
    assert err == ""
    assert "file(s) valid" in out


def test_validate_reports_every_error_and_exits_1(ws: Workspace) -> None:
    ws.write("good.yaml", MINIMAL.format(id="r1", extra=""))
    ws.write(
        "bad.yaml",
        "format: proposal/1\nproposal: demo\nrevision: {id: r2, stnce: x}\npoints: []\nreactions: [{party: zz}]\n",
    )
    code, out, err = run("validate", str(ws.root))
    assert code == 1
    lines = err.splitlines()
    assert lines[0].endswith(
        "bad.yaml:3:20: unknown key 'stnce' in the revision block; known keys: "
        "id, label, date, previous, status, authors, source, partial"
    )
    assert any("expected the key 'stance' in a reaction" in line for line in lines)
    assert any("expected the key 'summary' in a reaction" in line for line in lines)
    assert any("party: expected a party declared in the series" in line for line in lines)
    assert lines[-1] == "4 problem(s) in 1 file; those files were not loaded"
    assert out == "1 of 2 file(s) valid: 1 revision(s) in 1 series\n"


def test_list_shows_the_us_plan_in_order() -> None:
    code, out, err = run("list", "--sample")
    assert code == 0, err
    lines = out.splitlines()
    start = lines.index("us-peace-plan-ukraine  Plan to end the war in Ukraine")
    revisions = [line.split()[1] for line in lines[start + 1 : start + 5]]
    assert revisions == ["draft-28", "e3-counter", "geneva-19", "framework-20"]
    assert " 28 points  complete " in lines[start + 1]
    assert " partial " in lines[start + 3] and "revises draft-28" in lines[start + 3]
    assert " 20 points  complete " in lines[start + 4]
    assert lines[start + 5].startswith("  parties: United States (us), Russia (ru), Ukraine (ua)")


@pytest.mark.parametrize(
    ("argv", "paths", "sample"),
    [([], [], False), (["a.yaml", "b.yaml"], ["a.yaml", "b.yaml"], False), (["--sample"], [], True)],
)
def test_no_command_opens_the_app(monkeypatch, tmp_path, argv, paths, sample) -> None:  # noqa: ANN001
    import tui.ui.launch

    monkeypatch.chdir(tmp_path)
    for name in paths:
        (tmp_path / name).write_text("", encoding="utf-8")
    calls = []
    monkeypatch.setattr(tui.ui.launch, "run_app", lambda p, sample=False: calls.append((p, sample)) or 0)
    assert main(argv) == 0
    assert calls == [([Path(p) for p in paths], sample)]


def test_schema_matches_the_shipped_file_and_accepts_the_samples() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    shipped = json.loads((schemas_dir() / "proposal-1.schema.json").read_text(encoding="utf-8"))
    assert schema == shipped, "regenerate tui/schemas/proposal-1.schema.json with `propdiff schema`"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(proposals_dir().rglob("*.yaml"))
    assert files
    for file in files:
        for document in yaml.safe_load_all(file.read_text(encoding="utf-8")):
            # YAML dates load as date objects; the schema describes them as strings
            text = json.loads(json.dumps(document, default=str))
            errors = list(validator.iter_errors(text))
            assert not errors, (file, errors[0].message)


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads(run("schema")[1])
    bad = {"format": "proposal/1", "proposal": "demo", "revision": {"id": "r1", "stnce": 1}, "points": []}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    code, _, err = run("list", str(tmp_path / "nowhere"))
    assert code == 1
    assert (
        err.splitlines()[0] == f"{tmp_path / 'nowhere'}:1:1: expected a file or folder, found nothing there"
    )


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["validate", "--help"], ["list", "--help"], ["schema", "--help"], ["export", "--help"]],
)
def test_help_everywhere(argv: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: propdiff")


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"propdiff {__version__}"


def test_broken_files_never_give_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"\x00\xff\xfe garbage: [")
    (tmp_path / "b.yaml").write_text("- just\n- a list\n")
    (tmp_path / "c.yml").write_text(
        "format: proposal/1\nproposal: x\nrevision: {id: a}\npoints: [{text: !!binary aGk=}]\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "validate",
            *(str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yml")),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if ".y" in line]) == 3


class TestExport:
    """`propdiff export` as a user runs it, including every way it must refuse."""

    def test_defaults_to_the_newest_against_its_nearest_complete_ancestor(self) -> None:
        """framework-20 revises the partial geneva-19, so the default old revision is draft-28."""
        code, out, err = run("export", "--sample", "--series", "us-peace-plan-ukraine", "--format", "json")
        assert code == 0, err
        data = json.loads(out)
        assert (data["old"]["revision"], data["new"]["revision"]) == ("draft-28", "framework-20")
        assert err == (
            "propdiff: compared draft-28 -> framework-20: framework-20 is the newest revision; the revision "
            "it revises (geneva-19) is known only in part, so it is compared with draft-28, the nearest "
            "earlier complete revision it descends from\n"
        )

    def test_from_and_to_pick_their_series(self) -> None:
        code, out, _ = run(
            "export", "--sample", "--from", "draft-28", "--to", "framework-20", "--format", "json"
        )
        assert code == 0
        data = json.loads(out)
        assert data["series"]["id"] == "us-peace-plan-ukraine"
        assert data["summary"]["split"] == 1 and data["summary"]["removed"] == 10

    def test_json_is_byte_identical_across_runs(self) -> None:
        argv = ("export", "--sample", "--from", "draft-28", "--to", "geneva-19", "--format", "json")
        assert run(*argv)[1] == run(*argv)[1]
        result = subprocess.run([sys.executable, "-m", "tui", *argv], capture_output=True)
        assert result.stdout.decode() == run(*argv)[1]

    def test_several_series_need_a_choice(self) -> None:
        code, out, err = run("export", "--sample")
        assert (code, out) == (1, "")
        assert err == (
            "propdiff: several series are loaded; choose one with --series "
            "(examplia-coalition, us-peace-plan-ukraine)\n"
        )

    def test_unknown_revision(self) -> None:
        code, _, err = run("export", "--sample", "-s", "us-peace-plan-ukraine", "--to", "draft-99")
        assert code == 1
        assert err == (
            "propdiff: series 'us-peace-plan-ukraine' has no revision 'draft-99'; its revisions: "
            "draft-28, e3-counter, geneva-19, framework-20\n"
        )

    def test_unknown_series(self) -> None:
        code, _, err = run("export", "--sample", "-s", "nope")
        assert (code, err) == (
            1,
            "propdiff: no series 'nope'; known series: examplia-coalition, us-peace-plan-ukraine\n",
        )

    def test_revisions_of_different_series(self) -> None:
        code, _, err = run("export", "--sample", "--from", "draft-28", "--to", "accord")
        assert code == 1
        assert err == (
            "propdiff: no series has all the revisions named: 'draft-28' is in "
            "us-peace-plan-ukraine; 'accord' is in examplia-coalition\n"
        )

    def test_writes_a_file_and_refuses_to_overwrite_it(self, tmp_path: Path) -> None:
        target = tmp_path / "plan.html"
        argv = [
            "export",
            "--sample",
            "--from",
            "draft-28",
            "--to",
            "framework-20",
            "-f",
            "html",
            "-o",
            str(target),
        ]
        assert run(*argv)[0] == 0
        first = target.read_bytes()
        assert first.startswith(b"<!DOCTYPE html>")
        target.write_text("colleague's notes")
        code, _, err = run(*argv)
        assert code == 1 and err == f"propdiff: {target}: already exists (use --force to overwrite)\n"
        assert target.read_text() == "colleague's notes"
        assert run(*argv, "--force")[0] == 0
        assert target.read_bytes() == first
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]

    def test_missing_directory_is_one_line_and_no_file(self, tmp_path: Path) -> None:
        target = tmp_path / "missing" / "plan.md"
        code, _, err = run(
            "export", "--sample", "-s", "us-peace-plan-ukraine", "-f", "markdown", "-o", str(target)
        )
        assert code == 1
        assert err.count("\n") == 1 and err.startswith("propdiff: ")
        assert not target.parent.exists()

    def test_comparing_a_revision_with_itself(self) -> None:
        code, out, _ = run(
            "export", "--sample", "--from", "framework-20", "--to", "framework-20", "-f", "json"
        )
        assert code == 0
        summary = json.loads(out)["summary"]
        assert summary["unchanged"] == 20 and sum(summary.values()) == 20

    def test_bad_files_stop_the_export(self, ws: Workspace) -> None:
        ws.write("a.yaml", "format: proposal/1\nproposal: demo\nrevision: {id: r1}\npoints: [{txt: x}]\n")
        code, out, err = run("export", str(ws.root))
        assert code == 1 and out == ""
        assert "unknown key 'txt' in a point (did you mean 'text'?)" in err


def test_schema_diff_prints_the_export_schema() -> None:
    code, out, _ = run("schema", "diff")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    export = json.loads(run("export", "--sample", "-s", "examplia-coalition", "-f", "json")[1])
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(export))


def test_validate_an_empty_folder_says_so(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path)) == (
        1,
        "",
        "no proposal files (*.yaml, *.yml with a format: key) found\n",
    )


def test_export_format_choices_match_the_exporters() -> None:
    """The CLI lists formats itself so `propdiff validate` need not import the exporters."""
    from tui.cli import EXPORT_FORMATS
    from tui.export import FORMATS

    assert EXPORT_FORMATS == tuple(FORMATS)


def test_a_path_that_is_not_there_ends_before_the_app_starts(tmp_path: Path) -> None:
    """`propdiff nowhere` says so at once, as `diff` does, instead of opening the app on nothing."""
    code, out, err = run(str(tmp_path / "nowhere"), "dif", "bad\x1b[31mname")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"propdiff: {tmp_path / 'nowhere'}: expected a file or folder, found nothing there",
        "propdiff: dif: expected a file or folder, found nothing there (the command is `propdiff diff`)",
        "propdiff: bad␛[31mname: expected a file or folder, found nothing there",
    ]
