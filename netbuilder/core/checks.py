"""Checks that meta tensors cannot make: will the network really build, run and train?

Shapes on the meta device say whether the layers fit together, but not whether a real
forward in train mode, a backward, or the memory of the machine will hold. These rules
fill that gap, each with a sentence on the node at fault:

- a value PyTorch refuses only on real data (BatchNorm's eps = 0 while training, a
  Softmax dim outside the input's dimensions, which meta tensors let through, an
  InstanceNorm over a single position);
- an in-place layer that overwrites a tensor whose layer keeps its output for the
  backward pass (ReLU, Sigmoid, Tanh, Softmax, ...): backward would fail;
- weights and activations that cannot fit in this machine's memory.

tests/core/test_fuzz_graphs.py builds random graphs over the whole catalogue and runs
every one these rules call valid, forward in train and eval mode and backward.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable

from netbuilder.core.diagnostics import Fix, Shape, fmt_shape
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.i18n import _t

# Layers whose backward reads their own output (found by running each pair; see the
# module docstring's test). With inplace=True, ELU and LeakyReLU keep their output too.
# These tables are the fallback: where the input shape is known the shape checker asks
# PyTorch itself (core/shapes.py's memory_probe), which covers the whole catalogue
# (RNNCell's tanh, CELU in place, ...).
_KEEPS_OUTPUT = frozenset({"ReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax"})
_KEEPS_OUTPUT_IN_PLACE = frozenset({"ELU", "LeakyReLU"})
# Layers whose output can be their input's memory (a view, the same tensor, or the
# input overwritten by inplace=True): an in-place layer after them writes further up.
_SAME_MEMORY = frozenset({"Identity", "Flatten", "Dropout", "Dropout2d"})
# Layers whose outputs are several views of one input: autograd refuses to let any of
# them be written in place.
_LOCKED_OUTPUT = frozenset({"Chunk", "Split"})

BYTES_PER_VALUE = 4  # float32
WARN_SHARE = 0.25  # warn when the network needs more than this share of the memory


def works_in_place(node: Node) -> bool:
    return node.params.get("inplace") is True


def shares_memory(node: Node) -> bool:
    return node.type in _SAME_MEMORY or works_in_place(node)


def keeps_output(node: Node) -> bool:
    return node.type in _KEEPS_OUTPUT or (
        node.type in _KEEPS_OUTPUT_IN_PLACE and works_in_place(node))


def value_problem(node: Node, x: Shape) -> tuple[str, Fix | None] | None:
    """What a real run in train mode would refuse about node's values, given input x."""
    if node.type.startswith("BatchNorm"):
        eps = node.params.get("eps", 1e-5)
        if eps <= 0:
            return (_t("has eps = 0, which PyTorch refuses while training (it divides by "
                       "√(var + eps)) — set eps to 1e-05"), Fix(node.id, "eps", 1e-5))
    if node.type.startswith("InstanceNorm") and len(x) >= 3 and math.prod(x[2:]) <= 1:
        return (_t("normalises each channel over its positions, but its input {shape} has "
                   "only one per channel, which PyTorch refuses while training — put it "
                   "before the layers that shrink the input to 1, or remove it",
                   shape=fmt_shape(x)), None)
    if node.type == "FeatureAlphaDropout" and len(x) < 2:  # eval mode lets it through
        return (_t("drops whole channels, but its input {shape} has no channel dimension, "
                   "which PyTorch refuses while training — put it where the input is N×C or "
                   "N×C×…", shape=fmt_shape(x)), None)
    if node.type in ("Softmax", "LogSoftmax"):
        dim = node.params.get("dim")
        rank = len(x)
        if dim is not None and not -rank <= dim < rank:
            return (_t("has dim={dim}, but its input has {rank} dimensions (0 to {last}) — set "
                       "dim to 1 for the class scores", dim=dim, rank=rank, last=rank - 1),
                    Fix(node.id, "dim", 1))
    return None


# What PyTorch says of a node: (its backward reads its output, its output can be its
# input's memory, its output may not be written in place), or None where it cannot tell
# (the input shape is unknown, or the layer is too big to try).
MemoryProbe = Callable[[Node], tuple[bool, bool, bool] | None]


def in_place_problem(graph: Graph, node: Node, ins: dict[str, list[Edge]],
                     probe: MemoryProbe | None = None) -> str | None:
    """Why node's in-place write would break the backward pass, or None."""
    if not works_in_place(node) or not ins.get(node.id):
        return None
    current = graph.nodes[ins[node.id][0].source]
    seen = {node.id}
    while current.id not in seen:
        seen.add(current.id)
        said = probe(current) if probe is not None else None
        keeps, shares, locked = said if said is not None else (
            keeps_output(current), shares_memory(current), current.type in _LOCKED_OUTPUT)
        if locked:
            return _t("works in place, but its input is one of the parts {node} ({type}) "
                      "gives, which PyTorch does not let be changed in place — set inplace "
                      "to false", node=current.id, type=current.type)
        if keeps:
            return _t("works in place, but {node} ({type}) keeps its output for the backward "
                      "pass and this would overwrite it, so backward fails — set inplace to "
                      "false", node=current.id, type=current.type)
        up = ins.get(current.id)
        if not (shares or shares_memory(current)) or not up:
            return None
        current = graph.nodes[up[0].source]
    return None


def machine_memory() -> int:
    """Bytes of physical memory (16 GiB if the system does not say)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 16 * 2**30


def fmt_bytes(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.3g} EB" if n < 1e6 else f"10^{int(math.log10(n)) + 18} bytes"


def memory_problems(params: dict[str, int], outputs: dict[str, Shape | None],
                    who: Callable[[str], str], memory: int | None = None
                    ) -> tuple[list[tuple[str, str]], list[str]]:
    """(errors on nodes, warnings): weights plus one batch's activations vs the memory.

    Estimated from shapes alone, before anything is allocated: a 10⁹×10⁹ Linear is
    refused here instead of being built until the machine kills the process.
    """
    memory = memory or machine_memory()
    weights = sum(params.values()) * BYTES_PER_VALUE
    acts = {nid: math.prod(s) * BYTES_PER_VALUE for nid, s in outputs.items() if s}
    total = weights + sum(acts.values())
    errors: list[tuple[str, str]] = []
    if total > memory:
        heavy = max(params, key=params.__getitem__, default=None)
        big = max(acts, key=acts.__getitem__, default=None)
        if heavy is not None and params[heavy] * BYTES_PER_VALUE * 2 >= total:
            errors.append((heavy, _t("{who} has {n:,} weights ({size}), more than this "
                                     "machine's memory ({memory}), so it cannot be built — "
                                     "make the layer smaller", who=who(heavy), n=params[heavy],
                                     size=fmt_bytes(params[heavy] * BYTES_PER_VALUE),
                                     memory=fmt_bytes(memory))))
        elif big is not None:
            errors.append((big, _t("{who} produces {size} for a batch of two, and the "
                                   "network needs {total} in all, more than this machine's "
                                   "memory ({memory}) — make the Input or the layers smaller",
                                   who=who(big), size=fmt_bytes(acts[big]),
                                   total=fmt_bytes(total), memory=fmt_bytes(memory))))
        return errors, []
    warnings = []
    # Training holds weights, gradients and two optimizer moments: about 4× the weights.
    # Beyond the whole memory it stays a note, not a problem: the network can still be
    # built, exported or trained elsewhere, and training here is refused when it starts
    # (training_memory_problem).
    if weights * 4 > memory:
        warnings.append(_t("the network has {weights} of weights; training it needs about "
                           "{need}, more than this machine's {memory}",
                           weights=fmt_bytes(weights), need=fmt_bytes(weights * 4),
                           memory=fmt_bytes(memory)))
    elif weights * 4 > memory * WARN_SHARE:
        warnings.append(_t("the network has {weights} of weights; training it needs about "
                           "{need}, a large share of this machine's {memory}",
                           weights=fmt_bytes(weights), need=fmt_bytes(weights * 4),
                           memory=fmt_bytes(memory)))
    return errors, warnings


def training_memory_problem(params: int, outputs: list[Shape | None], batch_size: int,
                            memory: int | None = None) -> str | None:
    """Why training with this batch size cannot fit in memory, or None."""
    memory = memory or machine_memory()
    per_sample = sum(math.prod(s[1:]) for s in outputs if s) * BYTES_PER_VALUE
    # weights, gradients, two optimizer moments; activations kept for backward, and
    # their gradients.
    need = params * BYTES_PER_VALUE * 4 + per_sample * batch_size * 2
    if need <= memory:
        return None
    return _t("training needs about {need} (weights, gradients, optimizer state and a batch of "
              "{n}), more than this machine's memory ({memory}) — use a smaller batch size or a "
              "smaller network", need=fmt_bytes(need), n=batch_size, memory=fmt_bytes(memory))
