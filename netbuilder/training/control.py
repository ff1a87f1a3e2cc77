"""Stop and pause tokens shared by the trainer and whoever drives it (a thread, the CLI).

No torch here: the GUI makes one before torch has loaded.
"""

from __future__ import annotations

import threading
import time


class Stopped(Exception):
    """Raised by a progress callback (or a download) to stop at once."""


class Control:
    """Stop and pause tokens, shared by the trainer and the thread that drives it."""

    def __init__(self) -> None:
        self.interrupt = False  # read every step: a plain attribute is the cheapest check
        self._stop = threading.Event()
        self._go = threading.Event()
        self._go.set()

    def stop(self) -> None:
        self._stop.set()
        self._go.set()
        self.interrupt = True

    def pause(self) -> None:
        if not self._stop.is_set():
            self._go.clear()
            self.interrupt = True

    def resume(self) -> None:
        self._go.set()
        self.interrupt = self._stop.is_set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._go.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused; the seconds spent waiting."""
        start = time.perf_counter()
        while not self._go.wait(0.1):
            pass
        self.interrupt = self._stop.is_set()
        return time.perf_counter() - start

    def check(self) -> None:
        if self._stop.is_set():
            raise Stopped
