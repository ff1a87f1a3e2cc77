"""The scene: draws the Document's graph and turns what a person does into edits.

It follows the model: items are created, moved, renamed and removed only in answer to
the graph's events (`Document.graphEvent`), and repainted from each `Document.analyzed`.
What the person does (drop a layer, drag a port, move or delete a selection, tidy up)
becomes a core edit pushed through `Document.push`, so it is undoable and nothing is
changed behind the undo stack's back (docs/architecture.md, "An edit").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from netbuilder.core import events as ev
from netbuilder.core.building import add_after, delete, insert_on_edge, new_node
from netbuilder.core.edits import Batch, Edit, Move
from netbuilder.core.graph import Edge, Node
from netbuilder.core.layout import layered_positions
from netbuilder.core.scopes import all_groups
from netbuilder.gui.i18n import fill
from netbuilder.gui.panels.labels import id_base, shape_text
from netbuilder.gui.scene.connection_drag import ConnectionDrag
from netbuilder.gui.scene.edge_item import EdgeItem
from netbuilder.gui.scene.group_item import GroupItem, outermost_collapsed
from netbuilder.gui.scene.node_item import HEIGHT, NodeItem
from netbuilder.gui.scene.port_item import PortItem
from netbuilder.gui.style.theme import LIGHT, CanvasColors

if TYPE_CHECKING:
    from netbuilder.core.shapes import Analysis
    from netbuilder.gui.editor.document import Document

class _ViewGraph:
    """Just what layered_positions reads (nodes, edges): the collapsed view's graph."""

    def __init__(self, nodes: dict, edges: list[Edge]) -> None:  # type: ignore[type-arg]
        self.nodes = nodes
        self.edges = edges


GRID = 20.0
MARGIN = 1500.0


class CanvasScene(QGraphicsScene):
    message = Signal(str)  # a refused action, in words, for the status bar
    nodeDoubleClicked = Signal(str)  # noqa: N815 - a node asked for its inspector

    def __init__(self, document: Document, parent: object = None) -> None:
        super().__init__(parent)
        self.document = document
        self.colors: CanvasColors = LIGHT
        self.show_grid = True
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[Edge, EdgeItem] = {}
        self.collapsed: set[str] = set()  # group paths shown as one block (a view setting)
        self.groups: dict[str, GroupItem] = {}
        self._placed: dict[str, QPointF] = {}  # where the model (or auto layout) put each item
        self._auto: dict[str, QPointF] = {}  # where a node without a saved position is shown
        self._syncing = False
        self._drag: ConnectionDrag | None = None
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.graphEvent.connect(self._on_event)
        document.analyzed.connect(self.apply_analysis)
        document.projectReplaced.connect(self.rebuild)
        document.selectionChanged.connect(self._select_from_document)
        document.lockedChanged.connect(self._on_locked)
        # once per step (not per event): a tidy layout moves hundreds of nodes at once
        document.undo_stack.indexChanged.connect(self.update_scene_rect)
        self.selectionChanged.connect(self._selection_to_document)
        self.rebuild(with_analysis=True)

    # ---- building from the model ---------------------------------------------------------
    def rebuild(self, with_analysis: bool = False) -> None:
        """Everything again (a project opened, the graph reset)."""
        self._syncing = True
        self.clear()
        self.nodes.clear()
        self.edges.clear()
        self.groups.clear()
        self._placed.clear()
        self._auto.clear()
        self._drag = None
        graph = self.document.graph
        self.collapsed &= all_groups(graph)
        auto = layered_positions(graph) if any(n.pos is None for n in graph) else {}
        for node in graph:
            self._add_node_item(node, auto.get(node.id))
        if self.collapsed:
            self._build_groups()
        for edge in graph.edges:
            self._add_edge_item(edge)
        self._syncing = False
        if with_analysis and self.document.analysis is not None:
            self.apply_analysis(self.document.analysis)
        self.update_scene_rect()

    def _add_node_item(self, node: Node, auto: tuple[float, float] | None = None) -> NodeItem:
        if node.pos is None:
            self._auto[node.id] = QPointF(*(auto or self._free_spot()))
        spec = self.document.graph.registry[node.type]
        item = NodeItem(node.id, spec, node.params, self.colors)
        item.setFlag(item.GraphicsItemFlag.ItemIsMovable, not self.document.locked)
        self.nodes[node.id] = item
        self.addItem(item)
        self._place(node.id, node.pos or self._auto[node.id])
        return item

    def _shown(self, node_id: str) -> NodeItem | None:
        """What stands for a node on the canvas: itself, or its collapsed group's block."""
        node = self.document.graph.nodes.get(node_id)
        path = outermost_collapsed(node.group, self.collapsed) if node else None
        return self.groups.get(path) if path else self.nodes.get(node_id)

    def _build_groups(self) -> None:
        """Blocks for the outermost collapsed groups, and a fresh layout of what shows."""
        graph = self.document.graph
        members: dict[str, list[str]] = {}
        for node in graph:
            path = outermost_collapsed(node.group, self.collapsed)
            if path:
                members.setdefault(path, []).append(node.id)
                self.nodes[node.id].setVisible(False)
        for path, ids in members.items():
            inside = set(ids)
            inputs = {(e.source, e.source_port) for e in graph.edges
                      if e.target in inside and e.source not in inside}
            item = GroupItem(path, graph.group_classes.get(path, ""), len(ids), len(inputs),
                             self.colors)
            self.groups[path] = item
            self.addItem(item)
        shown = {nid: (self._shown(nid) or self.nodes[nid]) for nid in graph.nodes}
        key = {item: f"v{i}" for i, item in enumerate(dict.fromkeys(shown.values()))}
        view = _ViewGraph(dict.fromkeys(key.values()),
                          [Edge(key[shown[e.source]], key[shown[e.target]])
                           for e in graph.edges if shown[e.source] is not shown[e.target]])
        positions = layered_positions(view)  # type: ignore[arg-type]
        for item, k in key.items():
            x, y = positions[k]
            item.setPos(QPointF(x, y))
            if isinstance(item, NodeItem) and not isinstance(item, GroupItem):
                self._placed[item.node_id] = QPointF(x, y)
                item.setFlag(item.GraphicsItemFlag.ItemIsMovable, False)

    # ---- groups: expand and collapse in place -------------------------------------------
    def collapse_all(self, readable: int = 8) -> None:
        """Every group as a block; but a group holding nearly everything (torchvision's
        `features`) opens, until at least `readable` things show."""
        graph = self.document.graph
        groups = all_groups(graph)
        self.collapsed = set(groups)
        while True:
            tops: dict[str | None, int] = {}
            for node in graph:
                top = outermost_collapsed(node.group, self.collapsed)
                tops[top or node.id] = tops.get(top or node.id, 0) + 1
            blocks = [t for t in tops if t in self.collapsed]
            if len(tops) >= readable or not blocks:
                break
            biggest = max(blocks, key=lambda t: tops[t])
            if not any(g.startswith(f"{biggest}.") for g in groups):
                break
            self.collapsed.discard(biggest)
        self.rebuild(with_analysis=True)

    def expand_all(self) -> None:
        self.collapsed.clear()
        self.rebuild(with_analysis=True)

    def expand_group(self, path: str) -> None:
        """Show a group's parts again; its sub-groups stay collapsed, one level at a time."""
        self.collapsed.discard(path)
        self.rebuild(with_analysis=True)

    def collapse_group(self, path: str) -> None:
        self.collapsed.add(path)
        self.rebuild(with_analysis=True)

    def _add_edge_item(self, edge: Edge) -> None:
        source, target = self._shown(edge.source), self._shown(edge.target)
        if source is None or target is None or source is target:
            return
        if isinstance(target, GroupItem) and any(
                e.source is source and e.edge.source_port == edge.source_port
                for e in target.edges if e.target is target):
            return  # one value entering a block once, however many layers inside use it
        item = EdgeItem(edge, source, target, self.colors)
        self.edges[edge] = item
        self.addItem(item)
        target.set_input_port_count(target.wanted_input_ports())
        item.update_path()

    def _remove_edge_item(self, edge: Edge) -> None:
        item = self.edges.pop(edge, None)
        if item is None:
            return
        item.detach()
        self.removeItem(item)
        item.target.set_input_port_count(item.target.wanted_input_ports())

    def _place(self, node_id: str, pos: tuple[float, float] | QPointF) -> None:
        point = pos if isinstance(pos, QPointF) else QPointF(*pos)
        self._placed[node_id] = point
        self.nodes[node_id].setPos(point)

    def _free_spot(self) -> tuple[float, float]:
        """Below everything, for a node that arrives without a position."""
        if not self.nodes:
            return (0.0, 0.0)
        bottom = max(item.pos().y() for item in self.nodes.values())
        return (0.0, bottom + 120.0)

    # ---- following the model -------------------------------------------------------------
    def _on_event(self, event: ev.Event) -> None:
        graph = self.document.graph
        if isinstance(event, ev.NodeAdded):
            self._add_node_item(graph.node(event.node_id))
        elif isinstance(event, ev.NodeRemoved):
            item = self.nodes.pop(event.node_id, None)
            self._placed.pop(event.node_id, None)
            self._auto.pop(event.node_id, None)
            if item is not None:
                for edge in list(item.edges):
                    self._remove_edge_item(edge.edge)
                self.removeItem(item)
        elif isinstance(event, ev.EdgeAdded):
            self._add_edge_item(event.edge)
        elif isinstance(event, ev.EdgeRemoved):
            self._remove_edge_item(event.edge)
        elif isinstance(event, ev.ParamChanged):
            self.nodes[event.node_id].set_params(graph.node(event.node_id).params)
        elif isinstance(event, ev.NodeMoved) and self.collapsed:
            pass  # the collapsed view has its own layout; the model's positions wait
        elif isinstance(event, ev.GroupChanged):
            if self.collapsed:
                self.rebuild(with_analysis=True)
        elif isinstance(event, ev.NodeMoved):
            fallback = self._auto.get(event.node_id, self._placed[event.node_id])
            self._place(event.node_id, event.pos or fallback)
        elif isinstance(event, ev.NodeRenamed):
            self._rename(event.old_id, event.new_id)
        elif isinstance(event, ev.GraphReset):
            self.rebuild()

    def _rename(self, old: str, new: str) -> None:
        item = self.nodes.pop(old)
        self.nodes[new] = item
        self._placed[new] = self._placed.pop(old)
        if old in self._auto:
            self._auto[new] = self._auto.pop(old)
        item.set_id(new)
        for edge_item in item.edges:
            e = edge_item.edge
            renamed = Edge(new if e.source == old else e.source,
                           new if e.target == old else e.target, e.target_port, e.source_port)
            self.edges.pop(e, None)
            self.edges[renamed] = edge_item
            edge_item.edge = renamed
        if old in self.document.selection:
            self.document.select([new if n == old else n for n in self.document.selection])

    def apply_analysis(self, analysis: Analysis) -> None:
        """Shapes and problems onto the items; only items that changed repaint."""
        by_node: dict[str, list[str]] = {}
        by_edge: dict[Edge, str] = {}
        for d in analysis.diagnostics:
            if d.node_id is not None:
                by_node.setdefault(d.node_id, []).append(d.message)
            if d.edge is not None:
                by_edge.setdefault(d.edge, d.message)
        for node_id, item in self.nodes.items():
            info = analysis.nodes.get(node_id)
            if info is None:
                item.set_unchecked()
                continue
            item.set_analysis(info.output_shape, info.input_shapes, info.params,
                              by_node.get(node_id, []))
        for path, group in self.groups.items():
            self._group_analysis(path, group, analysis, by_node)
        for edge, edge_item in self.edges.items():
            info = analysis.nodes.get(edge.source)
            label = shape_text(info.output_shape) if info and info.output_shape else ""
            edge_item.set_state(label, by_edge.get(edge, ""))

    def _group_analysis(self, path: str, group: GroupItem, analysis: Analysis,
                        by_node: dict[str, list[str]]) -> None:
        """A block shows its parameters in total, what leaves it, and its members' faults."""
        graph = self.document.graph
        inside = [n.id for n in graph if outermost_collapsed(n.group, self.collapsed) == path]
        members = set(inside)
        out = next((e for e in graph.edges if e.source in members and e.target not in members),
                   None)
        info = analysis.nodes.get(out.source) if out else None
        shape = info.output_shapes[out.source_port] if info and out and \
            out.source_port < len(info.output_shapes) else None
        messages = [m for nid in inside for m in by_node.get(nid, [])]
        params = sum(analysis.nodes[nid].params for nid in inside if nid in analysis.nodes)
        group.set_analysis(shape, [], params, messages)

    def set_colors(self, colors: CanvasColors) -> None:
        self.colors = colors
        for item in self.nodes.values():
            item.set_colors(colors)
        for edge in self.edges.values():
            edge.set_colors(colors)
        self.update()

    def update_scene_rect(self, *_args: object) -> None:
        """Room to pan around the graph; it grows with the graph and never jumps back."""
        bounds = self.itemsBoundingRect() if self.nodes else QRectF(-400, -300, 800, 600)
        wanted = bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if not self.sceneRect().contains(wanted):
            self.setSceneRect(self.sceneRect().united(wanted) if self.nodes else wanted)

    # ---- selection -----------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        chosen = {item.node_id for item in self.selectedItems() if isinstance(item, NodeItem)}
        return [nid for nid in self.document.graph.nodes if nid in chosen]

    def selected_edges(self) -> list[Edge]:
        return [item.edge for item in self.selectedItems() if isinstance(item, EdgeItem)]

    def _selection_to_document(self) -> None:
        if not self._syncing:
            self.document.select(self.selected_node_ids())

    def _select_from_document(self, ids: list[str]) -> None:
        if ids == self.selected_node_ids() and not self.selected_edges():
            return
        self._syncing = True
        try:
            self.clearSelection()
            for nid in ids:
                if nid in self.nodes:
                    self.nodes[nid].setSelected(True)
        finally:
            self._syncing = False

    def select_all(self) -> None:
        self.document.select(list(self.document.graph.nodes))

    def _on_locked(self, locked: bool) -> None:
        for item in self.nodes.values():
            item.setFlag(item.GraphicsItemFlag.ItemIsMovable, not locked and not self.collapsed)

    # ---- actions that become edits -------------------------------------------------------
    def add_node(self, type_name: str, centre: QPointF | None = None,
                 after: str | None = None, edge: Edge | None = None,
                 follow_selection: bool = True) -> str | None:
        """Add a layer (a drop, a double-click, the canvas menu) as one undoable step.

        Into `edge` if given (a drop onto a connection); else connected after `after`, or
        after the one selected node (unless follow_selection is False: the canvas menu's
        "Add layer here"), placed under it; else alone with its centre at `centre`,
        nudged off any node there. Input sizes are filled from the shape
        arriving (core/building.py)."""
        graph = self.document.graph
        node_id = graph.fresh_id(id_base(type_name))
        selected = self.document.selection
        follow = follow_selection and len(selected) == 1 and edge is None
        anchor = after or (selected[0] if follow else None)
        pos = None  # with an anchor: under it (core/building.py places it)
        if anchor is None and centre is not None:
            free = self.free_point(centre)
            pos = (float(round(free.x())), float(round(free.y() - HEIGHT / 2)))
        node = new_node(graph, type_name, node_id, pos)
        fill = self.document.torch_ready
        if edge is not None:
            edit = insert_on_edge(graph, node, edge, fill)
        else:
            edit = add_after(graph, node, anchor, fill)
        if self.document.push(edit):
            self.document.select([node_id])
            return node_id
        return None

    def free_point(self, point: QPointF) -> QPointF:
        """`point`, moved down and right until no node is under it."""
        while any(isinstance(i, NodeItem) for i in self.items(point)):
            point += QPointF(30, 30)
        return point

    def drop_layer(self, type_name: str, point: QPointF) -> str | None:
        """A layer dropped from the palette: onto a connection it goes into it, onto a node
        it follows that node, elsewhere it connects after the selected node (if one)."""
        under = self.items(point)
        node = next((i for i in under if isinstance(i, NodeItem)), None)
        if node is not None:
            return self.add_node(type_name, after=node.node_id)
        edge = next((i for i in under if isinstance(i, EdgeItem)), None)
        if edge is not None:
            return self.add_node(type_name, point, edge=edge.edge)
        return self.add_node(type_name, point)

    def commit_moves(self) -> None:
        """After a drag: one Move (or one Batch for several nodes) for the undo stack."""
        moves: list[Edit] = []
        for node_id, item in self.nodes.items():
            placed = self._placed.get(node_id)
            if placed is not None and item.pos() != placed:
                moves.append(Move(node_id, (float(round(item.pos().x())),
                                            float(round(item.pos().y())))))
        if not moves:
            return
        edit = moves[0] if len(moves) == 1 else \
            Batch(fill(self.tr("Move %1 nodes"), len(moves)), moves)
        if not self.document.push(edit):
            for node_id, item in self.nodes.items():
                item.setPos(self._placed[node_id])

    def delete_selection(self) -> None:
        """Delete the selection; a one-in-one-out node leaves its neighbours joined."""
        edit = delete(self.document.graph, self.selected_node_ids(), self.selected_edges(),
                      fill=self.document.torch_ready)
        if edit is not None:
            self.document.push(edit)

    def tidy_layout(self, aspect: float | None = None) -> bool:
        """Lay the graph out in bands that fill an area of this width / height; True if
        anything moved (one undoable edit)."""
        graph = self.document.graph
        positions = layered_positions(graph, aspect)
        moves: list[Edit] = [Move(nid, pos) for nid, pos in positions.items()
                             if graph.node(nid).pos != pos]
        if moves:
            return self.document.push(Batch(self.tr("Tidy layout"), moves))
        self.message.emit(self.tr("The layout is already tidy"))
        return False

    # ---- connection drags (called by PortItem) -------------------------------------------
    def begin_connection(self, port: PortItem, pos: QPointF) -> None:
        if self.document.locked:
            self.message.emit(fill(self.tr("%1 — edits are paused until it ends"),
                                   self.document.locked_reason))
            return
        self._drag = ConnectionDrag(self, port)
        self._drag.move(pos)

    def drag_connection(self, pos: QPointF) -> None:
        if self._drag is not None:
            self._drag.move(pos)

    def end_connection(self, pos: QPointF) -> None:
        drag, self._drag = self._drag, None
        if drag is not None:
            drag.finish(pos)

    # ---- Qt overrides --------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._drag is None:
            self.commit_moves()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        painter.fillRect(rect, self.colors.background)
        if not self.show_grid:
            return
        scale = painter.worldTransform().m11()
        for step, color in ((GRID, self.colors.grid_minor), (GRID * 5, self.colors.grid_major)):
            if step * scale < 7:
                continue
            pen = QPen(color, 1)
            pen.setCosmetic(True)
            painter.setPen(pen)
            left = int(rect.left() // step) * step
            top = int(rect.top() // step) * step
            x = left
            while x < rect.right():
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
                x += step
            y = top
            while y < rect.bottom():
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
                y += step
