"""The autograd DAG panel: drawn offscreen from a background build, tied to the canvas
selection, stepped in engine order, exported as PNG and SVG."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

import netbuilder.core.shapes  # noqa: E402, F401 - torch loaded: the document checks at once
from netbuilder.core.edits import SetParam  # noqa: E402
from netbuilder.core.project import load_project  # noqa: E402
from netbuilder.gui.autograd.view import DagPanel  # noqa: E402
from netbuilder.gui.editor.document import Document  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
WAIT_MS = 120_000  # the first build imports torch in the worker; other tests run too


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[DagPanel]:
    document = Document(load_project(EXAMPLES / "lenet.json"), EXAMPLES / "lenet.json")
    widget = DagPanel(document)
    qtbot.addWidget(widget)
    widget.set_loss("MSELoss")
    yield widget
    widget.shutdown()


def build(qtbot: QtBot, panel: DagPanel) -> None:
    with qtbot.waitSignal(panel.dagReady, timeout=WAIT_MS):
        panel.refresh()
        assert panel.is_building()  # the build runs in the worker: refresh() returned


def test_draws_the_lenet_dag_and_exports_png_and_svg(qtbot: QtBot, panel: DagPanel,
                                                     tmp_path: Path) -> None:
    panel.resize(700, 900)
    panel.show()
    build(qtbot, panel)
    dag = panel.dag
    assert dag is not None and dag.root.name == "MseLossBackward0"
    assert len(panel.scene.nodes) == len(dag.nodes) == 26
    assert len(panel.scene.edges) == len(dag.edges)
    assert "26 nodes" in panel.status.text()
    png, svg = tmp_path / "dag.png", tmp_path / "dag.svg"
    assert panel.export_png(png)
    image = QImage(str(png))
    assert png.stat().st_size > 1000 and image.width() > 100 and image.height() > 100
    assert panel.export_svg(svg)
    text = svg.read_text()
    assert "<svg" in text and "MseLossBackward0" in text
    assert not panel.grab().isNull()


def test_canvas_selection_and_dag_selection_follow_each_other(qtbot: QtBot, panel: DagPanel
                                                              ) -> None:
    build(qtbot, panel)
    panel.document.select(["conv2"])  # as the canvas does
    chosen = [i.node for i in panel.scene.selectedItems()]
    assert sorted(n.label for n in chosen) == ["ConvolutionBackward0", "conv2.bias 16",
                                               "conv2.weight 16×6×5×5"]
    panel.scene.clearSelection()
    assert panel.document.selection == []
    relu = next(i for i in panel.scene.nodes.values() if i.node.layer == "relu3")
    relu.setSelected(True)  # a click on a backward node
    assert panel.document.selection == ["relu3"]
    fc1 = next(i for i in panel.scene.nodes.values() if i.node.name == "TBackward0"
               and i.node.layer == "fc1")
    panel.scene.clearSelection()
    fc1.setSelected(True)
    assert panel.document.selection == ["fc1"]
    assert {i.node.layer for i in panel.scene.selectedItems()} == {"fc1"}
    assert len(panel.scene.selectedItems()) == 4  # Addmm, T and both leaves light up


def test_step_mode_walks_the_engine_order(qtbot: QtBot, panel: DagPanel) -> None:
    build(qtbot, panel)
    order = panel.dag.order
    assert panel.step == -1
    panel.step_next()
    assert panel.step == 0 and panel.scene.nodes[order[0]].current
    assert "MseLossBackward0" in panel.step_label.text()
    panel.step_next()
    panel.step_next()
    assert panel.scene.nodes[order[2]].current and not panel.scene.nodes[order[0]].current
    assert panel.scene.nodes[order[5]].opacity() < 1  # not run yet: faded
    panel.step_previous()
    assert panel.step == 1
    for _ in range(100):
        panel.step_next()
    assert panel.step == len(order) - 1
    panel.step_reset()
    assert panel.step == -1 and all(i.opacity() == 1 for i in panel.scene.nodes.values())


def test_search_and_gradient_colours(qtbot: QtBot, panel: DagPanel) -> None:
    build(qtbot, panel)
    panel.search.setText("addmm")
    assert sum(i.found for i in panel.scene.nodes.values()) == 3
    panel.search.setText("conv1.weight")
    assert [i.node.param for i in panel.scene.nodes.values() if i.found] == ["conv1.weight"]
    by_layer = {nid: i.fill.name() for nid, i in panel.scene.nodes.items()}
    panel.color_box.setCurrentIndex(1)
    assert {nid: i.fill.name() for nid, i in panel.scene.nodes.items()} != by_layer
    assert not panel.legend.isHidden()
    leaf = next(i for i in panel.scene.nodes.values() if i.node.kind == "leaf")
    assert "gradient norm" in leaf.toolTip()


def test_rebuilds_when_the_network_is_valid_again_and_uses_a_trained_model(
        qtbot: QtBot, panel: DagPanel) -> None:
    from netbuilder.core.compiler import compile_graph

    panel.show()
    build(qtbot, panel)
    document = panel.document
    assert document.push(SetParam("fc1", "in_features", 576))
    assert "problems" in panel.status.text()
    with qtbot.waitSignal(panel.dagReady, timeout=WAIT_MS):
        document.undo_stack.undo()  # valid again: the panel refreshes by itself
    model = compile_graph(document.graph).build(seed=5)
    with qtbot.waitSignal(panel.dagReady, timeout=WAIT_MS):
        panel.set_model(model)
    assert "trained weights" in panel.status.text()


def test_importing_the_panel_does_not_import_torch() -> None:
    code = "import sys, netbuilder.gui.autograd.view; print('torch' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=300, env={**os.environ,
                                                     "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_buttons_refresh_and_turn_the_layout(qtbot: QtBot, panel: DagPanel) -> None:
    from PySide6.QtCore import Qt

    panel.resize(600, 900)  # a tall panel: top to bottom
    with qtbot.waitSignal(panel.dagReady, timeout=WAIT_MS):
        qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    root = panel.scene.nodes[panel.dag.root.id]
    assert not panel.rotate_button.isChecked()
    assert root.y() == max(i.y() for i in panel.scene.nodes.values())  # the loss at the bottom
    qtbot.mouseClick(panel.rotate_button, Qt.MouseButton.LeftButton)
    root = panel.scene.nodes[panel.dag.root.id]
    assert root.x() == max(i.x() for i in panel.scene.nodes.values())  # now at the right
