"""The autograd DAG behind any tensor, e.g. `out` of a lesson's few lines of code.

`extract_dag` (dag.py) builds a network's graph and runs backward itself; here the
student's own code has already run `out.backward()`, so the graph's saved values are
freed and a second backward would fail. What remains is what the lesson needs: the
nodes PyTorch recorded (AddBackward0, MulBackward0, MeanBackward0, AccumulateGrad),
walked from `out.grad_fn` through `next_functions`, and each leaf's real `.grad` from
that backward. The result is the same `AutogradDag` the Autograd panel draws.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import torch

from netbuilder.autograd.dag import _assemble, walk
from netbuilder.autograd.graph import AutogradDag
from netbuilder.core.i18n import _t


class _Named:
    """Stands in for a module: names the leaves as `named_parameters` would."""

    def __init__(self, leaves: Mapping[str, torch.Tensor]) -> None:
        self.leaves = leaves

    def named_parameters(self) -> Iterator[tuple[str, torch.Tensor]]:
        yield from self.leaves.items()


def tensor_dag(out: torch.Tensor, namespace: Mapping[str, Any] | None = None,
               name: str = "out") -> AutogradDag:
    """The graph recorded for `out`; leaves are named after the namespace's tensors."""
    root = out.grad_fn
    if root is None:
        raise ValueError(_t("{name} has no grad_fn: no tensor it comes from has "
                            "requires_grad=True", name=name))
    leaves = {k: v for k, v in (namespace or {}).items()
              if isinstance(v, torch.Tensor) and v.is_leaf and v.requires_grad}
    fns, fn_edges = walk(root)
    dag = _assemble(_Named(leaves), fns, fn_edges, [], {}, {}, root, name,  # type: ignore[arg-type]
                    float(out.detach()) if out.numel() == 1 else 0.0, "")
    for node in dag.nodes:
        if node.kind == "leaf" and node.param is not None:
            node.layer = node.param
        else:
            node.layer = name
    return dag
