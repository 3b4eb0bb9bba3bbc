"""Read a YAML file safely into located node trees.

We compose (parse to nodes) and never construct Python objects: nodes keep
line and column for every value, so each later error can point at its place,
and no tag can ever instantiate anything. Duplicate keys and alias bombs are
caught here, before any validation, because YAML loaders usually hide both.
libyaml's C parser is used when installed; the pure-Python one gives the same
nodes otherwise.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from ..model import Location
from .yamlerrors import explain

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Real proposal files are kilobytes; a file this big is a mistake or an attack."""

MAX_NODES = 200_000
"""Budget of nodes visited per document, aliases counted each time they are used."""

_NULL_TAG = "tag:yaml.org,2002:null"
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """One YAML document of a file: its root node, or None when it is empty."""

    root: Node | None
    location: Location


def parser_class(use_c: bool | None = None) -> type:
    """The libyaml parser when asked for (or by default when installed), else pure Python."""
    if use_c is None:
        return _Loader
    if use_c:
        if not hasattr(yaml, "CSafeLoader"):
            raise RuntimeError("libyaml is not installed")
        return yaml.CSafeLoader
    return yaml.SafeLoader


def location_of(path: str, node: Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM optional) or BOM-marked UTF-16/32, locating bad bytes."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    encoding = next((name for bom, name in boms if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as error:
        good = data[: error.start].decode(encoding, errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        found = data[error.start : error.start + 4].hex(" ")
        message = f"expected UTF-8 text, found the bytes {found} (save the file as UTF-8)"
        return None, [Problem(Location(path, line, column), message)]


def read_documents(
    file: Path, *, display: str | None = None, use_c: bool | None = None
) -> tuple[list[Document], list[Problem]]:
    """All documents of a file that parsed, and every problem found on the way.

    Documents before a syntax error are still returned, so their own mistakes
    are reported in the same run as the syntax error.
    """
    path = display or str(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            message = (
                f"expected a proposal file under {MAX_FILE_BYTES // (1024 * 1024)} MB, "
                f"found {size / (1024 * 1024):.1f} MB; refusing to read it"
            )
            return [], [Problem(Location(path), message)]
        data = file.read_bytes()
    except OSError as error:
        return [], [Problem(Location(path), f"cannot read the file: {error.strerror or error}")]
    text, problems = decode(data, path)
    if text is None:
        return [], problems
    return parse_text(text, path, use_c=use_c)


def parse_text(text: str, path: str, *, use_c: bool | None = None) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    forbidden = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if forbidden:  # checked here so both parsers report it the same way, in characters
        return [], [_forbidden_problem(text, forbidden.start(), path)]
    loader_class = parser_class(use_c)
    loader = loader_class(text)
    try:
        while loader.check_node():
            root = loader.get_node()
            if isinstance(root, ScalarNode) and root.tag == _NULL_TAG and not root.value:
                root = None
            if root is None:  # an empty document ("---" alone): place it after the last one
                last = documents[-1].root if documents else None
                mark = last.end_mark if last is not None else None
                location = Location(path, mark.line + 1, 1) if mark else Location(path)
            else:
                location = location_of(path, root)
                problems.extend(_check_tree(root, path))
            documents.append(Document(root, location))
    except yaml.MarkedYAMLError as error:
        if loader_class is not yaml.SafeLoader:
            # libyaml words its errors differently; the pure-Python parser's
            # message is the one documented and tested, and errors are rare.
            return parse_text(text, path, use_c=False)
        problems.append(_syntax_problem(error, path, text))
    except yaml.YAMLError as error:
        problems.append(Problem(Location(path), f"invalid YAML: {str(error).splitlines()[0]}"))
    except RecursionError:
        problems.append(
            Problem(Location(path), "expected YAML nested a sane depth, found it nested too deep")
        )
    finally:
        loader.dispose()
    return documents, problems


def _forbidden_problem(text: str, position: int, path: str) -> Problem:
    """Characters YAML forbids (NUL, most controls), located by character position."""
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    code = ord(text[position])
    message = f"expected printable text, found the control character U+{code:04X} (YAML forbids it)"
    return Problem(Location(path, line, column), message)


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    explained = explain(error, text)  # the usual hand-written mistakes, in plain words
    if explained is not None:
        return Problem(Location(path, explained.line, explained.column), explained.message)
    mark = error.problem_mark or error.context_mark
    location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
    what = error.problem or "malformed YAML"
    context = f" ({error.context})" if error.context else ""
    return Problem(location, f"invalid YAML: {what}{context}")


def _check_tree(root: Node, path: str) -> list[Problem]:
    """Duplicate keys and alias expansion, checked without recursion depth limits."""
    problems: list[Problem] = []
    visited = 0
    checked: set[int] = set()  # mappings reached again through an alias
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        visited += 1
        if visited > MAX_NODES:
            message = (
                f"expected at most {MAX_NODES} values once aliases are expanded, found more "
                "(aliases that multiply data are refused)"
            )
            problems.append(Problem(location_of(path, root), message))
            break
        if isinstance(node, MappingNode):
            fresh = id(node) not in checked
            checked.add(id(node))
            seen: dict[str, Node] = {}
            for key, value in node.value:
                if fresh and isinstance(key, ScalarNode):
                    if key.value in seen:
                        first = seen[key.value].start_mark.line + 1
                        message = (
                            f"expected each key once in a mapping, found '{key.value}' again "
                            f"(first on line {first}); YAML would silently keep only the last"
                        )
                        problems.append(Problem(location_of(path, key), message))
                    else:
                        seen[key.value] = key
                stack.append(value)
                stack.append(key)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return problems
