"""Events the graph emits after each change, so views can follow the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NodeAdded:
    node_id: str


@dataclass(frozen=True)
class NodeRemoved:
    node_id: str


@dataclass(frozen=True)
class EdgeAdded:
    edge: Any  # graph.Edge


@dataclass(frozen=True)
class EdgeRemoved:
    edge: Any


@dataclass(frozen=True)
class ParamChanged:
    node_id: str
    name: str
    value: Any  # the new value; None when the parameter went back to its default


@dataclass(frozen=True)
class NodeMoved:
    node_id: str
    pos: tuple[float, float] | None


@dataclass(frozen=True)
class NodeRenamed:
    old_id: str
    new_id: str


@dataclass(frozen=True)
class GroupChanged:
    """A node joined or left a group (shapes stay; the code's nesting changes)."""

    node_id: str
    group: str | None


@dataclass(frozen=True)
class GraphReset:
    """Everything may have changed (a project was loaded)."""


Event = (NodeAdded | NodeRemoved | EdgeAdded | EdgeRemoved | ParamChanged | NodeMoved
         | NodeRenamed | GroupChanged | GraphReset)
Listener = Callable[[Event], None]

# Events that can change shapes or diagnostics; a move or a reset of positions cannot.
STRUCTURAL = (NodeAdded, NodeRemoved, EdgeAdded, EdgeRemoved, ParamChanged, NodeRenamed, GraphReset)
