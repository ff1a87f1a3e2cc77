"""The Feature maps view's background work: load the sample, run the network, keep the maps.

Reading a dataset (a torchvision set from disk, an image folder) and building a fresh
network take from a fraction of a second to several seconds, so they run on the panel's
own QThreadPool and report through a queued signal, as the autograd view's build does
(gui/autograd/worker.py). The job works on a copy of the graph; it never downloads a
dataset (training does that), so closing the window waits for a short job at most.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Signal

from netbuilder.core.graph import Graph
from netbuilder.gui.i18n import fill


class MapsSignals(QObject):
    # generation, (FeatureMaps, whether the trained model was used) | None, error
    finished = Signal(int, object, str)


class MapsJob(QRunnable):
    def __init__(self, generation: int, graph: Graph, training: dict[str, Any] | None,
                 index: int, model: Any, signals: MapsSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the panel holds it until it reports
        self.generation, self.graph, self.training = generation, graph, training
        self.index, self.model, self.signals = index, model, signals

    def run(self) -> None:
        try:
            from netbuilder.core.compiler import compile_graph
            from netbuilder.training.featuremaps import feature_maps, load_sample
            from netbuilder.training.settings import TrainingSettings

            # Never the trained model itself: feature_maps hooks and switches the module it
            # runs, and the GUI thread may export or save the model meanwhile.
            compiled = compile_graph(self.graph)
            copied = compiled.copy_of(self.model) if self.model is not None else None
            trained = copied is not None
            model = copied if copied is not None else compiled.build(0)
            settings = dataclasses.replace(TrainingSettings.from_dict(self.training),
                                           download=False)
            sample = load_sample(self.graph, settings, self.index)
            result = feature_maps(model, self.graph, sample)
        except (ValueError, RuntimeError, OSError) as exc:  # CompileError is a ValueError
            self.signals.finished.emit(self.generation, None, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - say it in the panel, never kill the window
            self.signals.finished.emit(self.generation, None, fill(
                QCoreApplication.translate("FeatureMapsPanel", "Could not show the maps: %1"),
                f"{type(exc).__name__}: {exc}"))
            return
        self.signals.finished.emit(self.generation, (result, trained), "")
