"""Find the points of a draft in its lines.

The whole draft is looked at before any line is called a point: the marker
style that occurs most often without repeating a number (`7.`, `(7)`,
`Article 7`, `21.3`...) is the point level; other numbered lines, lettered
sub-items and bullets stay inside their point. A draft with no numbers is
split at its headings, else at its bullets. Text before the first point is
the preamble: its first line becomes the revision title, the rest a note,
never part of point 1.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .lines import Line
from .markers import Marker, bullet, is_subitem, number_shape, parse_marker, roman, roman_value

_SENTENCE_WORDS = frozenset(
    "is are was were be been will shall must may can should would could has have had does do did not "
    "agree agrees undertake undertakes".split()
)
"""Verbs that mark a sentence: a line holding one is text, not a title."""
_ABBREVIATIONS = frozenset("mr mrs ms dr st no art sec para nr vs etc e.g i.e u.s u.k".split())
_BOLD_TITLE = re.compile(r"^(\*\*|__)(?P<title>.+?)\1\s*(?P<rest>.*)$")
_INLINE_TITLE = re.compile(r"^(?P<title>[^.!?;:]{2,80}?)\.\s+(?P<rest>\S.*)$")
_INLINE_ITEM = re.compile(r"\S\s+\((?:[a-z]|[ivx]{1,4})\)\s")
"""`... these ways: (a) on a ...`: the point lists its items inside the sentence, so a `(b)` that a
wrap put at a line start is no new line."""
_SPACES = re.compile(r"[ \t\u00a0]{2,}")

LONG_POINT_CHARS = 600
"""Points shorter than this are never flagged as possibly holding two."""
LONG_POINT_FACTOR = 4
"""A point this many times longer than the median point is flagged."""
TITLE_MAX_WORDS = 8
"""Longest title found inline (`7. Territory. Ukraine ...`) or on a line directly above the text."""
OWN_LINE_TITLE_MAX_WORDS = 20
"""Longest title set apart by a blank line or a bare marker (`Article 5` / title / text)."""


@dataclass(frozen=True)
class DetectedPoint:
    number: str | None
    title: str | None
    text: str
    where: str
    """Where the point starts in the input."""


@dataclass(frozen=True)
class Notice:
    """An ambiguous spot the user should check, and where it is."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Draft:
    points: tuple[DetectedPoint, ...]
    title: str | None
    notes: tuple[str, ...]
    """Preamble after the title and section headings: kept for the reader, outside any point."""
    warnings: tuple[Notice, ...]
    scheme: str
    """How the points were found, in words: `numbered "N."`, `headings`, `bullets`."""


@dataclass(frozen=True)
class _Start:
    number: str | None
    rest: str
    heading: bool


Starter = Callable[[int], "_Start | None"]


def detect(lines: list[Line]) -> Draft:
    """The points, title, notes and warnings of a draft."""
    markers = [parse_marker(line.text, heading=bool(line.heading)) if line.text else None for line in lines]
    starter, scheme = _choose_scheme(lines, markers)
    return _split(lines, markers, starter, scheme)


def _style(line: Line, marker: Marker) -> tuple[str, int, bool]:
    return (marker.style, line.heading, line.indent >= 2)


def _choose_scheme(lines: list[Line], markers: list[Marker | None]) -> tuple[Starter, str]:
    occurrences: dict[tuple[str, int, bool], list[str]] = {}
    for line, marker in zip(lines, markers, strict=True):
        if marker is not None:
            occurrences.setdefault(_style(line, marker), []).append(marker.number)
    order = list(occurrences)

    def rank(style: tuple[str, int, bool]) -> tuple[bool, int, int]:
        numbers = occurrences[style]
        return (len(set(numbers)) == len(numbers), len(numbers), -order.index(style))

    numbered = [s for s in order if len(occurrences[s]) >= 2]
    if numbered:
        chosen = max(numbered, key=rank)
        return _marker_starter(lines, markers, chosen), f'numbered "{chosen[0]}"' + (
            " headings" if chosen[1] else ""
        )
    bodied = Counter(line.heading for i, line in enumerate(lines) if line.heading and _has_body(lines, i))
    if bodied and max(bodied.values()) >= 2:
        level = max(bodied, key=lambda lv: (bodied[lv], -lv))

        def heading_start(i: int) -> _Start | None:
            return _Start(None, lines[i].text, True) if lines[i].heading == level else None

        return heading_start, "headings"
    indents = [line.indent for line in lines if line.text and bullet(line.text) is not None]
    if len(indents) >= 2:
        top = min(indents)

        def bullet_start(i: int) -> _Start | None:
            rest = bullet(lines[i].text) if lines[i].text else None
            if rest is None or lines[i].indent != top:
                return None
            return _Start(None, rest, False)

        return bullet_start, "bullets"
    if order:  # a single numbered point
        return _marker_starter(lines, markers, order[0]), f'numbered "{order[0][0]}"'
    return (lambda i: None), "none"


def _marker_starter(
    lines: list[Line], markers: list[Marker | None], chosen: tuple[str, int, bool]
) -> Starter:
    def start(i: int) -> _Start | None:
        marker = markers[i]
        if marker is None or _style(lines[i], marker) != chosen:
            return None
        return _Start(marker.number, marker.rest, bool(lines[i].heading))

    return start


def _has_body(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 :]:
        if line.heading:
            return False
        if line.text:
            return True
    return False


def _split(lines: list[Line], markers: list[Marker | None], starter: Starter, scheme: str) -> Draft:
    starts = [i for i in range(len(lines)) if lines[i].text and starter(i) is not None]
    if not starts:
        return Draft((), *_preamble(lines), (), scheme)
    first = starter(starts[0])
    preamble = lines[: starts[0]]
    cut = _section_start(preamble, markers[: starts[0]], first.number if first else None)
    title, notes_before = _preamble(preamble[:cut])
    notes = [*notes_before, *_paragraphs(preamble[cut:])]
    points: list[DetectedPoint] = []
    warnings: list[Notice] = []
    bounds = starts[1:] + [len(lines)]
    for position, (start, end) in enumerate(zip(starts, bounds, strict=True)):
        begin = starter(start)
        assert begin is not None
        next_number = starter(bounds[position]).number if end < len(lines) else None  # type: ignore[union-attr]
        body, sections = _body(lines[start + 1 : end], markers[start + 1 : end], next_number, begin.rest)
        if end < len(lines) and not any(body) and _heading_like(begin.rest):
            notes.append(_join([lines[start].text]))  # `I. Security` heading the points that follow
            notes += sections
            continue
        notes += sections
        point = _point(begin, body, lines[start].where)
        if point is None:
            label = f"point {begin.number}" if begin.number else "an item"
            warnings.append(Notice(lines[start].where, f"{label} has no text; left out"))
            continue
        points.append(point)
    warnings += _sequence_warnings(points) + _length_warnings(points) + _tail_warning(points)
    return Draft(tuple(points), title, tuple(notes), tuple(warnings), scheme)


def _section_start(lines: list[Line], markers: list[Marker | None], number: str | None) -> int:
    """Where the headings of the first section begin in the preamble (its end if there are none).

    The preamble's first paragraph is the title even when it is a heading.
    """
    texts = [i for i, line in enumerate(lines) if line.text]
    for i in texts:
        if _is_section(lines[i], markers[i], number) and not (lines[i].heading and i == texts[0]):
            return i
    return len(lines)


def _preamble(lines: list[Line]) -> tuple[str | None, tuple[str, ...]]:
    """The title (the first line, when it reads as one) and the rest of the preamble as notes."""
    texts = [line for line in lines if line.text]
    if not texts:
        return None, ()
    first = texts[0].text
    index = lines.index(texts[0])
    wrapped = index + 1 < len(lines) and bool(lines[index + 1].text) and not lines[index + 1].heading
    # A line that runs on into the next (`Here is the text of the draft, as obtained.` /
    # `It was shared on Thursday.`) is prose, not a title; a heading or a line alone is a title.
    sentence = first[-1] in ",;-" or (wrapped and first[-1] in ".!?")
    if len(first) > 200 or (sentence and not texts[0].heading):
        return None, tuple(_paragraphs(lines))
    return _join([first]), tuple(_paragraphs(lines[index + 1 :]))


def _paragraphs(lines: list[Line]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.text or line.heading:
            paragraphs.append([])
        if line.text:
            paragraphs[-1].append(line.text)
        if line.heading:
            paragraphs.append([])
    return [_join(p) for p in paragraphs if p]


def _body(
    lines: list[Line], markers: list[Marker | None], next_number: str | None, lead: str
) -> tuple[list[list[str]], list[str]]:
    """The point's text as segments of wrapped lines, and the section headings that end it.

    The first segment continues the marker's own line (empty when a blank
    line follows it). A heading, or a numbered line that is the parent of the
    next point (`2.` before `2.1`), ends the point: it and what follows it up
    to the next point head what comes next, so they go to the notes.
    """
    segments: list[list[str]] = [[]]
    previous = lead
    inline_items = bool(_INLINE_ITEM.search(lead))
    for index, (line, marker) in enumerate(zip(lines, markers, strict=True)):
        if not line.text:
            segments.append([])
            continue
        if _is_section(line, marker, next_number):
            return _nonempty(segments), _paragraphs(lines[index:])
        if bullet(line.text) is not None or (not inline_items and _starts_item(line.text, marker, previous)):
            segments.append([])
        segments[-1].append(line.text)
        previous = line.text
        inline_items = inline_items or bool(_INLINE_ITEM.search(line.text))
    return _nonempty(segments), []


def _starts_item(text: str, marker: Marker | None, previous: str) -> bool:
    """`(b) ...` or `2. ...` on a new line inside a point is an item after `...;`, `...:` or another
    item; after `date,` or `under` (`Chapter VII.` wrapped to a line start) it is only a wrap."""
    if marker is None and not is_subitem(text):
        return False
    ends_clause = previous.rstrip()[-1:] in ":;." or previous.endswith((" and", " or"))
    return ends_clause or is_subitem(previous) or parse_marker(previous) is not None


def _nonempty(segments: list[list[str]]) -> list[list[str]]:
    return segments[:1] + [s for s in segments[1:] if s]


def _is_section(line: Line, marker: Marker | None, next_number: str | None) -> bool:
    if line.heading:
        return True
    if marker is None or next_number is None:
        return False
    return next_number.startswith(marker.number + ".") and len(marker.rest.split()) <= TITLE_MAX_WORDS


def _point(begin: _Start, body: list[list[str]], where: str) -> DetectedPoint | None:
    rest = _SPACES.sub(" ", begin.rest).strip()
    first, others = body[0], body[1:]
    title: str | None = None
    bold = _BOLD_TITLE.match(_join([rest, *first])) if rest.startswith(("**", "__")) else None
    if bold:  # the closing ** may sit on a later line of a wrapped list item
        title, rest, first = bold.group("title").strip(), bold.group("rest").strip(), []
    elif begin.heading:
        title, rest = rest or None, ""
    elif not rest:
        lead = first or (others[0] if others else [])
        following = lead[1] if len(lead) > 1 else (others[0][0] if first and others else None)
        if lead and _title_line(lead[0], following, max_words=OWN_LINE_TITLE_MAX_WORDS):
            title = lead[0]
            if first:
                first = first[1:]
            else:
                others = [others[0][1:], *others[1:]]
    elif not first and others and _short_title(rest.rstrip(".:"), OWN_LINE_TITLE_MAX_WORDS):
        title, rest = rest, ""
    elif first and _title_line(rest, first[0], separate=True):
        title, rest = rest, ""
    elif (inline := _INLINE_TITLE.match(rest)) and _short_title(inline.group("title")):
        title, rest = inline.group("title").strip(), inline.group("rest")
    paragraphs = [[rest, *first] if rest else first, *others]
    text = "\n".join(_join(p) for p in paragraphs if p)
    if title:
        title = _join([title]).rstrip(".:").strip() or None
    if not text and title:
        text, title = title, None
    if not text:
        return None
    return DetectedPoint(begin.number, title, text, where)


def _title_line(
    candidate: str, following: str | None, *, separate: bool = False, max_words: int = TITLE_MAX_WORDS
) -> bool:
    """A short line on its own before the text is a title (`Article 5` / `Territory` / text)."""
    if following is None or not _short_title(candidate.rstrip(".:"), max_words):
        return False
    if candidate.rstrip()[-1:] in ",;-\u2013\u2014" or following[:1].islower():
        return False
    if candidate.endswith(".") and len(candidate.split()) > 4:
        return False
    # A wrapped first line runs to the margin; a title stops well short of it or is in Title Case.
    return not separate or len(candidate) < 0.6 * len(following) or _title_case(candidate)


def _title_case(text: str) -> bool:
    """`Protecting Users' Legal Rights From Anti-Circumvention Law`: most words capitalised."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _heading_like(text: str) -> bool:
    """A short line that is no sentence: `Security`, `II. Institutions`, not `Observers patrol.`"""
    return bool(text) and text[-1] not in ".;!?" and _short_title(text)


def _short_title(candidate: str, max_words: int = TITLE_MAX_WORDS) -> bool:
    """Few words, no sentence verb in lower case (`Russia will not invade` is a sentence,
    `Acceptance Not Required` a title), not an abbreviation, no full stop inside."""
    words = candidate.split()
    if not words or len(words) > max_words or candidate[:1].islower():
        return False
    if {w.strip(",()") for w in words} & _SENTENCE_WORDS:
        return False
    return not (len(words) == 1 and words[0].lower().rstrip(".") in _ABBREVIATIONS) and "." not in candidate


def _join(lines: list[str]) -> str:
    """Wrapped lines back into one: a space between them, none after a hyphen at a line end."""
    text = ""
    for line in lines:
        line = _SPACES.sub(" ", line.replace("\u00ad", "")).strip()
        if not text:
            text = line
        elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].isalpha():
            text += line
        else:
            text += " " + line
    return text


def _successors(number: str) -> set[str]:
    """The numbers that may follow `number` without a warning."""
    parts = number.split(".")
    head = parts[-1]
    found: set[str] = set()
    if head[-1:].islower() and head[:-1].isdigit():
        found |= {".".join(parts[:-1] + [head[:-1] + chr(ord(head[-1]) + 1)])}
        head = head[:-1]
    if head.isdigit():
        found.add(".".join(parts[:-1] + [str(int(head) + 1)]))
        found.add(".".join(parts[:-1] + [head + "a"]))
    elif roman_value(head):
        found.add(".".join(parts[:-1] + [roman(roman_value(head) + 1)]))
    if len(parts) > 1:
        parent = parts[:-1]
        top = parent[-1]
        if top.isdigit():
            found.add(".".join(parent[:-1] + [str(int(top) + 1), "1"]))
        elif roman_value(top):
            found.add(".".join(parent[:-1] + [roman(roman_value(top) + 1), "1"]))
    return found


def _sequence_warnings(points: list[DetectedPoint]) -> list[Notice]:
    warnings: list[Notice] = []
    seen: dict[str, str] = {}
    previous: DetectedPoint | None = None
    for point in points:
        number = point.number
        if number is None:
            continue
        if number in seen:
            warnings.append(Notice(point.where, f"number {number} again (first at {seen[number]})"))
        elif previous is not None and previous.number and number not in _successors(previous.number):
            if number_shape(number) == number_shape(previous.number):
                message = f"point {number} follows point {previous.number}: a gap or a break in the sequence"
                warnings.append(Notice(point.where, message))
        seen.setdefault(number, point.where)
        previous = point
    return warnings


def _tail_warning(points: list[DetectedPoint]) -> list[Notice]:
    """Text after the last point (a signature, a `Read more` link) can only join the last point."""
    if len(points) < 2:
        return []
    last, others = points[-1], points[:-1]
    paragraphs = last.text.count("\n")
    if paragraphs == 0 or paragraphs <= max(p.text.count("\n") for p in others):
        return []
    return [
        Notice(
            last.where,
            f"the last point ({last.number or 'point ' + str(len(points))}) has {paragraphs + 1} paragraphs, "
            "more than any other: check that text after the draft did not join it",
        )
    ]


def _length_warnings(points: list[DetectedPoint]) -> list[Notice]:
    if len(points) < 2:
        return []
    median = statistics.median(len(p.text) for p in points)
    limit = max(LONG_POINT_CHARS, LONG_POINT_FACTOR * median)
    return [
        Notice(
            point.where,
            f"point {point.number or '#' + str(i)} is {len(point.text)} characters, "
            f"{len(point.text) / median:.0f} times the median: check that it does not hold two points",
        )
        for i, point in enumerate(points, 1)
        if len(point.text) > limit
    ]
