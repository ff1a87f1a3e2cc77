"""Random edit sequences with undo and redo, and what must hold for each.

Every edit either applies, or is refused with a GraphError and changes nothing (not a
byte of the saved file); undoing every edit gives back the original bytes and redoing
them the edited bytes; and save → load → save gives the same bytes at every step.
Used by tests/fuzz/test_fuzz.py (hypothesis) and scripts/fuzz.py (`make fuzz`).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from netbuilder.core import edits as ed
from netbuilder.core.graph import Edge, GraphError, Node
from netbuilder.core.project import Project, dumps, load_project, loads
from tests.fuzz.graphs import LAYER_TYPES, Unexpected, random_value

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
ODD_NAMES = ["", "1x", "forward", "x", "conv 1", "a" * 80, "__init__", "class", "ok_name"]
ODD_VALUES: list[Any] = [None, -1, 0, 2.999, "same", [1, 2], [1, 2, 3], True, 1e300,
                         float("nan"), "x" * 10, {"a": 1}]


def _random_edit(project: Project, rng: random.Random, depth: int = 0) -> ed.Edit:
    g = project.graph
    ids = list(g.nodes) or ["nothing"]
    nid = rng.choice(ids)
    kind = rng.choice(["add", "remove", "connect", "disconnect", "param", "reset", "move",
                       "rename", "batch"] if depth == 0 else
                      ["add", "remove", "connect", "param", "reset", "move", "rename"])
    if kind == "add":
        type_name = rng.choice([*LAYER_TYPES, "Input", "Output", "Nope"])
        params: dict[str, Any] = {}
        if type_name in g.registry:
            spec = g.registry[type_name]
            params = {p.name: random_value(p, rng) for p in spec.params if p.required}
        new_id = g.fresh_id("n") if rng.random() < 0.8 else rng.choice(ODD_NAMES + ids)
        index = rng.choice([None, None, 0, len(g.nodes)])
        pos = None if rng.random() < 0.3 else (rng.uniform(-500, 500), rng.uniform(-500, 500))
        return ed.AddNode(Node(new_id, type_name, params, pos), index)
    if kind == "remove":
        return ed.RemoveNode(nid)
    if kind == "connect":
        return ed.Connect(Edge(rng.choice(ids), rng.choice(ids), rng.choice([0, 0, 1, 2, -1])))
    if kind == "disconnect":
        edges = g.edges
        if edges and rng.random() < 0.9:
            return ed.Disconnect(rng.choice(edges))
        return ed.Disconnect(Edge(rng.choice(ids), rng.choice(ids)))
    if kind in ("param", "reset"):
        names = ["nope"]
        if nid in g.nodes:
            names += list(g.registry[g.nodes[nid].type].param_names)
        name = rng.choice(names)
        if kind == "reset":
            return ed.SetParam(nid, name, reset=True)
        value: Any = rng.choice(ODD_VALUES)
        if nid in g.nodes and name != "nope" and rng.random() < 0.7:
            value = random_value(g.registry[g.nodes[nid].type].param(name), rng)
        return ed.SetParam(nid, name, value)
    if kind == "move":
        pos = rng.choice([None, (2.999, -0.004), (rng.uniform(-1e4, 1e4), 1.005),
                          (float("inf"), 0.0), (float("nan"), 1.0), (1e308 * 10, 1.0)])
        return ed.Move(nid, pos)
    if kind == "rename":
        return ed.Rename(nid, rng.choice(ODD_NAMES + ids + [g.fresh_id("r")]))
    return ed.Batch("batch", [_random_edit(project, rng, 1) for _ in range(rng.randint(1, 4))])


def check_edit_sequence(project: Project, rng: random.Random, length: int = 12) -> int:
    """Apply random edits; raise Unexpected if a promise breaks. Returns edits refused."""
    history = ed.History(project.graph)
    original = dumps(project)
    refused = 0
    for _ in range(length):
        before = dumps(project)
        edit = _random_edit(project, rng)
        try:
            history.push(edit)
        except GraphError:
            refused += 1
            if dumps(project) != before:
                raise Unexpected(f"a refused edit changed the file: {edit.text}") from None
            continue
        except Exception as exc:  # noqa: BLE001 - anything else is a bug
            raise Unexpected(f"{edit.text}: {type(exc).__name__}: {exc}") from exc
        saved = dumps(project)
        if dumps(loads(saved)) != saved:
            raise Unexpected(f"save → load → save differs after {edit.text}")
    edited = dumps(project)
    while history.undo() is not None:
        pass
    if dumps(project) != original:
        raise Unexpected("undoing every edit did not give back the original file")
    while history.redo() is not None:
        pass
    if dumps(project) != edited:
        raise Unexpected("redoing every edit did not give back the edited file")
    return refused


def fuzz_one_edit_sequence(seed: int) -> int:
    rng = random.Random(seed)
    example = rng.choice(sorted(EXAMPLES.glob("*.json")))
    return check_edit_sequence(load_project(example), rng)
