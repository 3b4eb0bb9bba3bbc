"""The proposal format, version 1, as data: keys, value kinds, descriptions.

One description drives both the validator (which converts located YAML nodes
into plain values, collecting every problem) and the JSON Schema that
`propdiff schema` prints for editors, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem, did_you_mean, quoted
from ..model import CERTAINTIES, PRECONDITION_STATUSES, REVISION_STATUSES, STANCES, Location
from ..sanitize import neutralise
from .yamlsource import Prepared, Streamed

FORMAT_VERSION = "proposal/1"
KNOWN_FORMATS = (FORMAT_VERSION,)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TEXT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    _TIMESTAMP,
}
"""Scalars read as text keep exactly what the user typed: `number: 21` is "21"."""

_STANDARD_TAGS = _TEXT_TAGS | {_NULL, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class Invalid(Exception):
    """A value that does not fit; carries the one-line 'expected ..., found ...'."""


def describe(node: Node) -> str:
    """What the user wrote, in words, for the 'found ...' half of a message."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing" if node.value in ("", "~") else f"null ({node.value})"
    return quoted(node.value)


def _check_tag(node: Node) -> None:
    if node.tag not in _STANDARD_TAGS:
        raise Invalid(f"expected plain YAML, found the tag {quoted(node.tag)} (tags are not allowed)")


@dataclass(frozen=True)
class Kind:
    """A kind of value: how to read it from a node, and its JSON Schema."""

    def convert(self, node: Node, path: str, problems: list[Problem]) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    what: str = "text"
    pattern: re.Pattern[str] | None = None
    hint: str = ""

    def convert(self, node: Node, path: str, problems: list[Problem]) -> str:
        _check_tag(node)
        if not isinstance(node, ScalarNode) or node.tag not in _TEXT_TAGS:
            raise Invalid(f"expected {self.what}, found {describe(node)}")
        value = node.value
        if not value.strip():
            raise Invalid(f"expected {self.what}, found an empty string")
        if self.pattern is not None and not self.pattern.match(value):
            raise Invalid(f"expected {self.what}{self.hint}, found {quoted(value)}")
        return neutralise(value)

    def schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": ["string", "number"], "minLength": 1}
        if self.pattern is not None:
            result = {"type": "string", "pattern": "^" + self.pattern.pattern.removesuffix("\\Z") + "$"}
        return result


@dataclass(frozen=True)
class Choice(Kind):
    what: str
    values: tuple[str, ...]

    def convert(self, node: Node, path: str, problems: list[Problem]) -> str:
        _check_tag(node)
        if isinstance(node, ScalarNode) and node.value in self.values:
            return node.value
        found = describe(node)
        hint = did_you_mean(node.value, self.values) if isinstance(node, ScalarNode) else ""
        raise Invalid(f"expected {self.what} ({' | '.join(self.values)}), found {found}{hint}")

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class IsoDate(Kind):
    def convert(self, node: Node, path: str, problems: list[Problem]) -> date:
        _check_tag(node)
        if isinstance(node, ScalarNode) and ISO_DATE.match(node.value):
            try:
                return date.fromisoformat(node.value)
            except ValueError:
                raise Invalid(f"expected a real calendar date, found {quoted(node.value)}") from None
        raise Invalid(f"expected an ISO date like 2025-11-20, found {describe(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Flag(Kind):
    def convert(self, node: Node, path: str, problems: list[Problem]) -> bool:
        _check_tag(node)
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        raise Invalid(f"expected true or false, found {describe(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Nullable(Kind):
    inner: Kind

    def convert(self, node: Node, path: str, problems: list[Problem]) -> Any:
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return None
        return self.inner.convert(node, path, problems)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(), {"type": "null"}]}


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    what: str

    def convert(self, node: Node, path: str, problems: list[Problem]) -> list[Any]:
        _check_tag(node)
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return []
        if not isinstance(node, SequenceNode):
            raise Invalid(f"expected a list of {self.what}, found {describe(node)}")
        items: list[Any] = []
        for child in node.value:
            try:
                items.append(self.item.convert(child, path, problems))
            except Invalid as error:
                problems.append(Problem(_location(path, child), str(error)))
        return items

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


@dataclass(frozen=True)
class Key:
    kind: Kind
    description: str
    required: bool = False


@dataclass(frozen=True)
class Record:
    """A converted mapping: values by key, where each key and value sat, and the mapping's own place."""

    values: dict[str, Any]
    where: dict[str, Location]
    location: Location

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def at(self, key: str) -> Location:
        return self.where.get(key, self.location)


@dataclass(frozen=True)
class Mapping(Kind):
    what: str
    keys: dict[str, Key] = field(default_factory=dict)

    def convert(self, node: Node, path: str, problems: list[Problem]) -> Record:
        if isinstance(node, Prepared):
            return node.value.replay(self, path, problems)
        _check_tag(node)
        if not isinstance(node, MappingNode):
            raise Invalid(f"expected {self.what} (a mapping of keys), found {describe(node)}")
        record = Record({}, {}, _location(path, node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL:
                problems.append(
                    Problem(_location(path, key_node), f"expected a key name, found {describe(key_node)}")
                )
                continue
            name = key_node.value
            spec = self.keys.get(name)
            if spec is None:
                known = ", ".join(self.keys)
                hint = did_you_mean(name, self.keys)
                message = f"unknown key {quoted(name)} in {self.what}{hint}; known keys: {known}"
                problems.append(Problem(_location(path, key_node), message))
                continue
            record.where[name] = _location(path, value_node)
            if isinstance(value_node, SequenceNode):
                for index, child in enumerate(value_node.value):
                    record.where[f"{name}.{index}"] = _location(path, child)
            try:
                record.values[name] = spec.kind.convert(value_node, path, problems)
            except Invalid as error:
                problems.append(Problem(_location(path, value_node), f"{name}: {error}"))
        missing = [name for name, spec in self.keys.items() if spec.required and name not in record.where]
        for name in missing:
            problems.append(Problem(record.location, f"expected the key '{name}' in {self.what}, found none"))
        return record

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [name for name, spec in self.keys.items() if spec.required],
            "properties": {
                name: {**spec.kind.schema(), "description": spec.description}
                for name, spec in self.keys.items()
            },
        }


@dataclass(frozen=True)
class Converted:
    """A mapping converted while its file was being read: what `Mapping.convert` gave, and said.

    Replayed where the document's conversion reaches it, so its problems come
    in the same order, and its error is raised at the same place, as if it
    were converted then.
    """

    kind: Mapping
    path: str
    record: Record | None
    problems: list[Problem]
    error: Invalid | None

    @classmethod
    def of(cls, kind: Mapping, node: Node, path: str) -> Converted:
        problems: list[Problem] = []
        try:
            return cls(kind, path, kind.convert(node, path, problems), problems, None)
        except Invalid as error:
            return cls(kind, path, None, problems, error)

    def replay(self, kind: Mapping, path: str, problems: list[Problem]) -> Record:
        if kind is not self.kind or path != self.path:
            raise ValueError(f"converted as {self.kind.what} of {self.path}, asked as {kind.what} of {path}")
        problems += self.problems
        if self.error is not None:
            raise self.error
        assert self.record is not None
        return self.record


def _location(path: str, node: Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


SLUG_TEXT = Text("a slug", SLUG, " (lower-case letters, digits and '-', starting with a letter or digit)")
REF = Text("a point id or number")
STANCE = Choice("a stance", STANCES)
CERTAINTY = Key(
    Choice("a certainty", CERTAINTIES),
    "How firmly the sources establish this item: high | medium | low; absent means unstated. "
    "Not the match confidence.",
)

PARTY = Mapping(
    "a party",
    {
        "id": Key(SLUG_TEXT, "Party id, a slug used by reactions, preconditions and authors.", True),
        "name": Key(Text("a party name"), "Name shown to users.", True),
    },
)

POINT = Mapping(
    "a point",
    {
        "id": Key(SLUG_TEXT, "Stable key: the same id in two revisions is the same point."),
        "number": Key(Text("a point number"), 'Number as printed: 21, "21a", "IV.3".'),
        "title": Key(Text("a title"), "Short title of the point."),
        "text": Key(Text("the point's text"), "The point's text; non-empty.", True),
        "topics": Key(ListOf(Text("a topic"), "topics"), "Free tags."),
        "excerpt": Key(
            Flag(),
            "True when `text` is only the reported part of the point (a quoted clause, a fragment): "
            "words of the other revision it does not cover are not reported, never deleted or inserted.",
        ),
        "certainty": CERTAINTY,
    },
)

REACTION = Mapping(
    "a reaction",
    {
        "party": Key(SLUG_TEXT, "Id of a party declared somewhere in the series.", True),
        "stance": Key(STANCE, "The party's stance.", True),
        "points": Key(
            ListOf(REF, "point ids or numbers"),
            "Point ids or numbers of this revision; absent means the whole revision.",
        ),
        "summary": Key(Text("a summary"), "What the party said, in a sentence.", True),
        "quote": Key(Text("a quote"), "Exact words, as reported."),
        "speaker": Key(Text("a speaker"), "Who said it."),
        "date": Key(IsoDate(), "When it was said (ISO date)."),
        "source": Key(Text("a source"), "Where it was reported: free text or a URL."),
        "certainty": CERTAINTY,
    },
)

DROPPED = Mapping(
    "a dropped point",
    {
        "point": Key(REF, "Id or number of a point of the previous revision.", True),
        "source": Key(Text("a source"), "Who reported the removal."),
        "note": Key(Text("a note"), "What is known about the removal."),
        "certainty": CERTAINTY,
    },
)

PRECONDITION = Mapping(
    "a precondition",
    {
        "party": Key(SLUG_TEXT, "Id of the party that states the condition.", True),
        "text": Key(Text("the condition's text"), "The condition.", True),
        "for": Key(Text("what the condition is for"), "What the condition is for, free text."),
        "points": Key(ListOf(REF, "point ids or numbers"), "Point ids or numbers of this revision."),
        "status": Key(Choice("a precondition status", PRECONDITION_STATUSES), "open | met | dropped."),
        "source": Key(Text("a source"), "Where it was reported."),
        "certainty": CERTAINTY,
    },
)

REVISION_INFO = Mapping(
    "the revision block",
    {
        "id": Key(SLUG_TEXT, "Unique in its series.", True),
        "label": Key(Text("a label"), "Shown instead of the id."),
        "date": Key(IsoDate(), "ISO date of the revision."),
        "previous": Key(Nullable(SLUG_TEXT), "Id of the revision this one revises."),
        "status": Key(Choice("a revision status", REVISION_STATUSES), "Status of the revision."),
        "authors": Key(ListOf(SLUG_TEXT, "party ids"), "Party ids of the authors."),
        "source": Key(Text("a source"), "Where the text comes from: free text or a URL."),
        "partial": Key(Flag(), "True when only some points of this revision are known."),
    },
)

DOCUMENT = Mapping(
    "a revision document",
    {
        "format": Key(Choice("a known format version", KNOWN_FORMATS), "Always proposal/1.", True),
        "proposal": Key(SLUG_TEXT, "The series id: all revisions with this value form one series.", True),
        "title": Key(Text("a title"), "Series title; the newest revision's wins."),
        "revision": Key(REVISION_INFO, "Which revision this document is.", True),
        "parties": Key(ListOf(PARTY, "parties"), "Parties, merged by id over the whole series."),
        "points": Key(ListOf(POINT, "points"), "The points; may be empty.", True),
        "reactions": Key(ListOf(REACTION, "reactions"), "What parties said of this revision."),
        "dropped": Key(
            ListOf(DROPPED, "dropped points"),
            "Points of the previous revision reported as dropped here.",
        ),
        "preconditions": Key(
            ListOf(PRECONDITION, "preconditions"),
            "Conditions a party states before it will agree or act.",
        ),
    },
)


POINTS = Streamed("points", lambda node, path: Converted.of(POINT, node, path), from_chars=8_000_000)
"""Read a long file's points one at a time (`yamlsource.parse_text`): each is converted as soon as
it is read, and its nodes are dropped. From 8 million characters (about 19,000 points of 55 words,
whose node tree would take 80 MB); a shorter file is composed whole, which is faster."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one revision document."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://propdiff.invalid/schemas/proposal-1.schema.json",
        "title": "propdiff proposal revision (format proposal/1)",
        "description": "One revision of a multi-point proposal. See the propdiff README.",
        **DOCUMENT.schema(),
    }
