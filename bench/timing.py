"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import torch
from torch import nn

from netbuilder.core.graph import Graph
from netbuilder.core.shapes import py_params


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    """Milliseconds of each of `repeats` calls."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def median_ms(fn: Callable[[], object], repeats: int = 15) -> float:
    """Median milliseconds after one warm-up call (imports, caches, allocator)."""
    fn()
    return statistics.median(timed(fn, repeats))


def meta_baseline_ms(graph: Graph, repeats: int = 15) -> float:
    """Hand-written: build each layer on meta and run it once, in order — the least a
    PyTorch-exact shape pass without a memo could cost."""
    layers = [n for n in graph if n.type not in ("Input", "Output", "Add", "Concat")]
    shape = (2, *graph.nodes["input"].params["shape"])

    def run() -> None:
        with torch.device("meta"):
            x = torch.empty(shape)
            for node in layers:
                x = getattr(nn, node.type)(**py_params(node.params))(x)

    return median_ms(run, repeats)
