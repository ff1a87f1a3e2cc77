"""Mean and Sum reduce within each sample: a reduction that would mix the samples of a
batch (nothing left but the batch, or the batch named in dim) is a problem on the node,
never a network whose output lost its batch dimension."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import torch

from netbuilder.core import i18n
from netbuilder.core.compiler import compile_graph
from netbuilder.core.shapes import BATCH, analyze
from tests.core.helpers import chain


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language(None)


@pytest.mark.parametrize("op", ["Mean", "Sum"])
def test_reducing_one_value_per_sample_again_is_a_problem(op: str) -> None:
    g = chain([3, 4, 4], [("m1", op, {}), ("m2", op, {})])
    result = analyze(g)
    assert not result.for_node("m1")
    [problem] = result.for_node("m2")
    assert "already one value per sample: nothing to reduce" in problem.message


@pytest.mark.parametrize("dim", [[0], [0, 1], [-4], [2, -4], 0])
def test_a_dim_that_names_the_batch_is_a_problem(dim: object) -> None:
    g = chain([3, 4, 4], [("m", "Mean", {"dim": dim})])
    [problem] = analyze(g).for_node("m")
    assert "would reduce the batch — choose dim 1 or later" in problem.message


def test_the_problem_reads_in_chinese(zh: None) -> None:
    g = chain([3, 4, 4], [("m1", "Mean", {}), ("m2", "Sum", {"dim": [0]})])
    result = analyze(g)
    [problem] = result.for_node("m2")
    assert "批" in problem.message and "would" not in problem.message


def _dims(rank: int) -> list[object]:
    axes = list(range(-rank, rank))
    return [None, *axes, *([list(c) for c in itertools.combinations(range(rank), 2)])]


@pytest.mark.parametrize("op", ["Mean", "Sum"])
@pytest.mark.parametrize("shape", [[3, 4, 4], [5], [6, 2]])
def test_every_valid_reduction_keeps_the_batch(op: str, shape: list[int]) -> None:
    rank = len(shape) + 1
    valid = 0
    for first, second, keep in itertools.product(_dims(rank), _dims(rank), [False, True]):
        g = chain(shape, [("a", op, {"dim": first, "keepdim": keep}),
                          ("b", op, {"dim": second, "keepdim": keep})])
        result = analyze(g)
        if not result.ok:
            continue
        valid += 1
        out = result.nodes["b"].output_shape
        assert out is not None and len(out) >= 1 and out[0] == BATCH, (first, second, out)
        y = compile_graph(g).build()(torch.randn(7, *shape))
        assert y.shape[0] == 7, (first, second, tuple(y.shape))
    assert valid > 0
