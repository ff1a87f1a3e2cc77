"""Which connections the canvas refuses at once, and why, in a person's words.

The graph itself accepts a cycle or a second edge for a moment (the shape checker then
reports it on the nodes at fault), but a connection dragged by hand that can never be
valid is better refused on the spot, with the reason in the status bar. The checks
use networkx on the graph's own view, so they agree with the shape checker.
"""

from __future__ import annotations

import networkx as nx

from netbuilder.core.graph import Edge, Graph
from netbuilder.core.i18n import _t
from netbuilder.core.registry import VARIADIC


def target_port(graph: Graph, target: str, wanted: int | None) -> int:
    """The port a dragged connection lands on: the one under the cursor if free, else the
    first free one (merge nodes); single-input nodes always use port 0."""
    spec = graph.registry[graph.node(target).type]
    if spec.inputs != VARIADIC:
        return 0
    used = {e.target_port for e in graph.in_edges(target)}
    if wanted is not None and wanted not in used:
        return wanted
    return graph.free_port(target)


def connection_problem(graph: Graph, edge: Edge) -> str | None:
    """Why `edge` must not be added, or None if it may."""
    source, target = edge.source, edge.target
    if source not in graph or target not in graph:
        return _t("that node no longer exists")
    src_type = graph.node(source).type
    tgt_type = graph.node(target).type
    src_spec = graph.registry[src_type]
    tgt_spec = graph.registry[tgt_type]
    if source == target:
        return _t("cannot connect {node} to itself: a network must flow one way", node=source)
    if src_spec.outputs == 0:
        return _t("{node} ({type}) has no output: it is where the network ends", node=source,
                  type=src_type)
    if tgt_spec.inputs == 0:
        return _t("cannot connect into {node} ({type}): data enters the network there, so it "
                  "takes no input", node=target, type=tgt_type)
    existing = graph.in_edges(target)
    if any(e.source == source for e in existing) and tgt_spec.inputs != VARIADIC:
        return _t("{source} is already connected to {target}", source=source, target=target)
    if tgt_spec.inputs == 1 and existing:
        return _t("{node} ({type}) takes one input and already receives one from {source} — "
                  "delete that connection first, or add an Add or Concat to merge the two",
                  node=target, type=tgt_type, source=existing[0].source)
    if tgt_spec.inputs == VARIADIC and any(e.target_port == edge.target_port for e in existing):
        taken = next(e for e in existing if e.target_port == edge.target_port)
        return _t("input {port} of {node} is already fed by {source}", port=edge.target_port,
                  node=target, source=taken.source)
    g = graph.to_networkx()
    if nx.has_path(g, target, source):
        path = nx.shortest_path(g, target, source)
        loop = " → ".join([source, *path])
        return _t("connecting {source} → {target} would make a cycle ({loop}): a network must "
                  "flow one way", source=source, target=target, loop=loop)
    return None
