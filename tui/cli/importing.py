"""`propdiff import`: a draft file (text, Markdown, Word, PDF) in, a proposal/1 revision out.

Kept apart from the other commands: its arguments and handler are one unit,
and the importer it drives (`tui.importing`) is loaded only when it runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from ..errors import PropdiffError
from ..sanitize import shown_path
from .output import check_target, write_output


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an ISO date such as 2025-11-20, found '{text}'") from None


def add_import_parser(verbs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = verbs.add_parser(
        "import",
        help="turn a draft (text, Markdown, .docx, .pdf) into a proposal file",
        description="Detect the points of a draft (1. / (1) / 21.3 / IV.3 / Article 5 / headings / "
        "bullets) and write them as a proposal/1 revision, on stdout or with -o atomically. "
        "Check the result: the split is automatic. Word and PDF need: pip install 'propdiff[import]'.",
    )
    command.add_argument(
        "file", type=Path, metavar="FILE", help="the draft: .txt, .md, .docx or .pdf; - reads text from stdin"
    )
    command.add_argument("--proposal", metavar="SLUG", help="series id (default: from the file name)")
    command.add_argument("--revision", metavar="ID", help="revision id (default: from the file name)")
    command.add_argument("--label", metavar="TEXT", help="revision label shown instead of the id")
    command.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="revision date")
    command.add_argument("--previous", metavar="ID", help="id of the revision this one revises")
    command.add_argument("--source", metavar="TEXT", help="revision source (default: the file name)")
    command.add_argument(
        "--excerpt",
        action="store_true",
        help="mark every point `excerpt: true` (the draft quotes only parts of the points)",
    )
    command.add_argument(
        "--encoding", metavar="NAME", help="text encoding of a .txt/.md draft (default: detected)"
    )
    command.add_argument(
        "--preview", action="store_true", help="print the detected points and warnings; write nothing"
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write to OUT (atomically) instead of stdout; `-o -` is stdout",
    )
    command.add_argument("--force", action="store_true", help="overwrite OUT if it exists")


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..importing import (
        ImportFailure,
        ImportOptions,
        check_slug,
        detect,
        format_preview,
        read_draft,
        read_pasted,
        slug,
        to_revision,
        to_yaml,
    )
    from ..importing.reader import MAX_INPUT_BYTES

    path: Path = args.file
    pasted = str(path) == "-"
    name = "standard input" if pasted else path.name
    stem = "draft" if pasted else path.stem
    if not args.preview:
        check_target(args.output, f"{slug(stem)}.yaml")
    try:
        if pasted:
            # one byte past the limit is enough to refuse: a pipe from /dev/zero never ends
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            draft = detect(read_pasted(data, encoding=args.encoding))
        else:
            draft = read_draft(path, encoding=args.encoding)
        if args.preview:
            print(format_preview(draft, str(path)), file=out)
            if not draft.points:  # exit 1 says something went wrong: say what, where errors go
                print(f"propdiff: {shown_path(str(path))}: no points detected", file=err)
                return 1
            return 0
        options = ImportOptions(
            proposal=check_slug(args.proposal or slug(stem), "--proposal"),
            revision=check_slug(args.revision or slug(stem), "--revision"),
            source=args.source or name,
            label=args.label,
            date=args.date,
            previous=check_slug(args.previous, "--previous") if args.previous else None,
            excerpt=args.excerpt,
        )
        text = to_yaml(to_revision(draft, options), draft, name)
    except ImportFailure as error:
        raise PropdiffError(f"{shown_path(str(path))}: {error}") from None
    for warning in draft.warnings:
        print(f"{shown_path(str(path))}: {warning.where}: warning: {warning.message}", file=err)
    if write_output(args.output, text, out, args.force):
        written, count = shown_path(str(args.output)), len(draft.points)
        print(f"wrote {written} ({count} points from {shown_path(name)}; check them)", file=err)
    return 0
