"""A guard against a reference-count bug of PySide6 6.12 on CPython 3.11.

Found while measuring training with live plots: on Python 3.11, where None, True and
False are ordinary objects with a reference count, PySide6 6.12 drops one reference too
many on each `Signal.emit()` (to True) and each time C++ calls a Python function that
returns None (a slot, a timer callback, a `paint()` override: pyqtgraph makes hundreds a
second). Within seconds to minutes the count reaches zero and Python aborts with "Fatal
Python error: bool_dealloc / none_dealloc". Python 3.12 and later make these objects
immortal, which hides the bug (tests/gui/test_training_worker.py holds the guard).

The guard adds 2**40 to those counts once: at a thousand lost references a second that
lasts for decades, and an extra reference to an object that is never freed costs
nothing. It does nothing on Python 3.12+ or where the bug is not there.
"""

from __future__ import annotations

import ctypes
import sys

TOP_UP = 1 << 40
_done = False


def protect_singletons() -> None:
    """Give None, True and False references to spare (once; CPython before 3.12 only)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    _done = True
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(obj)).value += TOP_UP
