"""Fixtures for the training tests: examples, small networks, one torch thread.

(Qt runs offscreen: tests/conftest.py sets QT_QPA_PLATFORM before anything imports Qt.)

Every dataset here is offline and real (scikit-learn's digits, generated 2-D sets, files a
test writes itself); nothing of NetBuilder's is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.project import Project, load_project

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    """Tiny models train faster on one thread, and a busy shared CPU cannot stall it."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def example(name: str) -> Project:
    return load_project(EXAMPLES / f"{name}.json")


def mlp(shape: list[int], hidden: int, out: int, last: str | None = None,
        training: dict[str, Any] | None = None, name: str = "Small net") -> Project:
    """Input → [Flatten] → Linear → ReLU → Linear(out) → [last] → Output."""
    g = Graph()
    layers: list[tuple[str, str, dict[str, Any]]] = []
    features = shape[0]
    if len(shape) > 1:
        layers.append(("flatten", "Flatten", {}))
        features = 1
        for d in shape:
            features *= d
    layers += [("fc1", "Linear", {"in_features": features, "out_features": hidden}),
               ("relu", "ReLU", {}),
               ("fc2", "Linear", {"in_features": hidden, "out_features": out})]
    if last:
        layers.append(("last", last, {"dim": 1} if "Softmax" in last else {}))
    ids = ["input"] + [lid for lid, _, _ in layers] + ["output"]
    g.add_node(Node("input", "Input", {"shape": shape}))
    for lid, kind, params in layers:
        g.add_node(Node(lid, kind, params))
    g.add_node(Node("output", "Output", {}))
    for a, b in zip(ids, ids[1:], strict=False):
        g.add_edge(Edge(a, b))
    return Project(name, g, training)
