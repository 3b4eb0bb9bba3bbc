"""What each command does, given parsed arguments and the two output streams."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence, TextIO

from ..core import Catalog, LoadResult, Revision, Series, choose_pair, load_paths, pick_series
from ..errors import PropdiffError
from ..locations import proposals_dir, schemas_dir
from ..reading.loading import SUFFIXES, revisions_of
from ..sanitize import shown_path
from ..twofiles import NOT_A_PROPOSAL, STDIN, STDIN_NAME, read_stdin
from .output import check_target, write_output
from .parser import SUFFIX_FORMATS

if TYPE_CHECKING:
    from ..core import Comparison

NOTHING_FOUND = "no proposal files (*.yaml, *.yml with a format: key) found"


def _paths(args: argparse.Namespace) -> list[Path]:
    """The paths named, else the current folder; the bundled sample only when asked for."""
    if args.sample:
        if args.paths:
            raise PropdiffError("give either PATH or --sample, not both")
        return [proposals_dir()]
    return list(args.paths) or [Path(".")]


def _siblings(paths: Sequence[Path]) -> list[Path]:
    """The proposal files beside each named file: the rest of its series, for checks across files."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            folder = path.parent
            found += [
                f
                for f in sorted(folder.iterdir())
                if f.name.endswith(SUFFIXES) and not f.name.startswith(".") and f.is_file()
            ]
    return found


def _load(args: argparse.Namespace) -> LoadResult:
    paths = _paths(args)
    return load_paths(paths, context=_siblings(paths))


def _report(result: LoadResult, err: TextIO) -> None:
    for problem in result.problems:
        print(problem, file=err)
    if result.catalog.failed:
        count = len(result.catalog.failed)
        noun = "file" if count == 1 else "files"
        print(f"{len(result.problems)} problem(s) in {count} {noun}; those files were not loaded", file=err)
    if result.skipped:
        names = ", ".join(shown_path(str(f)) for f in result.skipped[:3])
        more = f" and {len(result.skipped) - 3} more" if len(result.skipped) > 3 else ""
        count = len(result.skipped)
        noun = "file" if count == 1 else "files"
        print(f"skipped {count} YAML {noun} with no format: key (not proposals): {names}{more}", file=err)


def _nothing_found(args: argparse.Namespace, err: TextIO) -> int:
    where = "" if args.paths or args.sample else " in the current folder"
    hint = "" if args.paths or args.sample else "; give a PATH, or --sample for the bundled sample"
    print(f"{NOTHING_FOUND}{where}{hint}", file=err)
    return 1


def cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if any(str(path) == STDIN for path in args.paths):
        return _validate_stdin(args, out, err)
    result = _load(args)
    _report(result, err)
    catalog = result.catalog
    if not catalog.files and not result.problems:
        return _nothing_found(args, err)
    good = len(catalog.files) - len(catalog.failed)
    revisions = sum(len(s.revisions) for s in catalog.series)
    print(
        f"{good} of {len(catalog.files)} file(s) valid: "
        f"{revisions} revision(s) in {len(catalog.series)} series",
        file=out,
    )
    return 0 if result.ok and catalog.files else 1


def _validate_stdin(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`validate -`: one file read from standard input, each document checked on its own.

    As for `diff -`, checks across revisions (`previous` links, parties
    declared in another revision or file) are not run: a file with no folder
    has no series around it to check them against, and half a check would
    report links to other files as broken.
    """
    if args.sample or len(args.paths) > 1:
        raise PropdiffError("validate -: give standard input alone, without other paths or --sample")
    documents, problems, _, looks = read_stdin(STDIN_NAME)
    if not looks:
        print(f"{STDIN_NAME}: {NOT_A_PROPOSAL}", file=err)
        return 1
    revisions, problems = revisions_of(documents, problems, STDIN_NAME)
    for problem in sorted(problems):
        print(problem, file=err)
    if problems:
        print(f"0 of 1 file(s) valid: {len(problems)} problem(s) in {STDIN_NAME}", file=out)
        return 1
    count = len(revisions)
    series = len({r.series for r in revisions})
    print(
        f"1 of 1 file(s) valid: {count} revision(s) in {series} series "
        "(each document checked on its own: links across revisions are not checked for standard input)",
        file=out,
    )
    return 0


def _revision_cells(position: int, revision: Revision) -> list[str]:
    count = len(revision.points)
    return [
        f"{position}.",
        revision.id,
        revision.label or "",
        revision.date.isoformat() if revision.date else "undated",
        f"{count} point{'s' if count != 1 else ''}",
        "partial" if revision.partial else "complete",
        revision.status or "",
        f"revises {revision.previous}" if revision.previous else "",
    ]


def _table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Left-aligned columns, measured in terminal cells so any script lines up; no trailing spaces."""
    from .. import cells

    widths = [max(cells.width(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return [
        indent + "  ".join(cells.ljust(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def format_catalog(catalog: Catalog) -> str:
    lines: list[str] = []
    for series in catalog.series:
        title = f"  {series.title}" if series.title else ""
        lines.append(f"{series.id}{title}")
        lines += _table([_revision_cells(i, r) for i, r in enumerate(series.revisions, 1)])
        parties = ", ".join(f"{p.name} ({p.id})" for p in series.parties) or "none"
        lines.append(f"  parties: {parties}")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def cmd_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = _load(args)
    _report(result, err)
    if result.catalog.series:
        print(format_catalog(result.catalog), file=out)
    elif not result.problems:
        return _nothing_found(args, err)
    return 0 if result.ok else 1


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.which == "diff":
        out.write((schemas_dir() / "propdiff-diff-2.schema.json").read_text(encoding="utf-8"))
        return 0
    from ..reading.formatspec import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False), file=out)
    return 0


def _trouble(args: argparse.Namespace) -> int:
    """The exit status of a failure: 2 under --exit-code (1 then means "changes"), else 1."""
    return 2 if getattr(args, "exit_code", False) else 1


def _outcome(args: argparse.Namespace, comparison: Comparison) -> int:
    if not args.exit_code:
        return 0
    from .diffing import changed  # with the terminal and pager code: only --exit-code needs it

    return 1 if changed(comparison) else 0


def _output_format(args: argparse.Namespace) -> str:
    """--format, else the format the -o name ends with, else text; a contradiction is an error."""
    target = args.output
    suffix = Path(target).suffix.lower() if target and target != "-" else ""
    implied = SUFFIX_FORMATS.get(suffix)
    if args.format and implied and args.format != implied:
        raise PropdiffError(
            f"-o {target}: the name ends in {suffix}, which is {implied}, but --format is {args.format}; "
            f"change one of them"
        )
    return args.format or implied or "text"


def _two_files(args: argparse.Namespace) -> bool:
    """`export OLD NEW`: exactly two files and nothing naming revisions of one series."""
    if args.sample or args.series or args.old or args.new or len(args.paths) != 2:
        return False
    return all(str(p) == "-" or p.is_file() for p in args.paths)


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    fmt = _output_format(args)
    reason = None
    check_target(args.output, "diff.html")
    if _two_files(args):
        from .diffing import compare_files

        comparison = compare_files([str(p) for p in args.paths], err)
        if comparison is None:
            return _trouble(args)
    else:
        from ..core import compare

        result = _load(args)
        _report(result, err)
        if not result.ok:
            return _trouble(args)
        if not result.catalog.files:
            _nothing_found(args, err)
            return _trouble(args)
        named = [r for r in (args.old, args.new) if r]
        series = pick_series(result.catalog, args.series, named)
        series, newest = _with_context(args, series)
        pair = choose_pair(series, args.old, args.new or newest)
        comparison = compare(series, pair.old, pair.new)
        if not (args.old and args.new):  # a default was taken: say which pair and why, after the output
            reason = f"propdiff: compared {pair.old.id} -> {pair.new.id}: {pair.reason}"
    if write_output(args.output, _render(comparison, fmt, args.width), out, args.force):
        old_id, new_id = comparison.old.id, comparison.new.id
        print(f"wrote {shown_path(str(args.output))} ({fmt}, {old_id} -> {new_id})", file=err)
    if reason:
        print(reason, file=err)
    return _outcome(args, comparison)


def _with_context(args: argparse.Namespace, series: Series) -> tuple[Series, str | None]:
    """For files named alone, the whole series beside them, and the newest named revision.

    `export plan-v3.yaml` means "what changed in v3": v3 against the revision
    the default pair rule picks from the rest of its series in that folder.
    """
    paths = _paths(args)
    if not all(path.is_file() for path in paths):
        return series, None
    whole = load_paths(_siblings(paths)).catalog.get(series.id)
    if whole is None or len(whole.revisions) <= len(series.revisions):
        return series, None
    return whole, series.revisions[-1].id


def _render(comparison: Comparison, fmt: str, width: int | None) -> Iterable[str]:
    """The export in pieces, made as they are written (see `tui.export.render_pieces`)."""
    if fmt == "text" and width:
        from ..export.text import render as render_text

        return (render_text(comparison, width),)
    from ..core import render_pieces

    return render_pieces(comparison, fmt)


def cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .diffing import run_diff

    return run_diff(args, out, err, os.environ, _trouble(args))


def cmd_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .template import TEMPLATE

    check_target(args.file, "proposal.yaml", flag="")
    if write_output(args.file, TEMPLATE, out, args.force):
        advice = f"edit it, then: propdiff validate {args.file}"
        print(f"wrote {shown_path(str(args.file))}: a template revision; {advice}", file=err)
    return 0


def cmd_completion(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import shtab

    from .parser import build_parser

    parser = build_parser()
    _mark_files(parser, shtab.FILE)
    out.write(shtab.complete(parser, shell=args.shell))
    return 0


def _mark_files(parser: argparse.ArgumentParser, files: dict[str, str]) -> None:
    """Tell shtab which arguments are file names, so the shell completes paths there."""
    for action in parser._actions:
        if action.dest in ("paths", "files", "file", "output"):
            action.complete = files  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _mark_files(child, files)
