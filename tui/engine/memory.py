"""Large arrays go back to the operating system when freed.

An alignment makes and drops hundreds of numpy arrays of megabytes. glibc's
malloc serves a block of over 128 KB with its own memory map, returned on
free, but each free of such a block raises that threshold to the block's
size (up to 32 MB): after the first big temporary, the next ones come from
the heap, which is rarely given back. A 100,000-point comparison then kept
360 MB it no longer used. Fixing the threshold at 1 MB keeps every big array
in its own map. Elsewhere (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import functools

_M_MMAP_THRESHOLD = -3
"""glibc's `mallopt` parameter number (malloc.h)."""
_THRESHOLD = 1 << 20
"""A megabyte: numpy's big arrays above it, Python's small objects (pymalloc) far below it."""


@functools.cache
def return_freed_arrays() -> bool:
    """Set glibc's map threshold once per process; whether it took effect."""
    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter runs on; no ldconfig subprocess
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _THRESHOLD))
    except (OSError, AttributeError, TypeError):
        return False
