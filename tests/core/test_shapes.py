"""Shapes come from PyTorch; every mistake is named on the node at fault, in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbuilder.core.graph import Edge
from netbuilder.core.project import load_project
from netbuilder.core.shapes import analyze
from tests.core.helpers import build, chain

EXPECTED_PARAMS = {
    "lenet.json": 61_706, "lenet_3x3.json": 81_194, "cifar10.json": 62_006,
    "two_layer_net.json": 101_110, "regression.json": 31,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMS))
def test_course_examples_have_the_tutorials_parameter_counts(examples_dir: Path,
                                                             name: str) -> None:
    analysis = analyze(load_project(examples_dir / name).graph)
    assert analysis.ok, analysis.diagnostics
    assert analysis.total_params == EXPECTED_PARAMS[name]


def test_every_example_is_valid(examples_dir: Path) -> None:
    for path in examples_dir.glob("*.json"):
        assert analyze(load_project(path).graph).ok, path.name


def test_lenet_shapes_match_the_tutorial(examples_dir: Path) -> None:
    analysis = analyze(load_project(examples_dir / "lenet.json").graph)
    shape = {nid: info.output_shape[1:] for nid, info in analysis.nodes.items()}
    assert shape["conv1"] == (6, 28, 28)
    assert shape["pool1"] == (6, 14, 14)
    assert shape["pool2"] == (16, 5, 5)
    assert shape["flatten"] == (400,)
    assert shape["output"] == (10,)
    assert analysis.nodes["fc1"].input_shapes == [(2, 400)]


def lenet_3x3_with_fc1(in_features: int):
    k = {"kernel_size": 3}
    return chain([1, 32, 32], [
        ("conv1", "Conv2d", {"in_channels": 1, "out_channels": 6, **k}),
        ("relu1", "ReLU", {}), ("pool1", "MaxPool2d", {"kernel_size": 2}),
        ("conv2", "Conv2d", {"in_channels": 6, "out_channels": 16, **k}),
        ("relu2", "ReLU", {}), ("pool2", "MaxPool2d", {"kernel_size": 2}),
        ("flatten", "Flatten", {}),
        ("fc1", "Linear", {"in_features": in_features, "out_features": 120}),
    ])


def test_wrong_in_features_names_fc1_and_says_576() -> None:
    analysis = analyze(lenet_3x3_with_fc1(400))
    [d] = analysis.diagnostics
    assert d.node_id == "fc1"
    assert d.message == ("fc1 (Linear) expects 400 input features but receives 576 "
                         "(16×6×6 from flatten) — set in_features to 576")
    assert d.edge == Edge("flatten", "fc1")
    assert d.fix is not None and (d.fix.param, d.fix.value) == ("in_features", 576)
    assert analysis.nodes["fc1"].output_shape is None
    assert analysis.nodes["flatten"].output_shape == (2, 576)


def test_applying_the_fix_makes_it_valid() -> None:
    g = lenet_3x3_with_fc1(400)
    fix = analyze(g).diagnostics[0].fix
    g.set_param(fix.node_id, fix.param, fix.value)
    assert analyze(g).ok


def test_channel_mismatch_offers_a_fix() -> None:
    g = chain([3, 32, 32], [("conv1", "Conv2d", {"in_channels": 1, "out_channels": 6,
                                                  "kernel_size": 5})])
    [d] = analyze(g).diagnostics
    assert d.node_id == "conv1"
    assert "expects 1 input channels but receives 3 (from input)" in d.message
    assert d.fix.value == 3


def test_linear_on_an_image_suggests_flatten() -> None:
    g = chain([16, 5, 5], [("fc1", "Linear", {"in_features": 400, "out_features": 10})])
    [d] = analyze(g).diagnostics
    assert d.node_id == "fc1" and "add a Flatten between input and fc1" in d.message


def test_conv_after_flatten_is_explained() -> None:
    g = chain([1, 8, 8], [("flat", "Flatten", {}),
                          ("conv", "Conv2d", {"in_channels": 1, "out_channels": 2,
                                              "kernel_size": 3})])
    [d] = analyze(g).diagnostics
    assert d.node_id == "conv" and "needs an image batch N×C×H×W but receives N×64" in d.message


def test_too_small_input_for_kernel() -> None:
    g = chain([1, 4, 4], [("conv1", "Conv2d", {"in_channels": 1, "out_channels": 2,
                                                "kernel_size": 5})])
    [d] = analyze(g).diagnostics
    assert d.node_id == "conv1" and "too small for kernel_size 5" in d.message


def test_pool_too_small() -> None:
    g = chain([1, 1, 1], [("pool", "MaxPool2d", {"kernel_size": 2})])
    [d] = analyze(g).diagnostics
    assert d.node_id == "pool" and "too small" in d.message


def test_invalid_constructor_arguments_are_reported() -> None:
    g = chain([4, 8, 8], [("conv", "Conv2d", {"in_channels": 4, "out_channels": 6,
                                               "kernel_size": 3, "groups": 4})])
    [d] = analyze(g).diagnostics
    assert d.node_id == "conv" and "cannot be built" in d.message


# ---- graph faults -------------------------------------------------------------------------
RELU: dict = {}


def ids_of(analysis) -> list[str | None]:
    return [d.node_id for d in analysis.diagnostics]


def test_cycle_names_its_nodes() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("a", "ReLU", RELU), ("b", "Add", {}),
               ("c", "ReLU", RELU), ("output", "Output", {})],
              [("input", "a"), ("a", "b"), ("b", "c"), ("c", "b", 1), ("c", "output")])
    analysis = analyze(g)
    cyclic = [d for d in analysis.diagnostics if "cycle" in d.message]
    assert {d.node_id for d in cyclic} == {"b", "c"}
    assert "b → c → b" in cyclic[0].message or "c → b → c" in cyclic[0].message


def test_missing_input_names_the_node() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("fc", "Linear",
               {"in_features": 4, "out_features": 2}), ("orphan", "ReLU", RELU),
               ("output", "Output", {})],
              [("input", "fc"), ("fc", "output"), ("orphan", "output")])
    analysis = analyze(g)
    assert "orphan" in ids_of(analysis)
    d = analysis.for_node("orphan")[0]
    assert "has no input" in d.message and "not connected to the Input" in d.message
    # and the Output, which now has two inputs, is named too
    assert any("takes one input but receives 2" in d.message
               for d in analysis.for_node("output"))


def test_unused_result_names_the_dead_end() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("a", "ReLU", RELU), ("b", "Tanh", {}),
               ("output", "Output", {})],
              [("input", "a"), ("a", "output"), ("a", "b")])
    [d] = analyze(g).diagnostics
    assert d.node_id == "b" and "does not lead to the Output" in d.message


def test_no_input_and_no_output() -> None:
    g = build([("a", "ReLU", RELU)], [])
    messages = [d.message for d in analyze(g).diagnostics]
    assert any(m.startswith("network has no Input") for m in messages)
    assert any(m.startswith("network has no Output") for m in messages)


def test_two_edges_into_a_single_input_port() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("a", "ReLU", RELU), ("b", "ReLU", RELU),
               ("c", "ReLU", RELU), ("output", "Output", {})],
              [("input", "a"), ("input", "b"), ("a", "c"), ("b", "c"), ("c", "output")])
    [d] = analyze(g).diagnostics
    assert d.node_id == "c" and "takes one input but receives 2 (from a, b)" in d.message
    assert d.edge == Edge("b", "c")


def test_edge_into_input_is_named() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("a", "ReLU", RELU),
               ("output", "Output", {})],
              [("input", "a"), ("a", "output"), ("a", "input")])
    assert "input" in ids_of(analyze(g))


def test_add_of_different_shapes() -> None:
    g = build([("input", "Input", {"shape": [4]}),
               ("a", "Linear", {"in_features": 4, "out_features": 3}),
               ("b", "Linear", {"in_features": 4, "out_features": 5}),
               ("add1", "Add", {}), ("output", "Output", {})],
              [("input", "a"), ("input", "b"), ("a", "add1"), ("b", "add1", 1),
               ("add1", "output")])
    [d] = analyze(g).diagnostics
    assert d.node_id == "add1"
    assert "N×3 from a and N×5 from b" in d.message and d.edge == Edge("b", "add1", 1)


def test_add_with_one_input() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("add1", "Add", {}),
               ("output", "Output", {})], [("input", "add1"), ("add1", "output")])
    [d] = analyze(g).diagnostics
    assert d.node_id == "add1" and "needs at least two inputs" in d.message


def test_concat_of_incompatible_shapes() -> None:
    conv = {"in_channels": 1, "kernel_size": 3}
    g = build([("input", "Input", {"shape": [1, 8, 8]}),
               ("a", "Conv2d", {**conv, "out_channels": 2}),
               ("b", "Conv2d", {**conv, "out_channels": 3, "padding": 1}),
               ("cat", "Concat", {"dim": 1}), ("output", "Output", {})],
              [("input", "a"), ("input", "b"), ("a", "cat"), ("b", "cat", 1),
               ("cat", "output")])
    [d] = analyze(g).diagnostics
    assert d.node_id == "cat" and "N×2×6×6 from a vs N×3×8×8 from b" in d.message


def test_concat_adds_channels_in_port_order() -> None:
    conv = {"in_channels": 1, "kernel_size": 3, "padding": 1}
    g = build([("input", "Input", {"shape": [1, 8, 8]}),
               ("a", "Conv2d", {**conv, "out_channels": 2}),
               ("b", "Conv2d", {**conv, "out_channels": 3}),
               ("cat", "Concat", {"dim": 1}), ("output", "Output", {})],
              [("input", "a"), ("input", "b"), ("b", "cat", 1), ("a", "cat", 0),
               ("cat", "output")])
    analysis = analyze(g)
    assert analysis.ok and analysis.nodes["cat"].output_shape == (2, 5, 8, 8)


def test_second_input_is_named() -> None:
    g = build([("input", "Input", {"shape": [4]}), ("input2", "Input", {"shape": [4]}),
               ("output", "Output", {})], [("input", "output")])
    assert "input2" in ids_of(analyze(g))


def test_problems_downstream_are_not_repeated() -> None:
    g = lenet_3x3_with_fc1(400)
    assert ids_of(analyze(g)) == ["fc1"]
