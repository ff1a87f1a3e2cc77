"""How an autograd DAG is drawn: pixel geometry and colours, shared by the SVG writer
(netbuilder/autograd/svg.py) and the Qt view (netbuilder/gui/autograd/items.py).

The layout (netbuilder/autograd/layout.py) places nodes in grid units; `pixel` turns
those into the pixels both drawings use.
"""

from __future__ import annotations

import colorsys
import math

from netbuilder.autograd.graph import LOSS_LAYER, AutogradDag
from netbuilder.autograd.layout import Point

# Drawing geometry in pixels, shared by the view and the SVG writer.
COLUMN_PX = 280.0
ROW_PX = 84.0
NODE_W = 232.0
NODE_H = 46.0


def pixel(point: Point) -> Point:
    """A grid point in pixels (the centre of a node placed there)."""
    return point[0] * COLUMN_PX, point[1] * ROW_PX


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
