"""The layered layout and the SVG drawing of a DAG (plain data, no Qt, no timing)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from netbuilder.autograd.dag import extract_dag
from netbuilder.autograd.drawing import grad_color, grad_fraction, layer_colors
from netbuilder.autograd.layout import layered_layout
from netbuilder.autograd.svg import to_svg
from netbuilder.core.graph import Graph


@pytest.mark.parametrize("name", ["lenet", "residual_add"])
def test_layout_flows_down_and_keeps_nodes_apart(example_graph: Callable[[str], Graph],
                                                 name: str) -> None:
    dag = extract_dag(example_graph(name), "MSELoss")
    layout = layered_layout(dag)
    pos = layout.positions
    assert set(pos) == {n.id for n in dag.nodes}
    assert all(pos[s][1] < pos[t][1] for s, t in dag.edges)  # forward is downward
    assert pos[dag.root.id][1] == max(y for _, y in pos.values())  # the loss at the bottom
    rows: dict[float, list[float]] = {}
    for x, y in pos.values():
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= 1 - 1e-9 for a, b in zip(xs, xs[1:], strict=False))
    assert len(layout.routes) == len(dag.edges)
    for (s, t), route in zip(dag.edges, layout.routes, strict=True):
        assert route[0] == pos[s] and route[-1] == pos[t]
        assert len(route) == pos[t][1] - pos[s][1] + 1  # one bend per row crossed


def test_a_leaf_sits_just_above_the_function_that_uses_it(
        example_graph: Callable[[str], Graph]) -> None:
    dag = extract_dag(example_graph("lenet"), "MSELoss")
    pos = layered_layout(dag).positions
    for s, t in dag.edges:
        if dag.nodes[s].kind == "leaf":
            assert pos[t][1] - pos[s][1] == 1


def test_colours_per_layer_and_gradient_scale(example_graph: Callable[[str], Graph]
                                              ) -> None:
    dag = extract_dag(example_graph("lenet"), "MSELoss")
    colors = layer_colors(dag)
    layers = [layer for layer in dag.layers() if layer != "loss"]
    assert all(colors[a] != colors[b] for a, b in zip(layers, layers[1:], strict=False))
    lo, hi = dag.grad_range()
    assert grad_fraction(lo, (lo, hi)) == 0.0 and grad_fraction(hi, (lo, hi)) == 1.0
    assert grad_color(0.0) != grad_color(1.0)
    assert grad_fraction(None, (lo, hi)) is None


def test_svg_is_well_formed_and_names_every_node(example_graph: Callable[[str], Graph]
                                                 ) -> None:
    dag = extract_dag(example_graph("residual_add"), "MSELoss")
    text = to_svg(dag, title="Residual <block>")
    root = ET.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert len(root.findall(f".//{ns}g")) == len(dag.nodes)
    assert len(root.findall(f".//{ns}path[@marker-end]")) == len(dag.edges)
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "Residual <block>" in texts
    assert "AddBackward0" in texts and "conv1.weight 16×3×3×3" in texts
