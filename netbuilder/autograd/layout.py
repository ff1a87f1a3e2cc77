"""A layered layout for an autograd DAG, in grid units: plain data for the view and the SVG.

Rows by longest path to the loss (networkx topological order): the loss at the bottom,
each node one row above its highest consumer, so a parameter leaf sits just above the
function that uses it and data flows down, as the course draws it. An edge that spans
several rows passes through placeholder points, one per row, that take a column of
their own, so a skip connection bends around the branch instead of crossing its nodes.
Within a row, nodes are placed near the median column of their consumers, the tallest
chains (the data path) first, so the main path runs straight and leaves flank it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from netbuilder.autograd.graph import AutogradDag

Point = tuple[float, float]

@dataclass
class DagLayout:
    """Positions in grid units: x a column (may be fractional), y a row (0 at the top)."""

    positions: dict[int, Point]
    routes: list[list[Point]] = field(default_factory=list)  # one per dag.edges entry
    rows: int = 0

    def bounds(self) -> tuple[float, float, float, float]:
        """min x, min y, max x, max y over the nodes and the routes' bends."""
        points = [*self.positions.values(), *(p for r in self.routes for p in r)]
        xs = [p[0] for p in points] or [0.0]
        ys = [p[1] for p in points] or [0.0]
        return min(xs), min(ys), max(xs), max(ys)


def layered_layout(dag: AutogradDag) -> DagLayout:
    g = nx.DiGraph()
    g.add_nodes_from(n.id for n in dag.nodes)
    g.add_edges_from(dag.edges)
    topo = list(nx.topological_sort(g))
    depth: dict[int, int] = {}  # longest path down to the loss
    for n in reversed(topo):
        depth[n] = max((depth[s] + 1 for s in g.successors(n)), default=0)
    height: dict[int, int] = {}  # longest chain above: the data path is the tallest
    for n in topo:
        height[n] = max((height[p] + 1 for p in g.predecessors(n)), default=0)
    bottom = max(depth.values(), default=0)

    # Placeholders: edge (s, t) spanning k > 1 rows gets one per row in between.
    dummies: dict[tuple[int, int], list[tuple[str, int, int, int]]] = {}
    by_depth: dict[int, list[object]] = {}
    for n in topo:
        by_depth.setdefault(depth[n], []).append(n)
    for s, t in g.edges:
        chain = [("dummy", s, t, d) for d in range(depth[t] + 1, depth[s])]
        dummies[(s, t)] = chain
        for item in chain:
            by_depth.setdefault(item[3], []).append(item)

    x: dict[object, float] = {}
    for d in sorted(by_depth):
        real: list[float] = []
        passing: list[float] = []
        wanted: list[tuple[tuple[int, int, int], float, object]] = []
        for rank, item in enumerate(by_depth[d]):
            if isinstance(item, tuple):  # a placeholder follows the point below it
                _, s, t, dd = item
                below = dummies[(s, t)][dd - depth[t] - 2] if dd - 1 > depth[t] else t
                wanted.append(((1, 0, rank), x[below], item))
            else:
                # The lower median of the consumers: a node feeding two branches stays
                # above one of them instead of drifting between them.
                succ = sorted(x[s] for s in g.successors(item))
                want = succ[(len(succ) - 1) // 2] if succ else 0.0
                wanted.append(((0, -height[item], rank), want, item))
        # Real nodes first (tallest chains first), then placeholders in order.
        wanted.sort(key=lambda w: w[0])
        for key, want, item in wanted:
            if key[0] == 0:
                x[item] = _free_slot(want, [(real, 1.0)])
                real.append(x[item])
            else:  # an edge passes in the channel between two boxes
                x[item] = _free_slot(want, [(real, 0.5), (passing, 0.2)])
                passing.append(x[item])

    positions = {n: (x[n], float(bottom - depth[n])) for n in topo}
    routes = []
    for s, t in dag.edges:
        points = [positions[s]]
        points += [(x[item], float(bottom - item[3])) for item in reversed(dummies[(s, t)])]
        points.append(positions[t])
        routes.append(points)
    return DagLayout(positions, routes, bottom + 1)


def _free_slot(want: float, taken: list[tuple[list[float], float]]) -> float:
    """The position nearest `want` that keeps its distance from every taken one
    (each list of positions with the distance it needs)."""
    def free(c: float) -> bool:
        return all(abs(c - t) >= gap - 1e-9 for ts, gap in taken for t in ts)

    if free(want):
        return want
    candidates = [t + sign * gap for ts, gap in taken for t in ts for sign in (-1, 1)]
    return min((c for c in candidates if free(c)), key=lambda c: (abs(c - want), -c))
