"""Neutralise control characters in untrusted text, once, at load time.

Point texts and quotes come from leaks and copy-pastes. An ESC byte in them
could drive the user's terminal (colours, cursor moves, hyperlinks, title
changes) and bidi overrides could reorder what the user reads. Rich's
`strip_control_codes` keeps ESC, so the core does this itself and every view,
exporter and error message downstream gets already-safe text.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Explicit bidi embeddings, overrides and isolates (not the LRM/RLM marks
# that right-to-left text legitimately uses).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def neutralise(text: str) -> str:
    """Replace control characters with visible stand-ins; CRLF and CR become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub(_picture, text)
    return _BIDI.sub("\ufffd", text)
