"""The argument parser: every command, option and help text of `propdiff`."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from .. import __version__
from .importing import add_import_parser

EXPORT_FORMATS = ("text", "markdown", "html", "json")
"""The names of `tui.export.FORMATS`, kept here so start-up imports no exporter (a test checks)."""

SUFFIX_FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                  ".htm": "html", ".json": "json"}  # fmt: skip
"""What `-o FILE` writes when `--format` is not given: the format its name ends with."""

EXIT_CODES = """exit status: 0 success; 1 problems in the files or a failed command.
With --exit-code (like diff and `git diff --exit-code`): 0 no changes, 1 changes, 2 trouble."""


def _paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="proposal files or folders (default: the current folder)",
    )
    parser.add_argument(
        "--sample", action="store_true", help="use the bundled sample proposals instead of PATH"
    )


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def _size(value: str) -> int:
    """`--max-size`: bytes, or K, M, G (of 1024): 200M, 1.5G, 500KB."""
    match = _SIZE.fullmatch(value.strip())
    if match is None or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 200M or 1G, found '{value}'")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()])


def _max_size_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-size",
        type=_size,
        metavar="SIZE",
        help="read proposal files of up to SIZE, e.g. 500M or 2G (default: 100M)",
    )


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of columns, found '{value}'") from None
    if not 20 <= width <= 1000:
        raise argparse.ArgumentTypeError(f"expected a width from 20 to 1000 columns, found {width}")
    return width


def _terminal_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the changes: auto (default: on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it), always, never",
    )
    parser.add_argument(
        "--no-pager",
        action="store_true",
        help="never page; by default long output on a terminal goes through PROPDIFF_PAGER, "
        "else PAGER, else `less -FRX`",
    )
    parser.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="wrap at N columns (default: the terminal's width, else COLUMNS, else 100)",
    )


def _exit_code_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when the revisions differ, 0 when they do not, 2 on any error",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="propdiff",
        description="Compare revisions of multi-point proposals (peace plans, treaties, term "
        "sheets) point by point.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"propdiff {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    validate = verbs.add_parser(
        "validate",
        help="check proposal files and report every problem",
        description="Check proposal files against the format. Prints every problem as "
        "file:line:col: message and exits 1 if there is any. A file named alone is checked "
        "with the other files of its series in the same folder, and only its problems are "
        "reported. Walking a folder skips YAML files that have no `format:` key. PATH - reads "
        "one file from standard input and checks each of its documents on its own.",
    )
    _paths_argument(validate)
    _max_size_argument(validate)

    listing = verbs.add_parser(
        "list",
        help="list series, their revisions in order, and parties",
        description="List each series with its revisions in order, point counts, whether each "
        "revision is complete or partial, and the parties.",
    )
    _paths_argument(listing)
    _max_size_argument(listing)

    diff = verbs.add_parser(
        "diff",
        usage="propdiff diff [-h] [--color {auto,always,never}] [--no-pager] [--width N] [--exit-code] "
        "[--max-size SIZE] OLD NEW",
        help="compare two files point by point, in the terminal",
        description="Compare the last revision of OLD with the last revision of NEW, whatever "
        "their ids, series or `previous` links, and show the changes (colour, pager and width "
        "follow the terminal). `-` reads a file from stdin. Also works as git's external diff: "
        "given the 7 arguments git passes (see the README).",
        epilog=EXIT_CODES,
    )
    diff.add_argument(
        "files",
        nargs="+",
        metavar="OLD NEW",
        help="the two files (- for stdin), or the 7 (9 for a rename) arguments of GIT_EXTERNAL_DIFF",
    )
    _terminal_arguments(diff)
    _exit_code_argument(diff)
    _max_size_argument(diff)

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
        "(said on stderr), text on stdout. Given exactly two files and no "
        "--series/--from/--to, compares the last revision of the first with the last of the "
        "second, like `propdiff diff`.",
        epilog=EXIT_CODES,
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
        "--format",
        "-f",
        choices=EXPORT_FORMATS,
        help="output format (default: from the -o file name's ending, else text)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of stdout; `-o -` is stdout",
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.add_argument(
        "--width", type=_width, metavar="N", help="wrap the text format at N columns (default: 100)"
    )
    _exit_code_argument(export)
    _max_size_argument(export)

    new = verbs.add_parser(
        "new",
        help="write a commented template revision to start from",
        description="Write a template revision, every field commented, that validates as it "
        "is. Without FILE it is printed.",
    )
    new.add_argument("file", nargs="?", metavar="FILE", help="where to write it (refuses to overwrite)")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    add_import_parser(verbs)

    completion = verbs.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print the completion script for a shell; see the README for where to put it.",
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))
    return parser
