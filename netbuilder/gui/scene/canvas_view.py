"""The canvas view: zoom around the cursor, pan, fit, rubber-band selection, and drops
from the palette (a layer lands where it is dropped)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QWidget

from netbuilder.gui.editor.mime import LAYER_MIME
from netbuilder.gui.scene.canvas_scene import CanvasScene
from netbuilder.gui.scene.node_item import NodeItem
from netbuilder.gui.style.icons import category_icon

MIN_ZOOM, MAX_ZOOM = 0.02, 4.0
# Below this zoom a node's name (16 px in the scene) is under 11 px on the screen and its
# parameters (13 px) under 9 px: opening a network never fits it smaller than this.
READABLE_ZOOM = 0.7


class CanvasView(QGraphicsView):
    zoomChanged = Signal(float)  # noqa: N815 - Qt signal naming

    def __init__(self, scene: CanvasScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.canvas = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPoint | None = None
        self._space_down = False
        # actions the main window lends to the right-click menus (None: a separator)
        self.node_menu_actions: list[QAction | None] = []
        self.canvas_menu_actions: list[QAction | None] = []

    # ---- zoom and pan --------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, value: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (a viewport position, by default
        the centre) where it is, so the wheel zooms around the cursor."""
        value = max(MIN_ZOOM, min(MAX_ZOOM, value))
        factor = value / self.zoom
        if abs(factor - 1) < 1e-9:
            return
        point = (anchor if anchor is not None else QPointF(self.viewport().rect().center()))
        scene_point = self.mapToScene(point.toPoint())
        self.scale(factor, factor)
        moved = self.mapFromScene(scene_point) - point.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoomChanged.emit(self.zoom)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def graph_rect(self) -> QRectF:
        rect = QRectF()
        for item in [*self.canvas.nodes.values(), *self.canvas.groups.values()]:
            if item.isVisible():  # members of a collapsed group are hidden
                rect = rect.united(item.sceneBoundingRect())
        for edge in self.canvas.edges.values():  # a wrapped chain's edge loops above
            if edge.isVisible():
                rect = rect.united(edge.sceneBoundingRect())
        return rect.adjusted(-24, -24, 32, 24)  # a margin, kept small: zoom is readability

    def fit_to_view(self) -> None:
        """The whole graph in the window (capped so a small graph is not blown up)."""
        if not self.canvas.nodes:
            self.reset_zoom()
            self.centerOn(0, 0)
            return
        rect = self.graph_rect()
        self.canvas.update_scene_rect()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.25:
            self.set_zoom(1.25)
        self.centerOn(rect.center())
        self.zoomChanged.emit(self.zoom)

    def aspect(self) -> float:
        """The viewport's width / height: the shape Tidy fills."""
        size = self.viewport().size()
        return max(size.width(), 1) / max(size.height(), 1)

    def tidy_layout(self) -> None:
        """Tidy in columns that fill this view, then show the whole graph."""
        if self.canvas.tidy_layout(self.aspect()):
            self.fit_to_view()

    def show_graph(self) -> None:
        """After opening: fit, unless that makes the text unreadably small; then show the
        top left of the network (its Input) at a readable zoom, and say how to see all."""
        self.fit_to_view()
        if not self.canvas.nodes or self.zoom >= READABLE_ZOOM:
            return
        self.canvas.message.emit(self.tr("Part of the network is outside the window: Tidy (Ctrl+L) "
                                 "lays it out to fit, Fit (Ctrl+0) shows it all"))
        rect = self.graph_rect()
        self.set_zoom(READABLE_ZOOM)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        self.centerOn(QPointF(rect.center().x() if rect.width() < visible.width()
                              else rect.left() + visible.width() / 2,
                              rect.top() + visible.height() / 2))

    def centre_on_node(self, node_id: str) -> None:
        item = self.canvas.nodes.get(node_id)
        if item is not None:
            self.centerOn(item.sceneBoundingRect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta == 0:
            return
        self.set_zoom(self.zoom * 1.0015 ** delta, anchor=event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space_down and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None and event.button() in (Qt.MouseButton.MiddleButton,
                                                              Qt.MouseButton.LeftButton):
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.canvas.document.select([])
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    # ---- drops from the palette ------------------------------------------------------------
    def _layer_type(self, event: QDropEvent | QDragMoveEvent | QDragEnterEvent) -> str | None:
        mime = event.mimeData()
        if not mime.hasFormat(LAYER_MIME):
            return None
        name = bytes(mime.data(LAYER_MIME).data()).decode("utf-8", "replace")
        return name if name in self.canvas.document.graph.registry else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._layer_type(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._layer_type(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        type_name = self._layer_type(event)
        if type_name is None:
            event.ignore()
            return
        self.canvas.drop_layer(type_name, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus()

    def add_at_view_centre(self, type_name: str) -> None:
        """Double-click in the palette: the new layer connects after the selected node
        (placed under it), or appears in the middle of the view, off any node there."""
        self.canvas.add_node(type_name, self.mapToScene(self.viewport().rect().center()))

    # ---- right-click menus ---------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        scene_pos = self.mapToScene(event.pos())
        item = next((i for i in self.canvas.items(scene_pos) if isinstance(i, NodeItem)), None)
        menu = QMenu(self)
        if item is not None:
            if not item.isSelected():
                self.canvas.document.select([item.node_id])
            _fill(menu, self.node_menu_actions)
        else:
            add = menu.addMenu(self.tr("Add layer here"))
            for category, specs in self.canvas.document.graph.registry.by_category().items():
                sub = add.addMenu(category_icon(category), category.capitalize())
                for spec in specs:
                    sub.addAction(spec.type, _adder(self.canvas, spec.type, scene_pos))
            menu.addSeparator()
            _fill(menu, self.canvas_menu_actions)
        menu.exec(event.globalPos())


def _fill(menu: QMenu, actions: list[QAction | None]) -> None:
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def _adder(scene: CanvasScene, type_name: str, pos: QPointF) -> Callable[[], None]:
    return lambda: scene.add_node(type_name, pos, follow_selection=False)  # "here" means here
