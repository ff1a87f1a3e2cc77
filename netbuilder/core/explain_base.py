"""The pieces core/explain.py and core/explain_ops.py share: the Explanation a node gets,
the signature of an explainer, and the small helpers that write numbers into formulas."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netbuilder.core.registry import LayerSpec

Shape = tuple[int, ...]
SPATIAL = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}


@dataclass
class Explanation:
    """Sentences and filled-in formulas: `shape` for the output, `params` for the count."""

    shape: list[str] = field(default_factory=list)
    params: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [*self.shape, *self.params]


Explainer = Callable[[LayerSpec, dict[str, Any], Sequence[Shape], Shape | None, Explanation],
                     None]


def _dims(shape: Shape) -> str:
    return "×".join(map(str, shape)) if shape else "1"


def _per_dim(value: Any, i: int, n: int) -> Any:
    """One spatial dimension's value of an int-or-tuple parameter."""
    if isinstance(value, list | tuple):
        return value[i] if len(value) == n else value[0]
    return value


def _rank(type_name: str) -> int:
    for n in (1, 2, 3):
        if f"{n}d" in type_name:
            return n
    return 2


def _product(symbols: list[str]) -> str:
    return "·".join(symbols)
