"""Shape checking: every node's shapes from PyTorch itself, and every fault in words.

Each layer is built by PyTorch and run on a tensor of its input shape in topological
order (a real CPU tensor when small, a meta tensor when large), so every output shape is
exactly what PyTorch computes, with no formulas kept by hand.
Structural faults come from networkx checks first; then failures are translated into a
person's words on the node and edge at fault, with a fix where one is clear.
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import torch
from torch import nn

from netbuilder.core.checks import in_place_problem, memory_problems, value_problem
from netbuilder.core.diagnostics import Diagnostic, Fix, Shape, fmt_dims, fmt_shape
from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.i18n import N_, _t
from netbuilder.core.layer_text import layer_text
from netbuilder.core.layers import registry
from netbuilder.core.registry import VARIADIC, LayerSpec
from netbuilder.core.structural import ENDS, STRUCTURAL, nodes_with_role
from netbuilder.core.structural import role as role_of
from netbuilder.core.text import first_line

BATCH = 2  # BatchNorm refuses a batch of one while training
FEATURE_WORDS = {"in_features": N_("input features"), "in_channels": N_("input channels")}


@dataclass
class NodeInfo:
    input_shapes: list[Shape] = field(default_factory=list)
    output_shape: Shape | None = None  # the first output's (most nodes have one)
    output_shapes: list[Shape] = field(default_factory=list)  # one per output port
    params: int = 0
    trainable: int = 0


@dataclass
class Analysis:
    nodes: dict[str, NodeInfo]
    diagnostics: list[Diagnostic]
    order: list[str]  # topological order of the nodes that have one
    warnings: list[str] = field(default_factory=list)  # not faults: worth a note

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def for_node(self, node_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.node_id == node_id]

    @property
    def total_params(self) -> int:
        return sum(info.params for info in self.nodes.values())

    @property
    def trainable_params(self) -> int:
        return sum(info.trainable for info in self.nodes.values())


def py_params(params: dict[str, Any]) -> dict[str, Any]:
    """JSON-stored params as the constructor wants them (pairs as tuples)."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}


@lru_cache(maxsize=4096)
def _meta_module(type_name: str, params_json: str) -> nn.Module:
    with torch.device("meta"):
        module = getattr(nn, type_name)(**py_params(json.loads(params_json)))
    # Eval mode: the same shapes, and BatchNorm skips its running-stat updates (2× faster
    # on meta). BATCH=2 keeps the training-only batch-size check from mattering.
    return module.eval()


# A layer small enough to run for real on the CPU, where a call then costs about as much
# as a meta call (0.05-2 ms): its input elements, and an estimate of its multiply-adds.
# Beyond either, it runs on meta tensors instead.
REAL_NUMEL = 1 << 20
REAL_WORK = 1 << 22


def _real_module(type_name: str, params_json: str) -> nn.Module:
    """The layer built on the CPU. Its random initial weights come from the global
    generator, put back afterwards: checking a graph must not move the seed a training run
    was given."""
    with torch.random.fork_rng(devices=[]):
        return getattr(nn, type_name)(**py_params(json.loads(params_json)))


@lru_cache(maxsize=4096)
def _cpu_module(type_name: str, params_json: str) -> nn.Module:
    """The layer built on the CPU, in eval mode (only ever a small one, see _runs_on_cpu)."""
    return _real_module(type_name, params_json).eval()


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run a small layer on one thread: on a busy machine, waking a pool for a tiny op can
    cost 100× the op itself (bench/bench_validate.py's worst case went 0.1 s → 3 s). The
    setting is process-wide, so it is put back at once."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _runs_on_cpu(module: nn.Module, x: Shape) -> bool:
    """Input elements × parameters per input channel (or feature) is a layer's
    multiply-adds for a convolution, a Linear or a norm, and an upper bound for pooling."""
    numel = math.prod(x)
    params = sum(p.numel() for p in module.parameters())
    per_input = x[1] if len(x) == 4 else x[-1]
    return numel <= REAL_NUMEL and numel * max(1, params // max(per_input, 1)) <= REAL_WORK


@lru_cache(maxsize=65536)
def _run_meta(type_name: str, params_json: str, xs: tuple[Shape, ...]
              ) -> tuple[Shape, ...] | Exception:
    """What PyTorch makes of input shapes xs: the output shapes (one per output port,
    nested results such as LSTM's (output, (h_n, c_n)) flattened), or the exception.

    A small layer runs for real on a zero CPU tensor through PyTorch's compiled kernels;
    only a large one runs on meta tensors. Both are PyTorch's own answer, but many meta
    kernels are Python reference implementations whose first call imports torch._dynamo
    and symbolic_shapes (about 1.4 s), which would double the time to the first shapes
    (bench/bench_startup.py measures it).

    Memoised: an edit leaves most (layer, input shape) pairs as they were, so a re-check
    re-runs only what changed.
    """
    spec = registry()[type_name]
    try:
        tensors = [torch.zeros(x, device="meta", dtype=torch.long) if i in spec.int_inputs
                   else torch.empty(x, device="meta") for i, x in enumerate(xs)]
        params = json.loads(params_json)
        if spec.op is not None:
            y = spec.op.run(spec.resolved(params), tensors)
        else:
            module = _meta_module(type_name, params_json)
            if len(xs) == 1 and not spec.int_inputs and _runs_on_cpu(module, xs[0]):
                with _one_thread(), torch.inference_mode():
                    y = _cpu_module(type_name, params_json)(torch.zeros(xs[0]))
            else:
                y = module(*tensors)
        leaves = [t for t in torch.utils._pytree.tree_leaves(y) if isinstance(t, torch.Tensor)]
        return tuple(tuple(t.shape) for t in leaves)
    except Exception as exc:  # noqa: BLE001 - translated for the person by the caller
        return exc


def analyze(graph: Graph) -> Analysis:
    """Shapes of every node and every problem, for the graph as it is now."""
    return _Analyzer(graph).run()


class _Analyzer:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.reg = graph.registry
        self.diags: list[Diagnostic] = []
        self.blocked: set[str] = set()
        self.info = {nid: NodeInfo() for nid in graph.nodes}
        # The memo key of each node's params, made once per check (both caches use it).
        self.params_key = {n.id: json.dumps(n.params, sort_keys=True) for n in graph}
        # Each node's place in the file: sorting keys (a list's .index would be quadratic).
        self.position = {nid: i for i, nid in enumerate(graph.nodes)}
        self.ins: dict[str, list[Edge]] = {nid: [] for nid in graph.nodes}
        self.outs: dict[str, list[Edge]] = {nid: [] for nid in graph.nodes}
        for e in graph.edges:
            self.ins[e.target].append(e)
            self.outs[e.source].append(e)
        for edges in self.ins.values():
            edges.sort(key=lambda e: e.target_port)

    def add(self, node_id: str | None, message: str, edge: Edge | None = None,
            fix: Fix | None = None, block: bool = True) -> None:
        """Report a problem; `block` stops shape inference at that node."""
        self.diags.append(Diagnostic(node_id, message, edge, fix))
        if node_id is not None and block:
            self.blocked.add(node_id)

    def who(self, node_id: str) -> str:
        return f"{node_id} ({self.graph.nodes[node_id].type})"

    def run(self) -> Analysis:
        self.check_ends()
        self.check_ports()
        order = self.check_cycles()
        self.count_params()
        for nid in order:
            self.infer(nid)
        warnings = self.check_memory()
        return Analysis(self.info, self.diags, order, warnings)

    def check_memory(self) -> list[str]:
        errors, warnings = memory_problems(
            {nid: i.params for nid, i in self.info.items() if i.params},
            {nid: i.output_shape for nid, i in self.info.items()}, self.who)
        for nid, message in errors:
            self.add(nid, message)
        return warnings

    # ---- structure ---------------------------------------------------------------
    def check_ends(self) -> None:
        for end, kind in ENDS.items():
            role = STRUCTURAL[kind].purpose
            found = [n.id for n in nodes_with_role(self.graph, end)]
            if not found:
                self.add(None, _t("network has no {kind} node ({role}) — add one from the "
                                  "palette", kind=kind, role=_t(role)))
            for extra in found[1:]:
                self.add(extra, _t("{who} is a second {kind}; a network has exactly one — delete "
                                   "it or connect through {first}", who=self.who(extra),
                                   kind=kind, first=found[0]))

    def check_ports(self) -> None:
        for node in self.graph:
            spec = self.reg[node.type]
            ins, outs = self.ins[node.id], self.outs[node.id]
            who = self.who(node.id)
            if spec.outputs == 0:
                for e in outs:
                    self.add(node.id, _t("{who} has no output port — remove the connection to "
                                         "{target}", who=who, target=e.target), e)
            if spec.inputs == 0:
                for e in ins:
                    self.add(node.id, _t("{who} cannot receive a connection (from {source}) — "
                                         "remove it", who=who, source=e.source), e)
            elif not ins:
                self.add(node.id, _t("{who} has no input: it is not connected to the Input — "
                                     "connect a layer's output to it, or delete it", who=who))
            elif spec.inputs == 1 and (len(ins) > 1 or ins[0].target_port != 0):
                sources = ", ".join(e.source for e in ins)
                self.add(node.id, _t("{who} takes one input but receives {n} (from {sources})"
                                     " — remove the extra connection", who=who, n=len(ins),
                                     sources=sources), ins[-1])
            elif spec.inputs == VARIADIC:
                self.check_variadic(node, ins, who)
            elif spec.inputs > 1:
                self.check_named_inputs(node, spec, ins, who)
            for e in outs:
                ports = spec.output_ports(node.params)
                if e.source_port >= len(ports):
                    self.add(node.id, _t("{who} has {n} output(s), so output {port} (to "
                                         "{target}) does not exist — reconnect from an existing"
                                         " output", who=who, n=len(ports), port=e.source_port,
                                         target=e.target), e)
            if not outs and spec.outputs and self.ins[node.id] and node.id not in self.blocked:
                # Not blocking: a chain still being built shows its shapes as it grows.
                self.add(node.id, _t("{who} does not lead to the Output: its result is unused"
                                     " — connect its output onward, or delete it", who=who),
                         block=False)

    def check_variadic(self, node: Node, ins: list[Edge], who: str) -> None:
        if len(ins) < 2:
            self.add(node.id, _t("{who} needs at least two inputs but has {n} — connect "
                                 "another branch to it", who=who, n=len(ins)),
                     ins[0] if ins else None)
            return
        by_port: dict[int, list[Edge]] = {}
        for e in ins:
            by_port.setdefault(e.target_port, []).append(e)
        for port, edges in by_port.items():
            if len(edges) > 1:
                sources = ", ".join(e.source for e in edges)
                self.add(node.id, _t("{who} has {n} connections into input {port} (from "
                                     "{sources}); each input takes one — remove one", who=who,
                                     n=len(edges), port=port, sources=sources), edges[-1])

    def check_named_inputs(self, node: Node, spec: LayerSpec, ins: list[Edge],
                           who: str) -> None:
        names = spec.input_names or tuple(str(i) for i in range(spec.inputs))
        for port, name in enumerate(names):
            fed = [e for e in ins if e.target_port == port]
            if not fed:
                self.add(node.id, _t("{who} needs its input {name} (port {port}) connected — "
                                     "it takes {names}", who=who, name=name, port=port,
                                     names=", ".join(names)))
            elif len(fed) > 1:
                self.add(node.id, _t("{who} has {n} connections into {name}; it takes one — "
                                     "remove one", who=who, n=len(fed), name=name), fed[-1])
        for e in ins:
            if e.target_port >= len(names):
                self.add(node.id, _t("{who} has no input {port} (it takes {names}) — remove "
                                     "the connection from {source}", who=who,
                                     port=e.target_port, names=", ".join(names),
                                     source=e.source), e)

    def check_cycles(self) -> list[str]:
        order = self.topological_order()
        if order is not None:
            return order
        import networkx as nx  # only for a graph with a cycle: 80 ms off the first check

        g = nx.DiGraph()
        g.add_nodes_from(self.graph.nodes)
        g.add_edges_from((e.source, e.target) for e in self.graph.edges)
        cyclic: set[str] = set()
        for comp in nx.strongly_connected_components(g):
            if len(comp) == 1:
                (nid,) = comp
                if not g.has_edge(nid, nid):
                    continue
            cycle = [u for u, _ in nx.find_cycle(g.subgraph(comp))]
            path = " → ".join([*cycle, cycle[0]])
            for nid in sorted(comp, key=self.position.__getitem__):
                self.add(nid, _t("{who} is in a cycle {path} — a network must flow one way; "
                                 "remove one of these connections", who=self.who(nid),
                                 path=path))
            cyclic |= comp
        g.remove_nodes_from(cyclic)
        return list(nx.lexicographical_topological_sort(g, key=self.position.__getitem__))

    def count_params(self) -> None:
        for node in self.graph:
            spec = self.reg[node.type]
            if spec.type == "Parameter":
                size = math.prod(node.params["shape"]) if isinstance(
                    node.params.get("shape"), list) else node.params.get("shape", 0)
                self.info[node.id].params = self.info[node.id].trainable = size
                continue
            if not spec.is_module:
                continue
            try:
                module = _meta_module(node.type, self.params_key[node.id])
            except Exception as exc:  # noqa: BLE001 - any constructor error is the user's
                self.add(node.id, _t("{who} cannot be built: {error}", who=self.who(node.id),
                                     error=first_line(exc)))
                continue
            info = self.info[node.id]
            for p in module.parameters():
                info.params += p.numel()
                info.trainable += p.numel() if p.requires_grad else 0

    def topological_order(self) -> list[str] | None:
        """Kahn's algorithm, the earliest-added ready node first (networkx's
        lexicographical_topological_sort by node order); None if there is a cycle."""
        index = {nid: i for i, nid in enumerate(self.graph.nodes)}
        waiting = {nid: len(self.ins[nid]) for nid in self.graph.nodes}
        ready = [(i, nid) for nid, i in index.items() if not waiting[nid]]
        heapq.heapify(ready)
        order: list[str] = []
        while ready:
            _, nid = heapq.heappop(ready)
            order.append(nid)
            for e in self.outs[nid]:
                waiting[e.target] -= 1
                if not waiting[e.target]:
                    heapq.heappush(ready, (index[e.target], e.target))
        return order if len(order) == len(index) else None

    # ---- shapes ------------------------------------------------------------------
    def infer(self, nid: str) -> None:
        node = self.graph.nodes[nid]
        spec = self.reg[node.type]
        info = self.info[nid]
        ins = self.ins[nid]
        shapes = [self._port_shape(e) for e in ins]
        if any(s is None for s in shapes):
            return  # an upstream problem was reported where it arose
        info.input_shapes = [s for s in shapes if s is not None]
        if nid in self.blocked:
            return
        if not self.dtypes_fit(node, spec, ins):
            return
        outputs: tuple[Shape, ...] | None
        kind = STRUCTURAL.get(node.type)
        if kind is None and spec.inputs == 1:
            outputs = self.infer_layer(node, spec, ins[0], info.input_shapes[0])
        elif kind is None:
            outputs = self.infer_multi(node, ins, tuple(info.input_shapes))
        elif kind.role == "input":
            outputs = ((BATCH, *node.params["shape"]),)
        elif kind.role == "output":
            outputs = (info.input_shapes[0],)
        elif kind.merge == "sum":
            outputs = _one(self.infer_add(nid, ins, info.input_shapes))
        elif kind.merge == "cat":
            outputs = _one(self.infer_concat(node, ins, info.input_shapes))
        else:
            outputs = self.infer_multi(node, ins, tuple(info.input_shapes))
        if outputs:
            info.output_shapes = list(outputs)
            info.output_shape = outputs[0]

    def dtypes_fit(self, node: Node, spec: LayerSpec, ins: list[Edge]) -> bool:
        """Integer indices (token ids, pooling indices) only where a layer takes them:
        meta tensors would let a float into an Embedding, a real run refuses it."""
        for e in ins:
            source = self.graph.nodes[e.source]
            src_spec = self.reg[source.type]
            ports = src_spec.output_ports(source.params)
            integer = (source.params.get("dtype") == "int64" if source.type == "Input"
                       else e.source_port < len(ports) and ports[e.source_port] == "indices")
            wants = e.target_port in spec.int_inputs
            if wants and not integer:
                self.add(node.id, _t("{who} takes integer indices (token ids) but receives "
                                     "numbers from {source} — set the Input's dtype to int64 "
                                     "for token ids", who=self.who(node.id), source=e.source), e)
                return False
            if integer and not wants and role_of(node.type) != "output":
                self.add(node.id, _t("{who} computes with numbers but receives integer ids "
                                     "from {source} — put an Embedding first",
                                     who=self.who(node.id), source=e.source), e)
                return False
        return True

    def memory_probe(self, node: Node) -> tuple[bool, bool, bool] | None:
        """PyTorch's answer for node on its real input shape (see memory_use)."""
        ins = self.ins.get(node.id) or []
        spec = self.graph.registry[node.type]
        if len(ins) != 1 or spec.int_inputs or role_of(node.type):
            return None
        x = self._port_shape(ins[0])
        return None if x is None else memory_use(node.type, self.params_key[node.id], x)

    def _port_shape(self, e: Edge) -> Shape | None:
        shapes = self.info[e.source].output_shapes
        return shapes[e.source_port] if e.source_port < len(shapes) else None

    def infer_multi(self, node: Node, ins: list[Edge], xs: tuple[Shape, ...]
                    ) -> tuple[Shape, ...] | None:
        """Several inputs (Mul, Bilinear, attention): PyTorch decides, in port order."""
        y = _run_meta(node.type, self.params_key[node.id], xs if ins else ())
        if isinstance(y, Exception):
            given = ", ".join(f"{fmt_shape(x)} from {e.source}" for x, e in zip(xs, ins,
                                                                               strict=True))
            self.add(node.id, _t("{who} cannot take {given}: {error}", who=self.who(node.id),
                                 given=given or _t("no input"), error=first_line(y)),
                     ins[-1] if ins else None)
            return None
        return y

    def infer_add(self, nid: str, ins: list[Edge], shapes: list[Shape]) -> Shape | None:
        if any(self.graph.nodes[e.source].type == "Parameter" for e in ins):
            # x + pos_embedding: a learnable tensor broadcasts over the batch.
            try:
                return tuple(torch.broadcast_shapes(*shapes))
            except RuntimeError:
                pass
        for e, s in zip(ins[1:], shapes[1:], strict=True):
            if s != shapes[0]:
                self.add(nid, _t("{who} adds tensors of different shapes: {a} from {src_a} "
                                 "and {b} from {src_b} — make both branches produce the same "
                                 "shape", who=self.who(nid), a=fmt_shape(shapes[0]),
                                 src_a=ins[0].source, b=fmt_shape(s), src_b=e.source), e)
                return None
        return shapes[0]

    def infer_concat(self, node: Node, ins: list[Edge], shapes: list[Shape]) -> Shape | None:
        dim = node.params.get("dim", 1)
        rank = len(shapes[0])
        who = self.who(node.id)
        if not -rank < dim < rank or dim in (0, -rank):
            self.add(node.id, _t("{who} cannot join along dim={dim}: its inputs have dims 1 to "
                                 "{last} (0 is the batch) — set dim to 1 to join channels",
                                 who=who, dim=dim, last=rank - 1))
            return None
        d = dim % rank
        for e, s in zip(ins[1:], shapes[1:], strict=True):
            if len(s) != rank or any(a != b for i, (a, b) in enumerate(zip(s, shapes[0],
                                                                          strict=True)) if i != d):
                self.add(node.id, _t("{who} joins along dim {d}, so every other dimension must"
                                     " match: {a} from {src_a} vs {b} from {src_b}", who=who,
                                     d=d, a=fmt_shape(shapes[0]), src_a=ins[0].source,
                                     b=fmt_shape(s), src_b=e.source), e)
                return None
        out = list(shapes[0])
        out[d] = sum(s[d] for s in shapes)
        return tuple(out)

    def infer_layer(self, node: Node, spec: LayerSpec, edge: Edge, x: Shape
                    ) -> tuple[Shape, ...] | None:
        who, src = self.who(node.id), edge.source
        if spec.ranks and len(x) not in spec.ranks:
            hint = _t(" — move it before the Flatten") if len(x) == 2 and 4 in spec.ranks \
                else ""
            self.add(node.id, _t("{who} needs {ranks} but receives {shape} from {src}{hint}",
                                 who=who, ranks=layer_text(spec.rank_words),
                                 shape=fmt_shape(x), src=src, hint=hint), edge)
            return None
        if spec.feature_param and not self.check_features(node, spec, edge, x):
            return None
        # Before the meta run: meta tensors let some of these through, or say less.
        problem = value_problem(node, x)
        if problem:
            self.add(node.id, f"{who} {problem[0]}", fix=problem[1])
            return None
        y = _run_meta(node.type, self.params_key[node.id], (x,))
        if isinstance(y, Exception):
            self.add(node.id, self.explain(node, x, src, y), edge)
            return None
        if y and any(d <= 0 for d in y[0]):
            self.add(node.id, self.too_small(node, x, src), edge)
            return None
        in_place = in_place_problem(self.graph, node, self.ins, self.memory_probe)
        if in_place:
            self.add(node.id, f"{who} {in_place}", edge, Fix(node.id, "inplace", False))
            return None
        return y

    def check_features(self, node: Node, spec: LayerSpec, edge: Edge, x: Shape) -> bool:
        assert spec.feature_param is not None
        expected = node.params.get(spec.feature_param)
        who, src = self.who(node.id), edge.source
        if not -len(x) <= spec.feature_dim < len(x):  # e.g. a Mean's N-only output
            self.add(node.id, _t("{who} needs dimension {dim} of its input (its {param}), but "
                                 "receives {shape} from {src}, which has no such dimension",
                                 who=who, dim=spec.feature_dim, param=spec.feature_param,
                                 shape=fmt_shape(x), src=src), edge)
            return False
        actual = x[spec.feature_dim]
        if expected == actual:
            return True
        words = _t(FEATURE_WORDS.get(spec.feature_param, N_("channels")))
        param = spec.feature_param
        if spec.feature_dim == -1 and len(x) > 2 and spec.ranks is None and spec.type == "Linear":
            flat = math.prod(x[1:])
            self.add(node.id, _t("{who} expects {expected} {words} but receives {shape} from "
                                 "{src}, and works on its last dimension ({actual}) — add a "
                                 "Flatten between {src} and {node}", who=who, expected=expected,
                                 words=words, shape=fmt_shape(x), src=src, actual=actual,
                                 node=node.id)
                     + (_t(" (it gives {n})", n=flat) if flat != expected else ""), edge)
            return False
        source = self.graph.nodes[src]
        detail = _t("from {src}", src=src)
        if source.type == "Flatten" and self.info[src].input_shapes:
            flat_in = self.info[src].input_shapes[0]
            detail = _t("{dims} from {src}", dims=fmt_dims(flat_in[1:]), src=src)
        self.add(node.id, _t("{who} expects {expected} {words} but receives {actual} ({detail})"
                             " — set {param} to {actual}", who=who, expected=expected,
                             words=words, actual=actual, detail=detail, param=param),
                 edge, Fix(node.id, param, actual))
        return False

    def explain(self, node: Node, x: Shape, src: str, exc: Exception) -> str:
        text = str(exc)
        # PyTorch's own (English) words for a too-small input, matched, never shown.
        small = ("Kernel size can't be greater", "too small",  # i18n: matches PyTorch's text
                 "non-positive", "negative")
        if any(s in text for s in small):
            return self.too_small(node, x, src)
        return _t("{who} cannot take {shape} from {src}: {error}", who=self.who(node.id),
                  shape=fmt_shape(x), src=src, error=first_line(exc))

    def too_small(self, node: Node, x: Shape, src: str) -> str:
        spatial = fmt_dims(x[2:]) if len(x) > 2 else fmt_dims(x[1:])
        k = node.params.get("kernel_size")
        kernel = _t(" for kernel_size {k}", k=fmt_dims(tuple(k)) if isinstance(k, list)
                    else k) if k else ""
        return _t("{who} receives {shape} from {src}: {spatial} is too small{kernel}, the "
                  "output would be empty — use a smaller kernel_size or stride, add padding, "
                  "or remove a pooling layer before it", who=self.who(node.id),
                  shape=fmt_shape(x), src=src, spatial=spatial, kernel=kernel)


# The in-place probe builds the real layer and runs it (a 20000×20000 Linear is 1.6 GB,
# a Conv2d on 3×1024×1024 takes seconds): beyond this many parameters or input values,
# the tables decide instead.
PROBE_LIMIT = 1 << 20


@lru_cache(maxsize=1024)
def memory_use(type_name: str, params_json: str, x: Shape
               ) -> tuple[bool, bool, bool] | None:
    """(the layer's backward reads its own output, its output can be its input's memory,
    autograd forbids writing into its output: one of several views, as Split's parts),
    from one real run in train mode and one in eval mode, or None if it does not run.

    What autograd keeps is what a pack hook of torch.autograd.graph.saved_tensors_hooks
    sees; an in-place layer after one that keeps its output makes backward fail. Asked
    only for the layers above an in-place one, so its cost (a real forward at the node's
    own size) is rare. A layer too big to build and run at once on the GUI thread (more
    than PROBE_LIMIT parameters, as its meta module counts them, or input values) is not
    probed: None, and the tables of core/checks.py decide."""
    try:
        spec = registry()[type_name]
        params = json.loads(params_json)
        if math.prod(x) > PROBE_LIMIT or (spec.op is None and sum(
                p.numel() for p in _meta_module(type_name, params_json).parameters()
        ) > PROBE_LIMIT):
            return None
        if spec.op is not None:  # a tensor operation (a view such as reshape, or not)
            def module_of(mode: bool) -> Any:
                return lambda t: spec.op.run(spec.resolved(params), [t])
        else:
            layer = _real_module(type_name, params_json)

            def module_of(mode: bool) -> Any:
                return layer.train(mode)
        with _one_thread():
            saved: list[torch.Tensor] = []

            def pack(t: torch.Tensor) -> torch.Tensor:
                saved.append(t)
                return t

            # A generator of its own: a check must not move the seed a run was given.
            gen = torch.Generator().manual_seed(0)
            source = torch.randn(x, generator=gen, requires_grad=True)
            inp = source * 1  # not a leaf: an in-place layer may write to it
            with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
                y = module_of(True)(inp)
            out = _first_tensor(y)
            keeps = any(_same_memory(t, out) for t in saved)
            shares = _same_memory(out, inp)
            try:
                out.mul_(1)
                locked = False
            except RuntimeError:
                locked = True
            with torch.no_grad():
                inp = torch.randn(x, generator=gen)
                shares = shares or _same_memory(_first_tensor(module_of(False)(inp)), inp)
    except Exception:  # noqa: BLE001 - it does not run here: the tables decide
        return None
    return keeps, shares, locked


def _same_memory(a: torch.Tensor, b: torch.Tensor) -> bool:
    return bool(a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr())


def _first_tensor(y: Any) -> torch.Tensor:
    return next(t for t in torch.utils._pytree.tree_leaves(y) if isinstance(t, torch.Tensor))


def _one(shape: Shape | None) -> tuple[Shape, ...] | None:
    return None if shape is None else (shape,)


def output_shapes(type_name: str, params: dict[str, Any], inputs: list[Shape]
                  ) -> tuple[Shape, ...]:
    """The shapes PyTorch gives for one node of type_name on inputs (batch included),
    as the shape check computes them; raises what PyTorch raised."""
    y = _run_meta(type_name, json.dumps(params, sort_keys=True), tuple(map(tuple, inputs)))
    if isinstance(y, Exception):
        raise y
    return y
