"""The Feature maps panel: one dataset sample, each convolution's activation maps and
filters, and the prediction with its class probabilities.

The numbers come from netbuilder/training/featuremaps.py (forward hooks on the compiled
model); this panel only draws them. It shows the trained model after a run (the window
connects the Training panel's modelTrained to `set_model`) and fresh weights before
one. The sample is read and the network run in the background (worker.py), so a slow
dataset never freezes the window. Present mode enlarges the pictures through `set_zoom`.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netbuilder.gui.background import LatestJob
from netbuilder.gui.editor.document import Document
from netbuilder.gui.featuremaps.worker import MapsJob, MapsSignals

MAP_PX = 56  # one activation map's side on screen at zoom 1
FILTER_PX = 28
MAX_MAPS = 32  # more than this reads as noise on a screen


def to_pixmap(array: np.ndarray, side: int) -> QPixmap:
    """A 2-D array (or a 3-channel C×H×W) as a picture scaled to `side` pixels high,
    stretched from its own minimum (black) to its maximum (white)."""
    a = np.asarray(array, dtype=np.float32)
    rgb = a.ndim == 3 and a.shape[0] == 3
    if a.ndim == 3 and not rgb:
        a = a[0]
    lo, hi = float(a.min()), float(a.max())
    scaled = np.zeros_like(a) if hi - lo < 1e-12 else (a - lo) / (hi - lo)
    data = np.ascontiguousarray((scaled * 255).astype(np.uint8))
    if rgb:
        data = np.ascontiguousarray(data.transpose(1, 2, 0))
        h, w = data.shape[:2]
        image = QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    else:
        h, w = data.shape
        image = QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image).scaledToHeight(
        side, Qt.TransformationMode.FastTransformation)


class FeatureMapsPanel(QWidget):
    mapsReady = Signal()
    mapsFailed = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model: Any = None
        self.result: Any = None  # training.featuremaps.FeatureMaps
        self.zoom = 1.0
        self._stale = False
        self._jobs: LatestJob[MapsJob] = LatestJob(self)
        self._signals = MapsSignals(self)
        self._signals.finished.connect(self._on_finished)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Sample")))
        self.sample_box = QSpinBox()
        self.sample_box.setRange(0, 99999)
        self.sample_box.setToolTip(self.tr("Which sample of the validation set to show"))
        row.addWidget(self.sample_box)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Run the network on this sample and show what "
                                            "each convolution makes of it"))
        self.show_button.clicked.connect(self.refresh)
        row.addWidget(self.show_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = QLabel(self.tr("Press Show to see what each convolution makes of a "
                                     "sample; after training, the trained weights are shown."))
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.body)
        lay.addStretch(1)
        self.map_labels: dict[str, list[QLabel]] = {}
        self.sample_box.valueChanged.connect(lambda _v: self.refresh() if self.result else None)

    def set_model(self, model: Any) -> None:
        """The trained model: redraw with its weights."""
        self.model = model
        self._stale = True
        if self.isVisible():  # else when it is shown: loading a dataset is not free
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        if self.result is not None:
            self._draw()

    def refresh(self) -> bool:
        """Compute the maps in the background (after the running job, if any); False when
        the window is closing. `mapsReady` or `mapsFailed` tells when it is done."""
        if self._jobs.closing:
            return False
        self._stale = False

        def job(generation: int) -> MapsJob:  # called when it starts, not while one runs
            self.status.setText(self.tr("Running the network on the sample…"))
            return MapsJob(generation, self.document.graph.copy(),
                           copy.deepcopy(self.document.project.training),
                           self.sample_box.value(), self.model, self._signals)

        return self._jobs.start(job)

    def is_busy(self) -> bool:
        return self._jobs.busy

    def shutdown(self) -> None:
        """Wait for a running job (the window calls this when it closes)."""
        self._jobs.shutdown()

    def _on_finished(self, generation: int, result: object, error: str) -> None:
        if not self._jobs.finished(generation, self.refresh):
            return
        if result is None:
            self.result = None
            self.status.setText(error)
            self._clear()
            self.mapsFailed.emit(error)
            return
        assert isinstance(result, tuple)
        self.result, trained = result
        self.status.setText(self.tr("trained weights") if trained else self.tr(
            "fresh weights (train to see what it learns)"))
        self._draw()
        self.mapsReady.emit()

    def _clear(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.map_labels.clear()

    def _draw(self) -> None:
        self._clear()
        fm = self.result
        side = round(MAP_PX * self.zoom)
        top = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(to_pixmap(fm.image, round(side * 1.5)))
        top.addWidget(picture)
        top.addWidget(self._prediction(fm), 1)
        holder = QWidget()
        holder.setLayout(top)
        self.body_layout.addWidget(holder)
        for layer in fm.layers:
            c, h, w = layer.maps.shape[-3:]
            title = QLabel(self.tr("%1 (%2): %3 maps of %4×%5").replace("%1", layer.node_id)
                           .replace("%2", layer.type).replace("%3", str(c))
                           .replace("%4", str(h)).replace("%5", str(w)))
            self.body_layout.addWidget(title)
            grid_widget = QWidget()
            grid = QGridLayout(grid_widget)
            grid.setSpacing(2)
            labels = []
            per_row = 8
            for i in range(min(c, MAX_MAPS)):
                label = QLabel()
                label.setPixmap(to_pixmap(layer.maps[i], side))
                label.setToolTip(self.tr("map %1").replace("%1", str(i)))
                grid.addWidget(label, 2 * (i // per_row), i % per_row)
                labels.append(label)
                if layer.filters is not None and layer.filters.ndim == 4:
                    f = QLabel()
                    f.setPixmap(to_pixmap(layer.filters[i, 0], round(FILTER_PX * self.zoom)))
                    f.setToolTip(self.tr("filter %1 (its first input channel)")
                                 .replace("%1", str(i)))
                    grid.addWidget(f, 2 * (i // per_row) + 1, i % per_row,
                                   Qt.AlignmentFlag.AlignHCenter)
            self.map_labels[layer.node_id] = labels
            self.body_layout.addWidget(grid_widget)

    def _prediction(self, fm: Any) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        truth = fm.classes[fm.label] if fm.label is not None and fm.classes else "?"
        if fm.probabilities is None:
            lay.addWidget(QLabel(self.tr("True class: %1").replace("%1", str(truth))))
            return box
        guess = fm.classes[fm.predicted]
        lay.addWidget(QLabel(self.tr("Prediction: %1 · true class: %2").replace("%1", guess)
                             .replace("%2", str(truth))))
        self.bars: list[QProgressBar] = []
        for name, p in zip(fm.classes, fm.probabilities, strict=True):
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(float(p) * 1000))
            bar.setFormat(f"{name}: {float(p):.1%}")
            bar.setMaximumHeight(round(16 * self.zoom))
            lay.addWidget(bar)
            self.bars.append(bar)
        return box
