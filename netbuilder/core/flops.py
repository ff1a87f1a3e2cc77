"""Floating-point operations per sample, counted by PyTorch's own FlopCounterMode.

The compiled class is built and run on `meta` tensors (no memory, no arithmetic), so a
count costs about what a shape check does and needs no new dependency. Counts follow
FlopCounterMode: a multiply-add is 2 FLOPs, and only the operations it knows (matrix
products, convolutions, attention) count, so ReLU, pooling and Add show 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import torch
from torch.utils.flop_counter import FlopCounterMode

from netbuilder.core.compiler import Compiled
from netbuilder.core.graph import Graph
from netbuilder.core.shapes import Analysis


@dataclass(frozen=True)
class Flops:
    total: int  # the forward pass of one sample
    per_node: dict[str, int] = field(default_factory=dict)  # node id -> FLOPs; absent: 0


def count_flops(compiled: Compiled, input_shape: Sequence[int]) -> Flops:
    """FLOPs of one forward pass for one sample of `input_shape` (without the batch axis)."""
    with torch.device("meta"):
        model = compiled.cls()
    x = torch.empty(1, *input_shape, device="meta")
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        model(x)
    prefix = compiled.cls.__name__ + "."
    per_node = {name[len(prefix):]: sum(ops.values())
                for name, ops in counter.get_flop_counts().items()
                if name.startswith(prefix) and "." not in name[len(prefix):]}
    return Flops(counter.get_total_flops(), per_node)


def graph_flops(graph: Graph, analysis: Analysis) -> Flops | None:
    """The FLOPs of a graph that compiles (None while it has problems)."""
    from netbuilder.core.compiler import compile_graph

    if not analysis.ok:
        return None
    inp = next(n for n in graph if n.type == "Input")
    return count_flops(compile_graph(graph, "Net", analysis=analysis), inp.params["shape"])
