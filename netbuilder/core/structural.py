"""The structural node types: Input, Output, Add, Concat and Stack are not torch.nn modules but
parts of `forward` itself. This table is the one place that says what each means; the
shape checker, the code generator, the autograd extraction, training and the GUI's forms
read it instead of comparing type names. (Their palette entries, parameters and docs are
in netbuilder/core/layers.py, marked structural=True.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from netbuilder.core.i18n import N_

if TYPE_CHECKING:
    from netbuilder.core.graph import Graph, Node

Role = Literal["input", "output", "merge"]


@dataclass(frozen=True)
class Structural:
    role: Role
    purpose: str = ""  # an end's job, in the "network has no … node" problem
    merge: Literal["sum", "cat", "stack"] | None = None  # how a merge joins its inputs


STRUCTURAL: dict[str, Structural] = {
    "Input": Structural("input", purpose=N_("where data enters")),
    "Output": Structural("output", purpose=N_("what forward returns")),
    "Add": Structural("merge", merge="sum"),
    "Concat": Structural("merge", merge="cat"),
    "Stack": Structural("merge", merge="stack"),
}
ENDS = {"input": "Input", "output": "Output"}  # the type that plays each end's role


def role(type_name: str) -> Role | None:
    """input, output, merge, or None for an ordinary layer."""
    entry = STRUCTURAL.get(type_name)
    return entry.role if entry else None


def is_end(type_name: str) -> bool:
    return role(type_name) in ("input", "output")


def nodes_with_role(graph: Graph, wanted: Role) -> list[Node]:
    """The nodes playing `wanted`, in graph order (a valid network has one of each end)."""
    return [n for n in graph if role(n.type) == wanted]


def input_node(graph: Graph) -> Node | None:
    found = nodes_with_role(graph, "input")
    return found[0] if found else None


def output_node(graph: Graph) -> Node | None:
    found = nodes_with_role(graph, "output")
    return found[0] if found else None


def merge_expression(type_name: str, args: Sequence[str], params: dict[str, Any]) -> str:
    """The forward expression of a merge over its input variables, in port order."""
    merge = STRUCTURAL[type_name].merge
    if merge == "sum":
        return " + ".join(args)
    if merge == "stack":
        return f"torch.stack([{', '.join(args)}], dim={params.get('dim', 0)})"  # i18n: code
    return f"torch.cat([{', '.join(args)}], dim={params.get('dim', 1)})"  # i18n: code
