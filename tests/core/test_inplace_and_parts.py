"""What the graph fuzzer found once the catalogue held every torch.nn layer: an in-place
layer after one whose backward reads its output (an RNNCell's tanh, an in-place CELU, a
Sigmoid seen through a reshape view) broke backward; a Chunk whose later parts go unused
wrote code that unpacked two of its six parts; an InstanceNorm over one position ran in
eval mode but not in training. Each now reads as the real module behaves."""

from __future__ import annotations

import pytest
import torch

from netbuilder.core.codegen import generate_source
from netbuilder.core.compiler import compile_graph
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.shapes import analyze
from tests.fuzz.graphs import reference_forward


def chain(shape: list[int], *layers: tuple[str, str, dict]) -> Graph:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": shape}))
    prev = "input"
    for nid, type_name, params in layers:
        g.add_node(Node(nid, type_name, params))
        g.add_edge(Edge(prev, nid))
        prev = nid
    g.add_node(Node("output", "Output", {}))
    g.add_edge(Edge(prev, "output"))
    return g


def backward_works(g: Graph, shape: tuple[int, ...]) -> bool:
    return runs_backward(compile_graph(g).build().train(), shape)


def runs_backward(model: torch.nn.Module, shape: tuple[int, ...]) -> bool:
    try:
        (model(torch.randn(shape)) ** 2).mean().backward()
    except RuntimeError as exc:
        assert "inplace" in str(exc)
        return False
    return True


@pytest.mark.parametrize("before", [
    ("RNNCell", {"input_size": 5, "hidden_size": 3}),
    ("RNNCell", {"input_size": 5, "hidden_size": 3, "nonlinearity": "relu"}),
    ("CELU", {"inplace": True}),
    ("Softmin", {"dim": 1}),
], ids=lambda b: f"{b[0]}-{b[1].get('nonlinearity', 'inplace' if b[1].get('inplace') else '')}")
def test_in_place_after_a_layer_that_keeps_its_output_is_refused(before: tuple) -> None:
    type_name, params = before
    g = chain([5], ("fc", "Linear", {"in_features": 5, "out_features": 5}),
              ("first", type_name, params), ("act", "Mish", {"inplace": True}))
    # the network as it was called valid, written by hand, fails in PyTorch
    first = getattr(torch.nn, type_name)(**params)
    size = 3 if "hidden_size" in params else 5
    assert not runs_backward(torch.nn.Sequential(
        torch.nn.Linear(5, 5), first, torch.nn.Mish(inplace=True), torch.nn.Linear(size, 1)),
        (2, 5))
    problems = analyze(g).for_node("act")
    assert len(problems) == 1, analyze(g).diagnostics
    assert "first" in problems[0].message and "backward" in problems[0].message
    assert problems[0].fix is not None and problems[0].fix.param == "inplace"
    g.set_param("act", "inplace", False)
    assert analyze(g).ok and backward_works(g, (2, 5))


def test_a_view_in_between_does_not_hide_the_layer_that_keeps_its_output() -> None:
    g = chain([2, 3], ("sig", "Sigmoid", {}), ("view", "Reshape", {"shape": [6]}),
              ("act", "ReLU", {"inplace": True}))
    [problem] = analyze(g).for_node("act")
    assert "sig" in problem.message


@pytest.mark.parametrize("before", [("Mish", {}), ("GRUCell", {"input_size": 5,
                                                                "hidden_size": 5})])
def test_in_place_after_layers_that_keep_no_output_stays_valid(before: tuple) -> None:
    g = chain([5], ("fc", "Linear", {"in_features": 5, "out_features": 5}),
              ("first", *before), ("act", "ReLU", {"inplace": True}))
    assert analyze(g).ok and backward_works(g, (2, 5))


@pytest.mark.parametrize(("shape", "chunks"), [([11, 9], 6), ([14], 7), ([8], 2)])
def test_a_chunk_with_only_its_first_part_used_runs_as_the_graph_means(
        shape: list[int], chunks: int) -> None:
    g = chain(shape, ("parts", "Chunk", {"chunks": chunks, "dim": 1}))
    assert analyze(g).ok
    source = generate_source(g)
    assert "*_ =" in source or chunks == 2
    model = compile_graph(g).build().eval()
    x = torch.randn(2, *shape)
    assert torch.equal(model(x), x.chunk(chunks, dim=1)[0])
    assert torch.equal(model(x), reference_forward(g, analyze(g).order, model, x))


def test_instance_norm_over_one_position_is_refused_with_a_reason() -> None:
    g = chain([2, 4, 4], ("pool", "AdaptiveAvgPool2d", {"output_size": 1}),
              ("norm", "InstanceNorm2d", {"num_features": 2}))
    [problem] = analyze(g).for_node("norm")
    assert "only one" in problem.message and "N×2×1×1" in problem.message
    g.set_param("pool", "output_size", 2)
    assert analyze(g).ok
    model = compile_graph(g).build().train()
    model(torch.randn(2, 2, 4, 4, requires_grad=True)).sum().backward()


@pytest.mark.parametrize(("op", "keepdim"), [("Mean", False), ("Sum", False), ("Mean", True)])
def test_mean_and_sum_without_a_dim_reduce_each_sample(op: str, keepdim: bool) -> None:
    """No dim: every dimension but the batch (x.mean(keepdim=False) is no PyTorch call,
    and reducing the batch would give one number for all the samples)."""
    g = chain([3, 4, 4], ("r", op, {"keepdim": keepdim}))
    info = analyze(g)
    assert info.ok, info.diagnostics
    assert info.nodes["r"].output_shape == ((2, 1, 1, 1) if keepdim else (2,))
    model = compile_graph(g).build().eval()
    x = torch.randn(5, 3, 4, 4)
    want = getattr(x, op.lower())(dim=(1, 2, 3), keepdim=keepdim)
    assert torch.allclose(model(x), want)
    assert torch.allclose(model(x), reference_forward(g, info.order, model, x))


def test_a_layer_after_a_per_sample_mean_is_told_what_is_missing() -> None:
    """A Mean over every dim but the batch leaves N values: a GroupNorm after it has no
    channel dimension, and a FeatureAlphaDropout no channels (refused only in training)."""
    g = chain([3, 4], ("m", "Mean", {}), ("gn", "GroupNorm", {"num_groups": 1,
                                                                "num_channels": 3}))
    [problem] = analyze(g).for_node("gn")  # it was an IndexError in the checker
    assert "dimension 1" in problem.message and "num_channels" in problem.message
    g = chain([3, 4], ("m", "Mean", {}), ("drop", "FeatureAlphaDropout", {}))
    [problem] = analyze(g).for_node("drop")
    assert "channel" in problem.message
    g.set_param("m", "dim", [2])
    assert analyze(g).ok
    compile_graph(g).build().train()(torch.randn(2, 3, 4, requires_grad=True)).sum().backward()


@pytest.mark.parametrize("between", [[], [("same", "Identity", {})]])
def test_in_place_on_a_part_of_a_split_is_refused(between: list) -> None:
    """Split's and Chunk's parts are views autograd will not let be written in place."""
    g = chain([4], ("fc", "Linear", {"in_features": 4, "out_features": 4}),
              ("parts", "Split", {"sizes": [2, 2], "dim": 1}),
              *between, ("act", "ReLU", {"inplace": True}))
    [problem] = analyze(g).for_node("act")
    assert "parts" in problem.message and problem.fix and problem.fix.param == "inplace"
    g.set_param("act", "inplace", False)
    assert analyze(g).ok and backward_works(g, (2, 4))
