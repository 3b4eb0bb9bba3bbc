"""The argument parser: every command, option and help text of `propdiff`."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__
from .importing import add_import_parser

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
        "schema of `export --format json` (propdiff-diff/2) instead.",
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
        "series, its newest revision against the nearest earlier complete revision it descends from "
        "(said on stderr), text on stdout.",
    )
    _paths_argument(export)
    export.add_argument("--series", "-s", metavar="S", help="series id (needed when several are loaded)")
    export.add_argument(
        "--from",
        dest="old",
        metavar="REV",
        help="old revision id (default: the nearest earlier complete revision --to descends from)",
    )
    export.add_argument("--to", dest="new", metavar="REV", help="new revision id (default: the last)")
    export.add_argument(
        "--format", "-f", choices=EXPORT_FORMATS, default="text", help="output format (default: text)"
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_import_parser(verbs)
    return parser
