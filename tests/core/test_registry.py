"""The registry speaks PyTorch: the same names, order and defaults as torch.nn."""

from __future__ import annotations

import inspect

import pytest

from netbuilder.core.layers import registry
from netbuilder.core.registry import CATEGORIES, VARIADIC, ParamError
from netbuilder.core.signatures import torch_parameters

REQUIRED_TYPES = [
    "Input", "Output", "Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d",
    "AdaptiveAvgPool2d", "BatchNorm1d", "BatchNorm2d", "Dropout", "Flatten", "Linear",
    "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "LogSoftmax", "Identity",
    "Upsample", "Add", "Concat"
]


def test_every_required_type_is_there() -> None:
    assert set(REQUIRED_TYPES) <= set(registry().types())


@pytest.mark.parametrize("spec", [s for s in registry() if s.is_module],
                         ids=lambda s: s.type)
def test_params_match_the_torch_constructor(spec) -> None:
    # LSTM's own __init__ is (*args, **kwargs): torch_parameters reads RNNBase's.
    torch_params = torch_parameters(spec.type)
    by_name = {p.name: p for p in torch_params}
    order = [p.name for p in torch_params]
    assert [order.index(p.name) for p in spec.params] == sorted(
        order.index(p.name) for p in spec.params), "parameters keep the constructor's order"
    for p in spec.params:
        theirs = by_name[p.name]
        if p.required:
            assert theirs.default is inspect.Parameter.empty, p.name
        else:
            theirs_default = getattr(theirs.default, "__name__", theirs.default)  # F.relu
            assert theirs_default == p.default, f"{spec.type}.{p.name}"
    # Required params come first: the generated code passes them positionally.
    required = [p.required for p in spec.params]
    assert required == sorted(required, reverse=True)


def test_every_spec_explains_itself() -> None:
    for spec in registry():
        assert spec.category in CATEGORIES
        assert len(spec.doc) > 20, spec.type
    assert "dilation·(kernel_size − 1)" in registry()["Conv2d"].formula


def test_param_values_are_checked_with_reasons() -> None:
    conv = registry()["Conv2d"]
    assert conv.param("kernel_size").coerce((3, 5)) == [3, 5]
    assert conv.param("padding").coerce("same") == "same"
    with pytest.raises(ParamError, match="kernel_size must be at least 1"):
        conv.param("kernel_size").coerce(0)
    with pytest.raises(ParamError, match="whole number"):
        conv.param("out_channels").coerce("six")
    with pytest.raises(ParamError, match="has no parameter 'kernel'"):
        conv.check_params({"kernel": 3, "in_channels": 1, "out_channels": 2, "kernel_size": 3})
    with pytest.raises(ParamError, match="needs out_channels"):
        conv.check_params({"in_channels": 1, "kernel_size": 3})


def test_structural_table_covers_the_structural_specs() -> None:
    from netbuilder.core.structural import STRUCTURAL

    assert set(STRUCTURAL) == {s.type for s in registry() if s.structural}
    assert all(STRUCTURAL[s.type].role == "merge" for s in registry() if s.inputs == VARIADIC)
