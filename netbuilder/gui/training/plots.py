"""Live training plots (pyqtgraph): loss per step, loss and accuracy per epoch, learning rate.

Data arrive with each progress report into growable numpy arrays; the curves redraw on
a timer, and only when something changed. Drawing runs in the GUI thread and holds
Python's lock, which the training thread needs too, so drawing is kept cheap and rare:
each plot has its own view (a change repaints that plot only); the axes start at 0 and
grow to round numbers (1, 1.2, 1.5, 2, 2.5 … × 10ⁿ; the x axes at most to the run's
length) only when a value passes the end, so they seldom change and are blitted from a
cache; and the timer measures the paints and waits long enough that drawing takes about
1.5% of the time at most (2.5 frames a second when it is cheap). Peak downsampling and
clip-to-view keep a million points smooth. The plots export as PNG and CSV.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGraphicsItem,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.training.metrics import ema

REDRAW_MS = 400  # the fastest redraw
SLOWEST_MS = 2000
DRAW_BUDGET = 0.015  # share of the time spent drawing, at most
SYMBOLS_UP_TO = 30  # epochs shown with a dot each; beyond, lines only (cheaper to draw)
SMOOTHING = 0.05  # EMA weight of a new step's loss
BLUE, ORANGE, GREEN, PURPLE = (31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189)


class Series:
    """x and y values that grow at the end (amortised O(1) appends)."""

    def __init__(self) -> None:
        self.x = np.empty(1024)
        self.y = np.empty(1024)
        self.n = 0

    def extend(self, xs: Any, ys: Any) -> None:
        xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        need = self.n + len(xs)
        if need > len(self.x):
            size = max(need, 2 * len(self.x))
            self.x = np.resize(self.x, size)
            self.y = np.resize(self.y, size)
        self.x[self.n:need], self.y[self.n:need] = xs, ys
        self.n = need

    def clear(self) -> None:
        self.n = 0

    @property
    def xs(self) -> np.ndarray:
        return self.x[:self.n]

    @property
    def ys(self) -> np.ndarray:
        return self.y[:self.n]

    @property
    def last(self) -> float | None:
        return float(self.y[self.n - 1]) if self.n else None

    @property
    def last_x(self) -> float:
        return float(self.x[self.n - 1]) if self.n else 0.0


class TrainingPlots(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.raw, self.smooth, self.lr = Series(), Series(), Series()
        self.train_loss, self.val_loss, self.val_acc = Series(), Series(), Series()
        # One view per plot: a change repaints its own plot only, and a re-arrangement
        # moves widgets in a grid (moving items between pyqtgraph layouts confuses who
        # owns them, and Python's garbage collector then deletes them twice).
        self.views = [_TimedPlotWidget() for _ in range(4)]
        self.loss_plot, self.epoch_plot, self.acc_plot, self.lr_plot = (
            self._plot(view, legend=i == 1) for i, view in enumerate(self.views))
        self.grid = QGridLayout()
        self.grid.setSpacing(2)
        self._columns = 0
        self._arrange(2)
        self.raw_curve = self.loss_plot.plot(pen=pg.mkPen((*BLUE, 110)), name="raw")
        self.smooth_curve = self.loss_plot.plot(pen=pg.mkPen(BLUE, width=2), name="smoothed")
        self.train_curve = self.epoch_plot.plot(pen=pg.mkPen(BLUE, width=2), symbol="o",
                                                symbolSize=5, symbolBrush=BLUE, name="train")
        self.val_curve = self.epoch_plot.plot(pen=pg.mkPen(ORANGE, width=2), symbol="o",
                                              symbolSize=5, symbolBrush=ORANGE, name="validation")
        self.acc_curve = self.acc_plot.plot(pen=pg.mkPen(GREEN, width=2), symbol="o",
                                            symbolSize=5, symbolBrush=GREEN)
        self.lr_curve = self.lr_plot.plot(pen=pg.mkPen(PURPLE, width=2))
        self._titles = {self.loss_plot: "Loss per step", self.epoch_plot: "Loss per epoch",
                        self.acc_plot: "Validation accuracy (%)", self.lr_plot: "Learning rate"}
        self._apply_palette()
        self.log_scale = QCheckBox("Log scale")
        self.log_scale.setToolTip("Show the losses on a logarithmic scale")
        self.log_scale.toggled.connect(self._set_log)
        png, table = QPushButton("Save image…"), QPushButton("Save CSV…")
        png.clicked.connect(lambda: self._ask_and_export("png"))
        table.clicked.connect(lambda: self._ask_and_export("csv"))
        bar = QHBoxLayout()
        bar.addWidget(self.log_scale)
        bar.addStretch(1)
        bar.addWidget(png)
        bar.addWidget(table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid, 1)
        layout.addLayout(bar)
        self._dirty = False
        self._symbols = True
        self._setdata_ms = 0.0
        self._steps = self._epochs = 1  # the run's length, from the reports
        self._ranges: dict[Any, tuple[float, float, float, float]] = {}
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()

    @staticmethod
    def _plot(view: pg.PlotWidget, legend: bool) -> pg.PlotItem:
        view.setMinimumSize(120, 110)
        plot = view.getPlotItem()
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.disableAutoRange()  # redraw sets the ranges; auto-ranging would move the axes
        for side in ("left", "bottom"):  # an unchanged axis is a cached pixmap, not a paint
            plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if legend:
            plot.addLegend(offset=(-5, 5))
        return plot

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        size = event.size()
        self._arrange(4 if size.width() > 3 * size.height() else 2)

    def _arrange(self, columns: int) -> None:
        """Four plots in a row when the panel is wide and low (a bottom dock), else 2×2."""
        if columns == self._columns:
            return
        self._columns = columns
        for view in self.views:
            self.grid.removeWidget(view)
        for i, view in enumerate(self.views):
            self.grid.addWidget(view, i // columns, i % columns)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    def _apply_palette(self) -> None:
        """Follow the window's light or dark palette rather than pyqtgraph's black."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        for view in self.views:
            view.setBackground(palette.color(QPalette.ColorRole.Base))
        legend = self.epoch_plot.legend
        if legend is not None:
            legend.setLabelTextColor(text)
        for plot, title in self._titles.items():
            plot.setTitle(title, color=text, size="9pt")
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.setPen(pg.mkPen(text))
                axis.setTextPen(pg.mkPen(text))

    # ---- data --------------------------------------------------------------------------
    def clear(self) -> None:
        for s in (self.raw, self.smooth, self.lr, self.train_loss, self.val_loss, self.val_acc):
            s.clear()
        self._steps = self._epochs = 1
        self._dirty = True
        self.redraw()

    def add_progress(self, progress: Any) -> None:
        """Take one trainer.Progress report (cheap: the redraw happens on the timer)."""
        self._steps, self._epochs = max(progress.total_steps, 1), max(progress.epochs, 1)
        if progress.losses:
            xs = np.arange(progress.first_step, progress.first_step + len(progress.losses))
            ys = np.asarray(progress.losses, dtype=np.float64)
            self.raw.extend(xs, ys)
            self.smooth.extend(xs, ema(ys, SMOOTHING, self.smooth.last))
        if progress.step:
            self.lr.extend([progress.step], [progress.lr])
        for e in progress.epochs_done:
            self.train_loss.extend([e.epoch], [e.train_loss])
            if e.val_loss is not None:
                self.val_loss.extend([e.epoch], [e.val_loss])
            if e.val_accuracy is not None:
                self.val_acc.extend([e.epoch], [100.0 * e.val_accuracy])
        self._dirty = True

    def redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        paint_ms = sum(view.paint_ms for view in self.views) + self._setdata_ms
        self.timer.setInterval(int(min(max(paint_ms / DRAW_BUDGET, REDRAW_MS), SLOWEST_MS)))
        start = time.perf_counter()
        symbols = self.train_loss.n <= SYMBOLS_UP_TO
        if symbols != self._symbols:
            self._symbols = symbols
            for curve in (self.train_curve, self.val_curve, self.acc_curve):
                curve.setSymbol("o" if symbols else None)
        self.raw_curve.setData(self.raw.xs, self.raw.ys, skipFiniteCheck=True)
        self.smooth_curve.setData(self.smooth.xs, self.smooth.ys, skipFiniteCheck=True)
        self.lr_curve.setData(self.lr.xs, self.lr.ys)
        self.train_curve.setData(self.train_loss.xs, self.train_loss.ys)
        self.val_curve.setData(self.val_loss.xs, self.val_loss.ys)
        self.acc_curve.setData(self.val_acc.xs, self.val_acc.ys)
        self._update_ranges()
        self._setdata_ms = (time.perf_counter() - start) * 1000.0

    def _update_ranges(self) -> None:
        log = self.log_scale.isChecked()
        steps = (0, min(self._steps, _nice(self.raw.last_x * 1.05)))
        epochs = (0.5, min(self._epochs, _nice(self.train_loss.last_x + 1)) + 0.5)
        self._set_range(self.loss_plot, steps, None if log else _top(self.raw))
        self._set_range(self.epoch_plot, epochs, None if log else max(
            _top(self.train_loss), _top(self.val_loss)))
        self._set_range(self.acc_plot, epochs, 100.0)
        self._set_range(self.lr_plot, steps, _top(self.lr))

    def _set_range(self, plot: pg.PlotItem, x: tuple[float, float], top: float | None) -> None:
        """x fixed for the run; y from 0 to a rounded top (None: automatic, for log scale)."""
        if top is None:
            plot.enableAutoRange(y=True)
            wanted = (x[0], x[1], -1.0, -1.0)
        else:
            wanted = (x[0], x[1], 0.0, top)
        if self._ranges.get(plot) == wanted:
            return
        self._ranges[plot] = wanted
        plot.setXRange(*x, padding=0.02)
        if top is not None:
            plot.setYRange(0.0, top, padding=0)

    def _set_log(self, on: bool) -> None:
        for plot in (self.loss_plot, self.epoch_plot):
            plot.setLogMode(y=on)
            if not on:
                plot.disableAutoRange()
        self._ranges.clear()
        self._dirty = True
        self.redraw()

    # ---- export ------------------------------------------------------------------------
    def export_png(self, path: str | Path) -> bool:
        self.redraw()
        rect = self.grid.geometry()
        return bool(self.grab(rect).save(str(path), "PNG"))

    def export_csv(self, path: str | Path) -> list[Path]:
        """The steps (step, loss, smoothed) to `path`, the epochs to `<name>_epochs.csv`."""
        path = Path(path)
        epochs_path = path.with_name(path.stem + "_epochs.csv")
        with path.open("w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["step", "loss", "smoothed_loss"])
            for x, y, s in zip(self.raw.xs, self.raw.ys, self.smooth.ys, strict=True):
                w.writerow([int(x), repr(float(y)), repr(float(s))])
        val = dict(zip(self.val_loss.xs, self.val_loss.ys, strict=True))
        acc = dict(zip(self.val_acc.xs, self.val_acc.ys, strict=True))
        with epochs_path.open("w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["epoch", "train_loss", "val_loss", "val_accuracy_percent"])
            for x, y in zip(self.train_loss.xs, self.train_loss.ys, strict=True):
                w.writerow([int(x), repr(float(y)), _cell(val.get(x)), _cell(acc.get(x))])
        return [path, epochs_path]

    def _ask_and_export(self, kind: str) -> None:
        if kind == "png":
            path, _ = QFileDialog.getSaveFileName(self, "Save the plots", "training.png",
                                                  "PNG image (*.png)")
            if path:
                self.export_png(path)
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Save the curves", "training.csv",
                                                  "CSV table (*.csv)")
            if path:
                self.export_csv(path)


class _TimedPlotWidget(pg.PlotWidget):
    """A plot's view, timing its own paints (a moving average, in milliseconds)."""

    paint_ms = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        start = time.perf_counter()
        super().paintEvent(event)
        ms = (time.perf_counter() - start) * 1000.0
        self.paint_ms = ms if not self.paint_ms else 0.7 * self.paint_ms + 0.3 * ms


def _top(series: Series) -> float:
    """A y-axis top above every value, from _nice (so it seldom moves)."""
    ys = series.ys
    finite = ys[np.isfinite(ys)] if series.n else ys
    return _nice(float(finite.max()) if len(finite) else 1.0)


NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _nice(value: float) -> float:
    """The first round number (NICE times a power of ten) at or above value (1 for none)."""
    if not value > 0 or not np.isfinite(value):
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in NICE if m * power >= value * (1 - 1e-9)))


def _cell(v: float | None) -> str:
    return "" if v is None else repr(float(v))
