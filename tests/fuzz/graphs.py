"""Random graphs over the whole catalogue, and what must hold for each.

A graph the checker calls valid must build, run forward in train and eval mode with the
shapes it predicted, run backward, and compute what the graph means (the compiled
module against a reference that walks the graph node by node, copying before every
layer so no in-place write can leak). A graph it calls invalid must fail to compile,
with a diagnostic on a node of the graph (or on the network as a whole).
Used by tests/fuzz/test_fuzz.py (hypothesis) and scripts/fuzz.py (`make fuzz`).
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass, field
from typing import Any

import torch

from netbuilder.core.codegen import CompileError
from netbuilder.core.compiler import compile_graph
from netbuilder.core.graph import Edge, Graph, GraphError, Node
from netbuilder.core.layers import registry
from netbuilder.core.registry import VARIADIC, ParamSpec
from netbuilder.core.shapes import BATCH, analyze

LAYER_TYPES = [s.type for s in registry() if s.type not in ("Input", "Output")]
TITLES = ["", "LeNet", "x coding: raw_unicode_escape \\u000aimport os",
          "# -*- coding: latin-1 -*-", "a\u2028b\x0cc\rd", "\x1b[2Jname"]


TRICKY = ("inplace", "eps", "dim")


class Unexpected(AssertionError):
    """Something that must not happen: the fuzzers count these."""


@dataclass
class Outcome:
    valid: bool
    refused: bool = False  # the graph refused an edit while it was built (bad params)
    notes: list[str] = field(default_factory=list)


def random_value(p: ParamSpec, rng: random.Random, hint: int | None = None) -> Any:
    """A value for parameter p: mostly sensible, sometimes at or past its limits."""
    if p.optional and rng.random() < 0.2:
        return None
    kind = p.kind
    lo = int(p.minimum) if p.minimum is not None else 0
    if kind == "bool":
        return rng.random() < (0.7 if p.name == "inplace" else 0.5)
    if kind == "int":
        if hint is not None and rng.random() < 0.8:
            return hint
        if not p.required and rng.random() < 0.5:
            return p.default
        if p.name == "dim" or p.name.endswith("_dim"):
            return rng.randint(-4, 4)
        return rng.randint(lo, lo + 6)
    if kind == "float":
        choices = [p.default if p.default is not None else 0.5, 0.0, 0.5, 1e-3, 1.0, 2.0]
        value = rng.choice(choices)
        if p.maximum is not None:
            value = min(value, p.maximum)
        return value
    if kind == "choice":
        return rng.choice(p.choices)
    if kind == "int2":
        if p.strings and rng.random() < 0.15:
            return rng.choice(p.strings)
        if rng.random() < 0.3:
            return [rng.randint(lo, lo + 3), rng.randint(lo, lo + 3)]
        return rng.randint(lo, lo + 3)
    if kind == "shape":
        if hint is not None:
            return [hint]
        return [rng.randint(1, 6) for _ in range(rng.randint(1, 3))]
    return "x"


def random_input_shape(rng: random.Random) -> list[int]:
    rank = rng.choice([1, 1, 2, 3, 3])
    if rank == 3:
        return [rng.randint(1, 4), rng.randint(1, 12), rng.randint(1, 12)]
    return [rng.randint(1, 16) for _ in range(rank)]


def _pick_type(rng: random.Random, x: tuple[int, ...] | None) -> str:
    """Mostly a type that takes an input of x's rank, sometimes any type at all."""
    if x is None or rng.random() < 0.15:
        return rng.choice(LAYER_TYPES)
    fits = [t for t in LAYER_TYPES if registry()[t].ranks is None or len(x) in
            registry()[t].ranks]
    return rng.choice(fits)


def random_graph(rng: random.Random, max_layers: int = 8) -> tuple[Graph, int]:
    """A random graph; also how many adds the graph refused while it was built."""
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": random_input_shape(rng)}))
    shapes: dict[str, tuple[int, ...] | None] = {"input": (BATCH, *g.nodes["input"].params[
        "shape"])}
    refused = 0
    for i in range(rng.randint(1, max_layers)):
        ids = list(g.nodes)
        open_ends = [n for n in ids if not g.out_edges(n)] or ids
        first = rng.choice(open_ends if rng.random() < 0.85 else ids)
        x = shapes.get(first)
        type_name = _pick_type(rng, x)
        spec = g.registry[type_name]
        sources = [first]
        if spec.inputs == VARIADIC:
            same = [n for n in ids if n != first and shapes.get(n) == x]
            sources.append(rng.choice(same if same and rng.random() < 0.8 else ids))
            if rng.random() < 0.2:
                sources.append(rng.choice(ids))
        x = shapes.get(sources[0])
        params: dict[str, Any] = {}
        for p in spec.params:
            # inplace, eps and dim are where the checker's rules live: try them often.
            if not p.required and rng.random() < (0.3 if p.name in TRICKY else 0.6):
                continue
            hint = None
            fits = x is not None and -len(x) <= spec.feature_dim < len(x)  # a rank-1 input too
            if x is not None and p.name == spec.feature_param and fits:
                hint = x[spec.feature_dim]
            elif x is not None and x and p.name == "normalized_shape":
                hint = x[-1]
            params[p.name] = random_value(p, rng, hint)
        nid = f"n{i}"
        try:
            g.add_node(Node(nid, type_name, params))
        except GraphError:
            refused += 1
            continue
        for port, src in enumerate(dict.fromkeys(sources)):
            g.add_edge(Edge(src, nid, port if spec.inputs == VARIADIC else 0))
        info = analyze(g).nodes[nid]
        shapes[nid] = info.output_shape
    # Most dead ends are pruned (an unused branch is a fault the checker must find, but
    # graphs that are mostly valid exercise more of the build, run and backward).
    for nid in reversed(list(g.nodes)):
        if nid != "input" and not g.out_edges(nid) and nid != list(g.nodes)[-1] \
                and rng.random() < 0.85:
            for e in g.in_edges(nid):
                g.remove_edge(e)
            g.remove_node(nid)
    g.add_node(Node("output", "Output"))
    candidates = [n for n in g.nodes if n not in ("input", "output")] or ["input"]
    g.add_edge(Edge(candidates[-1] if rng.random() < 0.9 else rng.choice(candidates),
                    "output"))
    return g, refused


def reference_forward(graph: Graph, order: list[str], model: torch.nn.Module,
                      x: torch.Tensor) -> torch.Tensor:
    """What the graph means, node by node; every layer gets its own copy of its input."""
    values: dict[str, list[torch.Tensor]] = {}  # one tensor per output port
    for nid in order:
        node = graph.nodes[nid]
        spec = graph.registry[node.type]
        ins = [values[e.source][e.source_port] for e in graph.in_edges(nid)]
        if node.type == "Input":
            result: object = x
        elif node.type == "Output":
            return ins[0]
        elif node.type == "Add":
            total = ins[0]
            for t in ins[1:]:
                total = total + t
            result = total
        elif node.type == "Concat":
            result = torch.cat(ins, dim=node.params.get("dim", 1))
        elif spec.op is not None:  # a tensor operation (Reshape, Mul, Stack...)
            result = spec.op.run(spec.resolved(node.params), [t.clone() for t in ins])
        else:
            result = getattr(model, nid)(*[t.clone() for t in ins])
        values[nid] = [t for t in torch.utils._pytree.tree_leaves(result)
                       if isinstance(t, torch.Tensor)]
    raise Unexpected("no Output reached")


def check_graph(graph: Graph, rng: random.Random) -> Outcome:
    """Raise Unexpected if the checker's verdict does not hold for this graph."""
    analysis = analyze(graph)
    title = rng.choice(TITLES)
    if not analysis.ok:
        for d in analysis.diagnostics:
            if d.node_id is None and not d.message.startswith("network"):
                raise Unexpected(f"a diagnostic names no node: {d.message}")
            if d.node_id is not None and d.node_id not in graph.nodes:
                raise Unexpected(f"a diagnostic names an unknown node: {d.message}")
        try:
            compile_graph(graph, "Net", title, analysis)
        except CompileError:
            return Outcome(False)
        raise Unexpected("an invalid graph compiled")
    compiled = compile_graph(graph, "Net", title, analysis)
    # The exported file means, read as bytes by `import`, what it means as text.
    source = compiled.source
    if ast.dump(ast.parse(source.encode("utf-8"))) != ast.dump(ast.parse(source)):
        raise Unexpected("the exported file parses differently from bytes")
    shape = analysis.nodes["input"].output_shape
    predicted = analysis.nodes[graph.in_edges("output")[0].source].output_shape
    assert shape is not None and predicted is not None
    model = compiled.build(seed=0)
    gen = torch.Generator().manual_seed(rng.randrange(2**31))
    x = torch.randn(shape, generator=gen)
    for mode in ("train", "eval"):
        model.train(mode == "train")
        try:
            y = model(x.clone())
            if tuple(y.shape) != tuple(predicted):
                raise Unexpected(f"{mode}: output {tuple(y.shape)}, predicted {predicted}")
            if mode == "train" and y.requires_grad:
                (y.float() ** 2).mean().backward()
        except Unexpected:
            raise
        except Exception as exc:  # noqa: BLE001 - the verdict "valid" did not hold
            raise Unexpected(f"{mode}: {type(exc).__name__}: {exc}") from exc
    model.eval()
    with torch.no_grad():
        got = model(x.clone())
        want = reference_forward(graph, analysis.order, model, x.clone())
    if not torch.allclose(got, want, rtol=1e-4, atol=1e-5, equal_nan=True):
        raise Unexpected(f"wrong values: max difference {(got - want).abs().max().item():.3g}"
                         f"\n{source}")
    return Outcome(True)


def fuzz_one_graph(seed: int) -> Outcome:
    rng = random.Random(seed)
    graph, refused = random_graph(rng)
    outcome = check_graph(graph, rng)
    outcome.refused = bool(refused)
    return outcome
