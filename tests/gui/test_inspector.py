"""The inspector: a form from the ParamSpec schema whose edits are undoable commands."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.project import Project, save_project
from netbuilder.gui.main_window import MainWindow
from netbuilder.gui.panels.param_editors import (
    ChoiceEditor,
    Int2Editor,
    IntEditor,
    OptionalEditor,
    TextEditor,
)
from tests.gui.conftest import MakeWindow
from tests.gui.helpers import choose, set_param, settle, type_into


def small_cnn(path: Path) -> Path:
    g = Graph()
    chain = [("input", "Input", {"shape": [1, 28, 28]}),
             ("conv1", "Conv2d", {"in_channels": 1, "out_channels": 8, "kernel_size": 3}),
             ("relu1", "ReLU", {}), ("pool1", "MaxPool2d", {"kernel_size": 2}),
             ("conv2", "Conv2d", {"in_channels": 8, "out_channels": 16, "kernel_size": 3}),
             ("relu2", "ReLU", {}), ("flatten", "Flatten", {}), ("output", "Output", {})]
    for i, (nid, type_name, params) in enumerate(chain):
        g.add_node(Node(nid, type_name, params, (0.0, 120.0 * i)))
        if i:
            g.add_edge(Edge(chain[i - 1][0], nid))
    save_project(Project("Small CNN", g), path)
    return path


def shapes(window: MainWindow) -> dict[str, str]:
    return {nid: item._texts["shape"] for nid, item in window.scene.nodes.items()}


def test_inspector_change_updates_every_node_downstream(make_window: MakeWindow,
                                                        tmp_path: Path) -> None:
    window = make_window(small_cnn(tmp_path / "cnn.json"))
    assert shapes(window) == {
        "input": "N×1×28×28", "conv1": "N×8×26×26", "relu1": "N×8×26×26",
        "pool1": "N×8×13×13", "conv2": "N×16×11×11", "relu2": "N×16×11×11",
        "flatten": "N×1936", "output": "N×1936"}
    window.document.select(["conv1"])
    editor = window.inspector.editors["padding"]
    assert isinstance(editor, Int2Editor)
    type_into(editor.h, "1")  # one number is a square: the width follows, padding 1
    assert editor.w.value() == 1
    assert window.document.graph.node("conv1").params["padding"] == 1
    assert shapes(window) == {
        "input": "N×1×28×28", "conv1": "N×8×28×28", "relu1": "N×8×28×28",
        "pool1": "N×8×14×14", "conv2": "N×16×12×12", "relu2": "N×16×12×12",
        "flatten": "N×2304", "output": "N×2304"}
    assert window.inspector.out_shape.text() == "N×8×28×28"
    rows = {r[0]: r[2] for r in window.summary.model.rows}
    assert rows["flatten"] == "N×2304"
    type_into(editor.w, "0")  # a different width makes a rectangle: (1, 0)
    assert window.document.graph.node("conv1").params["padding"] == [1, 0]
    assert shapes(window)["flatten"] == "N×2112"  # 16×12×11
    # two edits, each undoable
    assert window.document.undo_stack.count() == 2
    window.document.undo_stack.undo()
    assert window.document.graph.node("conv1").params["padding"] == 1


def test_form_follows_the_schema(window: MainWindow) -> None:
    window.document.select(["conv1"])
    eds = window.inspector.editors
    assert list(eds) == ["in_channels", "out_channels", "kernel_size", "stride", "padding",
                         "dilation", "groups", "bias", "padding_mode"]
    assert isinstance(eds["in_channels"], IntEditor)
    assert eds["in_channels"].box.minimum() == 1
    assert isinstance(eds["kernel_size"], Int2Editor)
    assert isinstance(eds["bias"].box, QCheckBox)
    assert isinstance(eds["padding_mode"], ChoiceEditor)
    assert [eds["padding_mode"].box.itemText(i) for i in range(4)] == [
        "zeros", "reflect", "replicate", "circular"]
    assert window.inspector.count.text() == "156"
    assert window.inspector.in_shape.text() == "N×1×32×32"
    window.document.select(["pool1"])
    stride = window.inspector.editors["stride"]
    assert isinstance(stride, OptionalEditor) and not stride.check.isChecked()
    stride.check.click()
    assert window.document.graph.node("pool1").params["stride"] == 1
    window.document.select(["input"])
    shape = window.inspector.editors["shape"]
    assert isinstance(shape, TextEditor) and shape.line.text() == "1, 32, 32"


def test_choices_booleans_and_resets_are_undoable_edits(window: MainWindow) -> None:
    doc = window.document
    doc.select(["conv1"])
    eds = window.inspector.editors
    choose(eds["padding_mode"].box, "reflect")
    assert doc.graph.node("conv1").params["padding_mode"] == "reflect"
    eds["bias"].box.click()
    assert doc.graph.node("conv1").params["bias"] is False
    assert doc.undo_stack.undoText() == "Set conv1.bias = False"
    reset = window.inspector.reset_buttons["padding_mode"]
    settle()  # Qt shows new form rows from the event loop
    assert reset.isVisible()
    reset.click()
    assert "padding_mode" not in doc.graph.node("conv1").params
    doc.undo_stack.undo()
    assert list(doc.graph.node("conv1").params) == [
        "in_channels", "out_channels", "kernel_size", "padding_mode", "bias"]


def test_refused_value_is_explained_and_the_form_shows_the_model(window: MainWindow) -> None:
    doc = window.document
    doc.select(["input"])
    line = window.inspector.editors["shape"].line
    assert isinstance(line, QLineEdit)
    type_into(line, "0, 5")
    assert doc.graph.node("input").params["shape"] == [1, 32, 32]
    assert "border" in line.styleSheet()
    type_into(line, "3 32 32")
    assert doc.graph.node("input").params["shape"] == [3, 32, 32]
    assert any("conv1 (Conv2d) expects 1 input channels but receives 3" in m
               for m in window.problems.messages())


def test_rename_checks_the_id(window: MainWindow) -> None:
    doc = window.document
    set_param(window, "conv1", "out_channels", "6")  # unchanged: no edit
    assert doc.undo_stack.count() == 0
    doc.select(["conv1"])
    edit = window.inspector.id_edit
    type_into(edit, "conv 1")
    assert "conv1" in doc.graph and "not a valid name" in window.inspector.id_problem.text()
    assert "Not renamed" in window.last_message
    type_into(edit, "conv2")
    assert "already a node named 'conv2'" in window.inspector.id_problem.text()
    type_into(edit, "forward")
    assert "nn.Module attribute" in window.inspector.id_problem.text()
    type_into(edit, "features")
    assert "features" in doc.graph and "conv1" not in doc.graph
    assert Edge("input", "features") in doc.graph.edges
    assert doc.selection == ["features"]
    assert doc.undo_stack.undoText() == "Rename conv1 → features"
    assert window.scene.nodes["features"]._texts["title"] == "features"
    doc.undo_stack.undo()
    assert doc.selection == ["conv1"] and edit.text() == "conv1"


def test_multiple_selection_and_nothing_selected(window: MainWindow) -> None:
    window.document.select(["conv1", "relu1"])
    assert window.inspector.node_id is None
    assert "2 layers selected" in window.inspector.placeholder.text()
    window.document.select([])
    assert not window.inspector.page.isVisible()


def test_int_fields_use_spin_boxes_with_ranges(window: MainWindow) -> None:
    window.document.select(["fc1"])
    box = window.inspector.editors["out_features"].box
    assert isinstance(box, QSpinBox) and box.minimum() == 1
    set_param(window, "fc1", "out_features", "0")  # below the minimum: the box refuses
    assert window.document.graph.node("fc1").params["out_features"] == 120
    window.document.select(["relu1"])
    assert isinstance(window.inspector.editors["inplace"].box, QCheckBox)
    window.document.select(["fc1"])
    assert not isinstance(window.inspector.editors["bias"], QComboBox)
