"""Small builders for graphs in tests."""

from __future__ import annotations

from typing import Any

from netbuilder.core.graph import Edge, Graph, Node


def build(nodes: list[tuple[str, str, dict[str, Any]]],
          edges: list[tuple[str, str] | tuple[str, str, int]]) -> Graph:
    g = Graph()
    for nid, type_name, params in nodes:
        g.add_node(Node(nid, type_name, params))
    for e in edges:
        g.add_edge(Edge(*e))
    return g


def chain(shape: list[int], layers: list[tuple[str, str, dict[str, Any]]]) -> Graph:
    nodes = [("input", "Input", {"shape": shape}), *layers, ("output", "Output", {})]
    ids = [n[0] for n in nodes]
    return build(nodes, list(zip(ids, ids[1:], strict=False)))
