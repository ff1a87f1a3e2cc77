"""A tidy layered layout from the graph's topological order, wrapped to a window's shape.

Each node goes one row below its lowest input (longest-path layering); within a row,
nodes sit near the mean column of their inputs, in the graph's own order. A long chain
in one column would be a thin strip that no window shows readably, so given the shape
of the window (`aspect`, width / height), the rows are cut into bands that stand side by
side, left to right, like newspaper columns: the number of bands is the one that lets
the whole graph show at the largest zoom. Pure data: the GUI applies the positions as
one undoable edit.
"""

from __future__ import annotations

import networkx as nx

from netbuilder.core.graph import Graph

ROW = 110.0  # a node (80) and room for the shape on the edge below it
COLUMN = 230.0
BAND_GAP = 120.0  # between bands: room for the edge that climbs to the next band's top
NODE_W, NODE_H = 206.0, 80.0  # a node's size on the canvas (gui/scene/node_item.py)


def layered_positions(graph: Graph, aspect: float | None = None) -> dict[str, tuple[float, float]]:
    """Top-left-anchored positions (x is a node's centre, y its top) for every node.
    `aspect`: the width / height of the area the graph should fill; None keeps one band."""
    rows, column = _layers(graph)
    if not rows:
        return {}
    bands = [rows]
    if aspect and aspect > 0:
        bands = _best_bands(rows, column, _cut_points(graph, rows), aspect)
    pos: dict[str, tuple[float, float]] = {}
    left = 0.0
    for band in bands:
        lo, hi = _span(band, column)
        for r, row in enumerate(band):
            for nid in row:
                pos[nid] = (round(left + (column[nid] - lo) * COLUMN, 1), r * ROW)
        left += (hi - lo) * COLUMN + NODE_W + BAND_GAP
    return pos


def _layers(graph: Graph) -> tuple[list[list[str]], dict[str, float]]:
    """The rows, top first, and each node's column (0 for a plain chain)."""
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
    by_row: dict[int, list[str]] = {}
    for nid in graph.nodes:
        by_row.setdefault(row[members[nid]], []).append(nid)
    column: dict[str, float] = {}
    rows: list[list[str]] = []
    for r in sorted(by_row):
        wanted = []
        for nid in by_row[r]:
            parents = [column[p] for p in g.predecessors(nid) if p in column]
            wanted.append((sum(parents) / len(parents) if parents else 0.0, index[nid], nid))
        wanted.sort()
        n = len(wanted)
        centre = sum(w for w, _, _ in wanted) / n
        for i, (_, _, nid) in enumerate(wanted):
            column[nid] = centre + (i - (n - 1) / 2)
        rows.append([nid for _, _, nid in wanted])
    return rows, column


def _span(band: list[list[str]], column: dict[str, float]) -> tuple[float, float]:
    cols = [column[n] for row in band for n in row]
    return min(cols), max(cols)


def _cut_points(graph: Graph, rows: list[list[str]]) -> list[int]:
    """Rows before which a band may start: only one edge crosses there (a chain), so
    no skip connection or branch is torn across two bands."""
    row_of = {nid: r for r, row in enumerate(rows) for nid in row}
    crossing = [0] * (len(rows) + 1)
    for e in graph.edges:
        for r in range(row_of[e.source] + 1, row_of[e.target] + 1):
            crossing[r] += 1
    return [r for r in range(1, len(rows)) if crossing[r] == 1]


def _best_bands(rows: list[list[str]], column: dict[str, float], cuts: list[int],
                aspect: float) -> list[list[list[str]]]:
    """The bands, cut at allowed rows near even lengths, that fit an area of this
    aspect at the largest zoom (the fewest bands among equals: fewer edges climb)."""
    best, best_scale = [rows], 0.0
    for count in range(1, len(cuts) + 2):
        chosen: list[int] = []
        for k in range(1, count):
            ideal = k * len(rows) / count
            later = [c for c in cuts if not chosen or c > chosen[-1]]
            if later:
                chosen.append(min(later, key=lambda c: abs(c - ideal)))
        edges = [0, *chosen, len(rows)]
        bands = [rows[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]
        width = -BAND_GAP + sum((hi - lo) * COLUMN + NODE_W + BAND_GAP
                                for lo, hi in (_span(b, column) for b in bands))
        height = (max(len(b) for b in bands) - 1) * ROW + NODE_H
        scale = min(aspect / width, 1.0 / height)
        if scale > best_scale * 1.02:
            best, best_scale = bands, scale
    return best
