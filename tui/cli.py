"""The `propdiff` command line: validate, list, schema, export.

Bad input never produces a traceback: problems in files are printed as
`file:line:col: message` lines on stderr and the exit code is 1.
Heavy modules (the comparison engine, exporters) are imported only by the
verbs that need them, so `propdiff validate` starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence, TextIO

from . import __version__
from .core import Catalog, LoadResult, PropdiffError, Revision, load_paths, pick_revisions, pick_series
from .locations import proposals_dir, schemas_dir

EXPORT_FORMATS = ("text", "markdown", "html", "json")
"""The names of `tui.export.FORMATS`, kept here so start-up imports no exporter (a test checks)."""


def _paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="proposal files or folders (default: the bundled sample proposals)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="propdiff",
        description="Compare revisions of multi-point proposals (peace plans, treaties, term "
        "sheets) point by point.",
    )
    parser.add_argument("--version", action="version", version=f"propdiff {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    validate = verbs.add_parser(
        "validate",
        help="check proposal files and report every problem",
        description="Check proposal files against the format. Prints every problem as "
        "file:line:col: message and exits 1 if there is any.",
    )
    _paths_argument(validate)

    listing = verbs.add_parser(
        "list",
        help="list series, their revisions in order, and parties",
        description="List each series with its revisions in order, point counts, whether each "
        "revision is complete or partial, and the parties.",
    )
    _paths_argument(listing)

    schema = verbs.add_parser(
        "schema",
        help="print the JSON Schema of the proposal format (or of the JSON export)",
        description="Print the JSON Schema of one revision document (format proposal/1), for "
        "editors: see the README for the yaml-language-server line. `schema diff` prints the "
        "schema of `export --format json` (propdiff-diff/1) instead.",
    )
    schema.add_argument(
        "which",
        nargs="?",
        choices=("proposal", "diff"),
        default="proposal",
        help="proposal (default): the input format; diff: the JSON export",
    )

    export = verbs.add_parser(
        "export",
        help="export the diff of two revisions (text, markdown, html, json)",
        description="Compare two revisions of a series and write the result. Defaults: the only "
        "series, its last two revisions, text on stdout.",
    )
    _paths_argument(export)
    export.add_argument("--series", "-s", metavar="S", help="series id (needed when several are loaded)")
    export.add_argument(
        "--from", dest="old", metavar="REV", help="old revision id (default: the one before --to)"
    )
    export.add_argument("--to", dest="new", metavar="REV", help="new revision id (default: the last)")
    export.add_argument(
        "--format", "-f", choices=EXPORT_FORMATS, default="text", help="output format (default: text)"
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return parser


def _load(paths: Sequence[Path]) -> LoadResult:
    return load_paths(list(paths) or [proposals_dir()])


def _report(result: LoadResult, err: TextIO) -> None:
    for problem in result.problems:
        print(problem, file=err)
    if result.catalog.failed:
        count = len(result.catalog.failed)
        noun = "file" if count == 1 else "files"
        print(f"{len(result.problems)} problem(s) in {count} {noun}; those files were not loaded", file=err)


def cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = _load(args.paths)
    _report(result, err)
    catalog = result.catalog
    if not catalog.files and not result.problems:
        print("no proposal files (*.yaml, *.yml) found", file=err)
        return 1
    good = len(catalog.files) - len(catalog.failed)
    revisions = sum(len(s.revisions) for s in catalog.series)
    print(
        f"{good} of {len(catalog.files)} file(s) valid: "
        f"{revisions} revision(s) in {len(catalog.series)} series",
        file=out,
    )
    return 0 if result.ok and catalog.files else 1


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
    """Left-aligned columns; empty trailing cells leave no trailing spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return [
        indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
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
    result = _load(args.paths)
    _report(result, err)
    if result.catalog.series:
        print(format_catalog(result.catalog), file=out)
    elif not result.problems:
        print("no proposal files found", file=err)
        return 1
    return 0 if result.ok else 1


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.which == "diff":
        out.write((schemas_dir() / "propdiff-diff-1.schema.json").read_text(encoding="utf-8"))
        return 0
    from .reading.formatspec import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False), file=out)
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .core import compare, render, write_atomically

    result = _load(args.paths)
    _report(result, err)
    if not result.ok:
        return 1
    named = [r for r in (args.old, args.new) if r]
    series = pick_series(result.catalog, args.series, named)
    old, new = pick_revisions(series, args.old, args.new)
    text = render(compare(series, old, new), args.format)
    if args.output is None:
        out.write(text)
    else:
        write_atomically(args.output, text, force=args.force)
        print(f"wrote {args.output} ({args.format}, {old.id} -> {new.id})", file=err)
    return 0


COMMANDS = {"validate": cmd_validate, "list": cmd_list, "schema": cmd_schema, "export": cmd_export}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        args = parser.parse_args(["list", *(argv or [])])
    try:
        return COMMANDS[args.verb](args, out, err)
    except PropdiffError as error:
        print(f"propdiff: {error}", file=err)
        return 1
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
