"""Floating-point operations per sample, counted by PyTorch's own FlopCounterMode.

Each layer is run on a `meta` tensor of its input shape (no memory, no arithmetic) under
FlopCounterMode, and the count is remembered per (layer, parameters, input shape) as the
shape check remembers output shapes: a meta forward of a whole 300-layer network costs
about half a second, while an edit changes only a few such pairs. The network's total is
the sum over its layers, which is what FlopCounterMode counts on the whole module: the
structural nodes (Add, Concat) are additions and copies it does not count. Counts follow
FlopCounterMode: a multiply-add is 2 FLOPs; only the operations it knows (matrix
products, convolutions, attention) count, so ReLU, pooling and Add show 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

import torch
from torch.utils.flop_counter import FlopCounterMode

from netbuilder.core.graph import Graph
from netbuilder.core.layers import registry
from netbuilder.core.shapes import Analysis, _meta_module
from netbuilder.core.structural import role


@dataclass(frozen=True)
class Flops:
    total: int  # the forward pass of one sample
    per_node: dict[str, int] = field(default_factory=dict)  # node id -> FLOPs


@lru_cache(maxsize=65536)
def layer_flops(type_name: str, params_json: str, input_shape: tuple[int, ...],
                *more: tuple[int, ...]) -> int:
    """FLOPs of one node for inputs of `input_shape` (and `more`, for attention, Mul...;
    batch axis included). Layers run as modules, tensor operations as their ops.py code."""
    spec = registry()[type_name]
    shapes = (input_shape, *more)
    xs = [torch.zeros(x, device="meta", dtype=torch.long) if i in spec.int_inputs
          else torch.empty(x, device="meta") for i, x in enumerate(shapes)]
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        if spec.op is not None:
            spec.op.run(spec.resolved(json.loads(params_json)), xs)
        else:
            _meta_module(type_name, params_json)(*xs)
    return int(counter.get_total_flops())


def graph_flops(graph: Graph, analysis: Analysis) -> Flops | None:
    """FLOPs per sample of each node of a graph without problems (None while it has some)."""
    if not analysis.ok:
        return None
    per_node: dict[str, int] = {}
    for node in graph:
        info = analysis.nodes[node.id]
        if role(node.type) is not None or not info.input_shapes:
            per_node[node.id] = 0
            continue
        # One sample: the batch axis set to 1 (a Parameter's tensor has none to set).
        ones = [s if graph.nodes[e.source].type == "Parameter" else (1, *s[1:])
                for s, e in zip(info.input_shapes, graph.in_edges(node.id), strict=False)]
        per_node[node.id] = layer_flops(node.type, json.dumps(node.params, sort_keys=True),
                                        *ones)
    return Flops(sum(per_node.values()), per_node)
