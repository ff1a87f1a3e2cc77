"""Edits composed for the GUI where a single core edit would not undo exactly.

`SetParam(reset=True)` removes a key from node.params and its revert adds it back at
the end of the dict, so undoing a reset of a parameter that is not the last one would
save the file with its keys in another order. Resetting through a Batch that takes the
later keys off and puts them back keeps the order, so N undos restore the saved file
byte for byte. (A core fix would make SetParam.revert restore the position itself.)
"""

from __future__ import annotations

from netbuilder.core.edits import Batch, Edit, SetParam
from netbuilder.core.graph import Graph


def reset_param_edit(graph: Graph, node_id: str, name: str) -> Edit:
    """An edit that returns node_id.name to its default and undoes in key order."""
    node = graph.node(node_id)
    spec = graph.registry[node.type]
    keys = list(node.params)
    later = keys[keys.index(name) + 1:] if name in keys else []
    plain = SetParam(node_id, name, reset=True)
    if not later or any(spec.param(k).required for k in later):
        return plain
    edits: list[Edit] = [SetParam(node_id, k, reset=True) for k in reversed(later)]
    edits.append(plain)
    edits += [SetParam(node_id, k, node.params[k]) for k in later]
    return Batch(plain.text, edits)
