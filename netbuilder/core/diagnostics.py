"""Problems found in a network, attached to the node (and edge) at fault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netbuilder.core.graph import Edge
from netbuilder.core.text import fmt_dims, fmt_shape

__all__ = ["Diagnostic", "Fix", "Shape", "fmt_dims", "fmt_shape"]

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


