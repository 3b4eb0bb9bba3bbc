"""Turn detected points into a proposal/1 revision, write it as YAML, and check it as the loader would.

The YAML is produced from a `Revision` by `tui.reading.serialize`, the same
code the tests use to round-trip the format, and is then parsed and
validated again before anyone sees it: an import never hands the user a
file that `propdiff validate` would refuse.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import yaml

from .. import __version__
from ..errors import Problem
from ..model import Location, Point, Revision
from ..reading.formatspec import POINTS, SLUG
from ..reading.serialize import revision_to_document
from ..reading.validation import build_revision
from ..reading.yamlsource import parse_text
from .detect import Draft
from .lines import ImportFailure


@dataclass(frozen=True)
class ImportOptions:
    proposal: str
    revision: str
    source: str
    label: str | None = None
    date: date | None = None
    previous: str | None = None
    excerpt: bool = False
    """Every point is only the reported part of its text (a draft quoted in a news report)."""


def slug(text: str, fallback: str = "imported") -> str:
    """A format slug from a file name: `Draft 28 (leaked).txt` -> `draft-28-leaked`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return made[:60].rstrip("-") or fallback


def check_slug(value: str, what: str) -> str:
    if not SLUG.match(value):
        raise ImportFailure(
            f"{what} must be a slug (lower-case letters, digits and '-', starting with a letter or "
            f"digit), found '{value}'"
        )
    return value


def to_revision(draft: Draft, options: ImportOptions) -> Revision:
    if not draft.points:
        raise ImportFailure(
            "no points found: expected numbered lines (1. / (1) / Article 1), headings or bullets"
        )
    where = Location(options.source)
    points = tuple(
        Point(p.text, where, number=p.number, title=p.title, excerpt=options.excerpt) for p in draft.points
    )
    return Revision(
        series=options.proposal,
        id=options.revision,
        location=where,
        points=points,
        title=draft.title,
        label=options.label,
        date=options.date,
        previous=options.previous,
        source=options.source,
    )


def to_yaml(revision: Revision, draft: Draft, input_name: str) -> str:
    """The revision as a commented YAML document, checked by the loader before it is returned."""
    header = [
        f"# Imported by propdiff {__version__} from {_one_line(input_name)} ({draft.scheme}).",
        "# Check every point against the original before relying on this file:",
        "# the split into points, numbers and titles was detected automatically.",
    ]
    if draft.notes:
        header.append("#")
        header.append("# Text of the draft outside any point (preamble, section headings):")
        header += [f"#   {_one_line(note)}" for note in draft.notes]
    body = yaml.dump(
        revision_to_document(revision), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    text = "\n".join(header) + "\n" + body
    problems = check(text, input_name)
    if problems:
        raise ImportFailure(f"the imported revision does not validate: {problems[0].message}")
    return text


class _Dumper(yaml.SafeDumper):
    """Safe YAML laid out like the hand-written sample files: indented lists, block text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def check(text: str, display: str) -> list[Problem]:
    """Every problem the loader finds in `text`, as `propdiff validate` would report them."""
    documents, problems = parse_text(text, display, stream=POINTS)
    for document in documents:
        problems += build_revision(document, display)[1]
    return problems


def _one_line(text: str) -> str:
    return " ".join(text.split())
