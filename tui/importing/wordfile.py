"""Word (.docx) drafts, through python-docx (the `import` extra).

Word's automatic numbering keeps the numbers out of the text: a paragraph
only says "list 5, level 0", and the printed `7.` or `(b)` comes from the
list definition and a count of the paragraphs before it. This module redoes
that count, so the numbers a reader sees in Word come out in the lines.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..sanitize import neutralise
from .lines import BLANK, ImportFailure, Line
from .markers import roman

EXTRA_HINT = "install the import extra: pip install 'propdiff[import]'"
_OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> list[Line]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise ImportFailure(f"reading Word files needs python-docx: {EXTRA_HINT}") from None
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_SIGNATURE:
        raise ImportFailure(
            "the Word file is password-protected or in the old .doc format: "
            "save it from Word as .docx without a password"
        )
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise ImportFailure(f"cannot read the Word file, it is damaged or not a .docx ({error})") from None
    counter = _Numbering(document)
    lines: list[Line] = []
    for number, paragraph in enumerate(_paragraphs(document), 1):
        text = neutralise(paragraph.text).replace("\n", " ").strip()
        if not text:
            continue
        label = counter.label(paragraph)
        where = f"paragraph {number}"
        lines.append(Line(f"{label} {text}" if label else text, where, heading=_heading_level(paragraph)))
        lines.append(Line(BLANK, where))
    return lines


def _paragraphs(document: Any) -> list[Any]:
    """Body paragraphs in order, table cells included (drafts are sometimes laid out in tables)."""
    found: list[Any] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    found += cell.paragraphs
        else:
            found.append(block)
    return found


def _heading_level(paragraph: Any) -> int:
    style = paragraph.style
    while style is not None:
        element = style.element
        level = element.find(f"{_W}pPr/{_W}outlineLvl")
        if level is not None:
            return int(level.get(f"{_W}val")) + 1
        name = (style.name or "").lower()
        if name == "title":
            return 1
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        style = style.base_style
    return 0


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    """The list definitions of a document and the running count of each list."""

    document: Any
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            root = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in root.findall(f"{_W}abstractNum")}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            levels = {int(lvl.get(f"{_W}ilvl")): _level(lvl) for lvl in definition.findall(f"{_W}lvl")}
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl"))
                if start is not None and ilvl in levels:
                    levels[ilvl].start = int(start.get(f"{_W}val"))
            self.levels[num.get(f"{_W}numId")] = levels

    def label(self, paragraph: Any) -> str:
        """The number Word prints before this paragraph (`3.`, `(b)`, `•`), or ""."""
        found = _num_pr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl].start
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "\u2022"
        if level.fmt == "none":
            return ""
        label = level.text
        for index in range(9):
            if f"%{index + 1}" in label:
                shown = levels.get(index)
                value = counts[index] or (shown.start if shown else 1)
                label = label.replace(f"%{index + 1}", _format(value, shown.fmt if shown else "decimal"))
        return label.strip()


def _level(element: Any) -> _Level:
    def value(tag: str, default: str) -> str:
        found = element.find(f"{_W}{tag}")
        return found.get(f"{_W}val", default) if found is not None else default

    return _Level(value("numFmt", "decimal"), value("lvlText", ""), int(value("start", "1")))


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """The list and level of a paragraph: its own numPr, else its style's (List Number and the like)."""
    sources = [paragraph._p]
    style = paragraph.style
    while style is not None:
        sources.append(style.element)
        style = style.base_style
    num_id: str | None = None
    ilvl: int | None = None
    for source in sources:
        pr = source.find(f"{_W}pPr/{_W}numPr")
        if pr is None:
            continue
        if num_id is None and (found := pr.find(f"{_W}numId")) is not None:
            num_id = found.get(f"{_W}val")
        if ilvl is None and (found := pr.find(f"{_W}ilvl")) is not None:
            ilvl = int(found.get(f"{_W}val"))
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, remainder = divmod(value - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(value)
        return text.lower() if fmt == "lowerRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
