"""The extracted DAG is the graph PyTorch records, tied to the layers that made it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import networkx as nx
import pytest
import torch
from torch import nn

from netbuilder.autograd.dag import AutogradError, extract_dag
from netbuilder.autograd.graph import LOSS_LAYER, AutogradDag
from netbuilder.core.codegen import CompileError
from netbuilder.core.compiler import compile_graph
from netbuilder.core.graph import Edge, Graph, Node

# What each canvas type records in autograd (the names PyTorch gives its functions).
RECORDS = {
    "Conv2d": {"ConvolutionBackward0"},
    "ReLU": {"ReluBackward0"},
    "MaxPool2d": {"MaxPool2DWithIndicesBackward0"},
    "Flatten": {"ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0"},
    "Linear": {"AddmmBackward0", "TBackward0"},
    "AdaptiveAvgPool2d": {"MeanBackward1"},
    "Add": {"AddBackward0"},
    "Concat": {"CatBackward0"},
}


def course_run(graph: Graph, seed: int = 0) -> tuple[nn.Module, torch.Tensor, torch.Tensor,
                                                       torch.Tensor]:
    """What the course does by hand: net(input), MSELoss against a target, the loss."""
    model = compile_graph(graph).build(seed=seed)
    shape = next(n for n in graph if n.type == "Input").params["shape"]
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(2, *shape, generator=gen)
    out = model(x)
    target = torch.randn(out.shape, generator=gen)
    return model, x, target, nn.MSELoss()(out, target)


def independent_walk(root: object) -> nx.MultiDiGraph:
    """Every grad_fn reachable through next_functions, edges input → consumer."""
    g = nx.MultiDiGraph()
    todo, seen = [root], {root}
    g.add_node(root, name=type(root).__name__)
    while todo:
        fn = todo.pop()
        for child, _ in fn.next_functions:  # type: ignore[attr-defined]
            if child is None:
                continue
            if child not in seen:
                seen.add(child)
                todo.append(child)
                g.add_node(child, name=type(child).__name__)
            g.add_edge(child, fn)
    return g


def as_networkx(dag: AutogradDag) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in dag.nodes:
        g.add_node(n.id, name=n.name)
    g.add_edges_from(dag.edges)
    return g


def data_path(dag: AutogradDag) -> list[int]:
    """From the loss down through the inputs that carry data (not weights)."""
    path = [dag.root.id]
    while True:
        nodes = [dag.nodes[i] for i in dag.inputs(path[-1])]
        data = [n for n in nodes if n.kind == "backward" and n.name != "TBackward0"]
        if not data:
            return path
        path.append(data[0].id)


def test_lenet_mse_equals_an_independent_walk(example_graph: Callable[[str], Graph]) -> None:
    graph = example_graph("lenet")
    model, x, target, loss = course_run(graph)
    walked = independent_walk(loss.grad_fn)
    dag = extract_dag(graph, "MSELoss", model=model, batch=(x, target))

    names = Counter(n.name for n in dag.nodes)
    assert names == Counter(name for _, name in walked.nodes(data="name"))
    assert names["AccumulateGrad"] == 10 and names["ReluBackward0"] == 4
    assert len(dag.edges) == walked.number_of_edges() == 25
    pairs = Counter((dag.nodes[s].name, dag.nodes[t].name) for s, t in dag.edges)
    assert pairs == Counter((walked.nodes[s]["name"], walked.nodes[t]["name"])
                            for s, t in walked.edges())
    assert nx.is_isomorphic(as_networkx(dag), walked,
                            node_match=lambda a, b: a["name"] == b["name"])
    assert [n.id for n in dag.nodes] == list(range(len(dag.nodes)))


def test_lenet_leaves_are_exactly_the_parameters(example_graph: Callable[[str], Graph]
                                                 ) -> None:
    graph = example_graph("lenet")
    model = compile_graph(graph).build(seed=0)
    dag = extract_dag(graph, "MSELoss")
    leaves = [n for n in dag.nodes if n.kind == "leaf"]
    assert all(n.name == "AccumulateGrad" and not dag.inputs(n.id) for n in leaves)
    assert {n.param: n.shape for n in leaves} == {
        name: tuple(p.shape) for name, p in model.named_parameters()}
    assert len(leaves) == len(list(model.parameters()))
    assert {n.param: n.layer for n in leaves}["conv1.weight"] == "conv1"
    assert next(n for n in leaves if n.param == "conv1.weight").label == "conv1.weight 6×1×5×5"


def test_lenet_chain_from_the_loss_is_the_courses(example_graph: Callable[[str], Graph]
                                                  ) -> None:
    dag = extract_dag(example_graph("lenet"), "MSELoss")
    root = dag.root
    assert (root.name, root.kind, root.layer, root.shape) == ("MseLossBackward0", "loss",
                                                              LOSS_LAYER, ())
    assert all(t != root.id for t in dag.inputs(root.id)) and not [
        t for s, t in dag.edges if s == root.id]  # the loss is the sink
    addmm = dag.nodes[dag.inputs(root.id)[0]]  # loss.grad_fn.next_functions[0][0]
    assert addmm.name == "AddmmBackward0"
    # ...next_functions[0][0] once more: the course's old PyTorch printed AccumulateGrad
    assert dag.nodes[dag.inputs(addmm.id)[0]].param == "fc3.bias"
    chain = data_path(dag)
    assert [dag.nodes[i].name for i in chain[:3]] == ["MseLossBackward0", "AddmmBackward0",
                                                       "ReluBackward0"]
    # input -> conv2d -> relu -> maxpool2d -> conv2d -> relu -> maxpool2d -> view ->
    # linear -> relu -> linear -> relu -> linear -> MSELoss -> loss, read backwards
    assert [dag.nodes[i].layer for i in chain] == [
        "loss", "fc3", "relu4", "fc2", "relu3", "fc1", "flatten", "pool2", "relu2", "conv2",
        "pool1", "relu1", "conv1"]


@pytest.mark.parametrize("name", ["lenet", "residual_add", "concat_branches"])
def test_every_backward_node_maps_to_the_layer_that_made_it(
        example_graph: Callable[[str], Graph], name: str) -> None:
    graph = example_graph(name)
    dag = extract_dag(graph, "MSELoss")
    for node in dag.nodes:
        if node.kind == "loss":
            continue
        assert node.layer in graph.nodes, node
        if node.kind == "leaf":
            assert node.param.split(".")[0] == node.layer
        else:
            assert node.name in RECORDS[graph.nodes[node.layer].type], node
    layers_with_nodes = {n.layer for n in dag.nodes}
    every_layer = {n.id for n in graph if n.type not in ("Input", "Output")}
    assert every_layer | {LOSS_LAYER} == layers_with_nodes


def test_skip_connection_add_has_both_branches_as_inputs(
        example_graph: Callable[[str], Graph]) -> None:
    dag = extract_dag(example_graph("residual_add"), "MSELoss")
    (add,) = [n for n in dag.nodes if n.name == "AddBackward0"]
    assert add.layer == "add1"
    inputs = [dag.nodes[i] for i in dag.inputs(add.id)]
    assert [(n.name, n.layer) for n in inputs] == [("ConvolutionBackward0", "conv3"),
                                                   ("ReluBackward0", "relu1")]
    relu1 = inputs[1]
    consumers = sorted(dag.nodes[t].layer for s, t in dag.edges if s == relu1.id)
    assert consumers == ["add1", "conv2"]  # the skip and the branch


def test_three_way_add_feeding_an_add_maps_both_adds() -> None:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [2, 6, 6]}))
    conv = {"in_channels": 2, "out_channels": 2, "kernel_size": 3, "padding": 1}
    for nid in ("a", "b", "c"):
        g.add_node(Node(nid, "Conv2d", conv))
        g.add_edge(Edge("input", nid))
    g.add_node(Node("sum3", "Add"))
    for port, nid in enumerate(("a", "b", "c")):
        g.add_edge(Edge(nid, "sum3", port))
    g.add_node(Node("again", "Add"))  # structural straight into structural
    g.add_edge(Edge("sum3", "again", 0))
    g.add_edge(Edge("a", "again", 1))
    g.add_node(Node("flat", "Flatten"))
    g.add_node(Node("fc", "Linear", {"in_features": 72, "out_features": 3}))
    g.add_node(Node("output", "Output"))
    for s, t in (("again", "flat"), ("flat", "fc"), ("fc", "output")):
        g.add_edge(Edge(s, t))
    dag = extract_dag(g, "L1Loss")
    adds = Counter(n.layer for n in dag.nodes if n.name == "AddBackward0")
    assert adds == {"sum3": 2, "again": 1}  # (a + b) + c, then sum3 + a
    assert {n.layer for n in dag.nodes if n.name == "ConvolutionBackward0"} == {"a", "b", "c"}


def test_gradient_norms_equal_p_grad_norm(example_graph: Callable[[str], Graph]) -> None:
    graph = example_graph("lenet")
    model, x, target, loss = course_run(graph, seed=3)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    dag = extract_dag(graph, "MSELoss", model=model, batch=(x, target))
    assert all(p.grad is None for p in model.parameters())  # the model is not touched
    assert dag.loss_value == pytest.approx(float(loss.detach()))
    loss.backward()
    grads = {name: float(p.grad.norm()) for name, p in model.named_parameters()}
    assert {n.param: n.grad_norm for n in dag.nodes if n.kind == "leaf"} == pytest.approx(grads)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert dag.root.grad_norm == pytest.approx(1.0)
    assert all(n.grad_norm is not None and n.shape is not None for n in dag.nodes)


def test_engine_order_runs_every_consumer_before_its_inputs(
        example_graph: Callable[[str], Graph]) -> None:
    dag = extract_dag(example_graph("residual_add"), "CrossEntropyLoss")
    assert sorted(dag.order) == [n.id for n in dag.nodes]
    assert dag.order[0] == dag.root.id
    when = {nid: i for i, nid in enumerate(dag.order)}
    assert all(when[t] < when[s] for s, t in dag.edges)
    assert dag.root.name == "NllLossBackward0"
    assert [n.layer for n in dag.nodes if n.name == "LogSoftmaxBackward0"] == [LOSS_LAYER]


def test_weights_that_no_longer_fit_fall_back_with_a_note(
        example_graph: Callable[[str], Graph]) -> None:
    other = compile_graph(example_graph("residual_add")).build(seed=0)
    dag = extract_dag(example_graph("lenet"), "MSELoss", model=other)
    assert "fresh weights" in dag.note
    assert len(dag.nodes) == 26


def test_a_training_batch_is_used_and_unsuitable_targets_are_replaced(
        example_graph: Callable[[str], Graph]) -> None:
    graph = example_graph("lenet")
    x = torch.randn(3, 1, 32, 32)
    labels = torch.tensor([1, 7, 3])
    dag = extract_dag(graph, "CrossEntropyLoss", batch=(x, labels))
    assert dag.note == "" and dag.nodes[dag.inputs(dag.root.id)[0]].shape == (3, 10)
    expected = nn.CrossEntropyLoss()(compile_graph(graph).build(seed=0)(x), labels)
    assert dag.loss_value == pytest.approx(float(expected.detach()))
    dag = extract_dag(graph, "MSELoss", batch=(x, labels))
    assert "random targets" in dag.note and dag.root.name == "MseLossBackward0"


def test_bad_requests_say_why(example_graph: Callable[[str], Graph]) -> None:
    graph = example_graph("lenet")
    with pytest.raises(AutogradError, match="unknown loss"):
        extract_dag(graph, "HingeLoss")
    graph.set_param("fc1", "in_features", 576)
    with pytest.raises(CompileError, match="fc1"):
        extract_dag(graph, "MSELoss")


def test_json_has_exactly_the_documented_fields(example_graph: Callable[[str], Graph]
                                                ) -> None:
    import json

    dag = extract_dag(example_graph("lenet"), "MSELoss")
    data = json.loads(dag.to_json_text())
    assert data == dag.to_json()
    assert set(data) == {"nodes", "edges"}
    assert all(set(n) == {"id", "name", "kind", "layer", "param", "shape"}
               for n in data["nodes"])
