"""A node's input or output port: the handle a connection is dragged from or to.

A port never edits the graph: pressing it asks the scene to start a connection drag,
and the scene turns a successful drop into a Connect edit pushed on the undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

if TYPE_CHECKING:
    from netbuilder.gui.scene.canvas_scene import CanvasScene
    from netbuilder.gui.scene.node_item import NodeItem

RADIUS = 6.5
HIT = 11.0  # the area that takes the mouse is larger than the dot, for easy aiming


class PortItem(QGraphicsItem):
    """kind is 'in' or 'out'; index is the target port number for inputs."""

    def __init__(self, node: NodeItem, kind: str, index: int = 0) -> None:
        super().__init__(node)
        self.node, self.kind, self.index = node, kind, index
        self.highlight: QColor | None = None
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setZValue(2)
        self.setToolTip(
            QCoreApplication.translate("PortItem", "Output: drag to another layer's input to "
                                       "connect") if kind == "out" else
            QCoreApplication.translate("PortItem", "Input %1: drag to another layer's output to "
                                       "connect").replace("%1", str(index)))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return QRectF(-HIT, -HIT, 2 * HIT, 2 * HIT)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        colors = self.node.colors
        fill = self.highlight or (colors.selection if self._hover else colors.port)
        radius = RADIUS * (1.35 if self._hover or self.highlight else 1.0)
        painter.setPen(QPen(colors.node_body, 2))
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(QRectF(-radius, -radius, 2 * radius, 2 * radius))

    def set_highlight(self, color: QColor | None) -> None:
        if color != self.highlight:
            self.highlight = color
            self.update()

    def _scene(self) -> CanvasScene:
        return self.scene()  # type: ignore[return-value]

    # ---- the connection drag --------------------------------------------------------------
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self._hover = False
        self.update()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._scene().begin_connection(self, event.scenePos())
            event.accept()
        else:
            event.ignore()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._scene().drag_connection(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._scene().end_connection(event.scenePos())
