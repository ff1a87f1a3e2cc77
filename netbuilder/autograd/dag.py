"""Extract the autograd DAG of a network: what PyTorch records for one forward + loss.

The module is the one the app trains (`compile_graph` → generated class, never a second
interpreter). One forward pass and a loss on a sample batch; then a walk from
`loss.grad_fn` through `next_functions`, exactly as the course does by hand, into a plain
`AutogradDag`. Every backward node is tied to the canvas node that produced it:

* forward hooks on each layer's module record the grad_fn of its output (and a pre-hook
  the grad_fn of the tensor it receives);
* structural nodes (Add, Concat) are lines like `a + b` in the generated forward, not
  modules: the tensor a consumer receives is its source's output, and an Add's or
  Concat's own grad_fn names the grad_fns of its inputs (`next_functions` in port order);
* a layer owns the backward nodes between its output's grad_fn and its inputs' grad_fns;
  a leaf belongs to the layer whose parameter it accumulates; the loss computation
  belongs to the pseudo-layer "loss".

Then backward() runs once with a pre-hook on every node: the hooks record the order in
which the engine runs the nodes (for the step mode) and the norm of the gradient
flowing into each node; leaves get p.grad.norm().
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx
import torch
from torch import nn

from netbuilder.autograd.graph import (
    DEFAULT_LOSS,
    LOSS_LAYER,
    AutogradDag,
    DagNode,
    default_loss,
)
from netbuilder.core.compiler import Compiled, compile_graph
from netbuilder.core.graph import Graph
from netbuilder.core.i18n import _t
from netbuilder.core.losses import CLASS_INDEX_LOSSES, LOSSES
from netbuilder.core.structural import STRUCTURAL, is_end, nodes_with_role, role
from netbuilder.core.text import first_line, join_items

__all__ = ["DEFAULT_LOSS", "LOSSES", "AutogradError", "default_loss", "extract_dag", "walk"]

DEFAULT_BATCH = 2  # BatchNorm refuses a batch of one while training

GradFn = Any  # torch.autograd.graph.Node; the bindings have no usable static type


class AutogradError(ValueError):
    """The DAG cannot be built (unknown loss, a forward or backward that fails)."""


def make_target(loss: str, output: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """A random target the loss accepts for this output."""
    if loss in CLASS_INDEX_LOSSES:
        if output.dim() < 2:
            raise AutogradError(_t("{loss} needs an output of classes (N×C), but the network "
                                   "gives {shape} — choose MSELoss", loss=loss,
                                   shape=tuple(output.shape)))
        shape = (output.shape[0], *output.shape[2:])
        return torch.randint(0, output.shape[1], shape, generator=generator)
    if loss == "BCEWithLogitsLoss":
        return torch.rand(output.shape, generator=generator)
    return torch.randn(output.shape, generator=generator)


def target_fits(loss: str, output: torch.Tensor, target: torch.Tensor) -> bool:
    """Whether `loss` takes this target for this output without broadcasting."""
    if loss in CLASS_INDEX_LOSSES:
        return (not target.is_floating_point() and output.dim() >= 2
                and tuple(target.shape) == (output.shape[0], *output.shape[2:]))
    return target.is_floating_point() and target.shape == output.shape


def extract_dag(graph: Graph, loss: str = DEFAULT_LOSS, *, model: nn.Module | None = None,
                batch: Sequence[torch.Tensor | None] | None = None,
                batch_size: int = DEFAULT_BATCH, seed: int = 0) -> AutogradDag:
    """The autograd DAG of `graph` for one forward + `loss` on a sample batch.

    model: a trained instance whose weights to use (it is not touched: its state is
    copied into a fresh instance of the generated class). batch: (x, target) or (x,
    None) for a random target; by default random data of the Input shape. Raises
    CompileError for an invalid network, AutogradError for anything else.
    """
    if loss not in LOSSES:
        raise AutogradError(_t("unknown loss {name}; choose one of {losses}", name=repr(loss),
                               losses=", ".join(LOSSES)))
    compiled = compile_graph(graph)
    net, note = _instance(compiled, model, seed)
    fresh = model is None or bool(note)  # no trained model, or its weights no longer fit
    net.train()  # the graph that training differentiates (Dropout, BatchNorm batch stats)
    gen = torch.Generator().manual_seed(seed)
    x, target = (list(batch) + [None])[:2] if batch is not None else (None, None)
    if x is None:
        input_id = nodes_with_role(graph, "input")[0].id
        shape = (batch_size, *graph.nodes[input_id].params["shape"])
        x = torch.randn(shape, generator=gen)
    x = x.detach().to("cpu", torch.float32)
    recorder = _Recorder(net, graph)
    try:
        output = net(x)
    except Exception as exc:  # noqa: BLE001 - reported to the person, with its first line
        raise AutogradError(_t("the forward pass failed: {error}",
                               error=first_line(exc))) from exc
    finally:
        recorder.remove()
    if target is not None and not target_fits(loss, output, target):
        note = join_items(filter(None, [note, _t("the batch's targets do not suit {loss}, so "
                                                "random targets are used", loss=loss)]))
        target = None
    target = make_target(loss, output, gen) if target is None else target.detach().cpu()
    try:
        loss_tensor = getattr(nn, loss)()(output, target)
    except Exception as exc:  # noqa: BLE001
        raise AutogradError(_t("{loss} cannot take the output {shape}: {error}", loss=loss,
                               shape=tuple(output.shape), error=first_line(exc))) from exc
    root = loss_tensor.grad_fn
    if root is None:
        raise AutogradError(_t("the loss does not depend on any parameter: there is no graph "
                               "to show (does the network have layers with weights?)"))
    fns, fn_edges = walk(root)
    ran, grads = _run_backward(loss_tensor, fns)
    owner = _owners(graph, recorder, output.grad_fn, root, fns)
    dag = _assemble(net, fns, fn_edges, ran, grads, owner, root, loss,
                    float(loss_tensor.detach()), note)
    dag.fresh_weights = fresh
    return dag


def walk(root: GradFn) -> tuple[list[GradFn], list[tuple[GradFn, GradFn]]]:
    """Every node reachable from root through next_functions (depth first, in
    next_functions order) and the forward edges (input fn, consumer fn), one per entry."""
    seen: set[GradFn] = {root}
    order: list[GradFn] = [root]
    edges: list[tuple[GradFn, GradFn]] = []
    stack = [root]
    while stack:
        fn = stack.pop()
        children = [child for child, _ in fn.next_functions if child is not None]
        edges += [(child, fn) for child in children]
        for child in reversed(children):
            if child not in seen:
                seen.add(child)
                order.append(child)
                stack.append(child)
    return order, edges


def _instance(compiled: Compiled, model: nn.Module | None, seed: int
              ) -> tuple[nn.Module, str]:
    """A fresh module of the generated class, with the given model's weights if they fit."""
    if model is None:
        return compiled.build(seed), ""
    net = compiled.copy_of(model)
    if net is None:
        return compiled.build(seed), _t("the trained weights do not fit the network as it is "
                                        "now, so fresh weights are shown")
    return net, ""


class _Recorder:
    """Forward hooks on every layer module: the grad_fn each receives and produces."""

    def __init__(self, net: nn.Module, graph: Graph) -> None:
        self.received: dict[str, GradFn] = {}
        self.produced: dict[str, GradFn] = {}
        self.handles: list[Any] = []
        children = dict(net.named_children())
        for node in graph:
            module = children.get(node.id)
            if module is None:
                continue
            self.handles.append(module.register_forward_pre_hook(self._pre(node.id)))
            self.handles.append(module.register_forward_hook(self._post(node.id)))

    def _pre(self, nid: str) -> Callable[..., None]:
        def hook(_module: nn.Module, args: tuple[Any, ...]) -> None:
            # Read now: an in-place layer later changes what the tensor's grad_fn says.
            self.received[nid] = _grad_fn(args[0]) if args else None
        return hook

    def _post(self, nid: str) -> Callable[..., None]:
        def hook(_module: nn.Module, _args: tuple[Any, ...], output: Any) -> None:
            self.produced[nid] = _grad_fn(output)
        return hook

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()
        self.handles.clear()


def _grad_fn(value: Any) -> GradFn:
    return value.grad_fn if isinstance(value, torch.Tensor) else None


def _run_backward(loss: torch.Tensor, fns: list[GradFn]) -> tuple[list[GradFn],
                                                                    dict[GradFn, Any]]:
    """backward() with a pre-hook on every node: engine order and incoming gradients."""
    ran: list[GradFn] = []
    grads: dict[GradFn, Any] = {}

    def hook_for(fn: GradFn) -> Callable[[tuple[Any, ...]], None]:
        def hook(grad_outputs: tuple[Any, ...]) -> None:
            ran.append(fn)
            present = [g for g in grad_outputs if isinstance(g, torch.Tensor)]
            norm = math.sqrt(sum(float(g.detach().norm()) ** 2 for g in present))
            grads[fn] = (tuple(present[0].shape) if present else None, norm if present
                         else None)
        return hook

    handles = [fn.register_prehook(hook_for(fn)) for fn in fns]
    try:
        loss.backward()
    except Exception as exc:  # noqa: BLE001
        raise AutogradError(_t("backward() failed: {error}", error=first_line(exc))) from exc
    finally:
        for handle in handles:
            handle.remove()
    return ran, grads


def _owners(graph: Graph, rec: _Recorder, output_fn: GradFn, root: GradFn,
            fns: list[GradFn]) -> dict[GradFn, str]:
    """The canvas node (or the loss) that produced each backward node."""
    out_fn: dict[str, GradFn] = dict(rec.produced)
    for e in graph.edges:  # what a layer receives is its source's output
        if e.target in rec.received and e.source not in out_fn:
            out_fn[e.source] = rec.received[e.target]
    output_id = nodes_with_role(graph, "output")[0].id
    sources = {nid: [e.source for e in graph.in_edges(nid)] for nid in graph.nodes}
    for src in sources[output_id]:
        out_fn.setdefault(src, output_fn)
    order = [nid for nid in nx.topological_sort(graph.to_networkx())]
    for nid in reversed(order):  # an Add/Concat's grad_fn names its inputs' grad_fns
        node_type = graph.nodes[nid].type
        if role(node_type) == "merge" and out_fn.get(nid) is not None:
            for src, fn in zip(sources[nid], _structural_inputs(node_type, out_fn[nid],
                                                                len(sources[nid])),
                               strict=True):
                out_fn.setdefault(src, fn)
    owner: dict[GradFn, str] = {}
    for nid in order:
        if is_end(graph.nodes[nid].type):
            continue
        boundary = {out_fn.get(src) for src in sources[nid]}
        _claim(out_fn.get(nid), boundary, nid, owner)
    _claim(root, {output_fn}, LOSS_LAYER, owner)
    return owner


def _structural_inputs(node_type: str, fn: GradFn, count: int) -> list[GradFn]:
    """The grad_fns of an Add's or Concat's inputs, in port order (None if unknown).

    `a + b + c` is `(a + b) + c`: the last AddBackward0's next_functions are
    (a + b, c). `torch.cat([a, b, c])`: CatBackward0's next_functions are (a, b, c).
    """
    inputs: list[GradFn] = [None] * count
    if STRUCTURAL[node_type].merge in ("cat", "stack"):  # one next_function per input
        nexts = fn.next_functions
        if len(nexts) == count:
            inputs = [child for child, _ in nexts]
        return inputs
    for i in range(count - 1, 0, -1):
        if fn is None or len(fn.next_functions) != 2:
            return inputs
        inputs[i] = fn.next_functions[1][0]
        fn = fn.next_functions[0][0]
    inputs[0] = fn
    return inputs


def _claim(start: GradFn, boundary: set[GradFn], layer: str,
           owner: dict[GradFn, str]) -> None:
    """Give `layer` every node from start down to (not including) its inputs' grad_fns."""
    stack = [start]
    while stack:
        fn = stack.pop()
        if fn is None or fn in boundary or fn in owner:
            continue
        owner[fn] = layer
        stack.extend(child for child, _ in fn.next_functions)


def _assemble(net: nn.Module, fns: list[GradFn], fn_edges: list[tuple[GradFn, GradFn]],
              ran: list[GradFn], grads: dict[GradFn, Any], owner: dict[GradFn, str],
              root: GradFn, loss: str, loss_value: float, note: str) -> AutogradDag:
    # Ids in a forward topological order: the engine's order reversed (it runs every
    # consumer before what it consumes), discovery order for anything it did not run.
    position = {fn: i for i, fn in enumerate(ran)}
    g = nx.DiGraph()
    g.add_nodes_from(fns)
    g.add_edges_from(fn_edges)
    discovered = {fn: i for i, fn in enumerate(fns)}
    forward = list(nx.lexicographical_topological_sort(
        g, key=lambda fn: (-position.get(fn, -1), discovered[fn])))
    ids = {fn: i for i, fn in enumerate(forward)}
    param_names = {id(p): name for name, p in net.named_parameters()}
    nodes: list[DagNode] = []
    for fn in forward:
        shape, norm = grads.get(fn, (None, None))
        name = type(fn).__name__
        node = DagNode(ids[fn], name, "backward", owner.get(fn), shape=shape, grad_norm=norm)
        if fn is root:
            node.kind, node.layer = "loss", LOSS_LAYER
        variable = getattr(fn, "variable", None) if name == "AccumulateGrad" else None
        if isinstance(variable, torch.Tensor):
            node.kind, node.shape = "leaf", tuple(variable.shape)
            node.param = param_names.get(id(variable))
            if node.param is not None:
                node.layer = node.param.split(".")[0]  # the attribute is the node id
            if variable.grad is not None:
                node.grad_norm = float(variable.grad.detach().norm())  # p.grad.norm()
        elif node.shape is None:
            node.shape = _metadata_shape(fn)
        nodes.append(node)
    edges = [(ids[a], ids[b]) for a, b in fn_edges]
    edges.sort(key=lambda e: e[1])  # stable: keeps next_functions order per consumer
    return AutogradDag(nodes, edges, [ids[fn] for fn in ran], loss, loss_value, note)


def _metadata_shape(fn: GradFn) -> tuple[int, ...] | None:
    """The forward output's shape from the node's metadata (for a node that never ran)."""
    try:
        return tuple(fn._input_metadata[0].shape)
    except (AttributeError, IndexError, RuntimeError):
        return None


