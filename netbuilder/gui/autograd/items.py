"""Scene items and the zoomable view that draw an autograd DAG (see view.DagPanel).

Pure drawing: a node box per DAG node (its fill the layer's colour or the gradient-norm
colour, a halo when selected or found, faded while the step mode has not reached it)
and a curved arrow per edge along the routes of `netbuilder.autograd.layout`. No torch here.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from netbuilder.autograd.drawing import (
    NODE_H,
    NODE_W,
    darker,
    grad_color,
    grad_fraction,
    layer_colors,
    lighter,
    pixel,
    text_color,
)
from netbuilder.autograd.graph import AutogradDag, DagNode
from netbuilder.autograd.layout import DagLayout, Point

SELECTED = QColor("#ff6f00")
FOUND = QColor("#00b8d4")
CURRENT = QColor("#d50000")
EDGE = QColor("#6b6b6b")
EDGE_DONE = QColor("#e65100")
FADED = 0.22
H_ROW_PX = NODE_W + 64  # left to right: one layer of the DAG per column of boxes
H_COLUMN_PX = NODE_H + 24


class DagNodeItem(QGraphicsItem):
    """One backward node, leaf or loss: a box with its name and what made it."""

    def __init__(self, node: DagNode) -> None:
        super().__init__()
        self.node = node
        self.fill = QColor("#d9d9d9")
        self.found = False
        self.current = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setToolTip(node.tooltip())
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return QRectF(-NODE_W / 2 - 8, -NODE_H / 2 - 8, NODE_W + 16, NODE_H + 16)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(-NODE_W / 2, -NODE_H / 2, NODE_W, NODE_H))
        return path

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem,
              _widget: QWidget | None = None) -> None:
        rect = QRectF(-NODE_W / 2, -NODE_H / 2, NODE_W, NODE_H)
        radius = NODE_H / 2 if self.node.kind == "leaf" else 8.0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = CURRENT if self.current else SELECTED if self.isSelected() else (
            FOUND if self.found else None)
        if halo is not None:
            glow = QColor(halo)
            glow.setAlpha(90)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(glow)
            painter.drawRoundedRect(rect.adjusted(-7, -7, 7, 7), radius + 6, radius + 6)
        border = halo if halo is not None else QColor(darker(self.fill.name()))
        width = 3.0 if halo is not None or self.node.kind == "loss" else 1.2
        painter.setPen(QPen(border, width))
        painter.setBrush(QBrush(self.fill))
        painter.drawRoundedRect(rect, radius, radius)
        ink = QColor(text_color(self.fill.name()))
        title = QFont()
        title.setPointSizeF(9.5)
        title.setBold(True)
        small = QFont()
        small.setPointSizeF(8.0)
        inner = rect.adjusted(10, 3, -10, -3)
        painter.setPen(ink)
        top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.55)
        bottom = QRectF(inner.left(), top.bottom() + 1, inner.width(),
                        inner.height() - top.height() - 1)
        for font, text, box, align in (
                (title, self.node.label, top, Qt.AlignmentFlag.AlignBottom),
                (small, self.node.detail, bottom, Qt.AlignmentFlag.AlignTop)):
            shown = _fitted(font, text, box.width())  # may shrink the font: set it after
            painter.setFont(font)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | align, shown)


def _fitted(font: QFont, text: str, width: float, smallest: float = 7.0) -> str:
    """Shrink `font` (down to `smallest` points) so that text fits; elide what still
    does not (MaxPool2DWithIndicesBackward0 is long)."""
    metrics = QFontMetricsF(font)
    wide = metrics.horizontalAdvance(text)
    if wide > width:
        font.setPointSizeF(max(smallest, font.pointSizeF() * width / wide))
        metrics = QFontMetricsF(font)
    return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)


class DagEdgeItem(QGraphicsPathItem):
    """An arrow from an input to the node that consumes it, along its routed bends."""

    def __init__(self, points: list[QPointF], source: int, target: int,
                 horizontal: bool = False) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.horizontal = horizontal
        first, last = points[0], points[-1]
        if horizontal:  # leave the right side, arrive at the left side
            start = QPointF(first.x() + NODE_W / 2, first.y())
            end = QPointF(last.x() - NODE_W / 2 - 1, last.y())
        else:  # leave the bottom, arrive at the top
            start = QPointF(first.x(), first.y() + NODE_H / 2)
            end = QPointF(last.x(), last.y() - NODE_H / 2 - 1)
        pts = [start, *points[1:-1], end]
        path = QPainterPath(pts[0])
        for a, b in zip(pts, pts[1:], strict=False):
            if horizontal:
                mx = (a.x() + b.x()) / 2
                path.cubicTo(QPointF(mx, a.y()), QPointF(mx, b.y()), b)
            else:
                my = (a.y() + b.y()) / 2
                path.cubicTo(QPointF(a.x(), my), QPointF(b.x(), my), b)
        self.end = end
        self.setPath(path)
        self.setZValue(-1)
        self.set_done(None)

    def set_done(self, done: bool | None) -> None:
        """None: normal; True: gradient has flowed back along it; False: not yet."""
        color = EDGE_DONE if done else EDGE
        self.setPen(QPen(color, 2.2 if done else 1.3))
        self.setOpacity(FADED if done is False else 1.0)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        super().paint(painter, option, widget)
        color = self.pen().color()
        tip = self.end
        if self.horizontal:
            head = QPolygonF([tip, QPointF(tip.x() - 9, tip.y() - 5),
                              QPointF(tip.x() - 9, tip.y() + 5)])
        else:
            head = QPolygonF([tip, QPointF(tip.x() - 5, tip.y() - 9),
                              QPointF(tip.x() + 5, tip.y() - 9)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(head)


class DagScene(QGraphicsScene):
    """All items for one DAG; recoloured, highlighted and stepped in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.dag: AutogradDag | None = None
        self.nodes: dict[int, DagNodeItem] = {}
        self.edges: list[DagEdgeItem] = []

    def show_dag(self, dag: AutogradDag, layout: DagLayout, by_gradient: bool,
                 horizontal: bool = False) -> None:
        """Draw the DAG top to bottom, or left to right (for a wide, low dock)."""
        self.clear()
        self.dag = dag
        self.nodes, self.edges = {}, []

        def at(point: Point) -> QPointF:
            if horizontal:  # rows become columns: the loss at the right
                return QPointF(point[1] * H_ROW_PX, point[0] * H_COLUMN_PX)
            x, y = pixel(point)
            return QPointF(x, y)

        for (s, t), route in zip(dag.edges, layout.routes, strict=True):
            edge = DagEdgeItem([at(p) for p in route], s, t, horizontal)
            self.addItem(edge)
            self.edges.append(edge)
        for node in dag.nodes:
            item = DagNodeItem(node)
            item.setPos(at(layout.positions[node.id]))
            self.addItem(item)
            self.nodes[node.id] = item
        self.color_by(by_gradient)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))

    def color_by(self, by_gradient: bool) -> None:
        if self.dag is None:
            return
        colors = layer_colors(self.dag)
        span = self.dag.grad_range()
        for item in self.nodes.values():
            node = item.node
            if by_gradient:
                fill = grad_color(grad_fraction(node.grad_norm, span))
            else:
                base = colors.get(node.layer or "", "#d9d9d9")
                fill = lighter(base) if node.kind == "leaf" else base
            item.fill = QColor(fill)
            item.update()

    def select_layers(self, layers: set[str]) -> QRectF | None:
        """Select exactly the nodes these layers produced; the area they cover."""
        area: QRectF | None = None
        for item in self.nodes.values():
            on = item.node.layer in layers
            item.setSelected(on)
            if on:
                rect = item.sceneBoundingRect()
                area = rect if area is None else area.united(rect)
        return area

    def selected_layers(self) -> list[str]:
        """The layers of the selected nodes, in the order of the DAG."""
        chosen = {i.node.layer for i in self.selectedItems() if isinstance(i, DagNodeItem)}
        return [layer for layer in self.dag.layers() if layer in chosen] if self.dag else []

    def set_found(self, ids: set[int]) -> None:
        for nid, item in self.nodes.items():
            if item.found != (nid in ids):
                item.found = nid in ids
                item.update()

    def set_step(self, step: int) -> None:
        """Show the backward pass up to engine step `step` (-1: the whole graph, no step)."""
        if self.dag is None:
            return
        order = self.dag.order
        ran = {nid: i for i, nid in enumerate(order)}
        for nid, item in self.nodes.items():
            pos = ran.get(nid, len(order))
            item.current = step >= 0 and pos == step
            item.setOpacity(FADED if step >= 0 and pos > step else 1.0)
            item.update()
        for edge in self.edges:  # gradient flows from the consumer back to its input
            edge.set_done(None if step < 0 else ran.get(edge.target, len(order)) <= step)


class DagGraphicsView(QGraphicsView):
    """Wheel zooms around the cursor, dragging the background pans."""

    MIN_SCALE, MAX_SCALE = 0.04, 4.0

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)

        self._refit: tuple[float, float, QGraphicsItem | None] | None = None

    def zoom(self, factor: float) -> None:
        self._refit = None  # the person chose a zoom: keep it
        current = self.transform().m11()
        factor = max(self.MIN_SCALE / current, min(self.MAX_SCALE / current, factor))
        self.scale(factor, factor)

    def forget_fit(self) -> None:
        """Stop refitting on resize (the items are about to be replaced)."""
        self._refit = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._refit = None  # a pan or a click: the view is the person's now
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._refit is not None:  # the dock settled or was resized: fit again
            self.fit(*self._refit)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.15 ** steps)
        event.accept()

    def fit(self, max_scale: float = 1.0, min_scale: float = 0.0,
            focus: QGraphicsItem | None = None) -> None:
        """Show the whole graph, never enlarged beyond max_scale. Where that would make it
        smaller than min_scale, fit it across instead (its short side fills the view; pan
        along the long one), at least at min_scale, centred on `focus`."""
        scene = self.scene()
        if scene is None or not scene.items():
            return
        whole = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        port = self.viewport().size()
        along = min(port.width() / whole.width(), port.height() / whole.height())
        across = max(port.width() / whole.width(), port.height() / whole.height())
        scale = min(along, max_scale)
        centre: QGraphicsItem | QPointF = whole.center()
        if scale < min_scale:
            scale = max(min_scale, min(across * 0.98, max_scale))
            centre = focus if focus is not None else centre
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(centre)
        self._refit = (max_scale, min_scale, focus)


class GradLegend(QWidget):
    """The gradient-norm colour scale: smallest norm (vanishing) to largest, log scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.span: tuple[float, float] | None = None
        self.setMinimumHeight(30)
        self.setToolTip("Gradient norm of each node's output (leaves: p.grad.norm()), "
                        "on a log scale; grey: no gradient")

    def set_span(self, span: tuple[float, float] | None) -> None:
        self.span = span
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        fm = painter.fontMetrics()
        lo, hi = (f"{self.span[0]:.2g}", f"{self.span[1]:.2g}") if self.span else ("–", "–")
        left_text, right_text = f"|grad| {lo}", hi
        left_w = fm.horizontalAdvance(left_text) + 8
        right_w = fm.horizontalAdvance(right_text) + 8
        bar = QRectF(left_w, 6, max(10.0, self.width() - left_w - right_w), self.height() - 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for i in range(11):
            gradient.setColorAt(i / 10, QColor(grad_color(i / 10)))
        painter.fillRect(bar, QBrush(gradient))
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(0, 0, left_w - 4, self.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, left_text)
        painter.drawText(QRectF(bar.right() + 4, 0, right_w, self.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, right_text)
        painter.end()
