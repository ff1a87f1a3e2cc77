"""File ▸ Export names the class after the project (editable) and writes the
preprocessing the training used as a `transform` beside it; dialogs start in the last
folder used."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from netbuilder.gui.editor.export_dialog import last_folder, start_path
from netbuilder.gui.main_window import MainWindow
from netbuilder.training.datasets import load_dataset
from netbuilder.training.fitting import fit, network_io
from netbuilder.training.settings import TrainingSettings


def _load(path: Path) -> object:
    spec = importlib.util.spec_from_file_location("exported_net", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_export_dialog_names_the_class_and_writes_the_training_transform(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.files.export()
    dialog = window.files.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.class_edit.text() == "LeNet"  # after the project's name
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.class_edit.selectAll()
    qtbot.keyClicks(dialog.class_edit, "my net")
    assert not ok.isEnabled() and "my net" in dialog.problem.text()
    dialog.class_edit.selectAll()
    qtbot.keyClicks(dialog.class_edit, "DigitNet")
    dialog.path_edit.selectAll()
    target = tmp_path / "out" / "digit_net"
    target.parent.mkdir()
    qtbot.keyClicks(dialog.path_edit, str(target))
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    code = target.with_suffix(".py")
    source = code.read_text(encoding="utf-8")
    assert "class DigitNet(nn.Module)" in source
    assert "def transform(images: torch.Tensor)" in source
    assert "Normalize(0.5, 0.5)" in source and "32×32" in source
    assert source.index("class DigitNet") < source.index("def transform") < source.index(
        'if __name__ == "__main__":')
    assert "class DigitNet" in window.last_message

    # The transform is the training's own preprocessing: same tensors as fitting.py gives.
    exported = _load(code)
    settings = TrainingSettings(val_split=0.0)
    raw = load_dataset(settings, (1, 32, 32))
    document = window.document
    prepared = fit(raw, network_io(document.graph, document.analysis), settings)
    order = torch.randperm(len(raw.x), generator=torch.Generator().manual_seed(0))
    assert torch.allclose(exported.transform(raw.x)[order], prepared.train.x, atol=1e-6)
    model = exported.DigitNet()
    model.load_state_dict(torch.load(target.with_suffix(".pt"), weights_only=True))
    assert model(exported.transform(raw.x[:3])).shape == (3, 10)

    # The next save dialog starts where the export went.
    assert last_folder() == str(target.parent.resolve())
    assert start_path("lenet.json") == str(target.parent.resolve() / "lenet.json")


def test_uint8_images_are_scaled_as_in_training() -> None:
    from netbuilder.training.datasets import RawData
    from netbuilder.training.fitting import NetworkIO
    from netbuilder.training.preprocess import transform_source

    x = torch.randint(0, 256, (20, 1, 28, 28), dtype=torch.uint8)
    raw = RawData("fake MNIST", "classification", [str(i) for i in range(10)], x,
                  torch.arange(20) % 10, image=True)
    settings = TrainingSettings(dataset="mnist", val_split=0.0)
    net = NetworkIO((1, 32, 32), (10,), ("fc", "Linear"))
    prepared = fit(raw, net, settings)
    namespace: dict[str, object] = {"torch": torch}
    exec(transform_source(settings, (1, 32, 32)), namespace)  # noqa: S102 - our own source
    order = torch.randperm(20, generator=torch.Generator().manual_seed(0))
    ours = namespace["transform"](x)  # type: ignore[operator]
    assert torch.allclose(ours[order], prepared.train.x, atol=1e-6)
