"""One background job at a time, for a view that recomputes what it shows.

The autograd view and the Feature maps view each build their picture off the GUI thread
(a QRunnable reporting through a queued signal). Both want the same rules: one job at a
time on a pool of their own; a request while one runs is remembered and run once after
it (the newest state wins, never a queue); a result from an older request is dropped;
closing the window waits for the running job, so no thread outlives its view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool

Job = TypeVar("Job", bound=QRunnable)


class LatestJob(Generic[Job]):
    def __init__(self, parent: QObject) -> None:
        self.pool = QThreadPool(parent)
        self.pool.setMaxThreadCount(1)
        self.job: Job | None = None
        self.generation = 0
        self.pending = False
        self.closing = False

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, make: Callable[[int], Job]) -> bool:
        """Run make(generation)'s job now, or once the running one ends; False when the
        window is closing."""
        if self.closing:
            return False
        if self.job is not None:
            self.pending = True
            return True
        self.generation += 1
        self.job = make(self.generation)
        self.pool.start(self.job)
        return True

    def finished(self, generation: int, again: Callable[[], object]) -> bool:
        """A job reported: whether its result is the one to show. When a request came in
        meanwhile, `again` runs it instead."""
        self.job = None
        if self.closing or generation != self.generation:
            return False
        if self.pending:
            self.pending = False
            again()
            return False
        return True

    def shutdown(self) -> None:
        self.closing = True
        self.pool.waitForDone(-1)
