"""Turn the bytes of a pasted draft into text, guessing the encoding the way a careful user would.

Drafts arrive as UTF-8 (with or without a BOM), UTF-16 from Windows tools, or
legacy single-byte Windows code pages (1251 for Cyrillic, 1252 for Western
European). The guess is deterministic and explained; `--encoding` overrides it.
"""

from __future__ import annotations

import codecs

from .lines import ImportFailure

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CYRILLIC_1251 = range(0xC0, 0x100)
"""In Windows-1251 the bytes C0..FF are the Cyrillic alphabet А..я."""


MAX_SCRIPT_BLOCKS = 6
"""128-character blocks a real UTF-16 draft draws its non-ASCII characters from (Cyrillic takes 2)."""


def guess_encoding(data: bytes) -> str:
    """The encoding of `data`; raises `ImportFailure` when it is not text at all."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if b"\x00" in sample:
        return _utf16_without_bom(sample)
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    high = [b for b in data if b >= 0x80]
    # Russian or Ukrainian text in 1251 is mostly high bytes in the letter range;
    # Western text in 1252 has only the odd accented letter among ASCII.
    cyrillic = sum(1 for b in high if b in _CYRILLIC_1251)
    letters = sum(1 for b in data if (0x41 <= b <= 0x5A) or (0x61 <= b <= 0x7A)) + cyrillic
    if letters and cyrillic / letters > 0.3:
        return "cp1251"
    return "cp1252"


def _utf16_without_bom(sample: bytes) -> str:
    """UTF-16 without a BOM: the byte order under which spaces, digits and line breaks read as such.

    Read in the wrong order, the ASCII characters every draft has (spaces,
    newlines, digits) turn into rare symbols, so the right order is the one
    with more ASCII; binary data has control characters under both.
    """
    scores = {}
    for name in ("utf-16-le", "utf-16-be"):
        text = sample[: len(sample) // 2 * 2].decode(name, errors="replace")
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
        # A draft uses a few scripts; bytes read as UTF-16 by mistake scatter over many.
        scripts = {ord(c) >> 7 for c in text if ord(c) >= 0x80}
        if controls <= len(text) // 100 and "\ufffd" not in text and len(scripts) <= MAX_SCRIPT_BLOCKS:
            scores[name] = sum(1 for c in text if " " <= c < "\x7f" or c in "\n\r\t")
    if not scores or max(scores.values()) == 0:
        raise ImportFailure("expected a text file, found binary data (zero bytes that are not UTF-16)")
    return max(scores, key=lambda name: scores[name])


def decode(data: bytes, encoding: str | None) -> str:
    """The text of `data` in the given encoding, or in the guessed one."""
    name = encoding or guess_encoding(data)
    try:
        codecs.lookup(name)
    except LookupError:
        raise ImportFailure(f"unknown encoding '{name}' (try utf-8, utf-16, cp1251 or cp1252)") from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        found = data[error.start : error.start + 4].hex(" ")
        hint = "" if encoding else "; give the right one with --encoding"
        message = f"expected {name} text, found the bytes {found} at byte {error.start}{hint}"
        raise ImportFailure(message) from None
    text = text.removeprefix("\ufeff")
    if _looks_binary(text):
        raise ImportFailure("expected a text file, found binary data")
    return text


def _looks_binary(text: str) -> bool:
    """Control characters other than line breaks and tabs are rare in any real draft."""
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > max(2, len(sample) // 100)
