"""Feature maps of LeNet on a digit: six 28×28 maps from conv1, its filters, the
prediction with probabilities, redrawn with the trained model after a run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

from netbuilder.gui.main_window import MainWindow
from tests.training.conftest import one_torch_thread  # noqa: F401 - autouse fixture

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_lenet_conv1_on_a_digit_gives_six_28x28_maps(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.feature_maps
    window.document.project.training = {**(window.document.project.training or {}),
                                        "dataset": "digits", "epochs": 1}
    with qtbot.waitSignal(panel.mapsReady, timeout=60_000):
        assert panel.refresh()
    assert panel.is_busy() is False
    fm = panel.result
    conv1 = fm.layers[0]
    assert conv1.node_id == "conv1" and conv1.maps.shape == (6, 28, 28)
    assert conv1.filters.shape == (6, 1, 5, 5)
    assert fm.layers[1].maps.shape == (16, 10, 10)
    assert fm.image.shape == (1, 32, 32)  # the 8×8 digit resized to LeNet's Input
    assert len(panel.map_labels["conv1"]) == 6
    assert panel.map_labels["conv1"][0].pixmap().height() == 56
    assert fm.probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert len(panel.bars) == 10
    before = conv1.maps.copy()
    # after training, the trained weights are shown
    training = window.extra_panels["Training"]
    window.show_view("Feature maps")
    with qtbot.waitSignal(training.modelTrained, timeout=120_000):
        assert training.start()
    qtbot.waitUntil(lambda: panel.model is not None and panel.result is not None
                    and not panel._stale and not panel.is_busy()
                    and panel.status.text() == "trained weights", timeout=20_000)
    assert panel.result.layers[0].maps.shape == (6, 28, 28)
    assert not np.allclose(panel.result.layers[0].maps, before)
    # Present mode (F5) doubles the pictures, and leaving it restores them
    window.act.presentation.trigger()
    assert panel.map_labels["conv1"][0].pixmap().height() == 112
    window.act.presentation.trigger()
    assert panel.map_labels["conv1"][0].pixmap().height() == 56


def test_a_network_with_a_problem_says_so_and_a_dataset_is_never_downloaded(
        qtbot: QtBot, window: MainWindow, tmp_path) -> None:  # noqa: ANN001
    panel = window.feature_maps
    data = tmp_path / "data"
    data.mkdir()
    window.document.project.training = {**(window.document.project.training or {}),
                                        "dataset": "cifar10", "data_path": str(data)}
    with qtbot.waitSignal(panel.mapsFailed, timeout=60_000) as failed:
        assert panel.refresh()
    assert failed.args[0] == panel.status.text() and panel.result is None
    assert "CIFAR" in failed.args[0], failed.args[0]
    assert list(data.iterdir()) == []  # nothing fetched into the data folder
