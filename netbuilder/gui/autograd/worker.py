"""The autograd DAG's background build: extract and lay out off the GUI thread.

A QRunnable on the panel's own QThreadPool reads a copy of the graph (Graph.copy: the user
goes on editing the original) and reports through a queued signal. torch loads here, in the
worker, never at import time.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from netbuilder.core.graph import Graph


class BuildSignals(QObject):
    finished = Signal(int, object, str)  # generation, (dag, layout, seconds) | None, error


class BuildJob(QRunnable):
    """Extract and lay out the DAG off the GUI thread; report through a queued signal."""

    def __init__(self, generation: int, graph: Graph, loss: str, model: Any, batch: Any,
                 signals: BuildSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the panel holds it until it reports
        self.generation, self.graph, self.loss, self.model = generation, graph, loss, model
        self.batch = batch
        self.signals = signals

    def run(self) -> None:
        start = time.perf_counter()
        try:
            from netbuilder.autograd.dag import AutogradError, extract_dag
            from netbuilder.autograd.layout import layered_layout
            from netbuilder.core.codegen import CompileError

            try:
                dag = extract_dag(self.graph, self.loss, model=self.model, batch=self.batch)
            except CompileError as exc:
                first = exc.diagnostics[0].message if exc.diagnostics else str(exc)
                self.signals.finished.emit(self.generation, None,
                                           f"The network has problems: {first}")
                return
            except AutogradError as exc:
                self.signals.finished.emit(self.generation, None, str(exc))
                return
            layout = layered_layout(dag)
        except Exception as exc:  # noqa: BLE001 - say it in the panel, never kill the window
            self.signals.finished.emit(self.generation, None,
                                       f"Could not build the graph: {type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(self.generation, (dag, layout, time.perf_counter() - start),
                                   "")

