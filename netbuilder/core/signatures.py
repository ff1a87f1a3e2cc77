"""Constructor signatures read from torch.nn, as the JSON the catalogue is built from.

The catalogue (catalogue.py) must load without torch (the window appears before torch
has been imported), so the signatures are read here once and stored in
`catalogue_signatures.json`; `scripts/make_catalogue.py` rewrites that file and
tests/core/test_catalogue.py fails when it no longer matches the installed torch.

Each parameter becomes {"name", "kind", "default"?, "optional"?, "choices"?}: the kind
comes from the annotation (or the default where torch gives none), exactly as the
ParamSpec kinds in registry.py understand them.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

# Arguments that are not a layer's design: where it lives, test hooks, deprecated names.
SKIPPED = frozenset({
    "device", "dtype", "_weight", "_freeze", "_random_samples", "process_group",
    "custom_encoder", "custom_decoder", "min_value", "max_value",
})
# Types whose __init__ is *args: their parameters are those of this base class.
SIGNATURE_OF = {"RNN": "RNNBase", "LSTM": "RNNBase", "GRU": "RNNBase"}
# Choices torch documents but annotates only as str.
CHOICES = {
    "approximate": ("none", "tanh"),
    "mode": ("nearest", "linear", "bilinear", "bicubic", "trilinear"),
    "nonlinearity": ("tanh", "relu"),
    "activation": ("relu", "gelu"),
}
EMBEDDING_BAG_MODES = ("mean", "sum", "max")
# Annotations torch leaves out (MultiheadAttention): kinds by parameter name.
UNANNOTATED = {"embed_dim": "int", "num_heads": "int", "kdim": "int", "vdim": "int"}


def torch_parameters(type_name: str) -> list[inspect.Parameter]:
    """The constructor parameters of torch.nn.<type_name> that a user sets."""
    from torch import nn

    cls = getattr(nn, SIGNATURE_OF.get(type_name, type_name))
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    if type_name in SIGNATURE_OF:
        params = [p for p in params if p.name != "mode"]
    return [p for p in params if p.name not in SKIPPED
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def read_signature(type_name: str) -> list[dict[str, Any]]:
    out = []
    for p in torch_parameters(type_name):
        item: dict[str, Any] = {"name": p.name}
        default = p.default
        if default is not inspect.Parameter.empty:
            if callable(default):  # activation=F.relu: stored by the function's name
                default = default.__name__
            item["default"] = default
        kind, optional = _kind(type_name, p)
        item["kind"] = kind
        if optional:
            item["optional"] = True
        if kind == "choice":
            item["choices"] = list(_choices(type_name, p))
        out.append(item)
    return out


def read_all(type_names: list[str]) -> dict[str, list[dict[str, Any]]]:
    return {name: read_signature(name) for name in type_names}


def _choices(type_name: str, p: inspect.Parameter) -> tuple[str, ...]:
    args = typing.get_args(p.annotation)
    if typing.get_origin(p.annotation) is typing.Literal:
        return tuple(args)
    if type_name == "EmbeddingBag" and p.name == "mode":
        return EMBEDDING_BAG_MODES
    return CHOICES[p.name]


def _kind(type_name: str, p: inspect.Parameter) -> tuple[str, bool]:
    """(ParamSpec kind, whether None is allowed)."""
    import torch

    ann = p.annotation
    default = p.default
    if ann is inspect.Parameter.empty:
        if p.name in UNANNOTATED:
            return UNANNOTATED[p.name], default is None
        if isinstance(default, bool):
            return "bool", False
        if isinstance(default, int):
            return "int", False
        if isinstance(default, float):
            return "float", False
        raise ValueError(  # a catalogue entry PyTorch's signature cannot describe
            f"{type_name}.{p.name}: no annotation and no default to read a kind")  # i18n: internal
    args = set(typing.get_args(ann))
    optional = type(None) in args or default is None
    args.discard(type(None))
    if typing.get_origin(ann) is typing.Literal or p.name in CHOICES or (
            type_name == "EmbeddingBag" and p.name == "mode"):
        return "choice", optional
    if ann is bool or args == {bool}:
        return "bool", optional
    if ann is int or args == {int}:
        return "int", optional
    scales = ("scale_factor", "output_ratio")  # a float or one per dimension: one here
    if ann is float or args == {float} or (float in args and p.name in scales):
        return "float", optional
    if ann is str:
        return "str", optional
    if torch.Size in args or p.name in ("normalized_shape", "unflattened_size"):
        return "shape", optional
    if int in args or str in args:  # int or tuple of ints ("same" for conv padding)
        return "ints", optional
    raise ValueError(f"{type_name}.{p.name}: cannot read a kind from {ann!r}")  # i18n: internal
