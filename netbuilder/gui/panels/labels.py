"""Short words for the canvas and panels: node key parameters, shapes, new node ids.

Qt-free and torch-free on purpose: the scene calls these for every node on every
repaint-worthy change, and tests can check the words without a window.
"""

from __future__ import annotations

import re
from typing import Any

from netbuilder.core.diagnostics import fmt_shape
from netbuilder.core.registry import LayerSpec

# Abbreviations a PyTorch user reads at a glance (k=5 s=2 p=1).
_SHORT = {"kernel_size": "k", "stride": "s", "padding": "p", "dilation": "d",
          "output_size": "out", "num_features": "C", "normalized_shape": "shape",
          "scale_factor": "×", "negative_slope": "slope"}

# What a new node of a type is called before its number: conv1, fc1, pool1, ...
_ID_BASES = {"Conv2d": "conv", "ConvTranspose2d": "deconv", "Linear": "fc",
             "MaxPool2d": "pool", "AvgPool2d": "avgpool", "AdaptiveAvgPool2d": "gap",
             "BatchNorm1d": "bn", "BatchNorm2d": "bn", "LayerNorm": "ln", "Concat": "cat",
             "LeakyReLU": "lrelu", "LogSoftmax": "logsoftmax", "Dropout2d": "dropout"}


def value_text(value: Any) -> str:
    if isinstance(value, list):
        return "×".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def key_params(spec: LayerSpec, params: dict[str, Any]) -> str:
    """The node's key parameters in a line: Conv2d -> '1→6  k=5  s=1  p=0'."""
    values = spec.resolved(params)
    parts: list[str] = []
    names = list(spec.summary_params)
    for pair in (("in_channels", "out_channels"), ("in_features", "out_features")):
        if pair[0] in names and pair[1] in names:
            parts.append(f"{value_text(values.get(pair[0], '?'))}→"
                         f"{value_text(values.get(pair[1], '?'))}")
            names = [n for n in names if n not in pair]
    for name in names:
        value = values.get(name)
        if value is None:
            continue
        if name == "shape":
            parts.append(value_text(value))
        elif name == "p" and spec.type.startswith("Dropout"):
            parts.append(f"p={value_text(value)}")
        elif name == "mode":
            parts.append(str(value))
        else:
            parts.append(f"{_SHORT.get(name, name)}={value_text(value)}")
    return "  ".join(parts)


def shape_text(shape: tuple[int, ...] | None) -> str:
    return fmt_shape(shape) if shape else "?"


def id_base(type_name: str) -> str:
    """The stem of a new node's id: Conv2d -> 'conv' (so it becomes conv3)."""
    if type_name in _ID_BASES:
        return _ID_BASES[type_name]
    return re.sub(r"\d+[a-z]*\Z", "", type_name).lower() or "node"


def count_text(n: int) -> str:
    """Parameter counts as people read them: 61,706."""
    return f"{n:,}"
