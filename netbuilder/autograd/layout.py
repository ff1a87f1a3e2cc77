"""A layered layout and colours for an autograd DAG: plain data for the view and the SVG.

Rows by longest path to the loss (networkx topological order): the loss at the bottom,
each node one row above its highest consumer, so a parameter leaf sits just above the
function that uses it and data flows down, as the course draws it. An edge that spans
several rows passes through placeholder points, one per row, that take a column of
their own, so a skip connection bends around the branch instead of crossing its nodes.
Within a row, nodes are placed near the median column of their consumers, the tallest
chains (the data path) first, so the main path runs straight and leaves flank it.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass, field

import networkx as nx

from netbuilder.autograd.graph import LOSS_LAYER, AutogradDag

Point = tuple[float, float]

# Drawing geometry in pixels, shared by the view and the SVG writer.
COLUMN_PX = 280.0
ROW_PX = 84.0
NODE_W = 232.0
NODE_H = 46.0


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


def pixel(point: Point) -> Point:
    """A grid point in pixels (the centre of a node placed there)."""
    return point[0] * COLUMN_PX, point[1] * ROW_PX


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


# ---- colours ----------------------------------------------------------------------------
LOSS_COLOR = "#f4a6a6"
UNKNOWN_COLOR = "#d9d9d9"
# Soft, distinct fills that keep black text readable; cycled over the layers in order.
PALETTE = ("#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#ffff99", "#8dd3c7", "#fccde5",
           "#bebada", "#80b1d3", "#ccebc5", "#ffed6f", "#d9b38c")


def layer_colors(dag: AutogradDag) -> dict[str, str]:
    """A fill colour per layer: consecutive layers differ, the loss is always red."""
    colors: dict[str, str] = {}
    for i, layer in enumerate(layer for layer in dag.layers() if layer != LOSS_LAYER):
        colors[layer] = PALETTE[i % len(PALETTE)]
    colors[LOSS_LAYER] = LOSS_COLOR
    return colors


def lighter(color: str, amount: float = 0.45) -> str:
    """The colour mixed with white (a leaf is drawn lighter than its layer)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def darker(color: str, amount: float = 0.45) -> str:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, lum * (1 - amount), s)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


# A perceptual scale (viridis stops): dark blue = vanishing, yellow = large.
GRAD_STOPS = ((0.0, (68, 1, 84)), (0.25, (59, 82, 139)), (0.5, (33, 145, 140)),
              (0.75, (94, 201, 98)), (1.0, (253, 231, 37)))


def grad_fraction(norm: float | None, lo_hi: tuple[float, float] | None) -> float | None:
    """Where `norm` lies on a log scale between the smallest and largest norm (0..1)."""
    if norm is None or lo_hi is None:
        return None
    lo, hi = lo_hi
    if norm <= 0:
        return 0.0
    if hi <= lo:
        return 1.0
    return min(1.0, max(0.0, (math.log10(norm) - math.log10(lo))
                        / (math.log10(hi) - math.log10(lo))))


def grad_color(fraction: float | None) -> str:
    if fraction is None:
        return UNKNOWN_COLOR
    for (f0, c0), (f1, c1) in zip(GRAD_STOPS, GRAD_STOPS[1:], strict=False):
        if fraction <= f1:
            t = (fraction - f0) / (f1 - f0)
            r, g, b = (round(a + (b_ - a) * t) for a, b_ in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    r, g, b = GRAD_STOPS[-1][1]
    return f"#{r:02x}{g:02x}{b:02x}"


def text_color(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"
