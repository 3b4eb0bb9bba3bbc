"""Read a YAML file safely into located node trees.

We compose (parse to nodes) and never construct Python objects: nodes keep
line and column for every value, so each later error can point at its place,
and no tag can ever instantiate anything. Duplicate keys and alias bombs are
caught here, before any validation, because YAML loaders usually hide both.
libyaml's C parser is used when installed; the pure-Python one gives the same
nodes otherwise.

A long list need not be held as nodes: a reader that passes a `Streamed`
has each item of one list of the root mapping (a proposal's points) checked
and turned into its value as soon as it is composed, and the item's nodes
dropped (see `_Streamer`). A 100,000-point file's node tree alone takes
440 MB; streamed, one point's nodes are alive at a time.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem, quoted
from ..model import Location
from ..sanitize import clip
from .yamlerrors import explain

MAX_FILE_BYTES = 100 * 1024 * 1024
"""The default size limit: room for a 100,000-point revision with long points (one of
55-word points takes 43 MB), while a multi-gigabyte log or dump named .yaml is refused
before it fills the memory. `--max-size` moves it for one run (see `size_limit`)."""

ALIAS_EXPANSION = 10
"""How many times its own number of values a document may grow to once aliases are
expanded. A document without aliases is exactly its own size, so a real proposal of any
length passes; an alias bomb (a few lines that expand to billions of values) is refused
after one visit of each of its few nodes, without expanding anything."""
ALIAS_ALLOWANCE = 10_000
"""Expanded values allowed on top of that, so a short file may alias a list a few times."""
_COUNT_CAP = 1 << 60
"""Expanded counts stop growing here: a bomb's true count has hundreds of digits."""

_max_bytes: ContextVar[int | None] = ContextVar("max_bytes", default=None)

_NULL_TAG = "tag:yaml.org,2002:null"
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|.)", re.DOTALL)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML's reader counts them, so positions agree with its marks."""
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """One YAML document of a file: its root node, or None when it is empty."""

    root: Node | None
    location: Location


@dataclass(frozen=True)
class Streamed:
    """One list of the root mapping whose items are read one at a time: `prepare(item, path)`
    turns an item's nodes into the value a `Prepared` node carries in their place."""

    key: str
    prepare: Callable[[Node, str], Any]
    from_chars: int = 0
    """Texts shorter than this are composed whole: libyaml's own composer is faster (a 10,000-point
    file reads 0.1 s sooner), and their trees are small."""


class Prepared(Node):
    """An item of a `Streamed` list: its place, its tag, and what `prepare` made of it.

    `checks` holds the problems the tree checks found in the item (duplicate
    keys, lone surrogates), reported where the whole tree's checks reach it,
    so they come out in the same order as from a tree that kept the item.
    """

    id = "prepared"

    def __init__(self, item: Node, value: Any, checks: list[Problem]) -> None:
        super().__init__(item.tag, value, item.start_mark, item.end_mark)
        self.checks = checks


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
    file: Path, *, display: str | None = None, use_c: bool | None = None, stream: Streamed | None = None
) -> tuple[list[Document], list[Problem]]:
    """All documents of a file that parsed, and every problem found on the way.

    Documents before a syntax error are still returned, so their own mistakes
    are reported in the same run as the syntax error.
    """
    path = display or str(file)
    data, problems = read_bounded(file, path)
    if data is None:
        return [], problems
    text, problems = decode(data, path)
    if text is None:
        return [], problems
    return parse_text(text, path, use_c=use_c, stream=stream)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int, path: str) -> Problem | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return Problem(Location(path), f"expected a regular file, found {kind}; not read")


def max_file_bytes() -> int:
    """The size limit in force: `MAX_FILE_BYTES` unless `size_limit` set another."""
    limit = _max_bytes.get()
    return MAX_FILE_BYTES if limit is None else limit


@contextmanager
def size_limit(max_bytes: int) -> Iterator[None]:
    """Read files of up to `max_bytes` inside the block (the command line's `--max-size`).

    A setting of the run rather than an argument, because every reader under
    a command (folders, series context, two-file diffs, stdin) obeys it.
    """
    token = _max_bytes.set(max_bytes)
    try:
        yield
    finally:
        _max_bytes.reset(token)


_UNITS = ((1 << 30, "GB", "G"), (1 << 20, "MB", "M"), (1 << 10, "KB", "K"))


def size_text(size: int) -> str:
    """A size for people: "100 MB", "42.7 MB", "64 bytes" (units of 1024, as `--max-size` reads them)."""
    for unit, name, _ in _UNITS:
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{size} bytes"


def too_big(path: str, found: str) -> Problem:
    """The file is over the size limit: say which limit, and how to move it."""
    limit = max_file_bytes()
    doubled = 2 * limit
    unit, _, letter = next((u for u in _UNITS if doubled >= u[0]), (1, "", ""))
    message = (
        f"expected a proposal file of at most {size_text(limit)} (the size limit), found {found}; "
        f"not read (to read it, raise the limit, e.g. --max-size {-(-doubled // unit)}{letter})"
    )
    return Problem(Location(path), message)


def read_bounded(file: Path, path: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file, never more than the size limit of them.

    `st_size` is only a hint: a FIFO or /dev/zero reports 0 and never ends,
    and a file may grow while it is read. So special files are refused
    before they are opened (opening a FIFO blocks; opening a device can act
    on it), the opened file is checked again, and the read stops one byte
    past the limit whatever the size said.
    """
    try:
        info = os.stat(file)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, [Problem(Location(path), "expected a regular file, found a symbolic link loop")]
        return None, [Problem(Location(path), f"cannot read the file: {error.strerror or error}")]
    refused = _not_regular(info.st_mode, path)
    limit = max_file_bytes()
    if refused is None and info.st_size > limit:
        refused = too_big(path, size_text(info.st_size))
    if refused is not None:
        return None, [refused]
    try:
        descriptor = os.open(file, OPEN_FLAGS)
    except OSError as error:
        return None, [Problem(Location(path), f"cannot read the file: {error.strerror or error}")]
    try:
        refused = _not_regular(os.fstat(descriptor).st_mode, path)  # replaced since the check?
        if refused is not None:
            return None, [refused]
        data = read_at_most(descriptor, limit)
        if data is None:
            return None, [too_big(path, "more (it grew while being read)")]
        return data, []
    except OSError as error:
        return None, [Problem(Location(path), f"cannot read the file: {error.strerror or error}")]
    finally:
        os.close(descriptor)


def read_at_most(descriptor: int, limit: int) -> bytes | None:
    """Everything left in an open file, or None as soon as it is found to hold more than `limit` bytes.

    Reads one byte past the limit at most, whatever the file's size said.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks) if total <= limit else None


OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
"""Opening never blocks (a FIFO with no writer) nor takes a terminal as controlling terminal."""


def peek(file: Path, size: int) -> bytes | None:
    """The first `size` bytes of a regular file; None for anything else or when it cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return None
        descriptor = os.open(file, OPEN_FLAGS)
    except OSError:
        return None
    try:
        return os.read(descriptor, size) if stat.S_ISREG(os.fstat(descriptor).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def parse_text(
    text: str, path: str, *, use_c: bool | None = None, stream: Streamed | None = None
) -> tuple[list[Document], list[Problem]]:
    """The documents of a text and every problem found on the way.

    With `stream`, and libyaml, the items of that list come as `Prepared`
    nodes (see `_Streamer`); the documents and problems are otherwise the
    same as without it.
    """
    forbidden = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if forbidden:  # checked here so both parsers report it the same way, in characters
        return [], [_forbidden_problem(text, forbidden.start(), path)]
    loader_class = parser_class(use_c)
    if stream is not None and loader_class is not yaml.SafeLoader and len(text) >= stream.from_chars:
        try:
            return _parse(text, path, loader_class, stream)
        except _Anchored:
            pass  # an alias may repeat any earlier node: read the whole tree
    return _parse(text, path, loader_class, None)


def _parse(
    text: str, path: str, loader_class: type, stream: Streamed | None
) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    checks = _Checks(path, text)
    loader = loader_class(text)
    streamer = _Streamer(loader, stream, checks) if stream is not None else None
    try:
        while streamer.more() if streamer else loader.check_node():
            root = streamer.document() if streamer else loader.get_node()
            if isinstance(root, ScalarNode) and root.tag == _NULL_TAG and not root.value:
                root = None
            if root is None:  # an empty document ("---" alone): place it after the last one
                last = documents[-1].root if documents else None
                mark = last.end_mark if last is not None else None
                location = Location(path, mark.line + 1, 1) if mark else Location(path)
            else:
                location = location_of(path, root)
                problems.extend(checks.tree(root))
            documents.append(Document(root, location))
    except (yaml.MarkedYAMLError, UnicodeDecodeError, ValueError, OverflowError) as error:
        if loader_class is not yaml.SafeLoader:
            # libyaml words its errors differently, and its wrapper raises
            # UnicodeDecodeError on a tag whose %-escapes are not UTF-8; the
            # pure-Python parser's message is the one documented and tested.
            return _parse(text, path, yaml.SafeLoader, None)
        if isinstance(error, yaml.MarkedYAMLError):
            problems.append(_syntax_problem(error, path, text))
        else:
            problems.append(_escape_problem(text, loader.get_mark(), path))
    except yaml.YAMLError as error:
        message = clip(str(error).splitlines()[0], 200)
        problems.append(Problem(Location(path), f"invalid YAML: {message}"))
    except RecursionError:
        problems.append(
            Problem(Location(path), "expected YAML nested a sane depth, found it nested too deep")
        )
    finally:
        loader.dispose()
    return documents, problems


class _Anchored(Exception):
    """An anchor or alias met while streaming: a later alias could repeat an item already dropped."""


class _Streamer:
    """Documents composed from libyaml's events as libyaml composes them, streaming one list.

    The nodes are the ones libyaml's composer makes (the same tags, resolved
    the same way, styles and marks), with one Python frame per level of
    nesting as its composer has, so nesting fails at about the same depth.
    Each item of the `Streamed` list of a root mapping is checked
    (`_Checks.tree`) and prepared as soon as it is composed, and a `Prepared`
    node takes its place. An anchor makes it give up (`_Anchored`): the file
    is then composed whole, so aliases, alias bombs and their messages are
    handled as ever.
    """

    def __init__(self, loader: Any, stream: Streamed, checks: _Checks) -> None:
        self._get = loader.get_event
        self._resolve = loader.resolve  # SafeLoader has no path resolvers: no descend/ascend
        self._stream = stream
        self._checks = checks
        self.more = lambda: not loader.check_event(StreamEndEvent)
        loader.get_event()  # the stream's start

    def document(self) -> Node:
        self._get()  # its start
        root = self._node(self._get(), root=True)
        self._get()  # its end
        return root

    def _node(self, event: Any, root: bool = False) -> Node:
        """The node that starts with `event`; in the `root` mapping, the streamed key's list is streamed.

        One frame per level of nesting (see the class): the mapping and
        sequence loops stay here rather than in helpers that would add one.
        """
        kind = type(event)
        if kind is AliasEvent or event.anchor is not None:
            raise _Anchored
        if kind is ScalarEvent:
            tag = self._tag(event, ScalarNode, event.value)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        node: Node
        if kind is SequenceStartEvent:
            node = self._sequence(event)
            event = self._get()
            while type(event) is not SequenceEndEvent:
                node.value.append(self._node(event))
                event = self._get()
        else:
            tag = self._tag(event, MappingNode)
            node = MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
            event = self._get()
            while type(event) is not MappingEndEvent:
                key = self._node(event)
                event = self._get()
                streamed = (
                    root
                    and type(event) is SequenceStartEvent
                    and event.anchor is None
                    and isinstance(key, ScalarNode)
                    and key.tag != _NULL_TAG
                    and key.value == self._stream.key
                )
                node.value.append((key, self._items(event) if streamed else self._node(event)))
                event = self._get()
        node.end_mark = event.end_mark
        return node

    def _tag(self, event: Any, kind: type[Node], value: str | None = None) -> str:
        """The event's tag; none (or the bare `!`) is resolved as libyaml's composer resolves it."""
        tag = event.tag
        if tag is None or tag == "!":
            return self._resolve(kind, value, event.implicit)
        return tag

    def _sequence(self, event: Any) -> SequenceNode:
        """The empty sequence node that a sequence's start event opens."""
        tag = self._tag(event, SequenceNode)
        return SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)

    def _items(self, event: Any) -> SequenceNode:
        """The streamed list: each item checked, prepared and dropped as soon as it is composed."""
        node = self._sequence(event)
        prepare, path, tree = self._stream.prepare, self._checks.path, self._checks.tree
        event = self._get()
        while type(event) is not SequenceEndEvent:
            item = self._node(event)
            checks = tree(item)  # first: it joins surrogate pairs that `prepare` must see joined
            node.value.append(Prepared(item, prepare(item, path), checks))
            event = self._get()
        node.end_mark = event.end_mark
        return node


def _escape_problem(text: str, mark: yaml.Mark, path: str) -> Problem:
    """The pure-Python parser fails inside `chr()` on `\\U00110000`: say where and why.

    When it fails, its reader stands on the hex digits of the escape.
    """
    start = mark.index - 2
    if start >= 0 and text[start] == "\\" and text[start + 1] in "uU":
        escape = text[start : start + (6 if text[start + 1] == "u" else 10)]
        message = f"expected a Unicode escape up to \\U0010FFFF, found {quoted(escape)}"
        return Problem(Location(path, mark.line + 1, max(mark.column - 1, 1)), message)
    return Problem(Location(path, mark.line + 1, mark.column + 1), "invalid YAML: malformed value")


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
    what = clip(error.problem or "malformed YAML", 200)
    context = f" ({clip(error.context, 200)})" if error.context else ""
    return Problem(location, f"invalid YAML: {what}{context}")


class _Checks:
    """Duplicate keys, alias expansion and surrogate escapes, for the trees of one text.

    What the text holds is looked at once per text, not once per tree: a
    text with no `*` holds no alias, and one with no `\\u` escape of a
    surrogate holds no surrogate, and those checks are skipped for it.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self._text = text
        self._escapes = _SURROGATE_ESCAPE.search(text) is not None
        self._aliases = "*" in text

    def tree(self, root: Node) -> list[Problem]:
        """The problems of one tree, each node looked at once.

        Aliases make a document a graph in which a node can be reached many
        times. Each distinct node is visited once (iteratively: no recursion
        limit), and the number of values the document would have with every
        alias expanded is added up from the leaves without expanding anything.
        A `Prepared` node is a leaf that brings the problems found in its item.
        """
        path, text, escapes = self.path, self._text, self._escapes
        problems: list[Problem] = []
        if not self._aliases:
            _walk_tree(root, path, text, escapes, problems)
            return problems
        sizes: dict[int, int] = {}  # id of a node -> values under it once expanded; _OPEN until known
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                total = 1 + sum(sizes[id(child)] for child in _children(node))
                sizes[id(node)] = min(total, _COUNT_CAP)
                continue
            known = sizes.get(id(node))
            if known == _OPEN:
                message = (
                    "expected an alias to repeat a value defined before it, found one inside the value "
                    "it repeats (it would repeat forever)"
                )
                problems.append(Problem(location_of(path, node), message))
                return problems
            if known is not None:
                continue  # reached again through an alias
            if isinstance(node, ScalarNode):
                sizes[id(node)] = 1
                if escapes:
                    problems += _scalar_problems(node, path, text)
                continue
            if isinstance(node, Prepared):
                sizes[id(node)] = 1
                problems += node.checks
                continue
            sizes[id(node)] = _OPEN
            if isinstance(node, MappingNode):
                problems += _duplicate_keys(node, path, escapes)
            stack.append((node, True))
            stack += [(child, False) for child in _children(node)]
        budget = ALIAS_EXPANSION * len(sizes) + ALIAS_ALLOWANCE
        if sizes[id(root)] > budget:
            problems.append(_bomb_problem(root, sizes, budget, len(sizes), path))
        return problems


_OPEN = -1
_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")
"""An escape that can write a surrogate; without one, no scalar holds a surrogate."""


def _walk_tree(root: Node, path: str, text: str, escapes: bool, problems: list[Problem]) -> None:
    """The checks on a document without aliases: a tree, each node reached once."""
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            problems += _duplicate_keys(node, path, escapes)
            for key, value in node.value:
                stack.append(value)
                stack.append(key)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, Prepared):
            problems += node.checks
        elif escapes:
            problems += _scalar_problems(node, path, text)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return node.value
    return []


def _scalar_problems(node: ScalarNode, path: str, text: str) -> list[Problem]:
    if node.style == '"' and _SURROGATE.search(node.value):
        return _join_surrogates(node, path, text)
    return []


def _duplicate_keys(node: MappingNode, path: str, escapes: bool) -> list[Problem]:
    """Keys given twice in one mapping; checked once per mapping, however often it is aliased."""
    keys = [key.value for key, _ in node.value if isinstance(key, ScalarNode)]
    if len(set(keys)) == len(keys) and not escapes:
        return []
    problems: list[Problem] = []
    seen: dict[str, Node] = {}
    for key, _ in node.value:
        if isinstance(key, ScalarNode):
            name = _joined(key.value) if key.style == '"' else key.value
            if name in seen:
                first = seen[name].start_mark.line + 1
                message = (
                    f"expected each key once in a mapping, found {quoted(name)} again "
                    f"(first on line {first}); YAML would silently keep only the last"
                )
                problems.append(Problem(location_of(path, key), message))
            else:
                seen[name] = key
    return problems


def _bomb_problem(root: Node, sizes: dict[int, int], budget: int, distinct: int, path: str) -> Problem:
    """Located at the smallest value that alone expands past the budget: where the aliases pile up."""
    node = root
    while True:
        larger = next((c for c in _children(node) if sizes[id(c)] > budget), None)
        if larger is None:
            break
        node = larger
    expanded = sizes[id(root)]
    found = "more than a billion" if expanded > 10**9 else f"{expanded:,}"
    message = (
        f"expected aliases to expand this document to at most {ALIAS_EXPANSION} times its own "
        f"{distinct:,} values, found {found} values once they are expanded; refused, as aliases "
        "that multiply data are how YAML bombs work (write the repeated values out instead)"
    )
    return Problem(location_of(path, node), message)


def _joined(value: str) -> str:
    """Pairs of surrogate escapes (JSON writes 🕊 as `\\ud83d\\udd4a`) joined into their character."""
    if not _SURROGATE.search(value):
        return value
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _join_surrogates(node: ScalarNode, path: str, text: str) -> list[Problem]:
    """Join surrogate pairs in a double-quoted scalar; a surrogate left alone is an error.

    Only escapes produce surrogates (the file itself was strict UTF-8), and
    only the pure-Python parser lets them through: libyaml refuses them, and
    the loader then re-reads the file with the Python parser.
    """
    node.value = _joined(node.value)
    if not _SURROGATE.search(node.value):
        return []
    position, escape = _lone_escape(text, node.start_mark.index, node.end_mark.index)
    before = text[node.start_mark.index : position]
    breaks = list(_LINE_BREAK.finditer(before))
    line = node.start_mark.line + len(breaks) + 1
    column = (
        position - (node.start_mark.index + breaks[-1].end()) + 1
        if breaks
        else (node.start_mark.column + len(before) + 1)
    )
    message = (
        f"expected a Unicode character, found the lone surrogate escape {quoted(escape)} "
        "(a surrogate is only valid as half of a pair such as \\ud83d\\udd4a)"
    )
    return [Problem(Location(path, line, column), message)]


def _lone_escape(text: str, start: int, end: int) -> tuple[int, str]:
    """Where the first unpaired surrogate escape of a quoted scalar is, and how it is written."""
    pending: re.Match[str] | None = None  # a high surrogate waiting for its low half
    for match in _ESCAPE.finditer(text, start, end):
        digits = match.group(1) or match.group(2)
        code = int(digits, 16) if digits else -1
        if pending is not None:
            if 0xDC00 <= code <= 0xDFFF and match.start() == pending.end():
                pending = None
                continue
            return pending.start(), pending.group()
        if 0xD800 <= code <= 0xDBFF:
            pending = match
        elif 0xDC00 <= code <= 0xDFFF:
            return match.start(), match.group()
    if pending is not None:
        return pending.start(), pending.group()
    return start, text[start : start + 12]
