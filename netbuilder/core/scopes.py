"""Groups as scopes: which nodes and sub-groups make up each submodule, in what order.

A node's `group` is the dotted path of the submodule it belongs to ("layer1.0"); every
prefix of a path is a group too ("layer1"). A scope is one group's direct content:
its own nodes and its child groups ("items"), in an order that respects data flow, with
the values it takes in and hands out. The code generator writes one forward() per
scope, and the canvas collapses a scope to one block; both read this.

A node's name inside its group (its attribute in the generated class) is its id without
the group's prefix: node `layer1_0_conv1` in group `layer1.0` is `self.conv1` there,
which makes its weights `layer1.0.conv1.weight`, the original model's key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from netbuilder.core.graph import Graph
from netbuilder.core.i18n import _t

Value = tuple[str, int]  # (node id, output port)


def parent_of(path: str) -> str:
    return path.rpartition(".")[0]


def prefix_of(path: str) -> str:
    return path.replace(".", "_") + "_" if path else ""


def local_name(node_id: str, group: str | None) -> str:
    prefix = prefix_of(group or "")
    if prefix and node_id.startswith(prefix) and len(node_id) > len(prefix):
        return node_id[len(prefix):]
    return node_id


def all_groups(graph: Graph) -> set[str]:
    """Every group path and each of its ancestors ("layer1.0" gives layer1 too)."""
    out: set[str] = set()
    for node in graph:
        path = node.group or ""
        while path:
            out.add(path)
            path = parent_of(path)
    return out


@dataclass
class Item:
    """A node, or a child group, as seen from the scope that holds it."""

    key: str  # node id, or group path
    is_group: bool
    name: str  # attribute name in the scope's module
    inputs: list[Value] = field(default_factory=list)
    outputs: list[Value] = field(default_factory=list)


@dataclass
class Scope:
    path: str  # "" for the whole network
    items: list[Item]
    inputs: list[Value]  # values from outside, in first-use order
    outputs: list[Value]  # values used outside, in production order


class ScopeError(ValueError):
    """A group whose nodes cannot run as one submodule call; the message says which."""


def build_scopes(graph: Graph, order: list[str]) -> dict[str, Scope]:
    """Every scope by path ("" first), each with its items in data-flow order."""
    position = {nid: i for i, nid in enumerate(order)}
    groups = all_groups(graph)
    # The chain of groups from the root down to each node.
    def chain(nid: str) -> list[str]:
        path, out = graph.nodes[nid].group or "", []
        while path:
            out.append(path)
            path = parent_of(path)
        return [*reversed(out)]

    chains = {nid: chain(nid) for nid in order}

    def item_in(scope: str, nid: str) -> str:
        """The item of `scope` that holds node nid: the node itself or a child group."""
        depth = scope.count(".") + 1 if scope else 0
        c = chains[nid]
        return c[depth] if len(c) > depth else nid

    def inside(scope: str, nid: str) -> bool:
        g = graph.nodes[nid].group or ""
        return not scope or g == scope or g.startswith(scope + ".")

    scopes: dict[str, Scope] = {}
    for path in ["", *sorted(groups, key=lambda p: (p.count("."), p))]:
        members = [nid for nid in order if inside(path, nid)]
        items: dict[str, Item] = {}
        first: dict[str, int] = {}
        for nid in members:
            key = item_in(path, nid)
            if key not in items:
                is_group = key in groups and key != nid
                name = key.rpartition(".")[2] if is_group else local_name(nid, path or None)
                items[key] = Item(key, is_group, name)
                first[key] = position[nid]
        member_set = set(members)
        flow = nx.DiGraph()
        flow.add_nodes_from(items)
        scope_inputs: list[Value] = []
        scope_outputs: list[Value] = []
        for e in sorted(graph.edges, key=lambda e: (position.get(e.target, 0), e.target_port)):
            if e.target not in member_set or e.target not in position:
                continue
            value = (e.source, e.source_port)
            tgt = items[item_in(path, e.target)]
            if e.source in member_set:
                src = items[item_in(path, e.source)]
                if src is not tgt:
                    flow.add_edge(src.key, tgt.key)
                    _add(src.outputs, value)
                    _add(tgt.inputs, value)
            else:
                _add(scope_inputs, value)
                _add(tgt.inputs, value)
        for e in graph.edges:
            if e.source in member_set and e.target not in member_set:
                _add(scope_outputs, (e.source, e.source_port))
                _add(items[item_in(path, e.source)].outputs, (e.source, e.source_port))
        for item in items.values():
            if not item.is_group:
                continue  # a node's own outputs are listed as they are used
            item.outputs.sort(key=lambda v: (position[v[0]], v[1]))
        try:
            ordered = list(nx.lexicographical_topological_sort(flow, key=first.__getitem__))
        except nx.NetworkXUnfeasible:
            cycle = " → ".join(u for u, _ in nx.find_cycle(flow))
            where = _t("group {path}", path=path) if path else _t("the network")
            raise ScopeError(_t("{where} cannot run in order: data goes {cycle} and back into "
                                "the group — group a part that data leaves only once",
                                where=where, cycle=cycle)) from None
        scope_outputs.sort(key=lambda v: (position[v[0]], v[1]))
        scopes[path] = Scope(path, [items[k] for k in ordered], scope_inputs, scope_outputs)
    return scopes


def _add(values: list[Value], value: Value) -> None:
    if value not in values:
        values.append(value)


def group_problem(graph: Graph, node_ids: list[str], group: str) -> str | None:
    """Why these nodes cannot become one group (a submodule runs as one call), or None."""
    from netbuilder.core.structural import is_end

    ends = [n for n in node_ids if is_end(graph.node(n).type)]
    if ends:
        return _t("{node} is where the network begins or ends; it cannot be in a group",
                  node=ends[0])
    twin = graph.copy()
    for nid in node_ids:
        twin.nodes[nid].group = group
    flow = nx.DiGraph()
    flow.add_nodes_from(twin.nodes)
    flow.add_edges_from((e.source, e.target) for e in twin.edges)
    if not nx.is_directed_acyclic_graph(flow):
        return None  # the shape check reports the cycle itself
    order = list(nx.lexicographical_topological_sort(flow, key=list(twin.nodes).index))
    try:
        build_scopes(twin, order)
    except ScopeError as exc:
        return str(exc)
    return None
