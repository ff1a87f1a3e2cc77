"""Dragging a connection from a port: a rubber line while the mouse moves, a Connect
edit (or the reason it is refused) when it is released."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from netbuilder.core.building import connect
from netbuilder.core.connection_rules import connection_problem, target_port
from netbuilder.core.graph import Edge
from netbuilder.gui.i18n import fill
from netbuilder.gui.scene.edge_item import route
from netbuilder.gui.scene.node_item import NodeItem
from netbuilder.gui.scene.port_item import PortItem

if TYPE_CHECKING:
    from netbuilder.gui.scene.canvas_scene import CanvasScene


class ConnectionDrag:
    """One drag from `port` (an output, or an input dragged back to an output)."""

    def __init__(self, scene: CanvasScene, port: PortItem) -> None:
        self.scene, self.port = scene, port
        self.line = QGraphicsPathItem()
        pen = QPen(scene.colors.selection, 2.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.line.setPen(pen)
        self.line.setZValue(10)
        scene.addItem(self.line)
        self.lit: PortItem | None = None

    def _anchor(self) -> QPointF:
        node = self.port.node
        return node.output_anchor(self.port.index) if self.port.kind == "out" else \
            node.input_anchor(self.port.index)

    def candidate(self, pos: QPointF) -> tuple[Edge, PortItem | None] | None:
        """The edge a release at `pos` would make, and the port it lands on."""
        for item in self.scene.items(pos):
            port = item if isinstance(item, PortItem) else None
            node = port.node if port else item if isinstance(item, NodeItem) else None
            if node is None or node is self.port.node and port is None:
                continue
            if port is not None and port.kind == self.port.kind:
                continue
            graph = self.scene.document.graph
            if self.port.kind == "out":
                source, target = self.port.node.node_id, node.node_id
                wanted = port.index if port else None
                out = self.port.index
            else:
                source, target = node.node_id, self.port.node.node_id
                wanted = self.port.index
                out = port.index if port else 0
            if target not in graph or source not in graph:
                return None
            landing = port
            if self.port.kind == "out" and landing is None and node.in_ports:
                landing = node.in_ports[min(target_port(graph, target, None),
                                            len(node.in_ports) - 1)]
            if self.port.kind == "in" and landing is None:
                landing = node.out_port
            return Edge(source, target, target_port(graph, target, wanted), out), landing
        return None

    def move(self, pos: QPointF) -> None:
        start = self._anchor()
        path = route(start, pos) if self.port.kind == "out" else route(pos, start)
        if self.port.kind == "in" and path.isEmpty():
            path = QPainterPath(pos)
        self.line.setPath(path)
        found = self.candidate(pos)
        port = found[1] if found else None
        if port is not self.lit:
            if self.lit is not None:
                self.lit.set_highlight(None)
            self.lit = port
        if port is not None and found is not None:
            problem = connection_problem(self.scene.document.graph, found[0])
            port.set_highlight(self.scene.colors.error if problem else self.scene.colors.port_ok)

    def finish(self, pos: QPointF) -> None:
        """End the drag: connect through the undo stack, or say why not."""
        found = self.candidate(pos)
        self.cancel()
        if found is None:
            return
        edge = found[0]
        problem = connection_problem(self.scene.document.graph, edge)
        if problem:
            self.scene.message.emit(fill(QCoreApplication.translate(
                "ConnectionDrag", "Not connected: %1"), problem))
            return
        document = self.scene.document
        document.push(connect(document.graph, edge, fill=document.torch_ready))

    def cancel(self) -> None:
        if self.lit is not None:
            self.lit.set_highlight(None)
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
