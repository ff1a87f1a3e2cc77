"""Quick building: the edits behind "add after", "drop onto a connection", "delete and
keep the chain joined", and input sizes filled from the shape arriving.

Each function returns one edit (a Batch), so the whole step — the node, its connections,
the room made below it and the input sizes filled in — is one undo. Filling works as
PyTorch's Lazy modules do: a layer's `in_channels`, `in_features` or `num_features`
becomes the size of what arrives, read from the shape checker (core/shapes.py).
Qt-free; the canvas (gui/scene/canvas_scene.py) calls these.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from netbuilder.core.edits import AddNode, Batch, Connect, Disconnect, Edit, Move, RemoveNode
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.i18n import _t
from netbuilder.core.layers import STARTING_VALUES

STEP = 120.0  # vertical distance between a node and the one added after it


def new_node(graph: Graph, type_name: str, node_id: str,
             pos: tuple[float, float] | None = None) -> Node:
    """A node with the values a person would pick first (core/layers.py STARTING_VALUES)."""
    params = graph.registry[type_name].default_params()
    params.update(copy.deepcopy(STARTING_VALUES.get(type_name, {})))
    return Node(node_id, type_name, params, pos)


def add_after(graph: Graph, node: Node, after: str | None, fill: bool = True) -> Edit:
    """Add `node` connected after `after` (the selected node), or alone if None.

    One way out of `after`: the new node goes in between (after → node → what followed);
    none: it is appended; a branch point: it starts a new branch. After the Output (which
    has no way out), it goes just before the Output."""
    if after is None or after not in graph.nodes:
        return _finish(graph, _t("Add {type} {node}", type=node.type, node=node.id),
                       [AddNode(node)], {node.id}, fill)
    above = graph.nodes[after].pos
    if node.pos is None and above is not None:
        node = Node(node.id, node.type, node.params, (above[0], above[1] + STEP))
    edits: list[Edit] = [AddNode(node)]
    spec = graph.registry[graph.nodes[after].type]
    outs = graph.out_edges(after)
    if spec.outputs == 0:
        ins = graph.in_edges(after)
        if len(ins) == 1:
            return insert_on_edge(graph, node, ins[0], fill, below=ins[0].source)
        return _finish(graph, _t("Add {type} {node}", type=node.type, node=node.id), edits,
                       {node.id}, fill)
    if len(outs) == 1:
        return insert_on_edge(graph, node, outs[0], fill, below=after)
    if graph.registry[node.type].inputs != 0:
        edits.append(Connect(Edge(after, node.id)))
    return _finish(graph, _t("Add {type} {node} after {after}", type=node.type, node=node.id,
                             after=after), edits, {node.id}, fill)


def insert_on_edge(graph: Graph, node: Node, edge: Edge, fill: bool = True,
                   below: str | None = None) -> Edit:
    """`node` put into the connection `edge`: source → node → target, as one step.

    With `below`, the node is placed under that node and everything downstream moves
    down to make room, so nothing is hidden under the new node."""
    edits: list[Edit] = []
    if below is not None and graph.nodes[below].pos is not None:
        x, y = graph.nodes[below].pos  # type: ignore[misc]
        node = Node(node.id, node.type, node.params, (x, y + STEP))
        edits += _make_room(graph, edge.target, y + STEP)
    edits += [AddNode(node), Disconnect(edge), Connect(Edge(edge.source, node.id)),
              Connect(Edge(node.id, edge.target, edge.target_port))]
    return _finish(graph, _t("Insert {type} {node} between {source} and {target}",
                             type=node.type, node=node.id, source=edge.source,
                             target=edge.target), edits, {node.id, edge.target}, fill)


def connect(graph: Graph, edge: Edge, fill: bool = True) -> Edit:
    """A connection, with the target's input size filled from what now arrives."""
    return _finish(graph, _t("Connect {source} → {target}", source=edge.source,
                             target=edge.target), [Connect(edge)],
                   {edge.target}, fill)


def delete(graph: Graph, node_ids: Iterable[str], edges: Iterable[Edge] = (),
           fill: bool = True) -> Edit | None:
    """Delete nodes and connections; a deleted run of one-in-one-out nodes leaves its
    neighbours joined (a → b → c, delete b: a → c), with input sizes refilled."""
    gone = [n for n in graph.nodes if n in set(node_ids)]
    loose = [e for e in edges if e.source not in gone and e.target not in gone]
    edits: list[Edit] = [Disconnect(e) for e in loose] + [RemoveNode(n) for n in gone]
    rejoined = _rejoin(graph, set(gone))
    edits += [Connect(e) for e in rejoined]
    if not edits:
        return None
    count = len(loose) + len(gone)
    label = edits[0].text if count == 1 else _t("Delete {n} items", n=count)
    return _finish(graph, label, edits, {e.target for e in rejoined}, fill)


def _rejoin(graph: Graph, gone: set[str]) -> list[Edge]:
    joined: list[Edge] = []
    for node_id in gone:
        for out in graph.out_edges(node_id):
            if out.target in gone:
                continue
            source = _through(graph, node_id, gone)
            edge = Edge(source, out.target, out.target_port) if source else None
            if edge is not None and edge not in graph.edges and edge not in joined:
                joined.append(edge)
    return joined


def _through(graph: Graph, node_id: str, gone: set[str]) -> str | None:
    """Up a run of deleted one-in-one-out nodes to the first kept one (None: no run)."""
    seen: set[str] = set()
    while node_id in gone and node_id not in seen:
        seen.add(node_id)
        ins, outs = graph.in_edges(node_id), graph.out_edges(node_id)
        if len(ins) != 1 or len(outs) != 1 or graph.registry[graph.nodes[node_id].type].inputs != 1:
            return None
        node_id = ins[0].source
    return None if node_id in gone else node_id


def _make_room(graph: Graph, start: str, y: float) -> list[Edit]:
    """Move `start` and everything after it down by STEP where they sit at or below y."""
    todo, seen, moves = [start], set(), []
    while todo:
        nid = todo.pop()
        if nid in seen:
            continue
        seen.add(nid)
        pos = graph.nodes[nid].pos
        if pos is not None and pos[1] >= y - STEP / 2:
            moves.append(Move(nid, (pos[0], pos[1] + STEP)))
        todo += [e.target for e in graph.out_edges(nid)]
    return moves


def _finish(graph: Graph, label: str, edits: list[Edit], touched: set[str],
            fill: bool) -> Edit:
    if fill:
        edits = edits + fill_inputs(graph, edits, touched)
    return Batch(label, edits)


def fill_inputs(graph: Graph, edits: list[Edit], touched: set[str]) -> list[Edit]:
    """SetParam edits that give each touched layer the input size arriving after `edits`.

    A Linear that receives an image (rank > 2) is left alone: what it needs is a Flatten
    before it, which the shape checker says."""
    from netbuilder.core.edits import SetParam
    from netbuilder.core.shapes import analyze

    trial = graph.copy()
    for edit in copy.deepcopy(edits):
        edit.apply(trial)
    fills: list[Edit] = []
    for _ in range(len(touched) + 1):  # a fill can unblock a shape further down
        analysis = analyze(trial)
        changed = False
        for nid in [n for n in trial.nodes if n in touched]:
            node = trial.nodes[nid]
            spec = trial.registry[node.type]
            shapes = analysis.nodes[nid].input_shapes if nid in analysis.nodes else []
            if spec.feature_param is None or len(shapes) != 1:
                continue
            x = shapes[0]
            if spec.feature_dim == -1 and len(x) > 2:
                continue
            actual = x[spec.feature_dim]
            if node.params.get(spec.feature_param) != actual:
                edit = SetParam(nid, spec.feature_param, actual)
                edit.apply(trial)
                fills.append(SetParam(nid, spec.feature_param, actual))
                changed = True
        if not changed:
            break
    return fills
