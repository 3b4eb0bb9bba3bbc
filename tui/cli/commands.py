"""What each command does, given parsed arguments and the two output streams."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Sequence, TextIO

from ..core import Catalog, LoadResult, Revision, choose_pair, load_paths, pick_series
from ..locations import proposals_dir, schemas_dir


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
        out.write((schemas_dir() / "propdiff-diff-2.schema.json").read_text(encoding="utf-8"))
        return 0
    from ..reading.formatspec import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False), file=out)
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..core import compare, render, write_atomically

    result = _load(args.paths)
    _report(result, err)
    if not result.ok:
        return 1
    named = [r for r in (args.old, args.new) if r]
    series = pick_series(result.catalog, args.series, named)
    pair = choose_pair(series, args.old, args.new)
    old, new = pair.old, pair.new
    text = render(compare(series, old, new), args.format)
    if args.output is None:
        out.write(text)
    else:
        write_atomically(args.output, text, force=args.force)
        print(f"wrote {args.output} ({args.format}, {old.id} -> {new.id})", file=err)
    if not (args.old and args.new):  # a default was taken: say which pair and why
        print(f"propdiff: compared {old.id} -> {new.id}: {pair.reason}", file=err)
    return 0
