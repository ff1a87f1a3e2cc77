"""Quick building without Qt: add after a node, insert into a connection, delete and keep
the chain joined, input sizes filled from the arriving shape — each one undo."""

from __future__ import annotations

from netbuilder.core.building import add_after, connect, delete, insert_on_edge, new_node
from netbuilder.core.edits import History
from netbuilder.core.graph import Edge
from netbuilder.core.project import Project, dumps
from netbuilder.core.shapes import analyze
from tests.core.helpers import chain


def _edges(graph) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in graph.edges}


def test_add_after_inserts_before_what_followed_and_fills_in_channels() -> None:
    g = chain([3, 32, 32], [("conv1", "Conv2d", {"in_channels": 3, "out_channels": 8,
                                                 "kernel_size": 3})])
    before = dumps(Project("t", g))
    history = History(g)
    history.push(add_after(g, new_node(g, "Conv2d", "conv2"), "conv1"))
    assert _edges(g) == {("input", "conv1"), ("conv1", "conv2"), ("conv2", "output")}
    assert g.nodes["conv2"].params == {"in_channels": 8, "out_channels": 1, "kernel_size": 3,
                                       "padding": 1}
    assert analyze(g).ok
    history.undo()  # the node, its connections and the filled size: one step
    assert dumps(Project("t", g)) == before


def test_insert_on_edge_fills_the_layer_and_the_one_after_it() -> None:
    g = chain([10], [("fc1", "Linear", {"in_features": 10, "out_features": 20}),
                     ("fc2", "Linear", {"in_features": 20, "out_features": 2})])
    fc = new_node(g, "Linear", "mid")
    fc.params["out_features"] = 7
    History(g).push(insert_on_edge(g, fc, Edge("fc1", "fc2")))
    assert g.nodes["mid"].params["in_features"] == 20
    assert g.nodes["fc2"].params["in_features"] == 7
    assert analyze(g).ok


def test_linear_after_an_image_is_not_filled_so_the_flatten_hint_stays() -> None:
    g = chain([1, 8, 8], [])
    History(g).push(add_after(g, new_node(g, "Linear", "fc"), "input"))
    assert g.nodes["fc"].params["in_features"] == 1
    assert "add a Flatten" in analyze(g).for_node("fc")[0].message


def test_delete_keeps_the_chain_joined_and_refills() -> None:
    g = chain([10], [("fc1", "Linear", {"in_features": 10, "out_features": 20}),
                     ("relu", "ReLU", {}),
                     ("fc2", "Linear", {"in_features": 20, "out_features": 5}),
                     ("fc3", "Linear", {"in_features": 5, "out_features": 2})])
    history = History(g)
    history.push(delete(g, ["relu", "fc2"]))
    assert _edges(g) == {("input", "fc1"), ("fc1", "fc3"), ("fc3", "output")}
    assert g.nodes["fc3"].params["in_features"] == 20 and analyze(g).ok
    history.undo()
    assert ("fc2", "fc3") in _edges(g) and g.nodes["fc3"].params["in_features"] == 5


def test_connect_fills_batchnorm_and_a_branch_point_is_not_rewired() -> None:
    g = chain([4, 8, 8], [("conv", "Conv2d", {"in_channels": 4, "out_channels": 6,
                                              "kernel_size": 3})])
    g.add_node(new_node(g, "BatchNorm2d", "bn"))
    History(g).push(connect(g, Edge("conv", "bn")))
    assert g.nodes["bn"].params["num_features"] == 6
    # conv now has two ways out: a node added after it starts a branch
    History(g).push(add_after(g, new_node(g, "ReLU", "relu"), "conv"))
    assert {("conv", "output"), ("conv", "bn"), ("conv", "relu")} <= _edges(g)


def test_add_after_output_goes_before_it() -> None:
    g = chain([3], [("fc", "Linear", {"in_features": 3, "out_features": 4})])
    History(g).push(add_after(g, new_node(g, "ReLU", "relu"), "output"))
    assert _edges(g) == {("input", "fc"), ("fc", "relu"), ("relu", "output")}
