"""Validation speed: the full check (networkx faults + meta-tensor shapes) of 300 nodes.

cold: caches emptied first (opening a file). edit: the middle conv's padding set to a
value never seen, then the whole graph re-checked: every later layer meets a new input
shape. Baseline in the same run: the same layers built and run once on meta tensors by
hand, the least a PyTorch-exact shape pass without a memo could cost. Milliseconds,
medians of repeats.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from bench.graphs import chain_graph, skip_graph  # noqa: E402
from bench.timing import median_ms, meta_baseline_ms  # noqa: E402
from netbuilder.core.edits import SetParam  # noqa: E402
from netbuilder.core.shapes import _meta_module, _run_meta, analyze  # noqa: E402


def main() -> None:
    print(f"{'graph':<34}{'nodes':>6}{'cold ms':>9}{'edit ms':>9}"
          f"{'baseline ms':>13}{'cold/baseline':>15}")
    graphs = (("300-node chain", chain_graph()), ("300-node skip graph", skip_graph()),
              ("300-node chain, all shapes differ", chain_graph(distinct=True)))
    for name, graph in graphs:
        def cold(g=graph) -> None:
            _run_meta.cache_clear()
            _meta_module.cache_clear()
            analyze(g)

        ms = median_ms(cold, repeats=7)
        convs = [n.id for n in graph if n.type == "Conv2d"]
        middle = convs[len(convs) // 2]
        padding = [1]

        def edit_and_check(g=graph, conv=middle, padding=padding) -> None:
            # A padding never used before: the middle conv's output shape is new, so every
            # layer after it meets a shape the memo has not seen.
            padding[0] += 1
            SetParam(conv, "padding", padding[0]).apply(g)
            analyze(g)

        edit_ms = median_ms(edit_and_check)
        base = meta_baseline_ms(graph)
        print(f"{name:<34}{len(graph.nodes):>6}{ms:>9.1f}{edit_ms:>9.1f}{base:>13.1f}"
              f"{ms / base:>15.2f}")


if __name__ == "__main__":
    main()
