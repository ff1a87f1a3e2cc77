"""A layer on the canvas: id, type, key parameters, ports, output shape, problems.

The item draws what the scene tells it (texts are prepared when the model changes, not
on every repaint, so 300 nodes repaint fast) and never writes to the graph: a drag moves
only the item, and the scene turns the release into one Move edit.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from netbuilder.core.explain import explain
from netbuilder.core.layer_text import layer_text
from netbuilder.core.registry import VARIADIC, LayerSpec
from netbuilder.gui.i18n import fill
from netbuilder.gui.panels.labels import count_text, key_params, shape_text
from netbuilder.gui.scene.port_item import PortItem
from netbuilder.gui.style.theme import CanvasColors, category_color

if TYPE_CHECKING:
    from netbuilder.gui.scene.edge_item import EdgeItem

WIDTH, HEIGHT = 206.0, 80.0
HEADER = 26.0
PORT_GAP = 30.0
DETAIL_LOD = 0.55  # below this zoom, draw the compact form: big id and shape only
BOX_LOD = 0.16  # below this, coloured boxes only


class _Fonts:
    """Fonts in scene pixels (the canvas zoom scales them), made once a QApplication exists."""

    _made: _Fonts | None = None

    def __init__(self) -> None:
        self.title = QFont(QFont().family())
        self.title.setPixelSize(16)
        self.title.setBold(True)
        self.small = QFont(QFont().family())
        self.small.setPixelSize(13)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.shape = QFont(mono)
        self.shape.setPixelSize(15)
        self.shape.setBold(True)
        self.big_title = QFont(self.title)
        self.big_title.setPixelSize(25)
        self.big_shape = QFont(self.shape)
        self.big_shape.setPixelSize(24)
        self.badge = QFont(self.title)
        self.badge.setPixelSize(13)

    @classmethod
    def get(cls) -> _Fonts:
        if cls._made is None:
            cls._made = cls()
        return cls._made


class NodeItem(QGraphicsItem):
    def __init__(self, node_id: str, spec: LayerSpec, params: dict[str, Any],
                 colors: CanvasColors) -> None:
        super().__init__()
        self.node_id = node_id
        self.spec = spec
        self.colors = colors
        self.params: dict[str, Any] = dict(params)
        self.edges: list[EdgeItem] = []
        self.output_shape: tuple[int, ...] | None = None
        self.input_shapes: list[tuple[int, ...]] = []
        self.param_count = 0
        self.messages: list[str] = []
        self.checked = False  # False until the first analysis reaches this node
        self.in_ports: list[PortItem] = []
        self.out_ports: list[PortItem] = []  # one per tensor the node returns
        self.out_port: PortItem | None = None  # the first (most nodes have only it)
        self.set_output_ports()
        self.set_input_port_count(0 if spec.inputs == 0 else 1 if spec.inputs == 1
                                  else spec.inputs if spec.inputs != VARIADIC else 2)
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsSelectable | flags.ItemIsMovable
                      | flags.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self._texts: dict[str, str] = {}
        self._refresh_texts()

    # ---- what the scene tells it ---------------------------------------------------------
    def set_params(self, params: dict[str, Any]) -> None:
        self.params = dict(params)
        self.set_output_ports()  # chunks=3 gives three outputs
        self._refresh_texts()

    def set_output_ports(self) -> None:
        """One output port per tensor (an LSTM's output, h_n, c_n), named in its tooltip."""
        try:
            names = self.spec.output_ports(self.params)
        except (KeyError, TypeError, ValueError):  # params mid-edit: keep what is shown
            return
        if len(names) == len(self.out_ports):
            return
        for port in self.out_ports:
            if port.scene():
                port.scene().removeItem(port)
            port.setParentItem(None)
        self.out_ports = [PortItem(self, "out", i) for i in range(len(names))]
        for i, (port, name) in enumerate(zip(self.out_ports, names, strict=True)):
            port.setPos(self.input_port_x(i, len(names)), HEIGHT)
            if len(names) > 1:
                port.setToolTip(fill(QCoreApplication.translate(
                    "NodeItem", "Output %1 (%2): drag to another layer's input"), i, name))
        self.out_port = self.out_ports[0] if self.out_ports else None
        for edge in self.edges:
            edge.update_path()

    def set_id(self, node_id: str) -> None:
        self.node_id = node_id
        self._refresh_texts()

    def set_colors(self, colors: CanvasColors) -> None:
        self.colors = colors
        self.update()

    def set_analysis(self, output_shape: tuple[int, ...] | None,
                     input_shapes: list[tuple[int, ...]], param_count: int,
                     messages: list[str]) -> bool:
        """Returns True if anything shown changed (so the scene repaints only those)."""
        state = (output_shape, list(input_shapes), param_count, list(messages))
        if self.checked and state == (self.output_shape, self.input_shapes, self.param_count,
                                      self.messages):
            return False
        self.checked = True
        self.output_shape, self.input_shapes, self.param_count, self.messages = state
        self._refresh_texts()
        return True

    def set_unchecked(self) -> None:
        """Shapes are not known yet (torch still loading)."""
        self.checked = False
        self._refresh_texts()

    def set_input_port_count(self, count: int) -> None:
        if count == len(self.in_ports):
            return
        while len(self.in_ports) > count:
            port = self.in_ports.pop()
            if port.scene():
                port.scene().removeItem(port)
            port.setParentItem(None)
        while len(self.in_ports) < count:
            self.in_ports.append(PortItem(self, "in", len(self.in_ports)))
        for port in self.in_ports:
            port.setPos(self.input_port_x(port.index, count), 0)
            if port.index < len(self.spec.input_names):  # attention's query, key, value
                port.setToolTip(fill(QCoreApplication.translate(
                    "NodeItem", "Input %1 (%2): drag to another layer's output to connect"),
                    port.index, self.spec.input_names[port.index]))
        for edge in self.edges:
            edge.update_path()

    def wanted_input_ports(self) -> int:
        """Merge nodes show one port per connection plus a free one to drag to."""
        if self.spec.inputs != VARIADIC:
            return self.spec.inputs
        used = [e.edge.target_port for e in self.edges if e.target is self]
        return max(2, (max(used) + 2) if used else 2)

    # ---- geometry ------------------------------------------------------------------------
    @staticmethod
    def input_port_x(index: int, count: int) -> float:
        return (index - (count - 1) / 2) * PORT_GAP

    def input_anchor(self, index: int) -> QPointF:
        count = max(len(self.in_ports), index + 1)
        return self.mapToScene(QPointF(self.input_port_x(index, count), 0))

    def output_anchor(self, index: int = 0) -> QPointF:
        count = max(len(self.out_ports), index + 1)
        return self.mapToScene(QPointF(self.input_port_x(index, count), HEIGHT))

    def body_rect(self) -> QRectF:
        return QRectF(-WIDTH / 2, 0, WIDTH, HEIGHT)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return QRectF(-WIDTH / 2 - 4, -13, WIDTH + 18, HEIGHT + 17)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.update_path()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(3 if value else 1)
        return super().itemChange(change, value)

    # ---- texts ---------------------------------------------------------------------------
    def _refresh_texts(self) -> None:
        fonts = _Fonts.get()
        inner = WIDTH - 20
        # The id is what the code names (self.encoder): a long type name
        # (TransformerEncoderLayer) gives way to it, down to half the header.
        title_w = QFontMetricsF(fonts.title).horizontalAdvance(self.node_id) + 8
        type_room = max(inner / 2, inner - title_w)
        type_text = QFontMetricsF(fonts.small).elidedText(
            self.spec.type, Qt.TextElideMode.ElideRight, type_room - 8)
        type_w = QFontMetricsF(fonts.small).horizontalAdvance(type_text) + 8
        title = QFontMetricsF(fonts.title).elidedText(self.node_id, Qt.TextElideMode.ElideRight,
                                                      inner - type_w)
        # no key parameters (ReLU, Flatten, Add): the formula says what the layer does
        words = key_params(self.spec, self.params) or layer_text(self.spec.formula)
        params = QFontMetricsF(fonts.small).elidedText(words, Qt.TextElideMode.ElideRight, inner)
        if not self.checked:
            shape = "…"
        elif self.messages and self.output_shape is None:
            shape = QCoreApplication.translate("NodeItem", "⚠ problem")
        else:
            shape = shape_text(self.output_shape) if self.spec.outputs else (
                shape_text(self.input_shapes[0]) if self.input_shapes else "?")
        big_title = QFontMetricsF(fonts.big_title).elidedText(
            self.node_id, Qt.TextElideMode.ElideRight, inner)
        self._texts = {"title": title, "type": type_text, "params": params, "shape": shape,
                       "count": f"{count_text(self.param_count)} p" if self.param_count else "",
                       "big_title": big_title}
        self.setToolTip(self._tooltip())
        self.update()

    def _tooltip(self) -> str:
        esc = html.escape
        lines = [f"<b>{esc(self.node_id)}</b> · {esc(self.spec.type)}"]
        if self._texts.get("params"):
            lines.append(esc(key_params(self.spec, self.params) or layer_text(self.spec.formula)))
        if self.input_shapes:
            lines.append(QCoreApplication.translate("NodeItem", "in: %1").replace(
                "%1", ", ".join(shape_text(s) for s in self.input_shapes)))
        if self.output_shape and self.spec.outputs:
            lines.append(QCoreApplication.translate("NodeItem", "out: %1").replace(
                "%1", shape_text(self.output_shape)))
        if self.param_count:
            lines.append(QCoreApplication.translate("NodeItem", "%1 parameters").replace(
                "%1", count_text(self.param_count)))
        if self.checked:
            why = explain(self.spec, self.params, self.input_shapes, self.output_shape)
            lines.extend(f"<span style='color:gray'>{esc(line)}</span>" for line in why.lines())
        for message in self.messages:
            lines.append(f"<span style='color:#D32F2F'>⚠ {esc(message)}</span>")
        return "<p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p>"

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        scene = self.scene()
        if scene is not None and hasattr(scene, "nodeDoubleClicked"):
            scene.nodeDoubleClicked.emit(self.node_id)  # the window opens its inspector
        event.accept()

    # ---- painting ------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        c = self.colors
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rect = self.body_rect()
        faulty = bool(self.messages)
        accent = category_color(self.spec.category)
        selected = self.isSelected()
        if lod < BOX_LOD:
            painter.setPen(QPen(c.selection, 8) if selected else Qt.PenStyle.NoPen)
            painter.setBrush(c.error if faulty else accent)
            painter.drawRect(rect)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QPen(c.error if faulty else c.node_border, 2.5 if faulty else 1.2)
        if selected:
            border = QPen(c.selection, 3.5)
        painter.setPen(border)
        painter.setBrush(QBrush(c.error_body if faulty else c.node_body))
        painter.drawRoundedRect(rect, 8, 8)
        fonts = _Fonts.get()
        if lod < DETAIL_LOD:
            self._paint_compact(painter, rect, accent, fonts)
        else:
            self._paint_detail(painter, rect, accent, fonts)
        if faulty:
            self._paint_badge(painter, fonts)

    def _header(self, painter: QPainter, rect: QRectF, accent: QColor, height: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        head = QRectF(rect.left() + 1, rect.top() + 1, rect.width() - 2, height)
        painter.drawRoundedRect(head, 7, 7)
        painter.drawRect(QRectF(head.left(), head.bottom() - 8, head.width(), 8))

    def _paint_detail(self, painter: QPainter, rect: QRectF, accent: QColor,
                      fonts: _Fonts) -> None:
        c = self.colors
        self._header(painter, rect, accent, HEADER)
        text_rect = rect.adjusted(10, 0, -10, 0)
        painter.setPen(QColor("white"))
        painter.setFont(fonts.title)
        head = QRectF(text_rect.left(), rect.top() + 1, text_rect.width(), HEADER)
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._texts["title"])
        painter.setFont(fonts.small)
        painter.setPen(QColor(255, 255, 255, 215))
        painter.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self._texts["type"])
        painter.setPen(c.muted)
        line = QRectF(text_rect.left(), rect.top() + HEADER + 3, text_rect.width(), 20)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._texts["params"])
        shape_line = QRectF(text_rect.left(), rect.bottom() - 29, text_rect.width(), 24)
        if self._texts["count"]:
            painter.drawText(shape_line, Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, self._texts["count"])
        painter.setFont(fonts.shape)
        painter.setPen(c.error if self.messages else c.shape_text)
        painter.drawText(shape_line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._texts["shape"])

    def _paint_compact(self, painter: QPainter, rect: QRectF, accent: QColor,
                       fonts: _Fonts) -> None:
        self._header(painter, rect, accent, 40)
        painter.setPen(QColor("white"))
        painter.setFont(fonts.big_title)
        painter.drawText(QRectF(rect.left() + 10, rect.top(), rect.width() - 20, 41),
                         Qt.AlignmentFlag.AlignCenter, self._texts["big_title"])
        painter.setFont(fonts.big_shape)
        painter.setPen(self.colors.error if self.messages else self.colors.shape_text)
        shape = self._texts["shape"] if not self.messages or self.output_shape else "?"
        painter.drawText(QRectF(rect.left() + 4, rect.top() + 41, rect.width() - 8, 38),
                         Qt.AlignmentFlag.AlignCenter, shape)

    def _paint_badge(self, painter: QPainter, fonts: _Fonts) -> None:
        centre = QPointF(WIDTH / 2 - 1, 1)
        painter.setPen(QPen(self.colors.node_body, 2))
        painter.setBrush(self.colors.error)
        painter.drawEllipse(centre, 10, 10)
        painter.setPen(QColor("white"))
        painter.setFont(fonts.badge)
        text = "!" if len(self.messages) == 1 else str(len(self.messages))
        painter.drawText(QRectF(centre.x() - 10, centre.y() - 10, 20, 20),
                         Qt.AlignmentFlag.AlignCenter, text)
