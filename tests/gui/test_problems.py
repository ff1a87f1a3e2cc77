"""Mistakes on the spot: the right node turns red, the Problems panel lists the message,
clicking it shows the node, and one click on Fix repairs it (undoably)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from netbuilder.core.edits import RemoveNode
from netbuilder.core.graph import Edge
from netbuilder.gui.main_window import MainWindow
from tests.gui.helpers import set_param

FC1_MESSAGE = ("fc1 (Linear) expects 400 input features but receives 500 (20×5×5 from "
               "flatten) — set in_features to 500")


def test_invalid_edit_marks_the_node_lists_it_and_fix_resolves_it(window: MainWindow) -> None:
    doc, scene, problems = window.document, window.scene, window.problems
    assert problems.messages() == []
    set_param(window, "conv2", "out_channels", "20")
    assert doc.graph.node("conv2").params["out_channels"] == 20
    # the right node is marked, and only it
    assert scene.nodes["fc1"].messages == [FC1_MESSAGE]
    assert [n for n, item in scene.nodes.items() if item.messages] == ["fc1"]
    assert FC1_MESSAGE in scene.nodes["fc1"].toolTip()
    assert scene.edges[Edge("flatten", "fc1")].fault == FC1_MESSAGE
    assert scene.nodes["flatten"]._texts["shape"] == "N×500"
    # the panel lists it; clicking it selects and centres fc1
    assert problems.messages() == [FC1_MESSAGE]
    assert window.problems_dock.windowTitle() == "Problems (1)"
    doc.select([])
    row = problems.row_for("fc1")
    assert row is not None
    tree = problems.tree
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tree.visualItemRect(row).center())
    assert doc.selection == ["fc1"]
    view = window.canvas_view
    visible_centre = view.mapToScene(view.viewport().rect().center())
    assert (visible_centre - scene.nodes["fc1"].sceneBoundingRect().center()).manhattanLength() < 5
    # one click on Fix
    button = problems.fix_buttons["fc1"]
    assert button.text() == "Fix: set in_features to 500"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert doc.graph.node("fc1").params["in_features"] == 500
    assert doc.analysis is not None and doc.analysis.ok
    assert scene.nodes["fc1"].messages == [] and problems.messages() == []
    assert scene.edges[Edge("flatten", "fc1")].fault == ""
    assert doc.undo_stack.undoText() == "Set fc1.in_features = 500"
    doc.undo_stack.undo()
    assert scene.nodes["fc1"].messages == [FC1_MESSAGE]


def test_inspector_shows_the_problem_with_its_fix_too(window: MainWindow) -> None:
    set_param(window, "conv2", "out_channels", "20")
    window.document.select(["fc1"])
    buttons = window.inspector.fix_buttons
    assert [b.text() for b in buttons] == ["Fix: set in_features to 500"]
    QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert window.document.analysis is not None and window.document.analysis.ok


def test_network_level_problems_are_listed(window: MainWindow) -> None:
    window.document.push(RemoveNode("output"))
    messages = window.problems.messages()
    assert any(m.startswith("network has no Output node") for m in messages)
    assert any(m.startswith("fc3 (Linear) does not lead to the Output") for m in messages)
    assert window.check_label.text() == f"⚠ {len(messages)} problems"
