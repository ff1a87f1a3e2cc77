"""The catalogue: every torch.nn layer that maps tensors to tensors, shapes as PyTorch's."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from netbuilder.core.catalogue import signatures
from netbuilder.core.compiler import compile_graph
from netbuilder.core.layers import registry
from netbuilder.core.shapes import analyze, output_shapes
from netbuilder.core.signatures import read_all
from tests.core.helpers import chain

MODULES = [s for s in registry() if s.is_module]
OPS = [s for s in registry() if s.op is not None]
BATCH = 2


def _inputs(spec) -> list[torch.Tensor]:
    torch.manual_seed(0)
    return [torch.randint(0, 4, (BATCH, *shape)) if i in spec.int_inputs
            else torch.randn(BATCH, *shape) for i, shape in enumerate(spec.sample_inputs)]


def _shapes(y) -> list[tuple[int, ...]]:
    leaves = torch.utils._pytree.tree_leaves(y)
    return [tuple(t.shape) for t in leaves if isinstance(t, torch.Tensor)]


def test_the_stored_signatures_are_torchs_own() -> None:
    assert read_all(list(signatures())) == signatures(), "run scripts/make_catalogue.py"


def test_at_least_90_layer_types_with_categories() -> None:
    assert len(MODULES) >= 90
    by_category = registry().by_category()
    for name in ("recurrent", "attention", "padding", "embedding", "tensor"):
        assert by_category[name], name
    for t in ("ReLU6", "PReLU", "SELU", "Mish", "Hardswish", "Hardsigmoid", "Hardtanh",
              "Softplus", "GLU", "Conv3d", "ConvTranspose1d", "AdaptiveMaxPool2d",
              "MaxUnpool2d", "BatchNorm3d", "GroupNorm", "InstanceNorm2d", "RMSNorm",
              "LocalResponseNorm", "AlphaDropout", "ZeroPad2d", "PixelShuffle",
              "PixelUnshuffle", "ChannelShuffle", "Unflatten", "Embedding", "EmbeddingBag",
              "Bilinear", "RNN", "LSTM", "GRU", "MultiheadAttention",
              "TransformerEncoderLayer", "TransformerDecoderLayer"):
        assert registry()[t].is_module, t


@pytest.mark.parametrize("spec", MODULES, ids=lambda s: s.type)
def test_each_layers_shape_is_what_the_real_module_computes(spec) -> None:
    params = spec.check_params(spec.sample_params)
    xs = _inputs(spec)
    torch.manual_seed(0)
    module = getattr(nn, spec.type)(**{k: tuple(v) if isinstance(v, list) else v
                                       for k, v in params.items()}).eval()
    with torch.no_grad():
        real = _shapes(module(*xs))
    assert list(output_shapes(spec.type, params, [tuple(x.shape) for x in xs])) == real
    assert len(spec.output_ports(params)) == len(real)


@pytest.mark.parametrize("spec", OPS, ids=lambda s: s.type)
def test_each_tensor_op_gives_pytorchs_shape(spec) -> None:
    params = spec.check_params(spec.sample_params)
    xs = _inputs(spec)
    real = _shapes(spec.op.run(spec.resolved(params), xs))
    assert list(output_shapes(spec.type, params, [tuple(x.shape) for x in xs])) == real
    assert len(spec.output_ports(params)) == len(real)


@pytest.mark.parametrize("spec", [s for s in MODULES + OPS if s.inputs == 1],
                         ids=lambda s: s.type)
def test_each_one_input_type_compiles_and_runs_as_the_check_says(spec) -> None:
    params = spec.check_params(spec.sample_params)
    graph = chain(list(spec.sample_inputs[0]), [("layer", spec.type, params)])
    if 0 in spec.int_inputs:  # token ids
        graph.set_param("input", "dtype", "int64")
    analysis = analyze(graph)
    assert analysis.ok, [d.message for d in analysis.diagnostics]
    model = compile_graph(graph).build(seed=0).eval()
    with torch.no_grad():
        y = model(_inputs(spec)[0])
    assert tuple(y.shape) == analysis.nodes["output"].output_shape


def test_layers_command_lists_the_catalogue_by_category() -> None:
    import json

    from tests.conftest import run_cli

    run = run_cli("layers", "--json")
    assert run.returncode == 0, run.stderr
    items = json.loads(run.stdout)
    layers = [i for i in items if i["kind"] == "layer"]
    assert len(layers) >= 90
    lstm = next(i for i in items if i["type"] == "LSTM")
    assert lstm["category"] == "recurrent" and lstm["outputs"] == ["output", "h_n", "c_n"]
    assert {"name": "hidden_size", "kind": "int"} in lstm["params"]
    attention = next(i for i in items if i["type"] == "MultiheadAttention")
    assert attention["inputs"] == ["query", "key", "value"]
    table = run_cli("layers")
    assert table.returncode == 0 and "Recurrent (" in table.stdout
    assert "tensor operations" in table.stdout.splitlines()[-1]
