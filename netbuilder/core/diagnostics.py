"""Problems found in a network, attached to the node (and edge) at fault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netbuilder.core.graph import Edge

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Fix:
    """A one-click repair: set node_id.param to value."""

    node_id: str
    param: str
    value: Any

    @property
    def text(self) -> str:
        return f"set {self.param} to {self.value}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem. `message` starts with the node id (or 'network' when no node is at
    fault) and says what is wrong and, where clear, what to do."""

    node_id: str | None
    message: str
    edge: Edge | None = None
    fix: Fix | None = None


def fmt_shape(shape: Shape) -> str:
    """A batched shape as people write it: (2, 6, 28, 28) -> 'N×6×28×28'."""
    return "×".join(["N", *map(str, shape[1:])])


def fmt_dims(dims: Shape) -> str:
    return "×".join(map(str, dims))
