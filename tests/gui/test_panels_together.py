"""The panels in one window: what training produces reaches Export and the autograd view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import torch

from netbuilder.core.edits import SetParam
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
