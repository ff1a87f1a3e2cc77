"""Shape and parameter explanations: the formula filled in with the node's own numbers,
and every number it arrives at equal to what PyTorch computed (core/shapes.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netbuilder.core import i18n
from netbuilder.core.explain import explain
from netbuilder.core.project import load_project
from netbuilder.core.shapes import analyze
from tests.core.helpers import chain

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _explained(graph):  # noqa: ANN001, ANN202 - a test helper
    analysis = analyze(graph)
    assert analysis.ok, analysis.diagnostics
    for node in graph:
        info = analysis.nodes[node.id]
        yield node, info, explain(graph.registry[node.type], node.params, info.input_shapes,
                                  info.output_shape)


def _check_numbers(graph) -> int:  # noqa: ANN001
    """Every `X_out = … = n` equals the output's size and every count equals PyTorch's."""
    checked = 0
    for node, info, ex in _explained(graph):
        assert ex.shape, f"{node.id} has no shape explanation"
        spatial = [line for line in ex.shape if re.match(r"[LDHW]_out = ", line)]
        names = [line[0] for line in spatial]
        for line in spatial:
            value = int(line.rsplit("= ", 1)[1].split()[0])
            dim = len(info.output_shape) - len(names) + names.index(line[0])
            assert value == info.output_shape[dim], (node.id, line)
            checked += 1
        counts = [line for line in ex.params if re.search(r"= \d+(  \(.*\))?$", line)]
        if info.params:
            assert counts, f"{node.id}: no parameter formula"
            value = int(re.search(r"= (\d+)(  \(.*\))?$", counts[-1]).group(1))
            assert value == info.params, (node.id, counts)
            checked += 1
    return checked


def test_lenet_conv1_reads_as_the_course_writes_it() -> None:
    graph = load_project(EXAMPLES / "lenet.json").graph
    ex = {n.id: e for n, _, e in _explained(graph)}
    assert "H_out = ⌊(32 + 2·0 − 1·(5 − 1) − 1) / 1⌋ + 1 = 28" in ex["conv1"].shape
    assert "C_out·(C_in·k·k + 1) = 6·(1·5·5 + 1) = 156" in ex["conv1"].params
    assert "out_features·(in_features + 1) = 120·(400 + 1) = 48120" in ex["fc1"].params
    assert any("16·5·5 = 400" in line for line in ex["flatten"].shape)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_example_explains_its_true_numbers(path: Path) -> None:
    assert _check_numbers(load_project(path).graph) > 0


@pytest.mark.parametrize("layers", [
    [("c", "Conv2d", {"in_channels": 4, "out_channels": 8, "kernel_size": [3, 5],
                      "stride": 2, "padding": [1, 2], "dilation": 2, "groups": 2}),
     ("p", "MaxPool2d", {"kernel_size": 3, "stride": 2, "ceil_mode": True})],
    [("c", "Conv2d", {"in_channels": 4, "out_channels": 8, "kernel_size": 3,
                      "padding": "same", "bias": False}),
     ("b", "BatchNorm2d", {"num_features": 8}),
     ("a", "AvgPool2d", {"kernel_size": 2, "padding": 1})],
    [("t", "ConvTranspose2d", {"in_channels": 4, "out_channels": 6, "kernel_size": 3,
                               "stride": 2, "padding": 1, "output_padding": 1}),
     ("u", "Upsample", {"scale_factor": 1.5})],
    [("f", "Flatten", {}), ("l", "Linear", {"in_features": 4 * 13 * 13, "out_features": 7,
                                           "bias": False}),
     ("n", "LayerNorm", {"normalized_shape": [7]})],
], ids=["strided-dilated-grouped", "same-nobias-bn", "transposed-upsample", "linear-norms"])
def test_other_layers_explain_their_true_numbers(layers: list) -> None:
    assert _check_numbers(chain([4, 13, 13], layers)) > 0


def test_shape_preserving_layers_say_so() -> None:
    graph = chain([10], [("r", "ReLU", {}), ("d", "Dropout", {})])
    ex = {n.id: e for n, _, e in _explained(graph)}
    assert any(line.startswith("Same shape as its input, N×10") for line in ex["r"].shape)
    assert any(line.startswith("Same shape as its input, N×10") for line in ex["d"].shape)


def test_explanations_follow_the_language() -> None:
    graph = load_project(EXAMPLES / "lenet.json").graph
    i18n.set_language("zh_CN")
    try:
        ex = {n.id: e for n, _, e in _explained(graph)}
    finally:
        i18n.set_language(None)
    words = " ".join(ex["relu1"].shape + ex["conv1"].params)
    assert re.search(r"[\u4e00-\u9fff]", words), words
    assert "C_out·(C_in·k·k + 1) = 6·(1·5·5 + 1) = 156" in ex["conv1"].params


def test_a_stacked_rnn_s_layers_are_labelled_in_the_language() -> None:
    graph = chain([5, 4], [("lstm", "LSTM", {"input_size": 4, "hidden_size": 3,
                                            "num_layers": 2, "batch_first": True})])
    [ex] = [e for n, _, e in _explained(graph) if n.id == "lstm"]
    assert ex.params[0].startswith("layer 1: 1·4·hidden·(input + hidden + 2) = ")
    i18n.set_language("zh_CN")
    try:
        [ex] = [e for n, _, e in _explained(graph) if n.id == "lstm"]
    finally:
        i18n.set_language(None)
    assert ex.params[0].startswith("第 1 层：1·4·hidden·")
    assert ex.params[1].startswith("第 2 层：1·4·hidden·(input + hidden + 2) = 1·4·3·(3 + 3")


def test_lp_pooling_is_not_called_max_or_average() -> None:
    graph = chain([1, 8, 8], [("pool", "LPPool2d", {"norm_type": 2, "kernel_size": 2})])
    [ex] = [e for n, _, e in _explained(graph) if n.id == "pool"]
    assert "p-norm" in " ".join(ex.params)
    assert "averages" not in " ".join(ex.params)
    i18n.set_language("zh_CN")
    try:
        [ex] = [e for n, _, e in _explained(graph) if n.id == "pool"]
    finally:
        i18n.set_language(None)
    assert "p-范数" in " ".join(ex.params) and "平均" not in " ".join(ex.params)
