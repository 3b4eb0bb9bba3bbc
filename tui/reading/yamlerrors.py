"""YAML syntax errors said in plain words, at the place where the mistake is.

The parser reports where it gave up, in its own terms ("expected <block end>,
but found '<block sequence start>'"), often lines after the mistake. People
who write proposal files by hand make a handful of mistakes: a tab, an
unquoted colon inside a text, a quote left open, a line indented wrongly.
Each is recognised here from the parser's error and the text around it, and
told where it is and how to fix it. Anything else keeps the parser's words.
Only the pure-Python parser's errors reach this module (libyaml's are
re-parsed by it), so both parsers give the same message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"(?:- +)*([^\s#'\"{}\[\],&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)")
"""The key of a `key: value` line, after any `- ` list markers."""


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML's reader counts them (a lone CR, NEL and U+2028 end a line too)."""


@dataclass(frozen=True)
class Explained:
    line: int
    """1-based."""
    column: int
    """1-based."""
    message: str


def explain(error: yaml.MarkedYAMLError, text: str) -> Explained | None:
    """The mistake behind a syntax error, or None to keep the parser's own message."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = _LINE_BREAK.split(text)  # as the parser counts lines, so its marks index this list
    rules = (_tab, _unclosed_quote, _unclosed_bracket, _text_after_quote, _colon_in_text, _indentation,
             _missing_colon)  # fmt: skip
    for rule in rules:
        found = rule(error, lines, mark.line)
        if found is not None:
            return found
    return None


def _tab(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """A tab in the indentation of a line at or before the error; YAML forbids it there."""
    for number in range(min(at, len(lines) - 1) + 1):
        indent = lines[number][: len(lines[number]) - len(lines[number].lstrip(" \t"))]
        if "\t" in indent and lines[number].strip():
            return Explained(
                number + 1,
                indent.index("\t") + 1,
                "expected spaces at the start of the line, found a tab "
                "(YAML indents with spaces, not tabs: replace the tab with spaces)",
            )
    if "'\\t'" in (error.problem or ""):  # a tab where YAML reads it as a separator
        mark = error.problem_mark
        return Explained(
            mark.line + 1,
            mark.column + 1,
            "expected a space, found a tab; YAML does not accept a tab here: "
            "replace it with spaces (or put a text that holds tabs in quotes)",
        )
    return None


def _unclosed_quote(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """A quoted text that never closes: point at the opening quote, not at the end of the file."""
    if error.context != "while scanning a quoted scalar" or error.context_mark is None:
        return None
    start = error.context_mark
    quote = lines[start.line][start.column] if start.column < len(lines[start.line]) else '"'
    ended = "the end of the file" if "end of stream" in (error.problem or "") else "a '---' line"
    return Explained(
        start.line + 1,
        start.column + 1,
        f"expected a closing {quote} for the text that starts here, found {ended}; "
        f"add the missing {quote} where the text ends",
    )


def _unclosed_bracket(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """A `[` or `{` never closed: point at where it opened."""
    in_flow = (error.context or "").startswith("while parsing a flow")
    if not in_flow or "<stream end>" not in (error.problem or ""):
        return None
    opened = _last_unclosed(lines)
    if opened is None:
        return None
    line, column, bracket = opened
    closing, what = ("]", "list") if bracket == "[" else ("}", "mapping")
    return Explained(
        line + 1,
        column + 1,
        f"expected a closing {closing} for the {what} that starts here, found the end of the file; "
        f"add the missing {closing}",
    )


def _last_unclosed(lines: list[str]) -> tuple[int, int, str] | None:
    """The innermost `[` or `{` left open at the end, skipping quoted texts and comments."""
    stack: list[tuple[int, int, str]] = []
    for number, line in enumerate(lines):
        quote = None
        for column, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "'\"" and (column == 0 or line[column - 1] in " [{,:"):
                quote = char
            elif char == "#" and (column == 0 or line[column - 1] == " "):
                break
            elif char in "[{":
                stack.append((number, column, char))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _text_after_quote(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """`quote: "He said "no" twice"`: a quote inside a quoted text ends it early."""
    mark = error.problem_mark
    if not (error.problem or "").endswith("but found '<scalar>'") or mark.line >= len(lines):
        return None
    before = lines[mark.line][: mark.column].rstrip(" ")
    if not before or before[-1] not in "\"'":
        return None
    quote = before[-1]
    escape = '\\"' if quote == '"' else "''"
    return Explained(
        mark.line + 1,
        len(before),
        f"expected the end of the line after this closing {quote}, found more text; a {quote} inside a "
        f"quoted text ends it: write it as {escape}, or quote the text with the other kind of quote",
    )


def _colon_in_text(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """`text: Ukraine: no NATO` : a second `: ` on a line reads as a key inside the value."""
    if error.problem != "mapping values are not allowed here":
        return None
    mark = error.problem_mark
    line = lines[mark.line]
    before = line[: mark.column]
    key = _KEY.match(before.lstrip(" "))
    if key is None or not before.strip():
        return None
    return Explained(
        mark.line + 1,
        mark.column + 1,
        "expected one 'key: value' on a line, found a second ': ' inside the value; "
        'put the text in quotes ("...") when it holds a colon followed by a space',
    )


def _indentation(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """A line indented more or less than the key above it."""
    problem = error.problem or ""
    if not (
        problem == "mapping values are not allowed here"
        or problem.startswith("expected <block end>")
        or problem.startswith("did not find expected key")
        or problem.startswith("did not find expected '-' indicator")
    ):
        return None
    number = at
    if number >= len(lines) or not lines[number].strip():
        return None
    above = _line_above(lines, number)
    if above is None:
        return None
    indent = _indent(lines[number])
    key_column = _key_column(lines[above])
    if key_column is None:  # the line above continues a text: its lines share one indentation
        if indent == _indent(lines[above]) or problem.startswith("mapping values"):
            return None
        side = "more" if indent > _indent(lines[above]) else "less"
        message = (
            f"this line is indented {side} than the line of text above it (line {above + 1}); "
            "give every line of one text the same indentation"
        )
        return Explained(number + 1, indent + 1, message)
    key = _KEY.match(lines[above].lstrip(" "))
    name = f"'{key.group(1).strip()}' on line {above + 1}" if key else f"line {above + 1}"
    block = re.search(r":\s+([|>][-+]?)\s*(#.*)?$", lines[above])
    if block and indent <= key_column:
        message = (
            f"this line is indented no more than the key above it ({name}), whose text starts with "
            f"'{block.group(1)}'; indent the text's lines more than the key"
        )
    elif indent > key_column:
        message = (
            f"this line is indented more than the key above it ({name}); "
            f"indent it by {key_column} spaces like that key, or by more only under a key that ends in ':'"
        )
    elif indent < key_column and not problem.startswith("mapping values"):
        message = (
            f"this line is indented less than the key above it ({name}) and lines up with no "
            "key above; indent it like the keys (or list items) it belongs with"
        )
    else:
        return None
    return Explained(number + 1, indent + 1, message)


def _missing_colon(error: yaml.MarkedYAMLError, lines: list[str], at: int) -> Explained | None:
    """A line of text where a `key: value` was expected (often a text that lost its indentation)."""
    if error.problem != "could not find expected ':'" or error.context_mark is None:
        return None
    start = error.context_mark
    return Explained(
        start.line + 1,
        start.column + 1,
        "expected 'key: value', found a line with no ':'; if it continues the text above, "
        "indent it more than that text's key",
    )


def _line_above(lines: list[str], number: int) -> int | None:
    for above in range(number - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int | None:
    """The column (0-based) of the key on a `key: value` or `- key: value` line."""
    column = _indent(line)
    rest = line[column:]
    while rest.startswith("- "):
        stripped = rest[2:].lstrip(" ")
        column += len(rest) - len(stripped)
        rest = stripped
    return column if _KEY.match(rest) else None
