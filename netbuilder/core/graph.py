"""The network graph: nodes that speak PyTorch, and the edges between them.

A node is {id, type, params, pos}: `type` is a torch.nn class name (or Input, Output,
Add, Concat) and `params` holds only the constructor arguments that were given, so an
omitted one means its default. The graph keeps insertion order (files save in a stable
order, and an undone removal goes back where it was) and reports every change to its
listeners. Structural rules that a drawing may break for a moment (a cycle, a missing
input) are not refused here: `shapes.analyze` reports them on the nodes at fault.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netbuilder.core import events as ev
from netbuilder.core.i18n import _t
from netbuilder.core.layers import registry
from netbuilder.core.names import fresh_name, node_id_problem
from netbuilder.core.registry import VARIADIC, ParamError, Registry
from netbuilder.core.text import short

_GROUP_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*\Z")


class GraphError(ValueError):
    """An edit the graph refuses; the message says why in plain words."""


@dataclass
class Node:
    id: str
    type: str
    params: dict[str, Any] = field(default_factory=dict)
    pos: tuple[float, float] | None = None
    # The submodule this node came from ("layer1.0"), or a group a person named: the
    # canvas can draw a group as one block, and the generated code nests it as one.
    group: str | None = None

    def copy(self) -> Node:
        return Node(self.id, self.type, dict(self.params), self.pos, self.group)


@dataclass(frozen=True, order=True)
class Edge:
    source: str
    target: str
    target_port: int = 0
    source_port: int = 0  # which output: 1 is h_n of an LSTM's (output, (h_n, c_n))


class Graph:
    """Nodes and edges, with change events. Mutate only through these methods."""

    def __init__(self, reg: Registry | None = None) -> None:
        self.registry = reg or registry()
        self._nodes: dict[str, Node] = {}
        self._edges: list[Edge] = []
        self._edge_set: set[Edge] = set()  # membership in O(1): loading stays linear
        self._listeners: list[ev.Listener] = []
        self._nx: nx.MultiDiGraph | None = None
        self._adj: tuple[dict[str, list[Edge]], dict[str, list[Edge]]] | None = None
        self.revision = 0  # bumped on every structural change; caches key on it
        # The original module class of each group ("layer1.0": "BasicBlock"), for names.
        self.group_classes: dict[str, str] = {}

    # ---- reading -------------------------------------------------------------
    @property
    def nodes(self) -> dict[str, Node]:
        return self._nodes

    @property
    def edges(self) -> list[Edge]:
        return self._edges

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(self._nodes.values())

    def node(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except KeyError:
            raise GraphError(_t("there is no node {node}", node=short(node_id))) from None

    def _adjacency(self) -> tuple[dict[str, list[Edge]], dict[str, list[Edge]]]:
        """Edges into and out of each node, built once per structural change (asking
        node by node must not scan every edge: codegen asks for all of them)."""
        if self._adj is None:
            ins: dict[str, list[Edge]] = {}
            outs: dict[str, list[Edge]] = {}
            for e in self._edges:
                ins.setdefault(e.target, []).append(e)
                outs.setdefault(e.source, []).append(e)
            for edges in ins.values():
                edges.sort(key=lambda e: e.target_port)
            self._adj = (ins, outs)
        return self._adj

    def in_edges(self, node_id: str) -> list[Edge]:
        """Edges into node_id, by port."""
        return list(self._adjacency()[0].get(node_id, ()))

    def out_edges(self, node_id: str) -> list[Edge]:
        return list(self._adjacency()[1].get(node_id, ()))

    def fresh_id(self, base: str) -> str:
        return fresh_name(base, set(self._nodes))

    def free_port(self, node_id: str) -> int:
        """The port a new connection into node_id should use."""
        spec = self.registry[self.node(node_id).type]
        used = {e.target_port for e in self.in_edges(node_id)}
        if spec.inputs != VARIADIC:
            return next((i for i in range(spec.fixed_inputs) if i not in used), 0)
        return next(i for i in range(len(used) + 1) if i not in used)

    def to_networkx(self) -> nx.MultiDiGraph:
        """A networkx view (rebuilt after structural changes; do not mutate it)."""
        if self._nx is None:
            g = nx.MultiDiGraph()
            g.add_nodes_from(self._nodes)
            g.add_edges_from((e.source, e.target, e.target_port) for e in self._edges)
            self._nx = g
        return self._nx

    # ---- events --------------------------------------------------------------
    def subscribe(self, listener: ev.Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ev.Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: ev.Event) -> None:
        if isinstance(event, ev.STRUCTURAL):
            self._nx = None
            self._adj = None
            self.revision += 1
        for listener in list(self._listeners):
            listener(event)

    # ---- changing --------------------------------------------------------------
    def add_node(self, node: Node, index: int | None = None) -> None:
        problem = node_id_problem(node.id)
        if problem:
            raise GraphError(problem)
        if node.id in self._nodes:
            raise GraphError(_t("there is already a node named {name}", name=repr(node.id)))
        if node.type not in self.registry:
            raise GraphError(self.registry.unknown_type_message(node.type))
        try:
            node.params = self.registry[node.type].check_params(node.params)
        except ParamError as exc:
            raise GraphError(_t("{where}: {problem}", where=node.id, problem=exc)) from None
        if index is None or index >= len(self._nodes):
            self._nodes[node.id] = node  # appending (loading a file) must not copy the table
        else:
            items = list(self._nodes.items())
            items.insert(index, (node.id, node))
            self._nodes = dict(items)
        self._emit(ev.NodeAdded(node.id))

    def remove_node(self, node_id: str) -> tuple[Node, int]:
        """Remove a node that has no edges left; returns it and its index."""
        node = self.node(node_id)
        if self.in_edges(node_id) or self.out_edges(node_id):
            raise GraphError(_t("{node} still has connections; remove them first",
                                  node=node_id))
        index = list(self._nodes).index(node_id)
        del self._nodes[node_id]
        self._emit(ev.NodeRemoved(node_id))
        return node, index

    def add_edge(self, edge: Edge, index: int | None = None) -> None:
        for end in (edge.source, edge.target):
            if end not in self._nodes:
                raise GraphError(_t("cannot connect: there is no node {node}", node=short(end)))
        if edge in self._edge_set:
            raise GraphError(_t("{source} is already connected to {target}", source=edge.source,
                                  target=edge.target))
        if edge.target_port < 0:
            raise GraphError(_t("{node}: input port {port} does not exist", node=edge.target,
                                  port=edge.target_port))
        if edge.source_port < 0:
            raise GraphError(_t("{node}: output port {port} does not exist", node=edge.source,
                                  port=edge.source_port))
        if index is None:
            self._edges.append(edge)
        else:
            self._edges.insert(index, edge)
        self._edge_set.add(edge)
        self._emit(ev.EdgeAdded(edge))

    def remove_edge(self, edge: Edge) -> int:
        try:
            index = self._edges.index(edge)
        except ValueError:
            raise GraphError(_t("{source} is not connected to {target}", source=edge.source,
                                  target=edge.target)) from None
        del self._edges[index]
        self._edge_set.discard(edge)
        self._emit(ev.EdgeRemoved(edge))
        return index

    def set_param(self, node_id: str, name: str, value: Any, *, reset: bool = False,
                  index: int | None = None) -> None:
        """Set a parameter (checked against the spec), or with reset=True drop it.

        index: where a parameter not yet given goes among node.params (an undone reset
        puts it back where it was, so the saved file keeps its key order)."""
        node = self.node(node_id)
        spec = self.registry[node.type]
        if name not in spec.param_names:
            # A GraphError (not KeyError): a Batch rolls back only on the edit error.
            raise GraphError(_t("{type} has no parameter {name}", type=node.type,
                                name=short(name)))
        if reset:
            if spec.param(name).required:
                raise GraphError(_t("{node}.{name} is required and cannot be removed",
                                    node=node_id, name=name))
            node.params.pop(name, None)
        else:
            try:
                node.params[name] = spec.param(name).coerce(value)
            except KeyError:
                raise GraphError(_t("{type} has no parameter {name}", type=node.type,
                                    name=short(name))) from None
            except ParamError as exc:
                raise GraphError(_t("{where}: {problem}", where=node_id, problem=exc)) from None
            if index is not None:
                items = [(k, v) for k, v in node.params.items() if k != name]
                items.insert(index, (name, node.params[name]))
                node.params = dict(items)
        self._emit(ev.ParamChanged(node_id, name, None if reset else node.params[name]))

    def move(self, node_id: str, pos: tuple[float, float] | None) -> None:
        node = self.node(node_id)
        if pos is not None:
            pos = (float(pos[0]), float(pos[1]))
            if not all(math.isfinite(v) for v in pos):
                # A file must load again: JSON has no NaN or infinity.
                raise GraphError(_t("{node}: a position must be two finite numbers", node=node_id))
        node.pos = pos
        self._emit(ev.NodeMoved(node_id, self._nodes[node_id].pos))

    def set_group(self, node_id: str, group: str | None, class_name: str | None = None
                  ) -> None:
        """Put a node in a group (a dotted path) or, with None, take it out; class_name
        names the group's class in the generated code."""
        node = self.node(node_id)
        if group is not None and not _GROUP_PATH.match(group):
            raise GraphError(_t("{group} is not a group name: use letters, digits and _, "
                                "with dots between levels (encoder.block1)", group=repr(group)))
        node.group = group or None
        if group and class_name:
            self.group_classes[group] = class_name
        self._emit(ev.GroupChanged(node_id, node.group))

    def rename(self, old_id: str, new_id: str) -> None:
        node = self.node(old_id)
        if new_id == old_id:
            return
        problem = node_id_problem(new_id)
        if problem:
            raise GraphError(problem)
        if new_id in self._nodes:
            raise GraphError(_t("there is already a node named {name}", name=repr(new_id)))
        node.id = new_id
        self._nodes = {(new_id if k == old_id else k): v for k, v in self._nodes.items()}
        self._edges = [
            Edge(
                new_id if e.source == old_id else e.source,
                new_id if e.target == old_id else e.target,
                e.target_port,
                e.source_port,
            )
            for e in self._edges
        ]
        self._edge_set = set(self._edges)
        self._emit(ev.NodeRenamed(old_id, new_id))

    def copy(self) -> Graph:
        """An independent graph with the same nodes and edges (no listeners): what a
        background job reads while the user goes on editing this one."""
        twin = Graph(self.registry)
        twin._nodes = {nid: node.copy() for nid, node in self._nodes.items()}
        twin._edges = list(self._edges)
        twin.group_classes = dict(self.group_classes)
        twin._edge_set = set(twin._edges)
        return twin

    def replace_with(self, other: Graph) -> None:
        """Take over another graph's contents (loading a project), as one reset event."""
        self._nodes = other._nodes
        self._edges = other._edges
        self.group_classes = other.group_classes
        self._edge_set = set(self._edges)
        self._emit(ev.GraphReset())
