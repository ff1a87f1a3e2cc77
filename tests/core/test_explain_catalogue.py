"""Every type of the catalogue explains its shape and its parameter count with its own
numbers: the shapes are the ones core/shapes.py found (PyTorch's), the counts the sum of
p.numel() over the module the compiler builds."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
import torch
from torch import nn

from netbuilder.core.compiler import compile_graph
from netbuilder.core.explain import Explanation, explain
from netbuilder.core.layers import REGISTRY
from netbuilder.core.ops import parameter_init
from netbuilder.core.registry import VARIADIC
from netbuilder.core.shapes import BATCH, analyze, output_shapes, py_params
from tests.core.helpers import build, chain

SPECS = [s for s in REGISTRY if s.type not in ("Input", "Output")]
COUNT = re.compile(r"= (\d+)(  \(.*\))?$")
ARROW = re.compile(r"^[N\d×+ ]+ → [N\d×]+$")
Shape = tuple[int, ...]


def _inputs(spec) -> tuple[Shape, ...]:  # noqa: ANN001 - a LayerSpec
    """The spec's sample inputs; a merge gets two of them."""
    inputs = tuple(spec.sample_inputs)
    return inputs * 2 if spec.inputs == VARIADIC and len(inputs) < 2 else inputs


class Case:
    """One node: its explanation next to what core/shapes.py and the built module say."""

    def __init__(self, type_name: str, inputs: tuple[Shape, ...],
                 params: dict[str, Any]) -> None:
        self.spec = REGISTRY[type_name]
        self.params = self.spec.check_params(params)
        if self.spec.structural and self.spec.op is None:  # Add, Concat: the graph's own
            graph = build([("input", "Input", {"shape": list(inputs[0])}),
                           ("layer", type_name, self.params), ("output", "Output", {})],
                          [*(("input", "layer", i) for i in range(len(inputs))),
                           ("layer", "output")])
            info = analyze(graph).nodes["layer"]
            self.inputs, self.outputs = list(info.input_shapes), list(info.output_shapes)
        else:
            self.inputs = [(BATCH, *s) for s in inputs]
            self.outputs = list(output_shapes(type_name, self.params, self.inputs))
        self.ex = explain(self.spec, self.params, self.inputs, self.outputs[0])

    def real_count(self) -> int:
        """sum(p.numel()) of what the generated code builds: the compiled network for a
        one-input layer, else the `nn.<Type>(...)` line codegen writes for it."""
        spec = self.spec
        if spec.type == "Parameter":
            made = eval(parameter_init(self.params), {"nn": nn, "torch": torch})  # noqa: S307
            return made.numel()
        if spec.inputs == 1:
            graph = chain(list(self.inputs[0][1:]), [("layer", spec.type, self.params)])
            if 0 in spec.int_inputs:
                graph.set_param("input", "dtype", "int64")
            model = compile_graph(graph).build(seed=0)
        elif spec.is_module:
            model = getattr(nn, spec.type)(**py_params(self.params))
        else:
            return 0
        return sum(p.numel() for p in model.parameters())

    def count(self) -> int | None:
        counts = [line for line in self.ex.params if COUNT.search(line)]
        return int(COUNT.search(counts[-1]).group(1)) if counts else None


def _sample(spec) -> Case:  # noqa: ANN001 - a LayerSpec
    return Case(spec.type, _inputs(spec), dict(spec.sample_params))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_every_shape_change_is_explained_with_the_outputs_numbers(spec) -> None:
    case = _sample(spec)
    x, y, ex = (case.inputs or [()])[0], case.outputs[0], case.ex
    if case.inputs and all(out == x for out in case.outputs):
        assert ex.shape, f"{spec.type}: no sentence for its unchanged shape"
        return
    words = [line for line in ex.lines() if not ARROW.match(line)]
    assert words, f"{spec.type}: only the bare arrow {ex.lines()}"
    # The sizes the output has and the input had not must be in the sentences.
    numbers = Counter(re.findall(r"\d+", " ".join(words)))
    new = Counter(str(d) for d in y[1:]) - Counter(str(d) for d in x[1:])
    assert not new - numbers, f"{spec.type}: {y} not in {words}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_every_size_formula_ends_at_the_true_size(spec) -> None:
    # One line per spatial dimension, in D, H, W order, each equal to that output size.
    case = _sample(spec)
    y = case.outputs[0]
    names = [line[0] for line in case.ex.shape if re.match(r"[LDHW]_out = ", line)]
    for line in case.ex.shape:
        value = re.search(r"= (\d+)( \(.*\))?$", line)
        if re.match(r"[LDHW]_out = ", line):
            dim = len(y) - len(names) + names.index(line[0])
            assert value and int(value.group(1)) == y[dim], (line, y)
        elif line.startswith("C_out = "):
            assert value and int(value.group(1)) == y[1], (line, y)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_every_parameter_count_is_the_built_modules(spec) -> None:
    case = _sample(spec)
    real = case.real_count()
    if real:
        assert case.count() == real, case.ex.params
    else:
        assert case.count() in (None, 0), case.ex.params


VARIANTS = [
    ("TransformerDecoderLayer", ((5, 16), (6, 16)),
     {"d_model": 16, "nhead": 2, "dim_feedforward": 32, "batch_first": True, "bias": False}),
    ("TransformerEncoderLayer", ((5, 16),),
     {"d_model": 16, "nhead": 4, "dim_feedforward": 24, "batch_first": True, "bias": False}),
    ("Transformer", ((5, 8), (6, 8)),
     {"d_model": 8, "nhead": 2, "num_encoder_layers": 2, "num_decoder_layers": 3,
      "dim_feedforward": 12, "batch_first": True}),
    ("Transformer", ((5, 8), (6, 8)),
     {"d_model": 8, "nhead": 2, "num_encoder_layers": 1, "num_decoder_layers": 2,
      "dim_feedforward": 12, "batch_first": True, "bias": False}),
    ("LSTM", ((5, 4),), {"input_size": 4, "hidden_size": 6, "num_layers": 2,
                         "bidirectional": True, "proj_size": 3, "batch_first": True}),
    ("GRU", ((5, 4),), {"input_size": 4, "hidden_size": 6, "num_layers": 3, "bias": False,
                        "batch_first": True}),
    ("LSTMCell", ((4,),), {"input_size": 4, "hidden_size": 5, "bias": False}),
    ("MultiheadAttention", ((5, 8), (7, 4), (7, 6)),
     {"embed_dim": 8, "num_heads": 2, "kdim": 4, "vdim": 6, "add_bias_kv": True,
      "batch_first": True}),
    ("MultiheadAttention", ((5, 8), (5, 8), (5, 8)),
     {"embed_dim": 8, "num_heads": 4, "bias": False, "batch_first": True}),
    ("Bilinear", ((5,), (6,)), {"in1_features": 5, "in2_features": 6, "out_features": 4,
                                "bias": False}),
    ("LayerNorm", ((5, 8),), {"normalized_shape": [5, 8], "bias": False}),
    ("GroupNorm", ((4, 5, 5),), {"num_groups": 2, "num_channels": 4, "bias": False}),
    ("PReLU", ((3, 4, 4),), {"num_parameters": 3}),
]


@pytest.mark.parametrize("type_name, inputs, params", VARIANTS,
                         ids=[f"{v[0]}-{i}" for i, v in enumerate(VARIANTS)])
def test_other_settings_count_as_the_built_module(type_name: str, inputs: tuple,
                                                  params: dict) -> None:
    case = Case(type_name, inputs, params)
    assert case.count() == case.real_count(), case.ex.params


def _decoder() -> Case:
    return Case("TransformerDecoderLayer", ((5, 16), (6, 16)),
                {"d_model": 16, "nhead": 2, "dim_feedforward": 32, "batch_first": True})


def test_transformer_decoder_layer_counts_as_pytorch() -> None:
    case = _decoder()
    assert ("8·d² + 8·d + 2·d·ff + ff + d + 6·d = 8·16² + 8·16 + 2·16·32 + 32 + 16 + 6·16 "
            "= 3344") in case.ex.params
    assert case.real_count() == 3344
    assert any("memory (N×6×16)" in line for line in case.ex.shape)


def _one(type_name: str, shape: Shape, params: dict[str, Any]) -> Explanation:
    return Case(type_name, (shape,), params).ex


def test_tensor_operations_say_what_they_did_with_numbers() -> None:
    reshape = _one("Reshape", (3, 4, 5), {"shape": [-1, 5]})
    assert reshape.shape[0] == "N×3×4×5 → N×12×5"
    assert "each sample's 60 values (3·4·5) are laid out again as -1×5" in reshape.shape
    assert "−1 is inferred: 60 / 5 = 12" in reshape.shape
    permute = _one("Permute", (3, 4, 5), {"dims": [0, 2, 3, 1]})
    assert "(x.shape[0], x.shape[2], x.shape[3], x.shape[1]) = (N, 4, 5, 3)" in permute.shape
    chunk = _one("Chunk", (7, 2), {"chunks": 3, "dim": 1})
    assert ("dim 1 (size 7) is cut into chunks = 3 parts of ⌈7 / 3⌉ = 3 (the last may be "
            "smaller): 3 + 3 + 1") in chunk.shape
    index = _one("Index", (3, 4, 5), {"index": ":, 1:, None, ::2"})
    assert index.shape[0] == "N×3×4×5 → N×2×1×2×5"
    assert "dim 1 (size 3): the slice 1: keeps 2 positions" in index.shape
    assert "dim 2 (size 4): the slice ::2 keeps 2 positions" in index.shape
    mean = _one("Mean", (3, 4, 5), {"dim": [2, 3], "keepdim": True})
    assert "averaged over dim = (2, 3): each result is the mean of 4·5 = 20 values" in mean.shape


def test_reflection_padding_reads_its_four_sides_in_pytorchs_order() -> None:
    # (left, right, top, bottom): the last dimension's pads come first.
    pad = _one("ReflectionPad2d", (3, 8, 8), {"padding": [1, 2, 3, 4]})
    assert pad.shape[0] == "N×3×8×8 → N×3×15×11"
    assert "H_out = H + padding_top + padding_bottom = 8 + 3 + 4 = 15" in pad.shape
    assert "W_out = W + padding_left + padding_right = 8 + 1 + 2 = 11" in pad.shape
    assert any("mirrored" in line for line in pad.shape)



def test_the_new_explanations_speak_chinese(chinese: None) -> None:
    pad = _one("ReflectionPad2d", (3, 8, 8), {"padding": 1})
    assert "W_out = W + padding_left + padding_right = 8 + 1 + 1 = 10" in pad.shape
    assert "新增的边框填入：输入在边缘处的镜像（边缘本身不重复）" in pad.shape
    reshape = _one("Reshape", (3, 4, 5), {"shape": [12, 5]})
    assert "每个样本的 60 个值（3·4·5）重新排成 12×5" in reshape.shape
    decoder = _decoder().ex
    assert any(line.startswith("形状与 tgt 相同，为 N×5×16") for line in decoder.shape)
    assert decoder.params[-1].startswith("自注意力和交叉注意力")


@pytest.mark.parametrize("shape", [(2,), (2, 3), (2, 1, 1, 1, 1)], ids=str)
def test_parameters_that_do_not_fit_the_input_still_give_a_tooltip(shape: Shape) -> None:
    # The shape check failed (no output shape): the node still explains what it can.
    for spec in SPECS:
        params = spec.check_params(spec.sample_params)
        explain(spec, params, [shape] * max(len(spec.sample_inputs), 1), None)
    conv = REGISTRY["Conv2d"]
    ex = explain(conv, conv.check_params(conv.sample_params), [shape], None)
    assert "C_out·(C_in·k·k + 1) = 4·(3·3·3 + 1) = 112" in ex.params
