"""The size limit and the alias budget: real documents of any length load, bombs and giants do not.

The limits used to be absolute (5 MB, 200,000 values): a 13,000-point
revision was too big and a 28,500-point one was refused as an "alias bomb"
without holding a single alias.
"""

from __future__ import annotations

import io
import textwrap
import time
from pathlib import Path

import pytest

from tests.benchmarks.generated_series import write_series
from tui.cli import main
from tui.reading.loading import load_paths
from tui.reading.yamlsource import MAX_FILE_BYTES, parse_text, size_limit

HEADER = """\
format: proposal/1
proposal: demo
revision:
  id: r1
"""


def problems(text: str) -> list[str]:
    return [str(p) for p in parse_text(textwrap.dedent(text), "a.yaml")[1]]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class TestSize:
    def test_the_default_limit_has_room_for_100000_points(self, tmp_path: Path) -> None:
        (old, _) = write_series(tmp_path, 1000)
        assert 100 * old.stat().st_size < MAX_FILE_BYTES

    def test_a_revision_over_the_old_5_mb_limit_loads(self, tmp_path: Path) -> None:
        paths = write_series(tmp_path, 13_000)
        assert all(p.stat().st_size > 5 * 1024 * 1024 for p in paths)
        result = load_paths([tmp_path])
        assert result.ok, result.problems[:3]
        assert len(result.catalog.series[0].revisions[0].points) == 13_000

    def test_the_message_names_the_limit_and_the_option(self, tmp_path: Path) -> None:
        write_series(tmp_path, 30)
        code, _, err = run("validate", "--max-size", "10K", str(tmp_path))
        assert code == 1
        assert (
            f"{tmp_path}/new.yaml:1:1: expected a proposal file of at most 10 KB (the size limit), found "
            in err
        )
        assert "not read (to read it, raise the limit, e.g. --max-size 20K)" in err

    @pytest.mark.parametrize("size", ["20M", "1G", "0.5g", "20MB", "20mib", "20000000"])
    def test_max_size_raises_it(self, tmp_path: Path, size: str) -> None:
        write_series(tmp_path, 30)
        with size_limit(4096):  # as if the default were tiny: the option must win over it
            code, out, err = run("validate", "--max-size", size, str(tmp_path))
        assert (code, err) == (0, "")
        assert "2 of 2 file(s) valid" in out

    def test_every_reading_command_takes_it(self, tmp_path: Path) -> None:
        old, new = write_series(tmp_path, 30)
        for argv in (
            ("validate", str(tmp_path)),
            ("list", str(tmp_path)),
            ("export", str(tmp_path)),
            ("diff", str(old), str(new)),
        ):
            code, _, err = run(*argv, "--max-size", "1K")
            assert code == 1 and "--max-size 2K" in err, argv
            assert run(*argv, "--max-size", "1M")[0] == 0, argv

    def test_stdin_obeys_it(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        old, new = write_series(tmp_path, 30)
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(old.read_bytes())))
        code, _, err = run("diff", "-", str(new), "--max-size", "2K")
        assert code == 1
        assert "<stdin>:1:1: expected a proposal file of at most 2 KB (the size limit), found more" in err

    @pytest.mark.parametrize("size", ["0", "-1M", "big", "12T"])
    def test_a_bad_size_is_a_usage_error(self, size: str) -> None:
        with pytest.raises(SystemExit) as exit_:
            run("validate", "--max-size", size)
        assert exit_.value.code == 2


class TestAliases:
    def test_many_values_without_aliases_are_not_a_bomb(self) -> None:
        """300,000 values, no alias: the old fixed budget of 200,000 refused this."""
        topics = ", ".join(f"t{n}" for n in range(300_000))
        assert problems(HEADER + f"points:\n  - text: One point.\n    topics: [{topics}]\n") == []

    def test_aliases_that_repeat_a_little_are_fine(self) -> None:
        text = HEADER + (
            "parties:\n  - &us {id: us, name: United States}\n"
            "points:\n"
            "  - &p {text: Shared text., topics: &t [a, b, c]}\n"
            "  - {text: Other text., topics: *t}\n"
            "  - {text: Third., topics: *t}\n"
        )
        assert problems(text) == []

    def test_a_bomb_is_refused_at_once_where_the_aliases_pile_up(self) -> None:
        """Thirty levels of nine aliases: 9**30 values, never expanded, refused in well under a second."""
        lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 31)]
        start = time.process_time()
        found = problems("\n".join(lines) + "\n")
        assert time.process_time() - start < 1
        assert found == [
            "a.yaml:5:5: expected aliases to expand this document to at most 10 times its own 72 values, "
            "found more than a billion values once they are expanded; refused, as aliases that multiply "
            "data are how YAML bombs work (write the repeated values out instead)"
        ]

    def test_an_alias_inside_its_own_value_is_refused(self) -> None:
        text = HEADER + "points: &p\n  - text: a\n    topics: *p\n"
        assert problems(text) == [
            "a.yaml:5:9: expected an alias to repeat a value defined before it, found one inside the value "
            "it repeats (it would repeat forever)"
        ]

    def test_duplicate_keys_in_an_aliased_mapping_are_reported_once(self) -> None:
        text = HEADER + "points:\n  - &p {text: a, text: b}\n  - *p\n  - *p\n"
        assert problems(text) == [
            "a.yaml:6:18: expected each key once in a mapping, found 'text' again (first on line 6); "
            "YAML would silently keep only the last"
        ]
