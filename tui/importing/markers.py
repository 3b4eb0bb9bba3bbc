"""Recognise the marker a line starts with: `7.`, `(1)`, `21.3`, `IV.3`, `Article 5`, `(a)`, a bullet.

A marker is only a candidate: which markers start points is decided for the
whole draft in `detect.py`, from how often each style occurs and in what
sequence. Here each line is looked at alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEYWORDS = (
    "article", "art.", "section", "sec.", "point", "paragraph", "clause", "item", "chapter", "part",
    "статья", "пункт", "раздел", "глава", "стаття", "розділ", "المادة", "البند",
)  # fmt: skip
"""Words that introduce a numbered unit, as drafts in English, Russian, Ukrainian, Arabic print them."""

_ROMAN = r"(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
_NUMBER = rf"(?:\d{{1,3}}(?:\.\d{{1,3}})*[a-z]?|{_ROMAN}(?:\.\d{{1,3}})*)"
_KEYWORD = re.compile(
    rf"^(?P<kw>{'|'.join(re.escape(k) for k in KEYWORDS)})\s+(?P<num>{_NUMBER})\b(?!-\w)\.?"
    r"\s*(?:[.:)\-\u2013\u2014]\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_PAREN = re.compile(rf"^\((?P<num>{_NUMBER})\)\s*(?P<rest>.*)$")
_PLAIN = re.compile(rf"^(?P<num>{_NUMBER})(?P<delim>[.):]?)(?:\s+(?P<rest>.*)|$)")
_SUBITEM = re.compile(r"^(?:\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})\))\s+\S")
_BULLET = re.compile(r"^(?P<mark>[-*+\u2022\u00b7\u25aa\u25cf\u2013\u2014\u25e6\u2043])\s+(?P<rest>\S.*)$")


@dataclass(frozen=True)
class Marker:
    """A numbered marker at the start of a line."""

    style: str
    """How the number is printed, without the number: "N.", "N)", "(N)", "Article N", or for
    numbers without punctuation after them their shape: "N.N" (21.3), "R.N" (IV.3), "N" (1a)."""
    number: str
    """The number as printed: "7", "21a", "IV.3", "21.3"."""
    rest: str
    """The text after the marker on the same line."""


def number_shape(number: str) -> str:
    """The shape of a number for grouping: `N` (7, 7a), `N.N` (21.3), `R` (IV), `R.N` (IV.3)."""
    head, *tail = number.split(".")
    shape = "R" if head[:1].isalpha() and head.isupper() else "N"
    return shape + ".N" * len(tail)


def parse_marker(text: str, *, heading: bool = False) -> Marker | None:
    """The numbered marker `text` starts with, if any.

    A bare number followed by a space (`7 Territory`) only counts in a
    heading, or when the number has a dot or letter in it (`21.3`, `1a`):
    elsewhere a line starting `30 days of signing` is a wrapped line.
    """
    match = _KEYWORD.match(text)
    if match and not match.group("kw")[0].islower():
        keyword = match.group("kw")
        return Marker(f"{keyword.capitalize()} N", match.group("num"), match.group("rest").strip())
    match = _PAREN.match(text)
    if match and match.group("rest"):
        return Marker("(N)", match.group("num"), match.group("rest").strip())
    match = _PLAIN.match(text)
    if not match:
        return None
    number, delim, rest = match.group("num"), match.group("delim"), (match.group("rest") or "").strip()
    shape = number_shape(number)
    dotted = "." in shape
    if not delim and not (heading or dotted or number[-1].islower()):
        return None  # `30 days of signing`: a wrapped line, not a marker
    if shape == "R" and delim not in (".", ")"):
        return None  # a bare `I` or `V` is a word
    if not rest and not heading and not delim:
        return None
    # Punctuated markers group by their punctuation alone, so `2a.` sits among `I.1.` and `II.1.`;
    # bare ones by the shape of the number, so `21.3` lines are not taken for `21 ` lines.
    return Marker(f"N{delim}" if delim else shape, number, rest)


def is_subitem(text: str) -> bool:
    """`(a)`, `a)`, `(iv)`: a lettered item, always kept inside its point."""
    return bool(_SUBITEM.match(text))


def bullet(text: str) -> str | None:
    """The text after a bullet mark, or None when the line is not a bullet item."""
    match = _BULLET.match(text)
    return match.group("rest") if match else None


_ROMANS = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50),
           ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))  # fmt: skip


def roman(value: int) -> str:
    """The upper-case Roman numeral of a positive integer."""
    out = ""
    for letters, amount in _ROMANS:
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def roman_value(text: str) -> int:
    if not text or not text.isupper() or set(text) - set("IVXLCDM"):
        return 0
    total, index = 0, 0
    for letters, amount in _ROMANS:
        while text.startswith(letters, index):
            total, index = total + amount, index + len(letters)
    return total if index == len(text) and roman(total) == text else 0
