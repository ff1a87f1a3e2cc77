"""The panels in one window: what training produces reaches Export and the autograd view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from netbuilder.core.edits import SetParam
from netbuilder.training.datasets import load_dataset
from netbuilder.training.fitting import fit
from netbuilder.training.session import make_job
from tests.gui.conftest import example_copy

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_trained_weights_reach_export_and_the_autograd_view(qtbot: QtBot, make_window,
                                                             tmp_path: Path) -> None:
    window = make_window(example_copy(tmp_path, "digits"))
    training = window.extra_panels["Training"]
    dag = window.extra_panels["Autograd"]
    training.form.edit("epochs", 1)
    with qtbot.waitSignal(training.modelTrained, timeout=60_000) as trained:
        assert training.start()
    model = trained.args[0]
    assert dag._model is model  # the view redraws from the trained weights
    with qtbot.waitSignal(dag.dagReady, timeout=60_000):
        window.show_view("Autograd")
    # ... on a batch of the chosen dataset, as the network saw it, and it says so.
    assert "on 8 validation samples of Digits" in dag.status.text()
    job = make_job(window.document.project, training.form.settings())
    data = fit(load_dataset(job.settings, job.net.input_shape), job.net, job.settings)
    x, target, _ = next(iter(data.val.eval_batches(8)))
    assert torch.equal(dag._batch[0], x) and torch.equal(dag._batch[1], target)
    with torch.no_grad():
        loss = torch.nn.functional.cross_entropy(model.cpu()(x), target).item()
    assert dag.dag is not None and abs(dag.dag.loss_value - loss) < 1e-4

    code, weights = window.files.export_to(tmp_path / "digits_net.py")
    saved = torch.load(weights, weights_only=True)
    for key, value in model.state_dict().items():
        assert torch.equal(saved[key], value.detach().cpu()), key

    # Once the graph changes, the trained weights no longer fit: Export writes fresh ones.
    assert window.document.push(SetParam("fc1", "out_features", 32))
    window.document.push(SetParam("fc2", "in_features", 32))
    assert training.model_for_current_graph() is None
    code, weights = window.files.export_to(tmp_path / "edited.py")
    assert torch.load(weights, weights_only=True)["fc1.weight"].shape == (32, 256)


def test_before_training_the_autograd_view_runs_on_the_chosen_builtin_dataset(
        qtbot: QtBot, make_window, tmp_path: Path) -> None:
    window = make_window(example_copy(tmp_path, "lenet"))  # its dataset: digits, 32×32
    dag = window.extra_panels["Autograd"]
    with qtbot.waitSignal(dag.dagReady, timeout=60_000):
        window.show_view("Autograd")
    assert "fresh weights · on 8 validation samples of Digits" in dag.status.text()
    roots = [n for n in dag.dag.nodes if n.kind == "leaf" and n.label.startswith("conv1.weight")]
    assert roots  # the graph of this network, on a batch of 8 digits
    assert any("8×" in n.detail for n in dag.dag.nodes if n.layer == "conv1")
    # A project with no dataset chosen runs on random numbers, and says so.
    plain = tmp_path / "no_dataset.json"
    data = json.loads((tmp_path / "lenet.json").read_text())
    del data["training"]
    plain.write_text(json.dumps(data))
    with qtbot.waitSignal(dag.dagReady, timeout=60_000):
        assert window.files.open_path(plain)
    assert "fresh weights · on a random batch" in dag.status.text()


def test_the_keyboard_reaches_every_view(window) -> None:  # noqa: ANN001 - a MainWindow
    """Alt+1…4 bring up Network, Training, Autograd and Feature maps, Ctrl+PgDown and
    Ctrl+PgUp go round them, and Help ▸ Keyboard Shortcuts lists them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    for key, page in ((Qt.Key.Key_2, "Training"), (Qt.Key.Key_3, "Autograd"),
                      (Qt.Key.Key_4, "Feature maps"), (Qt.Key.Key_1, "Network")):
        QTest.keyClick(window, key, alt)
        expected = window.canvas_view if page == "Network" else window.extra_panels[page]
        assert window.views.currentWidget() is expected, page
    QTest.keyClick(window, Qt.Key.Key_PageUp, ctrl)  # round to the last
    assert window.views.currentWidget() is window.extra_panels["Feature maps"]
    QTest.keyClick(window, Qt.Key.Key_PageDown, ctrl)
    assert window.views.currentWidget() is window.canvas_view
    rows = [text for _, text in window.act.shortcut_rows()]
    assert any("Alt+3" in text for text in rows), rows
