"""FLOPs from meta tensors, layer by layer, equal FlopCounterMode's count on the real
module (real weights, a real input, on the CPU)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

from netbuilder.core.compiler import compile_graph
from netbuilder.core.flops import graph_flops
from netbuilder.core.project import load_project
from netbuilder.core.shapes import analyze


@pytest.mark.parametrize("name", ["lenet", "residual_add", "concat_branches"])
def test_flops_equal_flop_counter_on_the_real_module(examples_dir: Path, name: str) -> None:
    project = load_project(examples_dir / f"{name}.json")
    compiled = compile_graph(project.graph, project.class_name)
    shape = project.graph.nodes["input"].params["shape"]
    counted = graph_flops(project.graph, analyze(project.graph))
    assert counted is not None

    model = compiled.build(seed=0)  # real weights on the CPU
    real = FlopCounterMode(display=False)
    with real, torch.no_grad():
        model(torch.randn(1, *shape))
    assert counted.total == real.get_total_flops() > 0
    per_module = {k.split(".", 1)[1]: sum(v.values()) for k, v in real.get_flop_counts().items()
                  if "." in k}
    assert {k: v for k, v in counted.per_node.items() if v} == per_module


def test_lenet_flops_by_hand(examples_dir: Path) -> None:
    """conv: 2·C_out·H·W·C_in·k²; linear: 2·in·out (a multiply-add counts 2)."""
    project = load_project(examples_dir / "lenet.json")
    flops = graph_flops(project.graph, analyze(project.graph))
    assert flops is not None
    assert flops.per_node["conv1"] == 2 * 6 * 28 * 28 * 1 * 25
    assert flops.per_node["fc1"] == 2 * 400 * 120
    assert flops.total == 833_040
