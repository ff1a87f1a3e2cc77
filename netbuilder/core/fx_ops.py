"""Traced functions and tensor methods as nodes: F.relu → ReLU, x.view → Reshape, + → Add.

A functional call whose name matches a catalogue layer (relu6 ↔ ReLU6, max_pool2d ↔
MaxPool2d, adaptive_avg_pool2d ↔ AdaptiveAvgPool2d) becomes that layer, its arguments
bound to the function's own signature and passed to the layer's constructor under the
same names. Arithmetic, shape and indexing operations become tensor-operation nodes
(ops.py). Anything else is an ImportFailure that names the operation.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import torch
import torch.nn.functional as F  # noqa: N812 - as everyone writes it
from torch import fx

from netbuilder.core.fx_trace import op_name
from netbuilder.core.i18n import _t
from netbuilder.core.layers import registry

if TYPE_CHECKING:  # the converter hands itself in; no import at run time
    from netbuilder.core.fx_import import _Converter

Ref = tuple[str, int]
_ARITH = {"add": "Add", "iadd": "Add", "sub": "Sub", "isub": "Sub", "mul": "Mul",
          "imul": "Mul", "truediv": "Div", "itruediv": "Div", "div": "Div",
          "matmul": "Matmul", "bmm": "Matmul", "rsub": "Sub"}
_SCALAR = {"Add": "AddScalar", "Sub": "SubScalar", "Mul": "MulScalar", "Div": "DivScalar"}
_IGNORED = frozenset({"training", "_stacklevel", "dtype", "return_indices", "inplace"})
_CALL_KWARGS_OK = frozenset({"need_weights", "average_attn_weights", "is_causal"})


BATCH = 2  # the batch a model is traced with; it is taken out of every shape again


class Structure(tuple):  # noqa: SLOT001 - a marker: several results, not one reference
    """A traced value holding several tensors (LSTM's (output, (h_n, c_n)))."""

    def __new__(cls, value: Any) -> Structure:
        return super().__new__(cls, value if isinstance(value, tuple | list) else (value,))


def is_ref(value: Any) -> bool:
    """A (node id, output port) reference to one tensor."""
    return (isinstance(value, tuple) and not isinstance(value, Structure) and len(value) == 2
            and isinstance(value[0], str) and isinstance(value[1], int))


class ImportFailure(Exception):
    """A model that cannot become a NetBuilder network; `where` is the user's line."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return self.message + (_t(" (at {where})", where=self.where) if self.where else "")


def _norm(name: str) -> str:
    return name.replace("_", "").lower()


def _layers_by_name() -> dict[str, str]:
    out = {_norm(s.type): s.type for s in registry() if s.is_module}
    out.pop("linear", None)  # F.linear takes its weights as tensors
    out.pop("bilinear", None)
    out["interpolate"] = "Upsample"
    return out


def _signature(fn: Any) -> inspect.Signature | None:
    from torch._jit_internal import boolean_dispatched

    if fn in boolean_dispatched:
        fn = boolean_dispatched[fn]["if_false"]
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):
        return None


class FunctionMapper:
    def __init__(self, conv: _Converter) -> None:
        self.conv = conv
        self.layers = _layers_by_name()

    def convert(self, fx_node: fx.Node) -> Any:
        conv = self.conv
        args, kwargs = conv.args(fx_node), conv.kwargs(fx_node)
        if fx_node.op == "call_method":
            short = str(fx_node.target)
        else:
            short = op_name(fx_node.target).rpartition(".")[2]
        if short in _ARITH:
            return self.arithmetic(fx_node, short, args, kwargs)
        method = getattr(self, f"op_{short}", None)
        if method is not None:
            return method(fx_node, args, kwargs)
        if _norm(short) in self.layers:
            return self.layer(fx_node, self.layers[_norm(short)], short, args, kwargs)
        raise conv.failure(fx_node, _t("{op} is not an operation NetBuilder can represent",
                                       op=conv.describe(fx_node)))

    # ---- layers from functions --------------------------------------------------------
    def layer(self, fx_node: fx.Node, type_name: str, short: str, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Ref:
        conv = self.conv
        spec = registry()[type_name]
        fn = fx_node.target if fx_node.op == "call_function" else (
            getattr(F, short, None) or getattr(torch, short, None))
        sig = _signature(fn)
        bound: dict[str, Any] = {}
        defaults: dict[str, Any] = {}
        if sig is None:
            if len(args) > 1 or kwargs:
                raise conv.failure(fx_node, _t("{op}'s arguments cannot be read",
                                               op=conv.describe(fx_node)))
        else:
            try:
                b = sig.bind(*args, **kwargs)
            except TypeError as exc:
                raise conv.failure(fx_node, f"{conv.describe(fx_node)}: {exc}") from None
            bound = dict(b.arguments)
            bound.pop(next(iter(sig.parameters)), None)
            defaults = {p.name: p.default for p in sig.parameters.values()}
        names = set(spec.param_names)
        params: dict[str, Any] = {}
        for name, value in bound.items():
            if name in names:
                params[name] = _plain(value)
            elif name == "return_indices" and value:
                raise conv.failure(fx_node, _t("{op} with return_indices=True is not "
                                               "supported", op=conv.describe(fx_node)))
            elif not (name in _IGNORED or value is None or value is False
                      or value == defaults.get(name)):
                raise conv.failure(fx_node, _t("{op} argument {name}={value} has no {type} "
                                               "equivalent", op=conv.describe(fx_node),
                                               name=name, value=repr(value), type=type_name))
        # A default that differs between the function and the layer must be passed.
        for p in spec.params:
            default = defaults.get(p.name, inspect.Parameter.empty)
            if p.name not in params and not p.required and p.name != "inplace" \
                    and default is not inspect.Parameter.empty \
                    and _plain(default) != p.default:
                params[p.name] = _plain(default)
        params = {k: _single(v) if spec.param(k).kind in ("int2", "ints") else v
                  for k, v in params.items()
                  if spec.param(k).required or v != spec.param(k).default}
        node_id = conv.add(fx_node, type_name, params, [conv.ref(fx_node, args[0])])
        return (node_id, 0)

    # ---- arithmetic ------------------------------------------------------------------
    def arithmetic(self, fx_node: fx.Node, short: str, args: tuple[Any, ...],
                   kwargs: dict[str, Any]) -> Ref:
        conv = self.conv
        if kwargs.get("alpha", 1) != 1 or len(args) != 2:
            raise conv.failure(fx_node, _t("{op} with these arguments is not supported",
                                           op=conv.describe(fx_node)))
        a, b = args
        if short == "rsub":
            a, b = b, a
        type_name = _ARITH[short]
        is_a, is_b = is_ref(a), is_ref(b)
        const = b if is_a else a
        if is_a and is_b:
            node_id = conv.add(fx_node, type_name, {}, [a, b])
        elif (is_a or is_b) and type_name in _SCALAR and isinstance(const, int | float) \
                and not isinstance(const, bool):
            params: dict[str, Any] = {"value": float(const)}
            if not is_a:
                params["reverse"] = True
            node_id = conv.add(fx_node, _SCALAR[type_name], params, [a if is_a else b])
        else:
            raise conv.failure(fx_node, _t("{op} of a constant tensor is not supported",
                                           op=conv.describe(fx_node)))
        return (node_id, 0)

    # ---- tensor operations (op_<name>: called by the function or method name) ---------
    def _one(self, fx_node: fx.Node, type_name: str, params: dict[str, Any], x: Any) -> Ref:
        return (self.conv.add(fx_node, type_name, params, [self.conv.ref(fx_node, x)]), 0)

    def op_view(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Ref:
        out = tuple(self.conv.value_of(fx_node).shape)
        if not out or out[0] != BATCH:
            raise self.conv.failure(fx_node, _t("{op} mixes the batch dimension with others, "
                                                "which NetBuilder cannot represent",
                                                op=self.conv.describe(fx_node)))
        return self._one(fx_node, "Reshape", {"shape": list(out[1:]) or [1]}, args[0])

    op_reshape = op_view

    def op_flatten(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                   ) -> Ref:
        start = args[1] if len(args) > 1 else kwargs.get("start_dim", 0)
        end = args[2] if len(args) > 2 else kwargs.get("end_dim", -1)
        params = {}
        if start != 1:
            params["start_dim"] = start
        if end != -1:
            params["end_dim"] = end
        return self._one(fx_node, "Flatten", params, args[0])

    def op_permute(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                   ) -> Ref:
        if len(args) == 2 and isinstance(args[1], list | tuple):
            dims = list(args[1])
        else:
            dims = list(args[1:]) or list(kwargs.get("dims", []))
        rank = len(dims)
        return self._one(fx_node, "Permute", {"dims": [d % rank for d in dims]}, args[0])

    def op_transpose(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                     ) -> Ref:
        return self._one(fx_node, "Transpose", {"dim0": args[1], "dim1": args[2]}, args[0])

    def op_squeeze(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                   ) -> Ref:
        dim = args[1] if len(args) > 1 else kwargs.get("dim")
        return self._one(fx_node, "Squeeze", {} if dim is None else {"dim": _plain(dim)},
                         args[0])

    def op_unsqueeze(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                     ) -> Ref:
        dim = args[1] if len(args) > 1 else kwargs["dim"]
        return self._one(fx_node, "Unsqueeze", {"dim": dim}, args[0])

    def _reduce(self, type_name: str, fx_node: fx.Node, args: tuple[Any, ...],
                kwargs: dict[str, Any]) -> Ref:
        dim = args[1] if len(args) > 1 else kwargs.get("dim")
        keep = args[2] if len(args) > 2 else kwargs.get("keepdim", False)
        params: dict[str, Any] = {}
        if dim is not None:
            params["dim"] = _plain(dim)
        if keep:
            params["keepdim"] = True
        return self._one(fx_node, type_name, params, args[0])

    def op_mean(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Ref:
        return self._reduce("Mean", fx_node, args, kwargs)

    def op_sum(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Ref:
        return self._reduce("Sum", fx_node, args, kwargs)

    def _join(self, type_name: str, fx_node: fx.Node, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Ref:
        tensors = args[0] if args else kwargs["tensors"]
        dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
        refs = [self.conv.ref(fx_node, t) for t in tensors]
        if len(refs) == 1 and type_name == "Concat":
            return refs[0]  # torch.cat([x]) is x (DenseNet's first layer)
        if len(refs) == 1:
            return self._one(fx_node, "Unsqueeze", {"dim": dim}, tensors[0])
        return (self.conv.add(fx_node, type_name, {"dim": dim}, refs), 0)

    def op_cat(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Ref:
        return self._join("Concat", fx_node, args, kwargs)

    op_concat = op_cat

    def op_stack(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Ref:
        return self._join("Stack", fx_node, args, kwargs)

    def _parts(self, fx_node: fx.Node, node_id: str) -> Any:
        return Structure(tuple((node_id, i) for i in range(len(self.conv.value_of(fx_node)))))

    def op_chunk(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        chunks = args[1] if len(args) > 1 else kwargs["chunks"]
        dim = args[2] if len(args) > 2 else kwargs.get("dim", 0)
        if len(self.conv.value_of(fx_node)) != chunks:
            raise self.conv.failure(fx_node, _t("chunk gives fewer parts than asked here; use "
                                                "split with explicit sizes"))
        node_id = self.conv.add(fx_node, "Chunk", {"chunks": chunks, "dim": dim},
                                [self.conv.ref(fx_node, args[0])])
        return self._parts(fx_node, node_id)

    def op_split(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        dim = args[2] if len(args) > 2 else kwargs.get("dim", 0)
        sizes = [t.shape[dim] for t in self.conv.value_of(fx_node)]
        node_id = self.conv.add(fx_node, "Split", {"sizes": sizes, "dim": dim},
                                [self.conv.ref(fx_node, args[0])])
        return self._parts(fx_node, node_id)

    def op_expand(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                  ) -> Ref:
        """`token.expand(n, -1, -1)` with n the batch: a BatchExpand over the Input's batch."""
        sizes = list(args[1]) if len(args) == 2 and isinstance(args[1], list | tuple) \
            else list(args[1:])
        value = self.conv.value_of(fx_node)
        if not sizes or sizes[0] != BATCH or tuple(value.shape[1:]) != tuple(
                self.conv.value_of(fx_node.args[0]).shape[1:]):  # type: ignore[arg-type]
            raise self.conv.failure(fx_node, _t("Tensor.expand other than over the batch (a "
                                                "class token's expand(n, -1, -1)) is not "
                                                "supported"))
        node_id = self.conv.add(fx_node, "BatchExpand", {"rank": len(sizes)},
                                [self.conv.ref(fx_node, args[0]), ("input", 0)])
        return (node_id, 0)

    def op_stochastic_depth(self, fx_node: fx.Node, args: tuple[Any, ...],
                            kwargs: dict[str, Any]) -> Ref:
        """torchvision's StochasticDepth, traced in eval mode: it passes its input through.
        It becomes an Identity node where it was (its random skipping while training has
        no layer here)."""
        training = args[3] if len(args) > 3 else kwargs.get("training", True)
        if training:
            raise self.conv.failure(fx_node, _t("stochastic_depth while training is not "
                                                "supported"))
        return self._one(fx_node, "Identity", {}, args[0])

    def op_getitem(self, fx_node: fx.Node, args: tuple[Any, ...], kwargs: dict[str, Any]
                   ) -> Ref:
        index = args[1] if isinstance(args[1], tuple) else (args[1],)
        if any(is_ref(i) or isinstance(i, torch.Tensor | list) for i in index):
            raise self.conv.failure(fx_node, _t("indexing with a tensor is not supported"))
        return self._one(fx_node, "Index", {"index": ", ".join(_index(i) for i in index)},
                         args[0])

    # ---- module calls ------------------------------------------------------------------
    def check_call_kwargs(self, fx_node: fx.Node, module: Any, kwargs: dict[str, Any]) -> None:
        for name, value in kwargs.items():
            if value is None or name in _CALL_KWARGS_OK:
                continue
            raise self.conv.failure(fx_node, _t("{type} is called with {name}=..., which a "
                                                "NetBuilder node cannot pass",
                                                type=type(module).__name__, name=name))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list | torch.Size):
        return [_plain(v) for v in value]
    return value


def _single(value: Any) -> Any:
    """(2, 2) as 2: the way kernel sizes are usually written."""
    if isinstance(value, list) and value and all(v == value[0] for v in value):
        return value[0]
    return value


def _index(item: Any) -> str:
    if item is None:
        return "None"
    if item is Ellipsis:
        return "..."
    if isinstance(item, slice):
        parts = ["" if v is None else str(v) for v in (item.start, item.stop, item.step)]
        return f"{parts[0]}:{parts[1]}" + (f":{parts[2]}" if parts[2] else "")
    return str(item)
