"""Training in the background: a worker QObject in a QThread runs the Qt-free trainer.

The trainer reports at most once per `report_interval` (5 times a second by default),
so `progress` never floods the GUI thread; Stop and Pause go through a Control token that
the trainer reads every batch. `TrainingRunner` owns the thread: `shutdown()` stops the
run and joins the thread, so closing the window mid-training exits cleanly.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from netbuilder.gui.i18n import fill
from netbuilder.training.control import Control

if TYPE_CHECKING:
    from netbuilder.training.session import TrainingJob
    from netbuilder.training.trainer import TrainResult

REPORT_INTERVAL = 0.2  # seconds between progress signals, at least (5 a second at most)


class TrainingWorker(QObject):
    """Lives in the training thread; `run` blocks there until training ends."""

    progress = Signal(object)  # trainer.Progress
    status = Signal(str)  # loading, downloading, notes
    finished = Signal(object)  # trainer.TrainResult

    def __init__(self, job: TrainingJob, control: Control,
                 report_interval: float = REPORT_INTERVAL) -> None:
        super().__init__()
        self.job, self.control, self.report_interval = job, control, report_interval
        self.result: TrainResult | None = None

    @Slot()
    def run(self) -> None:
        from netbuilder.training.session import run_training
        from netbuilder.training.trainer import TrainResult

        try:
            result = run_training(self.job, control=self.control,
                                  on_progress=self.progress.emit, on_status=self.status.emit,
                                  report_interval=self.report_interval)
        except Exception as exc:  # noqa: BLE001 - a worker thread must always report back
            result = TrainResult("failed", fill(self.tr("Training failed: %1"), exc), "error")
        self.result = result
        self.finished.emit(result)


class GuiThreadCollector(QObject):
    """While workers run, Python's cycle collector runs only in the GUI thread.

    The collector runs in whichever thread happens to allocate; in the training thread
    it would free unreachable Qt wrappers there, and a widget deleted outside the GUI
    thread crashes the process (seen here: a segfault while the worker imported
    scikit-learn). So automatic collection is off while a run lasts and a timer collects
    here instead (pyqtgraph's GarbageCollector does the same). Counted, so runs may nest.
    """

    _active = 0
    _was_enabled = True

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        cls = GuiThreadCollector
        if cls._active == 0:
            cls._was_enabled = gc.isenabled()
            gc.disable()
        cls._active += 1
        self.timer.start()

    def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        self.timer.stop()
        cls = GuiThreadCollector
        cls._active -= 1
        if cls._active == 0 and cls._was_enabled:
            gc.enable()

    @staticmethod
    def collect() -> None:
        """What automatic collection would have done by now, generation by generation."""
        counts, limits = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > limits[generation]:
                gc.collect(generation)
                return


class TrainingRunner(QObject):
    """GUI-side handle of one training run at a time: start, pause, resume, stop, join."""

    started = Signal()
    progress = Signal(object)
    status = Signal(str)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None,
                 report_interval: float = REPORT_INTERVAL) -> None:
        super().__init__(parent)
        self.report_interval = report_interval
        self.control: Control | None = None
        self.thread: QThread | None = None
        self.worker: TrainingWorker | None = None
        self.collector = GuiThreadCollector(self)

    @property
    def running(self) -> bool:
        return self.worker is not None

    @property
    def paused(self) -> bool:
        return self.control is not None and self.control.paused

    def start(self, job: TrainingJob) -> None:
        if self.running:
            raise RuntimeError("a training run is already going")  # i18n: internal
        self.control = Control()
        thread = QThread()
        thread.setObjectName("netbuilder-training")
        worker = TrainingWorker(job, self.control, self.report_interval)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.status.connect(self.status)
        worker.finished.connect(self._on_finished)
        self.thread, self.worker = thread, worker
        self.collector.start()
        thread.start()
        self.started.emit()

    def stop(self) -> None:
        if self.control is not None:
            self.control.stop()

    def pause(self) -> None:
        if self.control is not None:
            self.control.pause()

    def resume(self) -> None:
        if self.control is not None:
            self.control.resume()

    def shutdown(self, timeout_ms: int = 10_000) -> TrainResult | None:
        """Stop and join the thread (blocking); the run's result, if it ended in time."""
        if not self.running:
            return None
        self.stop()
        assert self.thread is not None and self.worker is not None
        self.thread.quit()  # takes effect once the worker's run() returns
        if not self.thread.wait(timeout_ms):
            _keep_alive(self.thread, self.worker)  # never destroy a running QThread
            return None
        result = self.worker.result
        self._finish(result)
        return result

    def _on_finished(self, result: Any) -> None:
        if self.sender() is self.worker:
            self._finish(result)

    def _finish(self, result: TrainResult | None) -> None:
        thread, worker = self.thread, self.worker
        if thread is None or worker is None:
            return
        self.thread = self.worker = None
        thread.quit()
        thread.wait()  # the worker's run() has returned: this is at once
        # Both are Python-owned and the thread has ended: dropping them deletes them safely.
        del thread, worker
        self.collector.stop()
        self.finished.emit(result)


_ORPHANS: list[QObject] = []


def _keep_alive(*objects: QObject) -> None:
    _ORPHANS.extend(objects)
