"""The `propdiff` command line: validate, list, diff, export, schema, new, completion.

Bad input never produces a traceback: problems in files are printed as
`file:line:col: message` lines on stderr and the exit code is 1.
Heavy modules (the comparison engine, exporters) are imported only by the
commands that need them, so `propdiff validate` starts fast; with no command,
none of the commands' modules is imported: the app draws its first frame and
reads the files (importing the reader) in a thread of its own.

`parser` holds the arguments, `commands` what each command does,
`diffing` the two-file and git comparison (pairing in `tui.twofiles`), `terminal` colour,
width and pager, `template` what `propdiff new` writes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

from ..sanitize import LINE_LIMIT, Gate, OutputError

VERBS = ("validate", "list", "diff", "schema", "export", "new", "import", "completion")
"""The commands. With none, `propdiff` opens the app, which needs none of their modules (the
reader they import comes in the app's loading thread, after the first frame)."""


def _commands() -> dict[str, Callable[..., int]]:
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

    return {
        "validate": cmd_validate,
        "list": cmd_list,
        "diff": cmd_diff,
        "schema": cmd_schema,
        "export": cmd_export,
        "new": cmd_new,
        "import": cmd_import,
        "completion": cmd_completion,
    }


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the parser's names, imported when asked for
    if name in ("EXPORT_FORMATS", "build_parser"):
        from . import parser

        return getattr(parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def wants_app(argv: Sequence[str]) -> bool:
    """`propdiff`, `propdiff PATH...` and `propdiff --sample` open the app; a command or option does not."""
    if argv == ["--sample"] or not argv:
        return True
    return argv[0] not in VERBS and not argv[0].startswith("-")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_app(argv):
        paths = [Path(p) for p in argv if p != "--sample"]
        missing = [path for path in paths if not os.path.lexists(path)]
        if missing:
            _say_missing(missing, Gate(sys.stderr if err is None else err, name="standard error"))
            return 1
        from ..ui.launch import run_app  # no command: the app (Textual loads only here)

        return run_app(paths, sample="--sample" in argv)
    from .. import collector
    from ..errors import PropdiffError
    from ..reading.yamlsource import size_limit
    from .parser import build_parser

    # Every byte the program prints goes through a gate (tui.sanitize): terminal-safe UTF-8.
    out = Gate(sys.stdout if out is None else out, name="standard output")
    err = Gate(sys.stderr if err is None else err, name="standard error", line_limit=LINE_LIMIT)
    parser = build_parser()
    failed = 1
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # argparse's too
            args = parser.parse_args(argv)
            if args.verb is None:
                args = parser.parse_args(["list", *(argv or [])])
        failed = 2 if getattr(args, "exit_code", False) else 1
        limit = getattr(args, "max_size", None)
        # A command is short-lived and keeps what it builds: the collector would only slow it.
        with collector.paused(), size_limit(limit) if limit else contextlib.nullcontext():
            code = _commands()[args.verb](args, out, err)
        out.flush()  # a full disk is reported here, not by the interpreter at exit
        return code
    except OutputError as error:
        if error.errno != errno.EPIPE:  # a closed pipe (`| head`) is not worth a message
            _say(err, f"propdiff: {error.strerror}")
        return failed
    except PropdiffError as error:
        _say(err, f"propdiff: {error}")
        return failed
    except KeyboardInterrupt:
        return 130


def _say_missing(missing: Sequence[Path], err: Gate) -> None:
    """A mistyped path (or command) ends before the app starts, as `diff` and `ls` end.

    Opening the app on it would show "nothing to compare in NAME" a moment
    later, which reads as if NAME were an empty folder; a word close to a
    command (`propdiff dif`) was most likely meant as that command.
    """
    import difflib

    for path in missing:
        line = f"propdiff: {path}: expected a file or folder, found nothing there"
        near = difflib.get_close_matches(str(path), VERBS, n=1)
        if near:
            line += f" (the command is `propdiff {near[0]}`)"
        _say(err, line)


def _say(err: Gate, line: str) -> None:
    """A last message; when standard error itself is gone there is nobody left to tell."""
    try:
        print(line, file=err)
        err.flush()
    except OutputError:
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["EXPORT_FORMATS", "build_parser", "main", "run"]
