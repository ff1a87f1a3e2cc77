"""What a finished run shows: the confusion matrix and validation samples with labels.

Both take plain numpy from trainer.TrainResult (no torch here): the matrix as a table
whose cells darken with their share of the true class, the samples as small images
captioned "predicted / true", red where the network was wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.gui.i18n import fill
from netbuilder.training.metrics import accuracy, most_confused

THUMB = 56  # pixels per sample image
COLUMNS = 8
RIGHT, WRONG = "#2e7d32", "#c62828"


class ConfusionMatrixView(QTableWidget):
    """Rows: true class; columns: predicted class; each cell the count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(self.tr("Rows: the true class. Columns: what the network predicted."))
        self.matrix: np.ndarray | None = None

    def set_matrix(self, matrix: np.ndarray | None, classes: list[str]) -> None:
        self.matrix = matrix
        self.clear()
        if matrix is None:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        k = matrix.shape[0]
        self.setRowCount(k)
        self.setColumnCount(k)
        names = [_short(c) for c in classes]
        self.setHorizontalHeaderLabels([f"→ {n}" for n in names])
        self.setVerticalHeaderLabels(names)
        rows = matrix.sum(axis=1, keepdims=True).clip(min=1)
        share = matrix / rows
        for t in range(k):
            for p in range(k):
                item = QTableWidgetItem(str(int(matrix[t, p])))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                strength = float(share[t, p])
                base = (46, 125, 50) if t == p else (198, 40, 40)
                if matrix[t, p]:
                    item.setBackground(QColor(*base, int(40 + 200 * strength)))
                    if strength > 0.55:
                        item.setForeground(QColor("white"))
                item.setToolTip(fill(self.tr("true %1, predicted %2: %3 (%4 of %1)"), classes[t],
                                     classes[p], int(matrix[t, p]), f"{strength:.0%}"))
                self.setItem(t, p, item)


class SampleGrid(QScrollArea):
    """Validation images with the predicted and the true label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setSpacing(6)
        self.setWidget(self.inner)
        self.count = 0

    def set_samples(self, samples: list[tuple[np.ndarray, int, int]], classes: list[str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.count = len(samples)
        for i, (image, pred, true) in enumerate(samples):
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            picture = QLabel()
            picture.setPixmap(_pixmap(image).scaled(
                THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            ok = pred == true
            caption = QLabel(f"{_short(classes[pred])} / {_short(classes[true])}")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setStyleSheet(f"color: {RIGHT if ok else WRONG}; font-weight: "
                                  f"{'normal' if ok else 'bold'};")
            cell.setToolTip(fill(self.tr("predicted %1, true %2"), classes[pred], classes[true]))
            box.addWidget(picture)
            box.addWidget(caption)
            self.grid.addWidget(cell, i // COLUMNS, i % COLUMNS)


class ResultsView(QWidget):
    """The summary line, the confusion matrix and the sample grid, together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(
            self.tr("Train the network to see how it does on the validation set."))
        self.summary.setWordWrap(True)
        self.matrix = ConfusionMatrixView()
        self.samples = SampleGrid()
        self.samples_title = QLabel(self.tr("Validation samples (predicted / true):"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.matrix, 3)
        layout.addWidget(self.samples_title)
        layout.addWidget(self.samples, 2)
        self.show_result(None)

    def show_result(self, result: Any) -> None:
        confusion = getattr(result, "confusion", None)
        classes = list(getattr(result, "classes", []) or [])
        samples = list(getattr(result, "samples", []) or [])
        self.matrix.set_matrix(confusion, classes)
        self.matrix.setVisible(confusion is not None)
        self.samples.set_samples(samples, classes)
        self.samples.setVisible(bool(samples))
        self.samples_title.setVisible(bool(samples))
        if confusion is not None:
            mistakes = most_confused(confusion, classes)
            text = fill(self.tr("Validation accuracy %1 on %2 samples."),
                        f"{accuracy(confusion):.1%}", f"{int(confusion.sum()):,}")
            if mistakes:
                text += fill(self.tr(" Most confused: %1."), ", ".join(mistakes))
            self.summary.setText(text)
        elif result is not None and getattr(result, "epochs", None):
            last = result.epochs[-1]
            val = fill(self.tr(", validation loss %1"), f"{last.val_loss:.4g}") \
                if last.val_loss is not None else ""
            self.summary.setText(fill(self.tr("Training loss %1%2."), f"{last.train_loss:.4g}",
                                      val))


def _pixmap(image: np.ndarray) -> QPixmap:
    h, w, c = image.shape
    data = np.ascontiguousarray(image if c in (1, 3) else image[..., :1])
    fmt = QImage.Format.Format_Grayscale8 if data.shape[2] == 1 else QImage.Format.Format_RGB888
    qimage = QImage(data.data, w, h, data.strides[0], fmt)
    return QPixmap.fromImage(qimage.copy())  # copy: the numpy buffer may go away


def _short(name: str) -> str:
    return name.split(" - ")[0] if " - " in name else name
