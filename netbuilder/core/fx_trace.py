"""torch.fx tracing that knows the shapes: every value is also computed on meta tensors.

Plain symbolic tracing refuses code that computes with sizes in Python, such as the
course's LeNet looping over `x.size()[1:]`. Here each traced value carries its meta
value, and asking for a size (`x.size()`, `x.shape`, `x.dim()`) returns the real ints for
the given input shape, so such code traces, specialised to that shape. The batch
dimension is taken back out where the network is built (fx_import.py).

Modules that are catalogue types are leaves (one node each); every other module
(torchvision's BasicBlock, a user's own block) is traced through, and fx records in each
node's `nn_module_stack` which submodules it was called from: the groups.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
from collections.abc import Iterator
from typing import Any

import torch
from torch import fx, nn
from torch.fx import _symbolic_trace

from netbuilder.core.i18n import _t

VALUE = "netbuilder_value"  # fx node meta key: the node's value on meta tensors
SIZE_METHODS = frozenset({"size", "dim", "numel", "ndimension", "nelement"})
SIZE_ATTRIBUTES = frozenset({"shape", "ndim", "dtype", "device", "is_cuda", "requires_grad",
                             "is_sparse", "layout", "is_quantized", "is_nested"})


class TraceFailure(Exception):
    """Tracing stopped; `node_text` and `where` say at which operation and line."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


class MetaProxy(fx.Proxy):
    """An fx Proxy that also holds its value computed on meta tensors."""

    _meta: Any = None

    def __getattr__(self, name: str) -> Any:
        if name in SIZE_ATTRIBUTES and isinstance(self._meta, torch.Tensor):
            return getattr(self._meta, name)
        return super().__getattr__(name)

    def __len__(self) -> int:
        if isinstance(self._meta, torch.Tensor | tuple | list):
            return len(self._meta)
        return super().__len__()

    def __iter__(self) -> Any:
        if isinstance(self._meta, tuple | list):
            return iter([self[i] for i in range(len(self._meta))])
        return super().__iter__()


class MetaTracer(fx.Tracer):
    def __init__(self, meta_root: nn.Module, leaf_types: frozenset[type],
                 example: torch.Tensor, same_shape: frozenset[type] = frozenset()) -> None:
        super().__init__()
        self.record_stack_traces = True
        self.leaf_types = leaf_types
        self.meta_root = meta_root  # where values are computed; the model itself is traced
        self.example = example
        self.same_shape = same_shape  # leaves whose output is shaped as their input

    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return type(m) in self.leaf_types

    def proxy(self, node: fx.Node) -> fx.Proxy:
        return MetaProxy(node, self)

    def create_proxy(self, kind: str, target: Any, args: tuple[Any, ...],
                     kwargs: dict[str, Any], name: str | None = None,
                     type_expr: Any | None = None, proxy_factory_fn: Any = None) -> Any:
        value = self._value(kind, target, args, kwargs)
        if kind == "call_method" and target in SIZE_METHODS:
            return value  # a size: the real number for this input, not a traced value
        proxy = super().create_proxy(kind, target, args, kwargs, name, type_expr,
                                     proxy_factory_fn)
        proxy._meta = value  # type: ignore[attr-defined]
        proxy.node.meta[VALUE] = value
        return proxy

    def _value(self, kind: str, target: Any, args: tuple[Any, ...],
               kwargs: dict[str, Any]) -> Any:
        a, kw = fx.node.map_aggregate(
            (args, kwargs), lambda v: v._meta if isinstance(v, MetaProxy) else v)
        try:
            return self._compute(kind, target, a, kw)
        except Exception as exc:  # noqa: BLE001 - reported with the user's line
            where = _user_line(inspect.stack()[2:])
            raise TraceFailure(_t("{op} fails on this input: {error}", op=_name(target),
                                  error=str(exc).splitlines()[0] if str(exc)
                                  else type(exc).__name__), where) from None

    def _compute(self, kind: str, target: Any, a: Any, kw: Any) -> Any:
        if kind == "placeholder":
            return self.example
        if kind == "get_attr":
            return _fetch(self.meta_root, target)
        if kind == "call_module":
            module = self.meta_root.get_submodule(target)
            if type(module) in self.same_shape and len(a) == 1 and not kw:
                return torch.empty_like(a[0])  # ReLU, BatchNorm...: no need to run it
            if next(module.children(), None) is None:
                return module.forward(*a, **kw)  # a plain layer: no module calls inside
            with _unpatched():  # a layer made of layers (TransformerEncoderLayer)
                return module(*a, **kw)
        if kind == "call_function":
            return target(*a, **kw)
        if kind == "call_method":
            return getattr(a[0], target)(*a[1:], **kw)
        return None


@contextlib.contextmanager
def _unpatched() -> Iterator[None]:
    """nn.Module as it is outside tracing: fx patches __call__ and __getattr__ while it
    traces, and a value computed on meta tensors must not be traced itself."""
    call, getattr_ = nn.Module.__call__, nn.Module.__getattr__
    nn.Module.__call__ = _symbolic_trace._orig_module_call  # type: ignore[method-assign]
    nn.Module.__getattr__ = _symbolic_trace._orig_module_getattr  # type: ignore[method-assign]
    try:
        yield
    finally:
        nn.Module.__call__ = call  # type: ignore[method-assign]
        nn.Module.__getattr__ = getattr_  # type: ignore[method-assign]


def meta_copy(model: nn.Module) -> nn.Module:
    """The model with every parameter and buffer on the meta device, without copying
    any data (deepcopy would clone every weight first)."""
    memo: dict[int, Any] = {}
    for t in [*model.parameters(), *model.buffers()]:
        meta = torch.empty_like(t, device="meta")
        memo[id(t)] = nn.Parameter(meta, t.requires_grad) if isinstance(
            t, nn.Parameter) else meta
    return copy.deepcopy(model, memo).eval()


def trace(model: nn.Module, sample_shape: tuple[int, ...], leaf_types: frozenset[type],
          batch: int, same_shape: frozenset[type] = frozenset()
          ) -> tuple[fx.Graph, nn.Module]:
    """The fx graph of model.forward on a (batch, *sample_shape) input, and the meta copy
    of the model whose submodules computed each node's value."""
    meta = meta_copy(model)
    example = torch.empty((batch, *sample_shape), device="meta")
    tracer = MetaTracer(meta, leaf_types, example, same_shape)
    # Optional forward arguments (a mask=None) keep their defaults.
    params = list(inspect.signature(model.forward).parameters.values())
    concrete = {p.name: p.default for p in params if p.default is not p.empty}
    try:
        graph = tracer.trace(model.eval(), concrete_args=concrete or None)
    except TraceFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - fx's own refusals (control flow on a tensor)
        where = _user_line(inspect.trace()[1:])
        raise TraceFailure(_t("cannot be traced: {error}", error=str(exc).splitlines()[0]),
                           where) from None
    return graph, meta


def _fetch(root: nn.Module, target: str) -> Any:
    obj: Any = root
    for part in target.split("."):
        obj = getattr(obj, part)
    return obj


def _name(target: Any) -> str:
    return target if isinstance(target, str) else op_name(target)


def op_name(fn: Any) -> str:
    """A function as a person writes it: torch.fft.fft, F.relu, operator.add."""
    import operator

    import torch.nn.functional as F  # noqa: N812 - as everyone writes it

    for prefix, space in (("F", F), ("torch", torch), ("torch.fft", torch.fft),
                          ("torch.linalg", torch.linalg), ("torch.special", torch.special),
                          ("operator", operator)):
        for attr in dir(space):
            if not attr.startswith("_") and getattr(space, attr, None) is fn:
                return f"{prefix}.{attr}"
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", repr(fn))


def _user_line(frames: list[inspect.FrameInfo]) -> str:
    """The innermost frame outside torch and NetBuilder: where the user's code is."""
    for frame in frames:
        if _internal(frame.filename):
            continue
        code = (frame.code_context or [""])[0].strip()
        return f"{frame.filename}:{frame.lineno} in {frame.function}: {code}"
    return ""


def _internal(path: str) -> bool:
    path = path.replace("\\", "/")
    return "/torch/" in path or "/netbuilder/core/" in path or path.startswith("<")


def stack_location(stack_trace: str | None) -> str:
    """'file:line in function: code' from an fx node's stack_trace (its last frame)."""
    if not stack_trace:
        return ""
    lines = [ln for ln in stack_trace.strip().splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].strip()
        if text.startswith("File "):
            parts = text.split('"')
            path = parts[1] if len(parts) > 2 else "?"
            if _internal(path):
                continue
            rest = parts[2] if len(parts) > 2 else ""
            line = rest.split("line ")[1].split(",")[0] if "line " in rest else "?"
            func = rest.split(" in ")[-1] if " in " in rest else "?"
            code = lines[i + 1].strip() if i + 1 < len(lines) else ""
            return f"{path}:{line} in {func}: {code}"
    return ""
