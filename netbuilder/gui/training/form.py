"""The training settings form, bound to the project's "training" object.

Every change goes through `Document.set_training`, so it is undoable and saved with the
project; the form follows `trainingChanged` like any other view (undo updates it too).
A project without settings shows ones suggested from its Input and Output, written into
the project at the first change. Rows that do not apply (momentum for Adam, the data path
for digits) are hidden.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from netbuilder.core.i18n import _t
from netbuilder.core.structural import input_node, output_node
from netbuilder.gui.editor.document import Document
from netbuilder.gui.i18n import fill
from netbuilder.training.download import default_data_dir
from netbuilder.training.settings import (
    DATASETS,
    DEVICES,
    LOSSES,
    MOMENTUM_OPTIMIZERS,
    OPTIMIZERS,
    SCHEDULERS,
    TrainingSettings,
    parse_settings,
    suggest_settings,
)

# Marked for pyside6-lupdate here, translated where shown (self.tr(LABELS[name])).
LABELS = {
    "dataset": QT_TRANSLATE_NOOP("TrainingForm", "Dataset"),
    "data_path": QT_TRANSLATE_NOOP("TrainingForm", "Data"),
    "csv_target": QT_TRANSLATE_NOOP("TrainingForm", "Target column"),
    "download": QT_TRANSLATE_NOOP("TrainingForm", "Download if missing"),
    "resize": QT_TRANSLATE_NOOP("TrainingForm", "Resize to the Input"),
    "val_split": QT_TRANSLATE_NOOP("TrainingForm", "Validation"),
    "loss": QT_TRANSLATE_NOOP("TrainingForm", "Loss"),
    "optimizer": QT_TRANSLATE_NOOP("TrainingForm", "Optimizer"),
    "lr": QT_TRANSLATE_NOOP("TrainingForm", "Learning rate"),
    "momentum": QT_TRANSLATE_NOOP("TrainingForm", "Momentum"),
    "nesterov": QT_TRANSLATE_NOOP("TrainingForm", "Nesterov"),
    "weight_decay": QT_TRANSLATE_NOOP("TrainingForm", "Weight decay"),
    "scheduler": QT_TRANSLATE_NOOP("TrainingForm", "LR scheduler"),
    "step_size": QT_TRANSLATE_NOOP("TrainingForm", "Step every (epochs)"),
    "gamma": QT_TRANSLATE_NOOP("TrainingForm", "Multiply LR by"),
    "batch_size": QT_TRANSLATE_NOOP("TrainingForm", "Batch size"),
    "epochs": QT_TRANSLATE_NOOP("TrainingForm", "Epochs"),
    "seed": QT_TRANSLATE_NOOP("TrainingForm", "Seed"),
    "device": QT_TRANSLATE_NOOP("TrainingForm", "Device"),
    "patience": QT_TRANSLATE_NOOP("TrainingForm", "Early stop after"),
    "tensorboard": QT_TRANSLATE_NOOP("TrainingForm", "TensorBoard + checkpoints"),
    "run_dir": QT_TRANSLATE_NOOP("TrainingForm", "Run folder"),
}


class TrainingForm(QWidget):
    problemsChanged = Signal(list)  # the settings' problems, in words ([] when fine)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._updating = False
        self.widgets: dict[str, QWidget] = {}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build()
        document.trainingChanged.connect(self.refresh)
        document.projectReplaced.connect(self.refresh)
        document.analyzed.connect(self._on_analyzed)
        self.refresh()

    # ---- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self._combo("dataset", [(_t(d.title), d.name) for d in DATASETS.values()])
        self.dataset_about = QLabel()
        self.dataset_about.setWordWrap(True)
        # A palette role, not a style sheet: a sheet keeps the colour of the palette it
        # was first applied with (dark grey, unreadable once the theme turns dark).
        self.dataset_about.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.form.addRow("", self.dataset_about)
        self._path_row("data_path", self._browse)
        self._line("csv_target")
        self._check("download")
        self._check("resize")
        self._double("val_split", 0.0, 0.9, 0.05, 2)
        self._combo("loss", [(n, n) for n in LOSSES])
        self._combo("optimizer", [(n, n) for n in OPTIMIZERS])
        self._line("lr")
        self._double("momentum", 0.0, 0.999, 0.05, 3)
        self._check("nesterov")
        self._line("weight_decay")
        self._combo("scheduler", [(n if n != "none" else self.tr("None"), n)
                                  for n in SCHEDULERS])
        self._int("step_size", 1, 1_000_000)
        self._double("gamma", 0.01, 1.0, 0.05, 3)
        self._int("batch_size", 1, 1 << 20)
        self._int("epochs", 1, 1_000_000)
        self._int("seed", 0, 2**31 - 1)
        self._combo("device", [(n, n) for n in DEVICES])
        self._int("patience", 0, 1_000_000)
        patience = self.widgets["patience"]
        assert isinstance(patience, QSpinBox)
        patience.setSpecialValueText(self.tr("never"))
        patience.setSuffix(self.tr(" epochs without a better validation loss"))
        self._check("tensorboard")
        self.widgets["tensorboard"].setToolTip(
            self.tr("Write TensorBoard events (one folder per run) and keep the last and best "
            "checkpoints, so a run can be continued"))
        self._path_row("run_dir", self._browse_run_dir)
        run_dir = self.widgets["run_dir"]
        assert isinstance(run_dir, QLineEdit)
        run_dir.setPlaceholderText(self.tr("runs (beside the project file)"))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b;")
        self.form.addRow(self.problem_label)

    def _path_row(self, name: str, browse_to: Any) -> None:
        """A line edit with a "…" button that opens a file dialog: NAME and NAME_row."""
        path = self._line(name, add=False)
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip(self.tr("Choose the file or folder"))
        browse.clicked.connect(browse_to)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(path, 1)
        box.addWidget(browse)
        self.form.addRow(self.tr(LABELS[name]), row)
        self.widgets[f"{name}_row"] = row

    def _combo(self, name: str, items: list[tuple[str, str]]) -> None:
        w = QComboBox()
        for text, data in items:
            w.addItem(text, data)
        w.currentIndexChanged.connect(lambda _i: self.edit(name, w.currentData()))
        self._add(name, w)

    def _check(self, name: str) -> None:
        w = QCheckBox()
        w.toggled.connect(lambda on: self.edit(name, bool(on)))
        self._add(name, w)

    def _int(self, name: str, lo: int, hi: int) -> None:
        w = QSpinBox()
        w.setRange(lo, hi)
        w.setKeyboardTracking(False)  # one change (one undo step) per edit, not per key
        w.valueChanged.connect(lambda v: self.edit(name, int(v)))
        self._add(name, w)

    def _double(self, name: str, lo: float, hi: float, step: float, decimals: int) -> None:
        w = QDoubleSpinBox()
        w.setRange(lo, hi)
        w.setSingleStep(step)
        w.setDecimals(decimals)
        w.setKeyboardTracking(False)
        w.valueChanged.connect(lambda v: self.edit(name, float(v)))
        self._add(name, w)

    def _line(self, name: str, add: bool = True) -> QLineEdit:
        w = QLineEdit()
        w.editingFinished.connect(lambda: self._line_edited(name, w))
        if add:
            self._add(name, w)
        else:
            self.widgets[name] = w
        return w

    def _add(self, name: str, widget: QWidget) -> None:
        self.widgets[name] = widget
        self.form.addRow(self.tr(LABELS[name]), widget)

    # ---- model → form -------------------------------------------------------------------
    def settings(self) -> TrainingSettings:
        """The settings shown: the project's (bad values as defaults), or suggested ones."""
        if self.document.project.training is None:
            return self._suggested()
        return parse_settings(self.document.project.training)[0]

    def problems(self) -> list[str]:
        return parse_settings(self.document.project.training)[1]

    def _suggested(self) -> TrainingSettings:
        graph = self.document.graph
        inp, out = input_node(graph), output_node(graph)
        size = None
        analysis = self.document.analysis
        if out is not None and analysis is not None and out.id in analysis.nodes:
            shape = analysis.nodes[out.id].output_shape
            size = shape[1] if shape is not None and len(shape) == 2 else None
        return suggest_settings(inp.params.get("shape") if inp else None, size)

    def refresh(self) -> None:
        s = self.settings()
        self._updating = True
        try:
            for name, value in s.to_dict().items():
                self._show(name, value)
        finally:
            self._updating = False
        self._update_rows(s)
        problems = self.problems()
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.problemsChanged.emit(problems)

    def _show(self, name: str, value: Any) -> None:
        w = self.widgets[name]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            w.setValue(value)
        elif isinstance(w, QLineEdit):
            w.setText(f"{value:g}" if isinstance(value, float) else str(value))

    def _update_rows(self, s: TrainingSettings) -> None:
        info = DATASETS[s.dataset]
        image = s.dataset == "digits" or info.source == "torchvision"
        self._row_visible("data_path_row", info.source != "builtin")
        self._row_visible("csv_target", info.source == "csv")
        self._row_visible("download", info.source == "torchvision")
        self._row_visible("resize", image)
        self._row_visible("val_split", info.source != "torchvision")
        self._row_visible("momentum", s.optimizer in MOMENTUM_OPTIMIZERS)
        self._row_visible("nesterov", s.optimizer == "SGD")
        self._row_visible("step_size", s.scheduler == "StepLR")
        self._row_visible("gamma", s.scheduler == "StepLR")
        self._row_visible("run_dir_row", s.tensorboard)
        path = self.widgets["data_path"]
        assert isinstance(path, QLineEdit)
        path.setPlaceholderText(str(default_data_dir()) if info.source == "torchvision" else
                                self.tr("a CSV file") if info.source == "csv" else
                                self.tr("a folder"))
        about = fill(self.tr("%1. %2"), _t(info.sample), _t(info.doc))
        if info.source == "torchvision":
            about += self.tr(" Validation uses the set's own test images.")
        self.dataset_about.setText(about)

    def _row_visible(self, name: str, visible: bool) -> None:
        self.form.setRowVisible(self.widgets[name], visible)

    def _on_analyzed(self, _analysis: object) -> None:
        if self.document.project.training is None:
            self.refresh()

    # ---- form → model ---------------------------------------------------------------------
    def edit(self, name: str, value: Any) -> None:
        """Set one setting through the undo stack (what every widget calls)."""
        if self._updating:
            return
        current = self.settings().to_dict()
        if self.document.project.training is not None and current.get(name) == value:
            return
        current[name] = value
        shown = f"{value:g}" if isinstance(value, float) else value
        self.document.set_training(current, fill(self.tr("Training: %1 %2"),
                                                 self.tr(LABELS[name]).lower(), shown))

    def _line_edited(self, name: str, w: QLineEdit) -> None:
        text = w.text().strip()
        if name in ("lr", "weight_decay"):
            try:
                value: Any = float(text)
            except ValueError:
                self.document.message.emit(fill(self.tr("%1: %2 is not a number"),
                                                self.tr(LABELS[name]), repr(text)))
                self.refresh()
                return
            _, problems = parse_settings({name: value})
            if problems:
                self.document.message.emit(problems[0])
                self.refresh()
                return
        else:
            value = text
        self.edit(name, value)

    def _browse(self) -> None:
        s = self.settings()
        start = s.data_path or str(default_data_dir())
        if s.info.source == "csv":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a CSV file"), start,
                                                  self.tr("CSV files (*.csv);;All files (*)"))
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), start)
        if path:
            self.edit("data_path", path)

    def _browse_run_dir(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the run folder"),
                                                self.settings().run_dir or str(Path.cwd()))
        if path:
            self.edit("run_dir", path)

    def set_running(self, running: bool) -> None:
        for w in self.widgets.values():
            w.setEnabled(not running)

