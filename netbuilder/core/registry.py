"""Layer specifications: what each node type is, takes, and means.

A `LayerSpec` is pure data (no torch import): the palette groups by `category`, the
inspector builds its form from `params`, the shape checker reads `inputs`, `ranks` and
`feature_param`, and learners read `doc` and `formula`. The catalogue itself, and
`registry()` over it, is `netbuilder.core.layers`, one small declarative entry per type.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netbuilder.core.i18n import _t
from netbuilder.core.text import fmt_number, short

VARIADIC = -1  # a spec's `inputs` for Add and Concat: any number, one port each

CATEGORIES = (
    "input/output",
    "convolution",
    "pooling",
    "linear",
    "activation",
    "normalization",
    "regularization",
    "merge",
    "reshape",
    "padding",
    "recurrent",
    "attention",
    "embedding",
    "distance",
    "tensor",
)


class ParamError(ValueError):
    """A parameter value that its layer cannot take; the message says why."""


_MISSING: Any = object()


@dataclass(frozen=True)
class ParamSpec:
    """One constructor argument of a layer, with its type, default and allowed values.

    `kind` is one of: int, float, bool, choice, int2 (an int or a pair of ints),
    ints (an int or a list of ints of any length: a 3-d kernel, dims to permute),
    shape (a list of positive ints), str. `optional` means None is allowed too.
    """

    name: str
    kind: str
    default: Any = _MISSING
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    strings: tuple[str, ...] = ()  # extra string values an int2 accepts ('same', 'valid')
    optional: bool = False
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is _MISSING

    def coerce(self, value: Any) -> Any:
        """`value` as the JSON-friendly value this parameter stores, or ParamError."""
        if value is None:
            if self.optional or self.default is None:
                return None
            raise ParamError(_t("{name} needs a value ({expected})", name=self.name,
                                expected=self._expect()))
        kind = self.kind
        if kind == "bool":
            if isinstance(value, bool):
                return value
        elif kind == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return self._in_range(value)
        elif kind == "float":
            if isinstance(value, int | float) and not isinstance(value, bool):
                number = _finite(value)
                if number is None:
                    # JSON files may hold NaN or Infinity; generated code would say `nan`.
                    raise ParamError(_t("{name} must be a finite number, not {value}",
                                        name=self.name, value=short(value)))
                return self._in_range(number)
        elif kind == "choice":
            if value in self.choices:
                return value
        elif kind == "str":
            if isinstance(value, str):
                return value
        elif kind == "int2":
            if isinstance(value, str) and value in self.strings:
                return value
            if isinstance(value, int) and not isinstance(value, bool):
                return self._in_range(value)
            if isinstance(value, list | tuple) and len(value) == 2 and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value
            ):
                return [self._in_range(v) for v in value]
        elif kind == "ints":
            if isinstance(value, int) and not isinstance(value, bool):
                return self._in_range(value)
            if isinstance(value, str) and value in self.strings:
                return value
            if isinstance(value, list | tuple) and value and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value
            ):
                return [self._in_range(v) for v in value]
        elif kind == "shape" and (
            isinstance(value, list | tuple)
            and 1 <= len(value) <= 4
            and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
        ):
            return list(value)
        raise ParamError(_t("{name} must be {expected}, not {value}", name=self.name,
                            expected=self._expect(), value=short(value)))

    def _in_range(self, value: float) -> Any:
        if self.minimum is not None and value < self.minimum:
            raise ParamError(_t("{name} must be at least {bound}, not {value}", name=self.name,
                                bound=fmt_number(self.minimum), value=short(value)))
        if self.maximum is not None and value > self.maximum:
            raise ParamError(_t("{name} must be at most {bound}, not {value}", name=self.name,
                                bound=fmt_number(self.maximum), value=short(value)))
        return value

    def _expect(self) -> str:
        lo = f" ≥ {fmt_number(self.minimum)}" if self.minimum is not None else ""
        words = {
            "bool": _t("true or false"),
            "int": _t("a whole number{lo}", lo=lo),
            "float": _t("a number{lo}", lo=lo),
            "choice": _t("one of {choices}", choices=", ".join(repr(c) for c in self.choices)),
            "str": _t("text"),
            "int2": _t("a whole number{lo} or a pair of them", lo=lo),
            "ints": _t("a whole number{lo} or a list of them", lo=lo),
            "shape": _t("a list of 1 to 4 positive whole numbers, e.g. [1, 32, 32]"),
        }[self.kind]
        for extra in self.strings:
            words += _t(" or {value}", value=repr(extra))
        return words + (_t(" or none") if self.optional else "")


def _finite(value: int | float) -> float | None:
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class LayerSpec:
    """A node type: a torch.nn class (or a structural type) and what it needs.

    inputs: 0 (Input), 1, or VARIADIC. ranks: the input ranks the layer accepts, counting
    the batch dimension (None: any). feature_param/feature_dim: the parameter that must
    equal the input's size along feature_dim (in_features on the last dim for Linear,
    in_channels on dim 1 for Conv2d), so a mismatch gets a one-click fix.
    """

    type: str
    category: str
    doc: str
    params: tuple[ParamSpec, ...] = ()
    inputs: int = 1
    outputs: int = 1
    formula: str = ""
    ranks: tuple[int, ...] | None = None
    rank_words: str = ""
    feature_param: str | None = None
    feature_dim: int = 1
    structural: bool = False
    summary_params: tuple[str, ...] = field(default=())
    # Several tensors in or out (one port each): names in the order forward() takes or
    # returns them. `unpack` is how code receives several results ("{0}, ({1}, {2})"
    # for LSTM); `outputs_if` names a bool param that turns the extra outputs on
    # (return_indices); `output_count` gives the count from params (chunk, split).
    input_names: tuple[str, ...] = ()
    output_names: tuple[str, ...] = ()
    unpack: str = ""
    outputs_if: str | None = None
    output_count: Callable[[Mapping[str, Any]], int] | None = None
    int_inputs: tuple[int, ...] = ()  # ports that take integer tensors (indices)
    # A tensor operation (not an nn.Module): see netbuilder.core.ops.
    op: Any = None
    # A small example the catalogue test runs through PyTorch: per-sample input shapes
    # (without the batch dimension) and the parameters to build it with.
    sample_inputs: tuple[tuple[int, ...], ...] = ((8,),)
    sample_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_module(self) -> bool:
        """A torch.nn class: built in __init__, called in forward."""
        return not self.structural and self.op is None

    @property
    def fixed_inputs(self) -> int:
        """How many input ports a non-variadic node has."""
        return len(self.input_names) if self.input_names else self.inputs

    def output_ports(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The names of this node's output ports, given its params."""
        if self.outputs == 0:
            return ()
        if self.output_count is not None:
            return tuple(str(i) for i in range(self.output_count(self.resolved(params))))
        if self.output_names:
            if self.outputs_if is None or self.resolved(params).get(self.outputs_if):
                return self.output_names
            return self.output_names[:1]
        return ("output",)

    def param(self, name: str) -> ParamSpec:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def resolved(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Every parameter's value: the given ones, defaults for the rest."""
        return {
            p.name: params.get(p.name, p.default)
            for p in self.params
            if p.name in params or not p.required
        }

    def check_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The params coerced to stored form; ParamError names the first bad one."""
        out: dict[str, Any] = {}
        for name, value in params.items():
            try:
                spec = self.param(name)
            except KeyError:
                known = ", ".join(self.param_names) or _t("none")
                raise ParamError(_t("{type} has no parameter {name} (its parameters: {known})",
                                    type=self.type, name=short(name), known=known)) from None
            out[name] = spec.coerce(value)
        missing = [p.name for p in self.params if p.required and p.name not in out]
        if missing:
            raise ParamError(_t("{type} needs {names}", type=self.type, names=", ".join(missing)))
        return out

    def default_params(self) -> dict[str, Any]:
        """Starting values for a new node: required params get their `minimum` or 1."""
        out: dict[str, Any] = {}
        for p in self.params:
            if p.required:
                out[p.name] = [1, 28, 28] if p.kind == "shape" else int(p.minimum or 1)
        return out


class Registry:
    """Layer specs by type name, in palette order."""

    def __init__(self, specs: Iterable[LayerSpec]) -> None:
        self._specs: dict[str, LayerSpec] = {}
        for spec in specs:
            if spec.type in self._specs:
                raise ValueError(f"layer type {spec.type} declared twice")  # i18n: internal
            if spec.category not in CATEGORIES:
                raise ValueError(f"{spec.type}: unknown category {spec.category}")  # i18n: internal
            self._specs[spec.type] = spec

    def __contains__(self, type_name: object) -> bool:
        return type_name in self._specs

    def __getitem__(self, type_name: str) -> LayerSpec:
        return self._specs[type_name]

    def __iter__(self):  # noqa: ANN204 - plain iterator of specs
        return iter(self._specs.values())

    def types(self) -> list[str]:
        return list(self._specs)

    def by_category(self) -> dict[str, list[LayerSpec]]:
        out: dict[str, list[LayerSpec]] = {c: [] for c in CATEGORIES}
        for spec in self._specs.values():
            out[spec.category].append(spec)
        return {c: specs for c, specs in out.items() if specs}

    def unknown_type_message(self, type_name: object) -> str:
        import difflib

        close = difflib.get_close_matches(str(type_name), self.types(), n=1)
        hint = _t(" (did you mean {name}?)", name=close[0]) if close else ""
        return _t("unknown layer type {type}{hint}", type=short(type_name), hint=hint)
