"""The Training panel as a person uses it: settings, Start, a locked graph, results, saving,
closing the window mid-run; and plots that take a million points."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMainWindow, QSpinBox

from netbuilder.core.edits import SetParam
from netbuilder.gui.editor.document import Document
from netbuilder.gui.training.panel import TrainingPanel
from netbuilder.gui.training.plots import TrainingPlots
from tests.training.conftest import example, one_torch_thread  # noqa: F401 - autouse fixture

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


@pytest.fixture
def document(torch_loaded: None) -> Document:
    return Document(example("digits"))


@pytest.fixture
def panel(qtbot: QtBot, document: Document) -> TrainingPanel:
    widget = TrainingPanel(document)
    qtbot.addWidget(widget)
    return widget


def test_settings_edits_are_undoable_and_saved_in_the_project(panel: TrainingPanel,
                                                              document: Document) -> None:
    epochs = panel.form.widgets["epochs"]
    assert isinstance(epochs, QSpinBox) and epochs.value() == 5
    epochs.setValue(3)
    assert document.project.training["epochs"] == 3 and document.modified
    document.undo_stack.undo()
    assert document.project.training["epochs"] == 5 and epochs.value() == 5
    optimizer = panel.form.widgets["optimizer"]
    assert isinstance(optimizer, QComboBox)
    assert not panel.form.form.isRowVisible(panel.form.widgets["momentum"])  # Adam
    optimizer.setCurrentIndex(optimizer.findData("SGD"))
    assert document.project.training["optimizer"] == "SGD"
    assert panel.form.form.isRowVisible(panel.form.widgets["momentum"])


def test_a_bad_learning_rate_is_refused_with_a_message(panel: TrainingPanel,
                                                       document: Document) -> None:
    messages: list[str] = []
    document.message.connect(messages.append)
    lr = panel.form.widgets["lr"]
    assert isinstance(lr, QLineEdit)
    lr.setText("-3")
    lr.editingFinished.emit()
    assert document.project.training["lr"] == 0.01 and lr.text() == "0.01"
    assert messages == ["lr must be above 0, not -3.0"]


def test_training_locks_the_graph_then_shows_results(qtbot: QtBot, panel: TrainingPanel,
                                                     document: Document, tmp_path: Path) -> None:
    panel.form.edit("epochs", 2)
    messages: list[str] = []
    document.message.connect(messages.append)
    with qtbot.waitSignal(panel.modelTrained, timeout=60_000) as trained:
        assert panel.start()
        assert document.locked and panel.is_running
        assert not document.push(SetParam("fc1", "out_features", 32, 64))
        assert messages[-1] == "Training is running — edits are paused until it ends"
    assert not document.locked and not panel.is_running
    assert panel.model is trained.args[0] and panel.result.status == "finished"
    assert panel.results.matrix.rowCount() == 10 and panel.results.samples.count == 24
    assert panel.plots.raw.n == 2 * 45 and panel.plots.val_acc.n == 2
    assert panel.save_weights(tmp_path / "w.pt") and (tmp_path / "w.pt").stat().st_size > 0
    assert panel.export_code(tmp_path / "net.py")
    assert "class DigitsCNN(nn.Module):" in (tmp_path / "net.py").read_text()


def test_an_invalid_network_does_not_start(qtbot: QtBot, torch_loaded: None) -> None:
    project = example("lenet")
    project.graph.set_param("fc1", "in_features", 500)
    document = Document(project)
    panel = TrainingPanel(document)
    qtbot.addWidget(panel)
    assert not panel.start()
    assert "fc1 (Linear) expects 500" in panel.status_label.text() and not document.locked


def test_closing_the_window_mid_training_exits_cleanly(qtbot: QtBot,
                                                       document: Document) -> None:
    window = QMainWindow()
    panel = TrainingPanel(document, window)
    window.setCentralWidget(panel)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel.form.edit("epochs", 1000)
    with qtbot.waitSignal(panel.runner.progress, timeout=30_000):
        panel.start()
    window.close()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=10_000)
    assert panel.result.status == "stopped" and panel.model is not None
    assert not document.locked


def test_plots_take_a_million_points_and_export(qtbot: QtBot, tmp_path: Path) -> None:
    from netbuilder.training.trainer import EpochResult, Progress

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(800, 500)
    plots.show()
    n = 1_000_000
    losses = (2.0 * np.exp(-np.arange(n) / 2e5) + 0.1 * np.random.default_rng(0).random(n))
    epochs = [EpochResult(e, 1.0 / e, 1.2 / e, 0.5 + e / 10, 0.01, 1.0) for e in (1, 2, 3)]
    plots.add_progress(Progress(3, 3, 10, 10, n, n, 1, losses.tolist(), 0.01, 1e5, 10.0, 0.0,
                                epochs, True))
    plots.redraw()
    assert plots.raw.n == n and plots.smooth.n == n
    for curve in (plots.raw_curve, plots.smooth_curve):
        assert curve.opts["autoDownsample"] and curve.opts["clipToView"]
        assert curve.opts["downsampleMethod"] == "peak"
    assert plots.export_png(tmp_path / "plots.png") and (tmp_path / "plots.png").stat().st_size
    plots.clear()
    plots.add_progress(Progress(3, 3, 10, 10, 30, 30, 1, [1.0] * 30, 0.01, 1e5, 1.0, 0.0,
                                epochs, True))
    steps, per_epoch = plots.export_csv(tmp_path / "curves.csv")
    assert steps.read_text().splitlines()[0] == "step,loss,smoothed_loss"
    assert len(steps.read_text().splitlines()) == 31
    assert per_epoch.name == "curves_epochs.csv"
    assert per_epoch.read_text().splitlines()[1] == "1,1.0,1.2,60.0"


def test_tensorboard_checkbox_writes_events_and_checkpoints_and_continue_goes_on(
        qtbot: QtBot, panel: TrainingPanel, document: Document, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QCheckBox

    form = panel.form
    box = form.widgets["tensorboard"]
    assert isinstance(box, QCheckBox) and not box.isChecked()
    assert not form.form.isRowVisible(form.widgets["run_dir_row"])
    box.setChecked(True)  # a person ticks the box, then names the folder
    assert document.project.training["tensorboard"] is True
    assert form.form.isRowVisible(form.widgets["run_dir_row"])
    folder = form.widgets["run_dir"]
    assert isinstance(folder, QLineEdit)
    folder.setText(str(tmp_path / "runs"))
    folder.editingFinished.emit()
    assert document.project.training["run_dir"] == str(tmp_path / "runs")
    form.edit("epochs", 1)
    with qtbot.waitSignal(panel.modelTrained, timeout=60_000):
        assert panel.start()
    project_dir = tmp_path / "runs" / "Digits-CNN"
    events = list(project_dir.glob("*/events.out.tfevents.*"))
    assert len(events) == 1 and events[0].stat().st_size > 0
    assert (project_dir / "checkpoints" / "last.pt").exists()
    assert str(project_dir / "checkpoints") in panel.status_label.text()

    form.edit("epochs", 2)
    with qtbot.waitSignal(panel.modelTrained, timeout=60_000):
        assert panel.start(resume=True)
    assert panel.result.status == "finished"
    assert [e.epoch for e in panel.result.epochs] == [1, 2]  # epoch 1 came from the checkpoint
    assert panel.plots.raw.n == 45  # only epoch 2 was trained again
