"""The in-place probe (core/shapes.py's memory_use) builds the real layer and runs it on
the GUI thread: a layer too big for that is left to the tables of core/checks.py, and the
probe never moves the random seed a run was given."""

from __future__ import annotations

import json
import resource

import torch

from netbuilder.core.shapes import PROBE_LIMIT, analyze, memory_use
from tests.core.helpers import chain

HUGE = {"in_features": 20000, "out_features": 20000}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def test_a_huge_layer_above_an_in_place_one_is_not_built() -> None:
    before = _peak_mb()
    assert memory_use("Linear", json.dumps(HUGE, sort_keys=True), (2, 20000)) is None
    # its weight alone would be 1.6 GB
    assert _peak_mb() - before < 500
    g = chain([20000], [("fc", "Linear", HUGE), ("act", "ReLU", {"inplace": True})])
    assert analyze(g).ok


def test_a_huge_input_leaves_the_decision_to_the_tables() -> None:
    shape = [3, 1024, 1024]
    assert PROBE_LIMIT < 2 * 3 * 1024 * 1024
    assert memory_use("Sigmoid", "{}", (2, *shape)) is None
    g = chain(shape, [("sig", "Sigmoid", {}), ("act", "ReLU", {"inplace": True})])
    [problem] = analyze(g).for_node("act")
    assert "sig" in problem.message and "backward" in problem.message
    g.set_param("act", "inplace", False)
    assert analyze(g).ok


def test_a_small_layer_is_still_asked_and_keeps_the_seed() -> None:
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    # the tables do not know an RNNCell's tanh: only the probe does
    assert memory_use("RNNCell", json.dumps({"hidden_size": 3, "input_size": 5},
                                            sort_keys=True), (2, 5)) == (True, False, False)
    assert torch.equal(torch.rand(3), expected)


def test_checking_a_graph_leaves_the_seed_as_it_was() -> None:
    g = chain([1, 8, 8], [("conv", "Conv2d", {"in_channels": 1, "out_channels": 2,
                                               "kernel_size": 3}),
                          ("sig", "Sigmoid", {}), ("act", "ReLU", {"inplace": True})])
    torch.manual_seed(7)
    expected = torch.rand(3)
    torch.manual_seed(7)
    assert analyze(g).for_node("act")
    assert torch.equal(torch.rand(3), expected)
