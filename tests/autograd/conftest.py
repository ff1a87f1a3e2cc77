"""Fixtures for the autograd DAG tests: the course's examples as graphs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from netbuilder.core.graph import Graph
from netbuilder.core.project import load_project

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture
def example_graph() -> Callable[[str], Graph]:
    def load(name: str) -> Graph:
        return load_project(EXAMPLES / f"{name}.json").graph

    return load
