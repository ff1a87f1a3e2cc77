"""The canvas driven by real mouse, key and drag-and-drop events."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from netbuilder.core.edits import AddNode, Connect
from netbuilder.core.graph import Edge, Node
from netbuilder.core.layout import layered_positions
from netbuilder.gui.main_window import MainWindow
from netbuilder.gui.scene.node_item import HEIGHT
from tests.gui.conftest import EXAMPLES, MakeWindow, click, drag, move, press, release


def centre(window: MainWindow, node_id: str) -> QPointF:
    return window.scene.nodes[node_id].sceneBoundingRect().center()


def out_port(window: MainWindow, node_id: str) -> QPointF:
    return window.scene.nodes[node_id].output_anchor()


def in_port(window: MainWindow, node_id: str, index: int = 0) -> QPointF:
    return window.scene.nodes[node_id].input_anchor(index)


def drop_layer(window: MainWindow, type_name: str, at: QPoint) -> None:
    """What the palette's drag delivers to the canvas: enter, move, drop."""
    palette = window.palette_panel
    mime = palette.tree.mimeData([palette.items[type_name]])
    viewport = window.canvas_view.viewport()
    copy = Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Qt declares the enter and move events with a QPoint, the drop with a QPointF.
    enter = QDragEnterEvent(at, copy, mime, left, none)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(at, copy, mime, left, none))
    drop = QDropEvent(QPointF(at), copy, mime, left, none)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def add_beside(window: MainWindow, type_name: str, node_id: str, beside: str) -> None:
    pos = window.document.graph.node(beside).pos
    assert pos is not None
    window.document.push(AddNode(Node(node_id, type_name, {}, (pos[0] + 300, pos[1]))))
    window.canvas_view.centerOn(centre(window, node_id))


def test_a_long_type_name_gives_way_to_the_node_id(window: MainWindow) -> None:
    """TransformerEncoderLayer is elided before the id the code will name is."""
    window.document.push(AddNode(Node("encoder", "TransformerEncoderLayer",
                                      {"d_model": 32, "nhead": 4}, (900.0, 0.0))))
    texts = window.scene.nodes["encoder"]._texts
    assert texts["title"] == "encoder"
    assert texts["type"].endswith("…") and texts["type"].startswith("Transformer")
    assert window.scene.nodes["conv1"]._texts["type"] == "Conv2d"


def test_nodes_show_id_type_key_params_and_shapes(window: MainWindow) -> None:
    conv1 = window.scene.nodes["conv1"]
    assert conv1._texts["title"] == "conv1"
    assert conv1._texts["params"] == "1→6  k=5  s=1  p=0"
    assert conv1._texts["shape"] == "N×6×28×28"
    assert window.scene.nodes["flatten"]._texts["shape"] == "N×400"
    assert window.scene.edges[Edge("pool2", "flatten")].label == "N×16×5×5"
    assert len(conv1.in_ports) == 1 and conv1.out_port is not None
    assert window.scene.nodes["input"].in_ports == []
    assert window.scene.nodes["output"].out_port is None


def test_drop_of_palette_item_adds_node_at_drop_position(window: MainWindow) -> None:
    view = window.canvas_view
    before = set(window.document.graph.nodes)
    # Empty canvas beside the network (a drop onto a node or an edge would join it).
    view.centerOn(window.scene.itemsBoundingRect().topRight() + QPointF(300, 200))
    at = QPoint(view.viewport().width() // 2, view.viewport().height() // 2)
    drop_layer(window, "Conv2d", at)
    added = set(window.document.graph.nodes) - before
    assert added == {"conv3"}
    where = view.mapToScene(at)
    node = window.document.graph.node("conv3")
    assert node.type == "Conv2d"
    assert node.pos == (round(where.x()), round(where.y() - HEIGHT / 2))
    item = window.scene.nodes["conv3"]
    assert item.sceneBoundingRect().contains(where)
    assert window.document.undo_stack.undoText() == "Add Conv2d conv3"
    assert window.document.selection == ["conv3"]


def test_double_click_in_palette_adds_node(window: MainWindow) -> None:
    palette = window.palette_panel
    tree = palette.tree
    item = palette.items["Dropout"]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    # a real double-click: press, release, then the press the system reports as double
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())
    assert "dropout1" in window.document.graph
    assert window.document.undo_stack.count() == 1


def test_drag_from_output_port_to_input_port_creates_edge(window: MainWindow) -> None:
    add_beside(window, "ReLU", "extra", "pool2")
    view = window.canvas_view
    drag(view, out_port(window, "pool2"), in_port(window, "extra"))
    assert Edge("pool2", "extra") in window.document.graph.edges
    assert window.document.undo_stack.undoText() == "Connect pool2 → extra"
    assert Edge("pool2", "extra") in window.scene.edges
    window.document.undo_stack.undo()
    assert Edge("pool2", "extra") not in window.scene.edges


def test_drag_from_input_port_back_to_an_output_connects_too(window: MainWindow) -> None:
    add_beside(window, "ReLU", "extra", "relu2")
    drag(window.canvas_view, in_port(window, "extra"), out_port(window, "relu2"))
    assert Edge("relu2", "extra") in window.document.graph.edges


def test_connections_that_can_never_be_valid_are_refused_with_a_reason(
        window: MainWindow) -> None:
    view, doc = window.canvas_view, window.document
    edges = list(doc.graph.edges)
    # into Input (dropped on its body: it has no input port)
    view.centerOn(centre(window, "input"))
    drag(view, out_port(window, "conv1"), centre(window, "input"))
    assert "into input (Input)" in window.last_message
    # a second edge into a single-input port
    view.centerOn(centre(window, "relu1"))
    drag(view, out_port(window, "input"), in_port(window, "relu1"))
    assert "relu1 (ReLU) takes one input and already receives one from conv1" in \
        window.last_message
    # a cycle: loose → add1, then add1's output dragged back into loose
    add_beside(window, "ReLU", "loose", "relu3")
    add_beside(window, "Add", "add1", "fc2")
    doc.push(Connect(Edge("loose", "add1")))
    view.centerOn((centre(window, "loose") + centre(window, "add1")) / 2)
    drag(view, out_port(window, "add1"), in_port(window, "loose"))
    assert "would make a cycle" in window.last_message
    assert "Not connected" in window.last_message
    assert doc.graph.edges == [*edges, Edge("loose", "add1")]


def test_move_is_one_undoable_edit_on_release(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    view.centerOn(centre(window, "conv1"))
    start = centre(window, "conv1")
    x0, y0 = doc.graph.node("conv1").pos or (0, 0)
    count = doc.undo_stack.count()
    drag(view, start, start + QPointF(120, 10), steps=8)
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Move conv1"
    x, y = doc.graph.node("conv1").pos or (0, 0)
    assert abs(x - x0 - 120) <= 2 and abs(y - y0 - 10) <= 2
    doc.undo_stack.undo()
    assert doc.graph.node("conv1").pos == (x0, y0)
    assert window.scene.nodes["conv1"].pos() == QPointF(x0, y0)


def test_rubber_band_and_ctrl_click_select_then_move_together(window: MainWindow) -> None:
    doc, view, scene = window.document, window.canvas_view, window.scene
    view.centerOn(centre(window, "relu1"))
    top_left = scene.nodes["conv1"].sceneBoundingRect().topLeft() + QPointF(-60, -4)
    bottom_right = scene.nodes["relu1"].sceneBoundingRect().bottomRight() + QPointF(60, 5)
    drag(view, top_left, bottom_right, steps=10)
    assert doc.selection == ["conv1", "relu1"]
    click(view, centre(window, "pool1"), Qt.KeyboardModifier.ControlModifier)
    assert doc.selection == ["conv1", "relu1", "pool1"]
    count = doc.undo_stack.count()
    before = [doc.graph.node(n).pos or (0, 0) for n in ("conv1", "relu1", "pool1")]
    drag(view, centre(window, "relu1"), centre(window, "relu1") + QPointF(200, 0))
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Move 3 nodes"
    assert [doc.graph.node(n).pos for n in ("conv1", "relu1", "pool1")] == [
        (x + 200, y) for x, y in before]


def test_delete_key_removes_selection_and_undo_restores(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    view.centerOn(centre(window, "relu1"))
    click(view, centre(window, "relu1"))
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "relu1" not in doc.graph and "relu1" not in window.scene.nodes
    assert not any("relu1" in (e.source, e.target) for e in doc.graph.edges)
    doc.undo_stack.undo()
    assert Edge("conv1", "relu1") in window.scene.edges


def test_selected_edge_is_deleted_as_a_disconnect(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    edge_item = window.scene.edges[Edge("fc1", "relu3")]
    point = edge_item._path.pointAtPercent(0.3)
    view.centerOn(point)
    click(view, point)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert Edge("fc1", "relu3") not in doc.graph.edges
    assert doc.undo_stack.undoText() == "Disconnect fc1 → relu3"
    assert "fc1" in doc.graph


def test_copy_paste_and_duplicate_give_fresh_unique_ids(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    doc.select(["conv1", "relu1"])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.selection == ["conv3", "relu5"]
    assert Edge("conv3", "relu5") in doc.graph.edges
    assert doc.graph.node("conv3").params == doc.graph.node("conv1").params
    x, y = doc.graph.node("conv1").pos or (0, 0)
    assert doc.graph.node("conv3").pos == (x + 40, y + 40)
    assert doc.undo_stack.undoText() == "Paste 2 nodes"
    QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert doc.selection == ["conv4", "relu6"]
    assert len(set(doc.graph.nodes)) == 14 + 4


def test_double_click_on_node_opens_its_inspector(window: MainWindow) -> None:
    view = window.canvas_view
    view.centerOn(centre(window, "fc1"))
    point = view.mapFromScene(centre(window, "fc1"))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     point)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, point)
    assert window.document.selection == ["fc1"]
    assert window.inspector.node_id == "fc1"
    first = window.inspector.editors["in_features"].box
    assert QApplication.focusWidget() in (first, first.lineEdit())


def test_wheel_zooms_around_the_cursor(window: MainWindow) -> None:
    view = window.canvas_view
    at = QPoint(view.viewport().width() // 3, view.viewport().height() // 3)
    before = view.mapToScene(at)
    zoom = view.zoom
    wheel = QWheelEvent(QPointF(at), QPointF(view.viewport().mapToGlobal(at)), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom > zoom * 1.3
    after = view.mapToScene(at)
    assert abs(after.x() - before.x()) < 2 / view.zoom + 1
    assert abs(after.y() - before.y()) < 2 / view.zoom + 1


def test_middle_button_pans(window: MainWindow) -> None:
    view = window.canvas_view
    centre_before = view.mapToScene(view.viewport().rect().center())
    start = QPoint(300, 300)
    QTest.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier,
                     start)
    QTest.mouseMove(view.viewport(), QPoint(250, 200))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton,
                       Qt.KeyboardModifier.NoModifier, QPoint(250, 200))
    centre_after = view.mapToScene(view.viewport().rect().center())
    assert centre_after.y() > centre_before.y() + 50


def test_fit_to_view_shows_every_node(window: MainWindow) -> None:
    window.act.fit.trigger()
    visible = window.canvas_view.mapToScene(window.canvas_view.viewport().rect()).boundingRect()
    for item in window.scene.nodes.values():
        assert visible.contains(item.sceneBoundingRect())


def test_tidy_layout_is_one_undoable_batch(window: MainWindow) -> None:
    doc = window.document
    add_beside(window, "ReLU", "stray", "conv2")
    placed = doc.graph.node("stray").pos
    doc.push(Connect(Edge("relu2", "stray")))
    count = doc.undo_stack.count()
    window.act.tidy.trigger()
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Tidy layout"
    wanted = layered_positions(doc.graph, window.canvas_view.aspect())
    assert {n.id: n.pos for n in doc.graph} == wanted
    assert window.scene.nodes["stray"].pos() == QPointF(*wanted["stray"])
    doc.undo_stack.undo()
    assert doc.graph.node("stray").pos == placed


def test_connection_drag_shows_live_feedback_and_cancels_cleanly(window: MainWindow) -> None:
    view = window.canvas_view
    view.centerOn(centre(window, "conv2"))
    items_before = len(window.scene.items())
    press(view, out_port(window, "input"))
    move(view, in_port(window, "conv2") + QPointF(0, -30))
    move(view, in_port(window, "conv2"))
    assert window.scene.nodes["conv2"].in_ports[0].highlight == window.scene.colors.error
    release(view, QPointF(900, -500))
    assert len(window.scene.items()) == items_before
    assert window.scene.nodes["conv2"].in_ports[0].highlight is None


def test_nodes_without_saved_positions_are_laid_out_and_stay_unsaved(
        make_window: MakeWindow, tmp_path: Path) -> None:
    from netbuilder.core.project import load_project, save_project

    project = load_project(EXAMPLES / "residual_add.json")
    for node in project.graph:
        project.graph.move(node.id, None)
    path = tmp_path / "no_pos.json"
    save_project(project, path)
    saved = path.read_bytes()
    window = make_window(path)
    wanted = layered_positions(window.document.graph)
    assert {n: (i.pos().x(), i.pos().y()) for n, i in window.scene.nodes.items()} == wanted
    view = window.canvas_view
    view.centerOn(centre(window, "conv2"))
    drag(view, centre(window, "conv2"), centre(window, "conv2") + QPointF(-300, 0))
    assert window.document.graph.node("conv2").pos is not None
    window.document.undo_stack.undo()
    assert window.scene.nodes["conv2"].pos() == QPointF(*wanted["conv2"])
    assert window.files.save()
    assert path.read_bytes() == saved


def test_locked_graph_refuses_moves_and_connections(window: MainWindow) -> None:
    doc, view = window.document, window.canvas_view
    doc.set_locked("Training is running")
    view.centerOn(centre(window, "conv1"))
    start = centre(window, "conv1")
    before = doc.graph.node("conv1").pos or (0, 0)
    drag(view, start, start + QPointF(150, 0))
    assert doc.graph.node("conv1").pos == before
    assert window.scene.nodes["conv1"].pos() == QPointF(*before)
    drag(view, out_port(window, "input"), in_port(window, "conv1"))
    assert "Training is running" in window.last_message
    assert doc.undo_stack.count() == 0
    doc.set_locked("")
    assert window.inspector.page.isEnabled()
