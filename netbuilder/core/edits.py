"""Reversible edits: the only way the app changes a graph.

Each edit applies itself to a graph and reverts exactly, restoring order too, so an undo
stack (the GUI's QUndoStack, or `History` here) can sit on top, and N undos give back
the file that was saved. `text` is what an Edit menu shows ("Add Conv2d conv3").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netbuilder.core.graph import Edge, Graph, GraphError, Node
from netbuilder.core.i18n import _t

_UNSET: Any = object()


class Edit:
    text = ""

    def apply(self, graph: Graph) -> None:
        raise NotImplementedError

    def revert(self, graph: Graph) -> None:
        raise NotImplementedError


@dataclass
class AddNode(Edit):
    node: Node
    index: int | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return _t("Add {type} {node}", type=self.node.type, node=self.node.id)

    def apply(self, graph: Graph) -> None:
        graph.add_node(self.node.copy(), self.index)

    def revert(self, graph: Graph) -> None:
        graph.remove_node(self.node.id)


@dataclass
class RemoveNode(Edit):
    """Remove a node and its connections; revert puts all back where they were."""

    node_id: str
    _node: Node | None = None
    _index: int = 0
    _edges: list[tuple[int, Edge]] = field(default_factory=list)

    @property
    def text(self) -> str:  # type: ignore[override]
        return _t("Delete {node}", node=self.node_id)

    def apply(self, graph: Graph) -> None:
        self._edges = [
            (i, e) for i, e in enumerate(graph.edges) if self.node_id in (e.source, e.target)
        ]
        for _, edge in reversed(self._edges):
            graph.remove_edge(edge)
        node, self._index = graph.remove_node(self.node_id)
        self._node = node.copy()

    def revert(self, graph: Graph) -> None:
        assert self._node is not None
        graph.add_node(self._node.copy(), self._index)
        for index, edge in self._edges:
            graph.add_edge(edge, index)


@dataclass
class Connect(Edit):
    edge: Edge

    @property
    def text(self) -> str:  # type: ignore[override]
        return _t("Connect {source} → {target}", source=self.edge.source,
                  target=self.edge.target)

    def apply(self, graph: Graph) -> None:
        graph.add_edge(self.edge)

    def revert(self, graph: Graph) -> None:
        graph.remove_edge(self.edge)


@dataclass
class Disconnect(Edit):
    edge: Edge
    _index: int = 0

    @property
    def text(self) -> str:  # type: ignore[override]
        return _t("Disconnect {source} → {target}", source=self.edge.source,
                  target=self.edge.target)

    def apply(self, graph: Graph) -> None:
        self._index = graph.remove_edge(self.edge)

    def revert(self, graph: Graph) -> None:
        graph.add_edge(self.edge, self._index)


@dataclass
class SetParam(Edit):
    """Set node.params[name], or with reset=True go back to the default."""

    node_id: str
    name: str
    value: Any = None
    reset: bool = False
    _old: Any = _UNSET
    _index: int = 0

    @property
    def text(self) -> str:  # type: ignore[override]
        shown = _t("default") if self.reset else _show(self.value)
        return _t("Set {node}.{name} = {value}", node=self.node_id, name=self.name, value=shown)

    def apply(self, graph: Graph) -> None:
        params = graph.node(self.node_id).params
        self._old = params.get(self.name, _UNSET)
        self._index = list(params).index(self.name) if self.name in params else len(params)
        graph.set_param(self.node_id, self.name, self.value, reset=self.reset)

    def revert(self, graph: Graph) -> None:
        if self._old is _UNSET:
            graph.set_param(self.node_id, self.name, None, reset=True)
        else:
            graph.set_param(self.node_id, self.name, self._old, index=self._index)


@dataclass
class Move(Edit):
    node_id: str
    pos: tuple[float, float] | None
    _old: tuple[float, float] | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return _t("Move {node}", node=self.node_id)

    def apply(self, graph: Graph) -> None:
        self._old = graph.node(self.node_id).pos
        graph.move(self.node_id, self.pos)

    def revert(self, graph: Graph) -> None:
        graph.move(self.node_id, self._old)


@dataclass
class Rename(Edit):
    old_id: str
    new_id: str

    @property
    def text(self) -> str:  # type: ignore[override]
        return _t("Rename {old} → {new}", old=self.old_id, new=self.new_id)

    def apply(self, graph: Graph) -> None:
        graph.rename(self.old_id, self.new_id)

    def revert(self, graph: Graph) -> None:
        graph.rename(self.new_id, self.old_id)


@dataclass
class Batch(Edit):
    """Several edits as one step (paste, delete a selection, tidy layout)."""

    label: str
    edits: list[Edit]

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.label

    def apply(self, graph: Graph) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(graph)
                done.append(edit)
        except GraphError:
            for edit in reversed(done):
                edit.revert(graph)
            raise

    def revert(self, graph: Graph) -> None:
        for edit in reversed(self.edits):
            edit.revert(graph)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "(" + ", ".join(str(v) for v in value) + ")"
    return str(value)


class History:
    """A plain undo stack for code without Qt (the CLI and tests)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._done: list[Edit] = []
        self._undone: list[Edit] = []

    def push(self, edit: Edit) -> None:
        edit.apply(self.graph)  # raises GraphError and changes nothing if refused
        self._done.append(edit)
        self._undone.clear()

    def undo(self) -> str | None:
        if not self._done:
            return None
        edit = self._done.pop()
        edit.revert(self.graph)
        self._undone.append(edit)
        return edit.text

    def redo(self) -> str | None:
        if not self._undone:
            return None
        edit = self._undone.pop()
        edit.apply(self.graph)
        self._done.append(edit)
        return edit.text

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)


@dataclass
class SetGroup(Edit):
    """Put nodes into one named group (or out of groups, with group=None); revert puts
    each back in the group it had, and restores the group's class name."""

    node_ids: list[str]
    group: str | None
    class_name: str | None = None
    _before: dict[str, str | None] = field(default_factory=dict)
    _class_before: str | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        if self.group:
            return _t("Group {n} nodes as {group}", n=len(self.node_ids), group=self.group)
        return _t("Ungroup {n} nodes", n=len(self.node_ids))

    def apply(self, graph: Graph) -> None:
        self._before = {nid: graph.node(nid).group for nid in self.node_ids}
        if self.group:
            self._class_before = graph.group_classes.get(self.group)
        for nid in self.node_ids:
            graph.set_group(nid, self.group, self.class_name)

    def revert(self, graph: Graph) -> None:
        if self.group:
            if self._class_before is None:
                graph.group_classes.pop(self.group, None)
            else:
                graph.group_classes[self.group] = self._class_before
        for nid, group in self._before.items():
            graph.set_group(nid, group)
