"""Building is quick (issue 11): real events on the real widgets — drops onto a
connection, palette double-clicks, typed values, Delete — and LeNet from an empty project
in at most 25 counted actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from netbuilder.core.project import dumps
from netbuilder.gui.main_window import MainWindow
from tests.gui.conftest import MakeWindow, click, drag
from tests.gui.helpers import settle, type_into
from tests.gui.test_canvas import centre, drop_layer, in_port, out_port


def _edges(window: MainWindow) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in window.document.graph.edges}


def test_a_drop_onto_a_connection_inserts_the_layer_with_its_size_filled(
        window: MainWindow) -> None:
    before = dumps(window.document.project)
    view = window.canvas_view
    point = window.scene.edges[next(e for e in window.document.graph.edges
                                    if (e.source, e.target) == ("pool1", "conv2"))]._path \
        .pointAtPercent(0.5)
    view.centerOn(point)
    drop_layer(window, "BatchNorm2d", view.mapFromScene(point))
    assert {("pool1", "bn1"), ("bn1", "conv2")} <= _edges(window)
    assert ("pool1", "conv2") not in _edges(window)
    assert window.document.graph.nodes["bn1"].params["num_features"] == 6
    assert window.document.analysis is not None and window.document.analysis.ok
    window.document.undo_stack.undo()  # node, connections, size: one step
    assert dumps(window.document.project) == before


def test_connecting_fills_the_input_size_as_part_of_the_same_edit(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    doc.select([])
    free = window.scene.itemsBoundingRect().topRight() + QPointF(300, 200)
    view.centerOn(free)
    drop_layer(window, "Linear", view.mapFromScene(free))
    assert doc.selection == ["fc4"] and set(_edges(window)).isdisjoint(
        {("fc3", "fc4"), ("fc4", "output")})  # nothing was selected: not connected
    assert doc.graph.nodes["fc4"].params["in_features"] == 1  # nothing arrives yet
    steps = doc.undo_stack.count()
    view.centerOn((out_port(window, "fc1") + in_port(window, "fc4")) / 2)
    drag(view, out_port(window, "fc1"), in_port(window, "fc4"))
    assert ("fc1", "fc4") in _edges(window)
    assert doc.graph.nodes["fc4"].params["in_features"] == 120
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert ("fc1", "fc4") not in _edges(window)
    assert doc.graph.nodes["fc4"].params["in_features"] == 1


def test_delete_keeps_the_chain_joined(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    view.centerOn(centre(window, "relu1"))
    click(view, centre(window, "relu1"))
    assert doc.selection == ["relu1"]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "relu1" not in doc.graph.nodes and ("conv1", "pool1") in _edges(window)
    assert doc.analysis is not None and doc.analysis.ok
    doc.undo_stack.undo()
    assert {("conv1", "relu1"), ("relu1", "pool1")} <= _edges(window)


class Actions:
    """Counts what a person does: a click, a double-click, a typed value, a scroll."""

    def __init__(self, window: MainWindow) -> None:
        self.window, self.count = window, 0
        self.palette = window.palette_panel.tree

    def click_node(self, node_id: str) -> None:
        view = self.window.canvas_view
        point = centre(self.window, node_id)
        if not view.viewport().rect().contains(view.mapFromScene(point)):
            view.centerOn(point)
            self.count += 1  # a pan to get there
        click(view, point)
        self.count += 1

    def add(self, type_name: str) -> None:
        """Double-click the layer in the palette (scrolling to it counts, if needed)."""
        item = self.window.palette_panel.items[type_name]
        bar = self.palette.verticalScrollBar()
        before = bar.value()
        self.palette.scrollToItem(item)
        self.count += bar.value() != before
        rect = self.palette.visualItemRect(item)
        # one double-click: press, release, then the press the system reports as double
        QTest.mouseClick(self.palette.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseDClick(self.palette.viewport(), Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, rect.center())
        self.count += 1
        settle()

    def type(self, name: str, text: str, field: str = "box") -> None:
        editor = self.window.inspector.editors[name]
        type_into(getattr(editor, field), text)
        self.count += 1
        settle()


def test_lenet_from_an_empty_project_in_at_most_25_actions(make_window: MakeWindow,
                                                           examples_dir: Path) -> None:
    window = make_window(None)
    window.resize(1366, 768)
    settle()
    doc = window.document
    act = Actions(window)
    act.click_node("input")
    act.type("shape", "1, 32, 32", "line")
    for out_channels in ("6", "16"):
        act.add("Conv2d")
        act.type("out_channels", out_channels)
        act.type("kernel_size", "5", "h")  # one number: a 5×5 kernel
        act.type("padding", "0", "h")
        act.add("ReLU")
        act.add("MaxPool2d")  # kernel 2 to start with
    act.add("Flatten")
    for i, out_features in enumerate(("120", "84", "10")):
        if i:
            act.add("ReLU")
        act.add("Linear")
        act.type("out_features", out_features)

    assert act.count <= 25, act.count
    analysis = doc.analysis
    assert analysis is not None and analysis.ok, [d.message for d in analysis.diagnostics]
    assert analysis.total_params == 61_706  # the tutorial's LeNet
    shapes = {doc.graph.nodes[n].type + str(i): analysis.nodes[n].output_shape[1:]
              for i, n in enumerate(analysis.order)}
    assert list(shapes.values()) == [(1, 32, 32), (6, 28, 28), (6, 28, 28), (6, 14, 14),
                                     (16, 10, 10), (16, 10, 10), (16, 5, 5), (400,), (120,),
                                     (120,), (84,), (84,), (10,), (10,)]
    types = [doc.graph.nodes[n].type for n in analysis.order]
    assert types == ["Input", "Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d",
                     "Flatten", "Linear", "ReLU", "Linear", "ReLU", "Linear", "Output"]
    print(f"LeNet built in {act.count} actions")


def test_a_drop_onto_a_node_follows_it_and_hides_nothing(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    view.centerOn(centre(window, "fc1"))
    drop_layer(window, "Dropout", view.mapFromScene(centre(window, "fc1")))
    assert {("fc1", "dropout1"), ("dropout1", "relu3")} <= _edges(window)
    new = window.scene.nodes["dropout1"].sceneBoundingRect()
    for node_id, item in window.scene.nodes.items():
        if node_id != "dropout1":
            assert not item.sceneBoundingRect().intersects(new), node_id
    assert doc.analysis is not None and doc.analysis.ok
