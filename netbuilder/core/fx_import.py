"""Import a PyTorch model: trace it (fx_trace.py) and rebuild it as a NetBuilder graph.

Each traced operation becomes a node: a leaf module keeps its class and constructor
arguments (read back from the instance and checked by rebuilding it), a functional call
becomes the matching layer (F.relu → ReLU, F.max_pool2d → MaxPool2d), tensor methods
become tensor-operation nodes (x.view → Reshape, + → Add). A node's group is the
submodule it ran in, so the generated code has the original's state_dict keys.
Anything that has no node gives one ImportFailure naming the operation and the line of
the user's code; nothing is returned half-built.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import torch
from torch import fx, nn
from torch.utils import _pytree as pytree

from netbuilder.core.fx_ops import BATCH, FunctionMapper, ImportFailure, Structure, is_ref
from netbuilder.core.fx_trace import VALUE, TraceFailure, op_name, stack_location, trace
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.i18n import _t
from netbuilder.core.layers import registry
from netbuilder.core.names import fresh_name, node_id_problem
from netbuilder.core.registry import ParamError
from netbuilder.core.scopes import prefix_of
from netbuilder.core.structural import ENDS

_NO_OPS = frozenset({"contiguous", "clone", "detach"})  # values pass through unchanged

Ref = tuple[str, int]  # (node id, output port)


def leaf_types() -> frozenset[type]:
    return frozenset(getattr(nn, s.type) for s in registry() if s.is_module)


def same_shape_types() -> frozenset[type]:
    """Layers whose output has their input's shape: traced without running them."""
    return frozenset(getattr(nn, s.type) for s in registry() if s.is_module
                     and s.category in ("activation", "normalization", "regularization")
                     and s.type not in ("GLU", "Softmax2d"))


def import_module(model: nn.Module, sample_shape: tuple[int, ...]) -> Graph:
    """The graph of model's forward on one sample of sample_shape (no batch dimension)."""
    model = model.eval()
    try:
        fx_graph, meta = trace(model, tuple(sample_shape), leaf_types(), BATCH,
                               same_shape_types())
    except TraceFailure as exc:
        raise ImportFailure(str(exc), exc.where) from None
    return _Converter(fx_graph, meta, list(sample_shape)).run()


class _Converter:
    def __init__(self, fx_graph: fx.Graph, root: nn.Module, sample: list[int]) -> None:
        self.fx_graph = fx_graph
        self.root = root
        self.sample = sample
        self.graph = Graph()
        self.values: dict[fx.Node, Any] = {}
        self.called: dict[str, str] = {}  # module path -> node id (weights used once)
        self.mapper = FunctionMapper(self)

    # ---- helpers used by FunctionMapper too -----------------------------------------
    def add(self, fx_node: fx.Node, type_name: str, params: dict[str, Any],
            inputs: list[Ref], base: str | None = None, group: str | None = None) -> str:
        spec = registry()[type_name]
        group = self.group_of(fx_node) if group is None else group
        prefix = prefix_of(group or "")
        name = base or fx_node.name
        node_id = name if name.startswith(prefix) else prefix + name
        if node_id in self.graph.nodes or node_id_problem(node_id):
            node_id = fresh_name(node_id if not node_id_problem(node_id) else
                                 prefix + "node", set(self.graph.nodes))
        try:
            params = spec.check_params(params)
        except ParamError as exc:
            raise self.failure(fx_node, f"{type_name} {exc}") from None
        self.graph.add_node(Node(node_id, type_name, params, group=group or None))
        for port, (src, src_port) in enumerate(inputs):
            self.graph.add_edge(Edge(src, node_id, port, src_port))
        return node_id

    def group_of(self, fx_node: fx.Node) -> str:
        stack = fx_node.meta.get("nn_module_stack") or {}
        paths = [path for path, _ in stack.values()]
        if fx_node.op == "call_module":
            return str(fx_node.target).rpartition(".")[0]
        return paths[-1] if paths else ""

    def failure(self, fx_node: fx.Node, message: str) -> ImportFailure:
        return ImportFailure(message, stack_location(fx_node.stack_trace))

    def ref(self, fx_node: fx.Node, value: Any) -> Ref:
        """A tensor argument as a (node, port) reference; constants are refused."""
        if isinstance(value, fx.Node):
            value = self.values.get(value)
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) \
                and isinstance(value[1], int) and value[0] in self.graph.nodes:
            return value
        raise self.failure(fx_node, _t("{op} takes a tensor NetBuilder cannot make (a "
                                       "constant or a computed size)",
                                       op=self.describe(fx_node)))

    def describe(self, fx_node: fx.Node) -> str:
        if fx_node.op == "call_method":
            return f"Tensor.{fx_node.target}"
        if fx_node.op == "call_module":
            return type(self.root.get_submodule(str(fx_node.target))).__name__
        return op_name(fx_node.target)

    # ---- the walk ------------------------------------------------------------------
    def run(self) -> Graph:
        for fx_node in self.fx_graph.nodes:
            self.values[fx_node] = self.convert(fx_node)
        self._record_group_classes()
        self._prune()
        return self.graph

    def value_of(self, fx_node: fx.Node) -> Any:
        """The node's value on meta tensors (shapes for this input)."""
        return fx_node.meta.get(VALUE)

    def convert(self, fx_node: fx.Node) -> Any:
        op = fx_node.op
        if op == "placeholder":
            if any(n.op == "placeholder" for n in self.fx_graph.nodes
                   if n is not fx_node and n.name < fx_node.name):
                raise self.failure(fx_node, _t("forward takes more than one tensor; "
                                               "NetBuilder networks take one input"))
            node_id = self.add(fx_node, ENDS["input"], {"shape": self.sample}, [], "input", "")
            return (node_id, 0)
        if op == "output":
            result = self.args(fx_node)[0]
            if not (isinstance(result, tuple) and len(result) == 2
                    and isinstance(result[0], str)):
                raise self.failure(fx_node, _t("forward returns several values; NetBuilder "
                                               "networks return one tensor"))
            self.add(fx_node, ENDS["output"], {}, [result], "output", "")
            return None
        if op == "get_attr":
            return self.parameter(fx_node)
        if op == "call_module":
            return self.module(fx_node)
        if op == "call_function" and fx_node.target is operator.getitem:
            container = self.values[fx_node.args[0]]  # type: ignore[index]
            if isinstance(container, list | tuple) and not is_ref(container):
                return container[fx_node.args[1]]  # type: ignore[index]
        if op == "call_method" and fx_node.target in _NO_OPS:
            return self.values[fx_node.args[0]]  # type: ignore[index]
        return self.mapper.convert(fx_node)

    def args(self, fx_node: fx.Node) -> tuple[Any, ...]:
        return fx.node.map_arg(fx_node.args, lambda n: self.values[n])  # type: ignore[return-value]

    def kwargs(self, fx_node: fx.Node) -> dict[str, Any]:
        return dict(fx.node.map_arg(fx_node.kwargs, lambda n: self.values[n]))  # type: ignore[arg-type]

    def parameter(self, fx_node: fx.Node) -> Ref:
        target = str(fx_node.target)
        value = self.root.get_parameter(target) if _has_parameter(self.root, target) else None
        if value is None:
            raise self.failure(fx_node, _t("the constant tensor {name} (a buffer, not a "
                                           "parameter) cannot be represented", name=target))
        path, _, name = target.rpartition(".")
        node_id = self.add(fx_node, "Parameter", {"shape": list(value.shape)}, [],
                           prefix_of(path) + name, path)
        return (node_id, 0)

    def module(self, fx_node: fx.Node) -> Any:
        target = str(fx_node.target)
        module = self.root.get_submodule(target)
        type_name = type(module).__name__
        has_state = any(True for _ in module.parameters()) or any(True for _ in module.buffers())
        if has_state and target in self.called:
            raise self.failure(fx_node, _t("{name} ({type}) is called twice, sharing its "
                                           "weights, which a NetBuilder graph cannot "
                                           "represent", name=target, type=type_name))
        params = read_params(module, type_name, lambda m: self.failure(fx_node, m))
        args = self.args(fx_node)
        self.mapper.check_call_kwargs(fx_node, module, self.kwargs(fx_node))
        inputs = [self.ref(fx_node, a) for a in args]
        path, _, name = target.rpartition(".")
        base = prefix_of(path) + name if target not in self.called else fx_node.name
        node_id = self.add(fx_node, type_name, params, inputs, base, path)
        self.called[target] = node_id
        return self.outputs(node_id, self.value_of(fx_node))

    def outputs(self, node_id: str, value: Any) -> Any:
        """References shaped like the module's result: LSTM → (ref0, (ref1, ref2))."""
        leaves, spec = pytree.tree_flatten(value)
        port = 0
        refs: list[Any] = []
        for leaf in leaves:
            if isinstance(leaf, torch.Tensor):
                refs.append((node_id, port))
                port += 1
            else:
                refs.append(leaf)
        if isinstance(value, torch.Tensor):
            return (node_id, 0)
        return Structure(pytree.tree_unflatten(refs, spec))

    def _record_group_classes(self) -> None:
        for fx_node in self.fx_graph.nodes:
            for path, cls in (fx_node.meta.get("nn_module_stack") or {}).values():
                if path and not (fx_node.op == "call_module" and path == fx_node.target):
                    name = getattr(cls, "__name__", str(cls)).lstrip("_")
                    self.graph.group_classes.setdefault(path, name)
        used = {n.group for n in self.graph if n.group}
        used = {p for g in used for p in _ancestors(g)}
        self.graph.group_classes = {p: c for p, c in self.graph.group_classes.items()
                                    if p in used}

    def _prune(self) -> None:
        """Drop nodes whose value never reaches the output (sizes, unused results)."""
        sources: dict[str, list[str]] = {}
        for e in self.graph.edges:
            sources.setdefault(e.target, []).append(e.source)
        keep, todo = {"output"}, ["output"]
        while todo:
            for src in sources.get(todo.pop(), []):
                if src not in keep:
                    keep.add(src)
                    todo.append(src)
        for edge in list(self.graph.edges):
            if edge.target not in keep:
                self.graph.remove_edge(edge)
        for node_id in [n for n in self.graph.nodes if n not in keep]:
            self.graph.remove_node(node_id)


def _ancestors(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _has_parameter(root: nn.Module, target: str) -> bool:
    try:
        root.get_parameter(target)
    except AttributeError:
        return False
    return True


def read_params(module: nn.Module, type_name: str,
                fail: Callable[[str], Exception]) -> dict[str, Any]:
    """The constructor arguments that rebuild `module`, read from its attributes and
    checked: the rebuilt module must have the same parameter and buffer shapes."""
    spec = registry()[type_name]
    params: dict[str, Any] = {}
    special = _TRANSFORMER if type_name.startswith("Transformer") else {}
    for p in spec.params:
        if p.name in special:
            try:
                value = special[p.name](module)
            except AttributeError:
                raise fail(_t("cannot read {type}'s {name} from the module", type=type_name,
                              name=p.name)) from None
        elif p.name == "bias" and p.kind == "bool" and not isinstance(
                getattr(module, "bias", None), bool):
            value: Any = getattr(module, "bias", None) is not None
            if type_name == "MultiheadAttention":
                value = module.in_proj_bias is not None  # type: ignore[union-attr]
        elif p.name == "add_bias_kv":
            value = getattr(module, "bias_k", None) is not None
        elif hasattr(module, p.name):
            value = getattr(module, p.name)
        elif p.required:
            raise fail(_t("cannot read {type}'s {name} from the module", type=type_name,
                          name=p.name))
        else:
            continue
        value = _plain(value)
        if not p.required and value == _plain(p.default):
            continue
        if p.kind == "int2" and isinstance(value, list) and len(set(value)) == 1:
            value = value[0]
        if p.kind == "ints" and isinstance(value, list) and len(set(value)) == 1 \
                and p.name not in ("normalized_shape",):
            value = value[0]
        params[p.name] = value
    try:
        params = spec.check_params(params)
        rebuilt = _build(type_name, params)
    except (ParamError, TypeError, ValueError) as exc:
        raise fail(_t("{type} cannot be rebuilt from its arguments: {error}", type=type_name,
                      error=exc)) from None
    theirs = {k: tuple(v.shape) for k, v in module.state_dict().items()}
    ours = {k: tuple(v.shape) for k, v in rebuilt.state_dict().items()}
    if theirs != ours:
        raise fail(_t("{type} has weights its constructor arguments do not give (a subclass "
                      "or a changed module)", type=type_name))
    return params


# Transformer layers keep their arguments only inside their parts.
_TRANSFORMER: dict[str, Callable[[Any], Any]] = {
    "d_model": lambda m: _attn(m).embed_dim,
    "nhead": lambda m: _attn(m).num_heads,
    "dim_feedforward": lambda m: _first(m, "linear1").out_features,
    "dropout": lambda m: _first(m, "dropout").p,
    "activation": lambda m: _activation(m),
    "layer_norm_eps": lambda m: _first(m, "norm1").eps,
    "batch_first": lambda m: _attn(m).batch_first,
    "norm_first": lambda m: _first(m, "norm_first"),
    "bias": lambda m: _first(m, "linear1").bias is not None,
    "num_encoder_layers": lambda m: len(m.encoder.layers),
    "num_decoder_layers": lambda m: len(m.decoder.layers),
}


def _first(module: Any, name: str) -> Any:
    if hasattr(module, name):
        return getattr(module, name)
    for part in ("encoder", "decoder"):
        inner = getattr(module, part, None)
        if inner is not None:
            return getattr(inner.layers[0], name)
    raise AttributeError(name)


def _attn(module: Any) -> Any:
    return _first(module, "self_attn")


def _activation(module: Any) -> str:
    act = _first(module, "activation")
    name = getattr(act, "__name__", type(act).__name__).lower()
    if name not in ("relu", "gelu"):
        raise AttributeError("activation")
    return name


def _build(type_name: str, params: dict[str, Any]) -> nn.Module:
    with torch.device("meta"):
        return getattr(nn, type_name)(**{k: tuple(v) if isinstance(v, list) else v
                                         for k, v in params.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | torch.Size):
        return [_plain(v) for v in value]
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    return value
