"""A connection on the canvas: a curve from an output port to an input port, labelled
with the tensor shape it carries, marked when the shape checker blames it."""

from __future__ import annotations

import html

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from netbuilder.core.graph import Edge
from netbuilder.gui.scene.node_item import DETAIL_LOD, WIDTH, NodeItem
from netbuilder.gui.style.theme import CanvasColors

ARROW = 9.0
SKIP_DY = 200.0  # an edge spanning more than this detours beside the nodes in between


def _label_font() -> QFont:
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    font.setPixelSize(12)
    return font


def route(start: QPointF, end: QPointF) -> QPainterPath:
    """Top-to-bottom curve; a long edge swings out to the right so it does not run
    through the nodes stacked between its ends (a ResNet skip connection)."""
    path = QPainterPath(start)
    dy = end.y() - start.y()
    if dy > SKIP_DY and abs(end.x() - start.x()) < WIDTH:
        side = max(start.x(), end.x()) + WIDTH / 2 + 36
        path.cubicTo(QPointF(start.x(), start.y() + 40), QPointF(side, start.y() + 20),
                     QPointF(side, start.y() + 70))
        path.lineTo(side, end.y() - 70)
        path.cubicTo(QPointF(side, end.y() - 20), QPointF(end.x(), end.y() - 40), end)
        return path
    if dy < -SKIP_DY and abs(end.x() - start.x()) >= WIDTH:
        # Tidy wrapped a long chain into columns: climb the gap between them.
        gap = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(start.x(), start.y() + 40), QPointF(gap, start.y() + 40),
                     QPointF(gap, start.y() - 10))
        path.lineTo(gap, end.y() - 10)
        path.cubicTo(QPointF(gap, end.y() - 32), QPointF(end.x(), end.y() - 32), end)
        return path
    bend = max(30.0, abs(dy) / 2) if dy > 0 else 80.0
    path.cubicTo(QPointF(start.x(), start.y() + bend), QPointF(end.x(), end.y() - bend), end)
    return path


class EdgeItem(QGraphicsItem):
    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem,
                 colors: CanvasColors) -> None:
        super().__init__()
        self.edge, self.source, self.target, self.colors = edge, source, target, colors
        self.label = ""
        self.fault = ""
        self._path = QPainterPath()
        self._label_rect = QRectF()
        self._font = _label_font()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)
        source.edges.append(self)
        target.edges.append(self)
        self.update_path()

    def detach(self) -> None:
        for node in (self.source, self.target):
            if self in node.edges:
                node.edges.remove(self)

    def set_state(self, label: str, fault: str) -> bool:
        if (label, fault) == (self.label, self.fault):
            return False
        self.label, self.fault = label, fault
        esc = html.escape
        tip = f"{esc(self.edge.source)} → {esc(self.edge.target)}"
        if self.edge.target_port:
            tip += f" (input {self.edge.target_port})"
        if label:
            tip += f": {esc(label)}"
        if fault:
            tip += f"<br><span style='color:#D32F2F'>⚠ {esc(fault)}</span>"
        self.setToolTip(tip)
        self.update_path()
        return True

    def set_colors(self, colors: CanvasColors) -> None:
        self.colors = colors
        self.update()

    def update_path(self) -> None:
        self.prepareGeometryChange()
        start = self.source.output_anchor(self.edge.source_port)
        end = self.target.input_anchor(self.edge.target_port)
        self._path = route(start, end)
        if self.label:
            metrics = QFontMetricsF(self._font)
            w, h = metrics.horizontalAdvance(self.label) + 10, metrics.height() + 2
            mid = self._path.pointAtPercent(0.5)
            if end.y() < start.y() - SKIP_DY:  # climbs to the next column: label its foot,
                mid = QPointF(start.x(), start.y() + 6 + h / 2)  # not the gap's middle
            self._label_rect = QRectF(mid.x() + 8, mid.y() - h / 2, w, h)
        else:
            self._label_rect = QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        rect = self._path.boundingRect().adjusted(-ARROW - 3, -ARROW - 3, ARROW + 3, ARROW + 3)
        return rect.united(self._label_rect) if self.label else rect

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        return stroker.createStroke(self._path)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        c = self.colors
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.2)
        color = c.error if self.fault else c.edge
        pen = QPen(color, 2.6 if self.fault else 1.8)
        if self.fault:
            pen.setStyle(Qt.PenStyle.DashLine)
        if self.isSelected():
            pen = QPen(c.selection, 3.5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        end = self._path.pointAtPercent(1.0)
        before = self._path.pointAtPercent(0.97)
        line = QLineF(end, before)
        if line.length() > 0.01:
            line.setLength(ARROW)
            left, right = QLineF(line), QLineF(line)
            left.setAngle(line.angle() + 28)
            right.setAngle(line.angle() - 28)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(pen.color()))
            painter.drawPolygon(QPolygonF([end, left.p2(), right.p2()]))
        if self.label and lod >= DETAIL_LOD:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.label_bg)
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(self._font)
            painter.setPen(c.error if self.fault else c.muted)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)
