"""Imported models on the canvas: groups as blocks, expand and collapse in place, group a
selection (undoable), File ▸ Import PyTorch Model… in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from netbuilder.gui.main_window import MainWindow
from netbuilder.gui.scene.group_item import GroupItem
from tests.gui.conftest import MakeWindow, view_point

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lenet_tutorial.py"


def _import(qtbot: QtBot, window: MainWindow, spec: str, shape: str = "") -> object:
    with qtbot.waitSignal(window.importer.finished, timeout=120_000):
        window.importer.start(spec, shape)
    return window.importer.last_result


def test_resnet18_imports_collapsed_and_expands_in_place(qtbot: QtBot,
                                                         make_window: MakeWindow) -> None:
    window = make_window(None)
    window.document.undo_stack.setClean()
    result = _import(qtbot, window, "torchvision.models:resnet18", "3,64,64")
    assert not isinstance(result, str), result
    scene = window.scene
    assert set(scene.groups) == {"layer1", "layer2", "layer3", "layer4"}
    assert not scene.nodes["layer1_0_conv1"].isVisible()
    assert scene.nodes["conv1"].isVisible() and scene.nodes["fc"].isVisible()
    layer1 = scene.groups["layer1"]
    analysis = window.document.analysis
    assert analysis is not None
    expected = sum(info.params for nid, info in analysis.nodes.items()
                   if (window.document.graph.nodes[nid].group or "").startswith("layer1"))
    assert layer1.param_count == expected == 147_968
    assert layer1.spec.type == "Sequential" and layer1.output_shape == (2, 64, 16, 16)
    # one edge into and one out of each block: the network reads as a chain of 10
    assert len([i for i in scene.items() if isinstance(i, GroupItem)]) == 4
    view = window.canvas_view
    view.centerOn(layer1)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0),
                      view_point(view, layer1.sceneBoundingRect().center()))
    assert {"layer1.0", "layer1.1", "layer2"} <= set(scene.groups)
    assert "layer1" not in scene.groups
    assert scene.groups["layer1.0"].spec.type == "BasicBlock"
    window.act.expand_groups.trigger()
    assert not scene.groups and scene.nodes["layer1_0_conv1"].isVisible()


def test_an_unrepresentable_model_is_refused_with_its_line(qtbot: QtBot,
                                                          make_window: MakeWindow) -> None:
    window = make_window(None)
    before = window.document.project
    result = _import(qtbot, window, f"{FIXTURE}:WithFFT", "8")
    assert isinstance(result, str) and "torch.fft.fft" in result
    assert "lenet_tutorial.py:" in result
    assert window.document.project is before
    assert window.files.last_error is not None
    assert "torch.fft.fft" in window.files.last_error.text()


def test_group_a_selection_collapse_it_and_undo(window: MainWindow) -> None:
    doc = window.document
    assert window.group_nodes(["conv1", "relu1", "pool1"], "features")
    assert [doc.graph.nodes[n].group for n in ("conv1", "relu1", "pool1", "conv2")] == [
        "features", "features", "features", None]
    window.scene.collapse_all()
    block = window.scene.groups["features"]
    assert block.param_count == 156 and block.output_shape == (2, 6, 14, 14)
    assert not window.scene.nodes["relu1"].isVisible()
    doc.undo_stack.undo()
    assert doc.graph.nodes["conv1"].group is None
    assert not window.scene.groups and window.scene.nodes["relu1"].isVisible()


def test_one_port_per_tensor_in_and_out(make_window: MakeWindow, tmp_path: Path) -> None:
    import shutil

    from netbuilder.core.edits import AddNode, Batch, Connect
    from netbuilder.core.graph import Edge, Node

    path = tmp_path / "lstm.json"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "resources" / "examples" /
                    "sequence_lstm.json", path)
    window = make_window(path)
    scene = window.scene
    lstm = scene.nodes["lstm"]
    assert len(lstm.out_ports) == 3  # output, h_n, c_n
    assert "h_n" in lstm.out_ports[1].toolTip()
    assert window.document.push(Batch("attention", [
        AddNode(Node("h_last", "Index", {"index": "-1"})),
        Connect(Edge("lstm", "h_last", 0, 1)),
        AddNode(Node("attn", "MultiheadAttention", {"embed_dim": 8, "num_heads": 2,
                                                     "batch_first": True}))]))
    edge = scene.edges[Edge("lstm", "h_last", 0, 1)]
    start = edge._path.pointAtPercent(0)  # where the drawn line begins
    assert (start - lstm.out_ports[1].scenePos()).manhattanLength() < 1
    assert window.document.analysis.nodes["h_last"].input_shapes == [(1, 2, 64)]  # h_n
    assert len(scene.nodes["attn"].in_ports) == 3
    assert "key" in scene.nodes["attn"].in_ports[1].toolTip()
