"""Large graphs for benchmarks: a long chain and a graph full of skip connections."""

from __future__ import annotations

from netbuilder.core.graph import Edge, Graph, Node


def _conv(c: int) -> dict[str, int]:
    return {"in_channels": c, "out_channels": c, "kernel_size": 3, "padding": 1}


def _head(g: Graph, prev: str, channels: int) -> Graph:
    """Global average pool → flatten → Linear(channels, 10) → Output after `prev`."""
    for nid, type_name, params in [("pool", "AdaptiveAvgPool2d", {"output_size": 1}),
                                   ("flatten", "Flatten", {}),
                                   ("fc", "Linear", {"in_features": channels,
                                                     "out_features": 10}),
                                   ("output", "Output", {})]:
        g.add_node(Node(nid, type_name, params))
        g.add_edge(Edge(prev, nid))
        prev = nid
    return g


def chain_graph(n_nodes: int = 300, channels: int = 16, size: int = 16,
                distinct: bool = False) -> Graph:
    """Input → (Conv2d, BatchNorm2d, ReLU)* → pool → flatten → Linear → Output.

    distinct=True widens every conv by one channel, so no two layers see the same input
    shape (the worst case for the shape checker's memo).
    """
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [channels, size, size]}))
    prev, i, c = "input", 0, channels
    body = n_nodes - 5
    while i < body:
        c_out = c + 1 if distinct else c
        stem, type_name, params = [
            ("conv", "Conv2d", {**_conv(c), "out_channels": c_out}),
            ("bn", "BatchNorm2d", {"num_features": c}),
            ("relu", "ReLU", {}),
        ][i % 3]
        nid = f"{stem}{i}"
        g.add_node(Node(nid, type_name, params))
        g.add_edge(Edge(prev, nid))
        prev, i, c = nid, i + 1, c_out if type_name == "Conv2d" else c
    return _head(g, prev, c)


def skip_graph(n_nodes: int = 300, channels: int = 16, size: int = 16) -> Graph:
    """Residual blocks: x → conv → relu → conv → add(·, x) → relu, repeated."""
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [channels, size, size]}))
    prev, b = "input", 0
    while len(g.nodes) + 5 + 4 <= n_nodes:
        ids = [f"conv{b}a", f"relu{b}a", f"conv{b}b", f"add{b}", f"relu{b}b"]
        types = [("Conv2d", _conv(channels)), ("ReLU", {}), ("Conv2d", _conv(channels)),
                 ("Add", {}), ("ReLU", {})]
        for nid, (type_name, params) in zip(ids, types, strict=True):
            g.add_node(Node(nid, type_name, params))
        for s, t, port in [(prev, ids[0], 0), (ids[0], ids[1], 0), (ids[1], ids[2], 0),
                           (ids[2], ids[3], 0), (prev, ids[3], 1), (ids[3], ids[4], 0)]:
            g.add_edge(Edge(s, t, port))
        prev, b = ids[4], b + 1
    return _head(g, prev, channels)
