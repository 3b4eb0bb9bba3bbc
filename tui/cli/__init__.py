"""The `propdiff` command line: validate, list, diff, export, schema, new, completion.

Bad input never produces a traceback: problems in files are printed as
`file:line:col: message` lines on stderr and the exit code is 1.
Heavy modules (the comparison engine, exporters) are imported only by the
commands that need them, so `propdiff validate` starts fast.

`parser` holds the arguments, `commands` what each command does,
`twofiles` and `diffing` the two-file and git comparison, `terminal` colour,
width and pager, `template` what `propdiff new` writes.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence, TextIO

from ..errors import PropdiffError
from .commands import (
    cmd_completion,
    cmd_diff,
    cmd_export,
    cmd_list,
    cmd_new,
    cmd_schema,
    cmd_validate,
)
from .importing import cmd_import
from .parser import EXPORT_FORMATS, build_parser

COMMANDS = {
    "validate": cmd_validate,
    "list": cmd_list,
    "diff": cmd_diff,
    "schema": cmd_schema,
    "export": cmd_export,
    "new": cmd_new,
    "import": cmd_import,
    "completion": cmd_completion,
}


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
        return 2 if getattr(args, "exit_code", False) else 1
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["EXPORT_FORMATS", "build_parser", "main", "run"]
