"""A tidy layered layout, top to bottom, from the graph's topological order.

Each node goes one row below its lowest input (longest-path layering); within a row,
nodes sit near the mean column of their inputs, in the graph's own order. Pure data:
the GUI applies the positions as one undoable edit.
"""

from __future__ import annotations

import networkx as nx

from netbuilder.core.graph import Graph

ROW = 120.0
COLUMN = 230.0


def layered_positions(graph: Graph) -> dict[str, tuple[float, float]]:
    g = nx.DiGraph()
    g.add_nodes_from(graph.nodes)
    g.add_edges_from((e.source, e.target) for e in graph.edges)
    # A cycle has no top: lay out its condensation instead, members side by side.
    cond = nx.condensation(g)
    members = cond.graph["mapping"]
    index = {nid: i for i, nid in enumerate(graph.nodes)}
    row: dict[int, int] = {}
    for c in nx.topological_sort(cond):
        row[c] = max((row[p] + 1 for p in cond.predecessors(c)), default=0)
    rows: dict[int, list[str]] = {}
    for nid in graph.nodes:
        rows.setdefault(row[members[nid]], []).append(nid)
    column: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    for r in sorted(rows):
        wanted = []
        for nid in rows[r]:
            parents = [column[p] for p in g.predecessors(nid) if p in column]
            wanted.append((sum(parents) / len(parents) if parents else 0.0, index[nid], nid))
        wanted.sort()
        n = len(wanted)
        centre = sum(w for w, _, _ in wanted) / n
        for i, (_, _, nid) in enumerate(wanted):
            column[nid] = centre + (i - (n - 1) / 2)
            pos[nid] = (round(column[nid] * COLUMN, 1), r * ROW)
    return pos
