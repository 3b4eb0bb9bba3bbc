"""Text PDFs, through pdfminer.six (the `import` extra).

pdfminer.six was picked over pypdf by measuring both on the fixtures: on a
page whose two columns are drawn line by line across the page, pypdf
returns the two columns interleaved (every line mixes two points), while
pdfminer's layout analysis returns them in reading order; it also gives
each line's position, which is how running headers, footers and page
numbers are told apart from the text. pypdf was faster (3 ms against 11 ms
a page), which does not matter for a one-off import.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..sanitize import neutralise
from .lines import BLANK, ImportFailure, Line
from .wordfile import EXTRA_HINT

MARGIN_BAND = 0.1
"""Headers and footers sit in the top and bottom tenth of a page."""
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|стр\.?|страница|сторінка)\s*)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?"
    r"(?:\s*(?:of|/|из|з)\s*\d{1,4})?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _PdfLine:
    text: str
    top: float
    bottom: float
    left: float
    right: float


def read_pdf(path: Path) -> list[Line]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise ImportFailure(f"reading PDF files needs pdfminer.six: {EXTRA_HINT}") from None
    try:
        pages = [(page.height, _page_lines(page)) for page in extract_pages(str(path), laparams=LAParams())]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportFailure("the PDF is password-protected: save a copy without a password") from None
    except Exception as error:  # pdfminer raises many kinds of error on a damaged file
        kind = type(error).__name__
        raise ImportFailure(f"cannot read the PDF, it is damaged or not a PDF ({kind}: {error})") from None
    repeated = _repeated_margins(pages)
    lines: list[Line] = []
    for number, (height, page_lines) in enumerate(pages, 1):
        for index, line in enumerate(page_lines, 1):
            if _in_margin(line, height) and (_PAGE_NUMBER.match(line.text) or _shape(line.text) in repeated):
                continue
            lines.append(Line(line.text, f"page {number}, line {index}"))
        lines.append(Line(BLANK, f"page {number}"))
    if not any(line.text for line in lines):
        raise ImportFailure("no text found in the PDF (a scanned image? propdiff reads text PDFs only)")
    return lines


def _page_lines(page: Any) -> list[_PdfLine]:
    """The text lines of a page in reading order; an empty line where a paragraph or column ends.

    Justified text sometimes comes out of the layout analysis as several
    pieces of one line; pieces on the same baseline that follow each other
    are joined back. Text boxes are not paragraphs (pdfminer splits and
    merges them freely), so paragraph breaks come from vertical gaps.
    """
    from pdfminer.layout import LTTextBox, LTTextLine

    lines: list[_PdfLine] = []
    for box in page:
        if not isinstance(box, LTTextBox):
            continue
        for item in box:
            if not isinstance(item, LTTextLine):
                continue
            text = neutralise(item.get_text()).replace("\n", " ").strip()
            if not text:
                continue
            line = _PdfLine(text, page.height - item.y1, page.height - item.y0, item.x0, item.x1)
            if lines and _same_line(lines[-1], line):
                last = lines[-1]
                lines[-1] = _PdfLine(f"{last.text} {text}", last.top, last.bottom, last.left, line.right)
            else:
                lines.append(line)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top >= a.top]
    usual = statistics.median(gaps) if gaps else 0.0
    spaced: list[_PdfLine] = []
    for line in lines:
        if spaced and _paragraph_break(spaced[-1], line, usual):
            spaced.append(_PdfLine("", line.top, line.top, line.left, line.left))
        spaced.append(line)
    return spaced


def _paragraph_break(above: _PdfLine, below: _PdfLine, usual: float) -> bool:
    """A gap clearly wider than the page's usual line gap, or a jump back up (the next column)."""
    height = max(above.bottom - above.top, 1.0)
    return below.top - above.bottom > usual + 0.3 * height or below.top < above.top


def _same_line(a: _PdfLine, b: _PdfLine) -> bool:
    height = max(a.bottom - a.top, 1.0)
    return abs(a.bottom - b.bottom) < 0.3 * height and a.right <= b.left + 1


def _in_margin(line: _PdfLine, height: float) -> bool:
    return line.bottom < height * MARGIN_BAND or line.top > height * (1 - MARGIN_BAND)


def _shape(text: str) -> str:
    """A header with its page number blanked: `Draft - page 3` and `Draft - page 4` are one header."""
    return re.sub(r"\d+", "#", text.lower())


def _repeated_margins(pages: list[tuple[float, list[_PdfLine]]]) -> set[str]:
    """Text in the page margins that recurs on at least half the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for height, lines in pages:
        seen.update({_shape(line.text) for line in lines if line.text and _in_margin(line, height)})
    return {shape for shape, count in seen.items() if count >= max(2, len(pages) / 2)}
