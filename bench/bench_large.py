"""Loading and checking grow linearly: projects of 1,000 to 10,000 nodes, from the file.

Each size is a chain of Linear and ReLU layers with a skip connection (Add) every ten
nodes, saved as a project file; timed: `load_project` (parse, add every node and edge)
plus `analyze` (every structural check and the meta-tensor shape pass), as `netbuilder
validate` runs them, with cold caches. Baseline in the same run: the same layers built
and run once on meta tensors by hand (bench/timing.py). Seconds, medians of repeats; the
issue's bar is 10,000 nodes in under 10 s, and seconds per 1,000 nodes should stay flat.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_ms, meta_baseline_ms  # noqa: E402
from netbuilder.core.graph import Edge, Graph, Node  # noqa: E402
from netbuilder.core.project import Project, load_project, save_project  # noqa: E402
from netbuilder.core.shapes import _meta_module, _run_meta, analyze  # noqa: E402


def large_graph(n_nodes: int, width: int = 16) -> Graph:
    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [width]}, (0.0, 0.0)))
    prev, block_start, i = "input", "input", 0
    while len(g.nodes) < n_nodes - 1:
        if i % 10 == 9:
            nid, type_name, params = f"add{i}", "Add", {}
        elif i % 2 == 0:
            nid, type_name, params = f"fc{i}", "Linear", {"in_features": width,
                                                         "out_features": width}
        else:
            nid, type_name, params = f"relu{i}", "ReLU", {}
        g.add_node(Node(nid, type_name, params, (float(i) * 1.5, 2.25)))
        g.add_edge(Edge(prev, nid))
        if type_name == "Add":
            g.add_edge(Edge(block_start, nid, 1))
            block_start = nid
        prev, i = nid, i + 1
    g.add_node(Node("output", "Output"))
    g.add_edge(Edge(prev, "output"))
    return g


def main() -> None:
    print(f"{'nodes':>7}{'edges':>7}{'load+check s':>14}{'s per 1k':>10}{'baseline s':>12}"
          f"{'ratio':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for n in (1000, 2000, 4000, 10_000):
            graph = large_graph(n)
            path = Path(folder) / f"p{n}.json"
            save_project(Project("large", graph), path)

            def load_and_check(p: Path = path) -> None:
                _run_meta.cache_clear()
                _meta_module.cache_clear()
                analysis = analyze(load_project(p).graph)
                assert analysis.ok, analysis.diagnostics[:1]

            seconds = median_ms(load_and_check, repeats=3) / 1000
            base = meta_baseline_ms(graph, repeats=3) / 1000
            print(f"{len(graph.nodes):>7}{len(graph.edges):>7}{seconds:>14.2f}"
                  f"{seconds / n * 1000:>10.2f}{base:>12.2f}{seconds / base:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
