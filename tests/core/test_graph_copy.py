"""Graph.copy and the clipboard payloads: graph logic the GUI only calls."""

from __future__ import annotations

from netbuilder.core.clipboard import paste_edit, payload_from_text, payload_text, selection_payload
from netbuilder.core.graph import Edge
from netbuilder.core.shapes import analyze
from tests.core.helpers import chain


def _lenet_head():
    return chain([1, 28, 28], [("conv1", "Conv2d", {"in_channels": 1, "out_channels": 6,
                                                    "kernel_size": 5}),
                               ("relu1", "ReLU", {})])


def test_copy_is_equal_and_independent() -> None:
    graph = _lenet_head()
    twin = graph.copy()
    assert list(twin.nodes) == list(graph.nodes) and twin.edges == graph.edges
    assert analyze(twin).nodes["relu1"].output_shape[1:] == (6, 24, 24)
    twin.set_param("conv1", "out_channels", 8)
    twin.remove_edge(Edge("relu1", "output"))
    assert graph.node("conv1").params["out_channels"] == 6
    assert Edge("relu1", "output") in graph.edges


def test_paste_renames_and_reconnects() -> None:
    graph = _lenet_head()
    text = payload_text(selection_payload(graph, ["conv1", "relu1"]))
    payload = payload_from_text(text)
    assert payload is not None and payload_from_text("conv1") is None
    pasted = paste_edit(graph, payload)
    assert pasted is not None
    edit, new_ids = pasted
    edit.apply(graph)
    assert new_ids == ["conv2", "relu2"] and Edge("conv2", "relu2") in graph.edges
