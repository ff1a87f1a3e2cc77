"""Tensor operations as nodes: what forward() does between layers.

Each op is data plus two small functions: `run` computes it (on meta tensors for the
shape check, so shapes are PyTorch's own), and `code` writes the expression a person
would write (`x.permute(0, 2, 3, 1)`, `x * self.scale`). Ops hold no weights, except
Parameter, a learnable tensor (a class token, a position embedding, a layer scale) that
the generated __init__ creates and forward reads as `self.<name>`.

This module does not import torch at load time (the palette lists ops before torch is
there); `run` imports it when a shape is first checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from netbuilder.core.i18n import _t
from netbuilder.core.registry import VARIADIC, LayerSpec, ParamError, ParamSpec

P = ParamSpec


@dataclass(frozen=True)
class Op:
    run: Callable[[Mapping[str, Any], Sequence[Any]], Any]
    code: Callable[[Mapping[str, Any], Sequence[str]], str]


def _code(values: Any) -> str:
    """ints as code: 1 → '1', [2, 3] → '(2, 3)'."""
    if isinstance(values, list | tuple):
        return "(" + ", ".join(str(v) for v in values) + ("," if len(values) == 1 else "") + ")"
    return repr(values)


def _flat(values: Any) -> str:
    return ", ".join(str(v) for v in values) if isinstance(values, list) else str(values)


def _dim(values: Any) -> Any:
    return tuple(values) if isinstance(values, list) else values


def _parts(kind: str, x: Any, dim: int, parts: tuple[Any, ...], wanted: int) -> tuple[Any, ...]:
    """A split's parts, refused (with the sentence the node shows) when the code could not
    hold them: the batch split, or a part count other than the node's output ports."""
    if dim % max(x.dim(), 1) == 0:
        raise ValueError(_t("{op} along dim {dim} would split the batch — choose dim 1 or "
                            "later", op=kind, dim=dim))
    if len(parts) != wanted:
        raise ValueError(_t("{op} gives {n} parts of a dimension of size {size}, not "
                            "{wanted} — choose a number of parts that divides it", op=kind,
                            n=len(parts), size=x.shape[dim], wanted=wanted))
    return parts


def _one(code: str, count: int) -> str:
    """A split into a single part is still a tuple: take its one element."""
    return f"{code}[0]" if count == 1 else code


# ---- indexing: a safe subset of Python's subscript syntax ---------------------------------
_ITEM = re.compile(r"\s*(?:(-?\d+)|(None)|(\.\.\.)|(-?\d*)\s*:\s*(-?\d*)\s*(?::\s*(-?\d*))?)\s*\Z")


def parse_index(text: str) -> tuple[Any, ...]:
    """'[:, 0]' or ':, 0' as the tuple Python would index with; ParamError if unsafe."""
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    if not body.strip():
        raise ParamError(_t("index is empty: write it as in Python, e.g. :, 0"))
    items: list[Any] = []
    for part in body.split(","):
        m = _ITEM.match(part)
        if not m:
            raise ParamError(_t("index part {part} is not an integer, a slice like 1:3, None "
                                "or ...", part=repr(part.strip())))
        num, none, dots, start, stop, step = m.groups()
        if num is not None:
            items.append(int(num))
        elif none:
            items.append(None)
        elif dots:
            items.append(Ellipsis)
        else:
            items.append(slice(*(int(v) if v else None for v in (start, stop, step))))
    return tuple(items)


def _index_text(text: str) -> str:
    return text.strip()[1:-1].strip() if text.strip().startswith("[") else text.strip()


class IndexParam(ParamSpec):
    """A str parameter that must parse as an index."""

    def coerce(self, value: Any) -> Any:
        value = super().coerce(value)
        parse_index(value)
        return _index_text(value)


def _reshape_code(p: Mapping[str, Any], a: Sequence[str]) -> str:
    shape = p["shape"]
    if -1 in shape:
        return f"{a[0]}.reshape({a[0]}.size(0), {_flat(shape)})"  # i18n: code
    return f"{a[0]}.reshape(-1, {_flat(shape)})"


def _reduce_code(name: str) -> Callable[[Mapping[str, Any], Sequence[str]], str]:
    def code(p: Mapping[str, Any], a: Sequence[str]) -> str:
        args = []
        if p.get("dim") is not None:
            args.append(f"dim={_code(p['dim'])}")
        else:  # every dimension but the batch
            args.append(f"dim=tuple(range(1, {a[0]}.dim()))")  # i18n: code
        if p.get("keepdim"):
            args.append("keepdim=True")
        return f"{a[0]}.{name}({', '.join(args)})"
    return code


def _scalar(symbol: str, fn: Callable[[Any, Any], Any]) -> Op:
    def run(p: Mapping[str, Any], t: Sequence[Any]) -> Any:
        return fn(p["value"], t[0]) if p.get("reverse") else fn(t[0], p["value"])

    def code(p: Mapping[str, Any], a: Sequence[str]) -> str:
        value = repr(p["value"])
        return f"{value} {symbol} {a[0]}" if p.get("reverse") else f"{a[0]} {symbol} {value}"
    return Op(run, code)


def _binary(symbol: str, fn: Callable[[Any, Any], Any]) -> Op:
    return Op(lambda p, t: fn(t[0], t[1]), lambda p, a: f"{a[0]} {symbol} {a[1]}")


def _stack(p: Mapping[str, Any], t: Sequence[Any]) -> Any:
    import torch

    return torch.stack(list(t), dim=p.get("dim", 0))


def _parameter(p: Mapping[str, Any], t: Sequence[Any]) -> Any:
    import torch

    return torch.empty(p["shape"], device="meta")


_VALUE = P("value", "float", doc="the constant")
_REVERSE = P("reverse", "bool", False, doc="put the constant first (1 − x, 1 / x)")
_DIMS = P("dim", "ints", None, optional=True,
          doc="dimension(s) to reduce; none: all but the batch")
_KEEP = P("keepdim", "bool", False, doc="keep reduced dimensions with size 1")
TENSOR = "tensor"


def _spec(type_name: str, doc: str, formula: str, op: Op, params: tuple[ParamSpec, ...] = (),
          inputs: int = 1, sample: tuple[tuple[int, ...], ...] = ((3, 4, 5),),
          sample_params: dict[str, Any] | None = None, **kw: Any) -> LayerSpec:
    return LayerSpec(type_name, TENSOR, doc, params, inputs=inputs, formula=formula, op=op,
                     sample_inputs=sample, sample_params=sample_params or {},
                     summary_params=tuple(p.name for p in params)[:2], **kw)


_AB = ("a", "b")
OP_SPECS: list[LayerSpec] = [
    _spec("Sub", "Subtracts the second input from the first, element by element "
          "(broadcasting like PyTorch).", "y = a − b", _binary("-", lambda a, b: a - b),
          inputs=2, input_names=_AB, sample=((3, 4), (3, 4))),
    _spec("Mul", "Multiplies its two inputs element by element: gates, attention scales, "
          "squeeze-and-excitation.", "y = a ⊙ b", _binary("*", lambda a, b: a * b),
          inputs=2, input_names=_AB, sample=((3, 4, 4), (3, 1, 1))),
    _spec("Div", "Divides the first input by the second, element by element.", "y = a / b",
          _binary("/", lambda a, b: a / b), inputs=2, input_names=_AB,
          sample=((3, 4), (3, 4))),
    _spec("Matmul", "Matrix product of the last two dimensions (batched): attention "
          "scores QKᵀ.", "y = a @ b", _binary("@", lambda a, b: a @ b), inputs=2,
          input_names=_AB, sample=((3, 4), (4, 5))),
    *[_spec(name, f"{verb} a constant value (reverse puts the constant first).",
            formula, _scalar(sym, fn), (_VALUE, _REVERSE), sample_params={"value": 2.0})
      # `# i18n: doc`: a verb of the doc, whose whole text core/layer_text.py translates
      for name, verb, formula, sym, fn in (
          ("AddScalar", "Adds", "y = x + value", "+", lambda a, b: a + b),
          ("SubScalar", "Subtracts", "y = x − value", "-", lambda a, b: a - b),
          ("MulScalar", "Multiplies by",  # i18n: layer doc (core/layer_text.py)
           "y = x · value", "*", lambda a, b: a * b),
          ("DivScalar", "Divides by",  # i18n: layer doc (core/layer_text.py)
           "y = x / value", "/", lambda a, b: a / b),
      )],
    _spec("Reshape", "Gives each sample a new shape with the same number of values; the "
          "batch dimension stays. One entry may be −1 (inferred).", "N×… → N×shape",
          Op(lambda p, t: t[0].reshape(t[0].shape[0], *p["shape"]), _reshape_code),
          (P("shape", "ints", doc="the new shape of one sample, e.g. 16, 25"),),
          sample_params={"shape": [12, 5]}),
    _spec("Permute", "Reorders the dimensions (0 is the batch): channels-last is "
          "0, 2, 3, 1.", "y = x.permute(dims)",
          Op(lambda p, t: t[0].permute(*p["dims"]),
             lambda p, a: f"{a[0]}.permute({_flat(p['dims'])})"),
          (P("dims", "ints", doc="the new order of the dimensions"),),
          sample_params={"dims": [0, 2, 3, 1]}),
    _spec("Transpose", "Swaps two dimensions.", "y = x.transpose(dim0, dim1)",
          Op(lambda p, t: t[0].transpose(p["dim0"], p["dim1"]),
             lambda p, a: f"{a[0]}.transpose({p['dim0']}, {p['dim1']})"),
          (P("dim0", "int"), P("dim1", "int")), sample_params={"dim0": 1, "dim1": 2}),
    _spec("Squeeze", "Removes dimensions of size 1 (only dim if given).", "N×1×C → N×C",
          Op(lambda p, t: t[0].squeeze(*(() if p.get("dim") is None else (_dim(p["dim"]),))),
             lambda p, a: f"{a[0]}.squeeze({'' if p.get('dim') is None else _code(p['dim'])})"),
          (P("dim", "ints", None, optional=True),), sample=((1, 4),),
          sample_params={"dim": 1}),
    _spec("Unsqueeze", "Inserts a dimension of size 1 at dim.", "N×C → N×1×C",
          Op(lambda p, t: t[0].unsqueeze(p["dim"]),
             lambda p, a: f"{a[0]}.unsqueeze({p['dim']})"),
          (P("dim", "int"),), sample_params={"dim": 1}),
    _spec("Chunk", "Splits the input into chunks equal parts along dim; one output port "
          "per part.", "C → C/chunks each",
          Op(lambda p, t: _parts("Chunk", t[0], p.get("dim", 0),
                                 t[0].chunk(p["chunks"], p.get("dim", 1)), p["chunks"]),
             lambda p, a: _one(f"{a[0]}.chunk({p['chunks']}, dim={p.get('dim', 0)})",
                               p["chunks"])),
          (P("chunks", "int", minimum=1), P("dim", "int", 1, doc="not 0: the batch")),
          output_count=lambda p: int(p["chunks"]), sample_params={"chunks": 2, "dim": 1},
          sample=((4, 3),)),
    _spec("Split", "Splits the input along dim into parts of the given sizes; one output "
          "port per part.", "C → sizes",
          Op(lambda p, t: _parts("Split", t[0], p.get("dim", 0),
                                 t[0].split(list(p["sizes"]), p.get("dim", 0)),
                                 len(p["sizes"]) if isinstance(p["sizes"], list) else 1),
             lambda p, a: _one(f"{a[0]}.split({_code(p['sizes'])}, dim={p.get('dim', 0)})",
                               len(p["sizes"]) if isinstance(p["sizes"], list) else 1)),
          (P("sizes", "ints", minimum=1), P("dim", "int", 1, doc="not 0: the batch")),
          output_count=lambda p: len(p["sizes"]) if isinstance(p["sizes"], list) else 1,
          sample_params={"sizes": [1, 3], "dim": 1}, sample=((4, 3),)),
    _spec("Index", "Takes part of a tensor as Python indexes it: ':, 0' keeps the first "
          "position of dim 1 (a class token), ':, 1:' drops it.", "y = x[index]",
          Op(lambda p, t: t[0][parse_index(p["index"])],
             lambda p, a: f"{a[0]}[{p['index']}]"),
          (IndexParam("index", "str", doc="as inside x[...], e.g. :, 0"),),
          sample_params={"index": ":, 0"}),
    _spec("Mean", "Averages over dim (every dim but the batch if none): 2, 3 is global average "
          "pooling.", "y = mean(x, dim)",
          Op(lambda p, t: t[0].mean(**_reduce_kw(p, t[0])), _reduce_code("mean")),
          (_DIMS, _KEEP),
          sample_params={"dim": [2]}),
    _spec("Sum", "Sums over dim (every dim but the batch if none).", "y = Σ x",
          Op(lambda p, t: t[0].sum(**_reduce_kw(p, t[0])), _reduce_code("sum")),
          (_DIMS, _KEEP),
          sample_params={"dim": [2]}),
    _spec("Stack", "Stacks its inputs along a new dimension dim; all must have the same "
          "shape.", "k × (N×C) → N×k×C (dim=1)",
          Op(_stack, lambda p, a: f"torch.stack([{', '.join(a)}], dim={p.get('dim', 0)})"),
          (P("dim", "int", 0),), inputs=VARIADIC, sample=((4,), (4,)),
          sample_params={"dim": 1}, structural=True),  # a merge: see structural.py
    _spec("BatchExpand", "Repeats a tensor with a batch dimension of 1 (a class token "
          "[1, 1, D]) for every sample of batch_of's batch, without copying.",
          "[1, …] → [N, …]",
          Op(lambda p, t: t[0].expand(t[1].shape[0], *t[0].shape[1:]),
             lambda p, a: f"{a[0]}.expand({a[1]}.size(0), "
                          f"{', '.join(['-1'] * (int(p.get('rank', 3)) - 1))})"),
          (P("rank", "int", 3, minimum=1, doc="how many dimensions the tensor has"),),
          inputs=2, input_names=("tensor", "batch_of"), sample=((1, 4), (5, 4)),
          sample_params={"rank": 3}),
    _spec("Parameter", "A learnable tensor of the given full shape: a class token "
          "[1, 1, D], a position embedding [1, L, D], a layer scale [C, 1, 1]. Connect it "
          "to an Add or Mul.", "self.name = nn.Parameter(init(shape))",
          Op(_parameter, lambda p, a: ""),
          (P("shape", "ints", minimum=1, doc="the full shape, e.g. 1, 1, 768"),
           P("init", "choice", "zeros", choices=("zeros", "ones", "randn"),
             doc="starting values")),
          inputs=0, sample=(), sample_params={"shape": [1, 4]}),
]


def _reduce_kw(p: Mapping[str, Any], x: Any) -> dict[str, Any]:
    """No dim: every dimension but the batch, so each sample keeps its own result (PyTorch's
    x.mean() would mix the samples of a batch into one number). A reduction that would
    still mix them (nothing left but the batch, or the batch named in dim) is refused with
    the sentence the node shows."""
    rank = x.dim()
    if p.get("dim") is None:
        # On a rank-1 input range(1, 1) is empty, and PyTorch reads dim=() as every dim.
        if rank <= 1:
            raise ValueError(_t("already one value per sample: nothing to reduce"))
        dim: Any = tuple(range(1, rank))
    else:
        dim = _dim(p["dim"])
        dims = dim if isinstance(dim, tuple) else (dim,)
        if rank == 0 or any(d % rank == 0 for d in dims):
            raise ValueError(_t("would reduce the batch — choose dim 1 or later"))
    return {"dim": dim, "keepdim": bool(p.get("keepdim", False))}


def parameter_init(params: Mapping[str, Any]) -> str:
    """The __init__ expression of a Parameter node."""
    return f"nn.Parameter(torch.{params.get('init', 'zeros')}({_flat(params['shape'])}))"
