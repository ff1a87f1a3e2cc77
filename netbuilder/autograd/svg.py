"""The autograd DAG as a standalone SVG (for the CLI; the view exports through Qt).

Same layout and colours as the view: nodes filled by the layer that produced them
(leaves lighter, the loss red), a tooltip (<title>) with shape and gradient norm, edges
in the forward direction with arrow heads.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from netbuilder.autograd.drawing import NODE_H, NODE_W, darker, layer_colors, lighter, pixel
from netbuilder.autograd.graph import AutogradDag, DagNode
from netbuilder.autograd.layout import DagLayout, Point, layered_layout
from netbuilder.core.i18n import _t

# Characters XML 1.0 forbids even escaped: a project name holding one made invalid SVG.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """text escaped for XML, with the characters XML cannot hold left out."""
    return escape(_NOT_XML.sub("", text))


MARGIN = 40.0
TITLE_H = 52.0


def edge_path(points: list[Point]) -> str:
    """SVG path data through routed points (in pixels): vertical tangents at each point,
    leaving the bottom of the source box and arriving at the top of the target box."""
    pts = list(points)
    pts[0] = (pts[0][0], pts[0][1] + NODE_H / 2)
    pts[-1] = (pts[-1][0], pts[-1][1] - NODE_H / 2)
    d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        my = (y0 + y1) / 2
        d.append(f"C{x0:.1f},{my:.1f} {x1:.1f},{my:.1f} {x1:.1f},{y1:.1f}")
    return " ".join(d)


def node_fill(node: DagNode, colors: dict[str, str]) -> str:
    base = colors.get(node.layer or "", "#d9d9d9")
    return lighter(base) if node.kind == "leaf" else base


def to_svg(dag: AutogradDag, layout: DagLayout | None = None, title: str = "") -> str:
    layout = layout or layered_layout(dag)
    colors = layer_colors(dag)
    x0, y0, x1, y1 = layout.bounds()
    left, top = pixel((x0, y0))
    right, bottom = pixel((x1, y1))
    ox = MARGIN + NODE_W / 2 - left
    oy = MARGIN + TITLE_H + NODE_H / 2 - top
    width = right - left + NODE_W + 2 * MARGIN
    height = bottom - top + NODE_H + 2 * MARGIN + TITLE_H

    def at(point: Point) -> Point:
        px, py = pixel(point)
        return px + ox, py + oy

    # The markup is code; the words in it (the heading, the summary, each node's tooltip)
    # are in the user's language.
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '  # i18n: code
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
           'font-family="DejaVu Sans, Arial, sans-serif">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '  # i18n: code
           'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
           '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
           f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>']  # i18n: code
    heading = title or _t("Autograd DAG")
    out.append(f'<text x="{MARGIN:.0f}" y="{MARGIN:.0f}" font-size="18" '  # i18n: code
               'font-weight="bold">'
               f'{_xml(heading)}</text>')
    out.append(f'<text x="{MARGIN:.0f}" y="{MARGIN + 22:.0f}" font-size="12" '  # i18n: code
               'fill="#333">'
               f'{_xml(dag.summary())}</text>')
    for route in layout.routes:
        d = edge_path([at(p) for p in route])
        out.append(f'<path d="{d}" fill="none" stroke="#666" stroke-width="1.4" '  # i18n: code
                   'marker-end="url(#arrow)"/>')
    for node in dag.nodes:
        cx, cy = at(layout.positions[node.id])
        fill = node_fill(node, colors)
        radius = NODE_H / 2 if node.kind == "leaf" else 8
        stroke_w = 2.5 if node.kind == "loss" else 1.2
        out.append(f'<g><title>{_xml(node.tooltip())}</title>'  # i18n: code
                   f'<rect x="{cx - NODE_W / 2:.1f}" y="{cy - NODE_H / 2:.1f}" '
                   f'width="{NODE_W:.0f}" height="{NODE_H:.0f}" rx="{radius:.0f}" '
                   f'fill="{fill}" stroke="{darker(fill)}" stroke-width="{stroke_w}"/>'
                   f'<text x="{cx:.1f}" y="{cy - 3:.1f}" text-anchor="middle" font-size="12" '
                   f'font-weight="bold">{_xml(node.label)}</text>'
                   f'<text x="{cx:.1f}" y="{cy + 13:.1f}" text-anchor="middle" '
                   f'font-size="10.5" fill="#333">{_xml(node.detail)}</text></g>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
