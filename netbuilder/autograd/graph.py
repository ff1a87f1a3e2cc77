"""The autograd DAG as plain data: what `dag.extract_dag` returns.

No torch and no Qt here, so the GUI can hold, lay out and draw a DAG without loading
either, and the CLI writes it as JSON with edges in the forward direction
(leaf → ... → loss), as the course draws it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from netbuilder.core.i18n import _t
from netbuilder.core.losses import LOSSES
from netbuilder.core.text import fmt_dims

LOSS_LAYER = "loss"  # the pseudo-layer of the loss computation (not a canvas node)
KINDS = ("backward", "leaf", "loss")
# Without training settings the DAG uses the course's loss (criterion = nn.MSELoss()),
# which takes any output; the training settings' own default suits classifiers instead.
DEFAULT_LOSS = "MSELoss"


def default_loss(training: dict[str, Any] | None) -> str:
    """The loss a project's training settings name, or the course's MSELoss."""
    name = (training or {}).get("loss")
    return name if name in LOSSES else DEFAULT_LOSS


@dataclass
class DagNode:
    """One node autograd recorded: a backward function, a parameter leaf, or the loss.

    `name` is PyTorch's own (type(grad_fn).__name__: ConvolutionBackward0,
    AccumulateGrad, MseLossBackward0, ...). `layer` is the canvas node that produced it
    (LOSS_LAYER for the loss computation). `shape` is the shape of the forward value the
    node differentiates (the parameter's shape for a leaf). `grad_norm` is the norm of
    the gradient flowing into it during backward (p.grad.norm() for a leaf).
    """

    id: int
    name: str
    kind: str
    layer: str | None
    param: str | None = None
    shape: tuple[int, ...] | None = None
    grad_norm: float | None = None

    @property
    def label(self) -> str:
        """A short caption: the parameter and its shape for a leaf, else the name."""
        if self.kind == "leaf" and self.param:
            return f"{self.param} {fmt_dims(self.shape)}"
        return self.name

    @property
    def detail(self) -> str:
        """A second line: which layer made it and what shape flows through it."""
        if self.kind == "leaf":
            return "AccumulateGrad"
        where = self.layer or "?"
        return f"{where} · {fmt_dims(self.shape)}"

    def tooltip(self) -> str:
        lines = [self.name]
        if self.param:
            lines.append(_t("parameter: {name}", name=self.param))
        lines.append(_t("layer: {name}", name=self.layer or _t("unknown")))
        lines.append(_t("shape: {shape}", shape=fmt_dims(self.shape)))
        if self.grad_norm is not None:
            lines.append(_t("gradient norm: {norm:.4g}", norm=self.grad_norm))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "layer": self.layer,
                "param": self.param,
                "shape": list(self.shape) if self.shape is not None else None}


@dataclass
class AutogradDag:
    """Nodes (ids 0..n-1 in a forward topological order) and forward edges.

    For each node, its incoming edges appear in `next_functions` order, so
    `inputs(i)[0]` is `grad_fn.next_functions[0][0]`. `order` is the order in which the
    autograd engine ran the nodes during backward (the step mode walks it).
    """

    nodes: list[DagNode]
    edges: list[tuple[int, int]]
    order: list[int] = field(default_factory=list)
    loss_name: str = ""
    loss_value: float | None = None
    note: str = ""  # e.g. why trained weights could not be used
    fresh_weights: bool = True  # False when a trained model's weights were drawn

    @property
    def root(self) -> DagNode:
        return next(n for n in self.nodes if n.kind == "loss")

    def inputs(self, node_id: int) -> list[int]:
        """The nodes feeding node_id, in next_functions order."""
        return [s for s, t in self.edges if t == node_id]

    def by_layer(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for n in self.nodes:
            if n.layer is not None:
                out.setdefault(n.layer, []).append(n.id)
        return out

    def layers(self) -> list[str]:
        """Layers in forward order of their first node."""
        return list(self.by_layer())

    def search(self, text: str) -> list[int]:
        """Nodes whose name, caption, layer or parameter contains `text` (any case)."""
        needle = text.strip().lower()
        if not needle:
            return []
        return [n.id for n in self.nodes
                if any(needle in (v or "").lower() for v in (n.name, n.label, n.layer,
                                                             n.param))]

    def describe_step(self, step: int) -> str:
        """What the engine does at `step` of the backward pass, in words."""
        node = self.nodes[self.order[step]]
        what = (_t("accumulates into {name}.grad", name=node.param) if node.kind == "leaf"
                else _t("from {layer}", layer=node.layer or _t("an unknown layer")))
        norm = ("" if node.grad_norm is None
                else _t("; the gradient arriving has norm {norm:.3g}", norm=node.grad_norm))
        return _t("Backward step {n} of {total}: {name} ({what}){norm}", n=step + 1,
                  total=len(self.order), name=node.name, what=what, norm=norm)

    def grad_range(self) -> tuple[float, float] | None:
        """Smallest positive and largest gradient norm (for a log colour scale)."""
        norms = [n.grad_norm for n in self.nodes if n.grad_norm and n.grad_norm > 0]
        return (min(norms), max(norms)) if norms else None

    def to_json(self) -> dict[str, Any]:
        return {"nodes": [n.to_json() for n in self.nodes],
                "edges": [[s, t] for s, t in self.edges]}

    def to_json_text(self) -> str:
        """to_json() as text: one node per line, the edges on one line."""
        nodes = ",\n".join("  " + json.dumps(n.to_json()) for n in self.nodes)
        edges = json.dumps([[s, t] for s, t in self.edges])
        return f'{{\n "nodes": [\n{nodes}\n ],\n "edges": {edges}\n}}\n'  # i18n: code, JSON

    def summary(self) -> str:
        counts = {k: sum(n.kind == k for n in self.nodes) for k in KINDS}
        loss = _t(", loss {value:.4g}", value=self.loss_value) \
            if self.loss_value is not None else ""
        return _t("{n} nodes ({backward} backward, {leaves} leaves), {edges} edges; "
                  "{loss_name}{loss}", n=len(self.nodes),
                  backward=counts["backward"] + counts["loss"], leaves=counts["leaf"],
                  edges=len(self.edges), loss_name=self.loss_name, loss=loss)
