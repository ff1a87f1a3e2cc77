"""Tidy's layout: layered, and wrapped into side-by-side bands to fill a window's shape."""

from __future__ import annotations

from pathlib import Path

from netbuilder.core.layout import ROW, layered_positions
from netbuilder.core.project import load_project

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _bands(positions: dict[str, tuple[float, float]]) -> list[float]:
    return sorted({x for x, _ in positions.values()})


def test_without_a_shape_a_chain_is_one_column_top_to_bottom() -> None:
    graph = load_project(EXAMPLES / "lenet.json").graph
    pos = layered_positions(graph)
    assert _bands(pos) == [0.0]
    assert [pos[n.id][1] for n in graph] == [i * ROW for i in range(len(graph.nodes))]


def test_a_long_chain_wraps_into_columns_that_fit_a_wide_window() -> None:
    graph = load_project(EXAMPLES / "lenet.json").graph
    wide = layered_positions(graph, aspect=1.85)  # a laptop's canvas
    assert len(_bands(wide)) == 3
    assert max(y for _, y in wide.values()) <= 4 * ROW  # five rows, not fourteen
    # Within a column the chain still reads top to bottom, and columns left to right.
    order = [wide[n.id] for n in graph]
    assert order == sorted(order)
    tall = layered_positions(graph, aspect=0.15)  # a very tall, narrow window: one column
    assert len(_bands(tall)) == 1


def test_wrapping_never_cuts_a_skip_connection_or_a_branch() -> None:
    for name in ("residual_add", "concat_branches"):
        graph = load_project(EXAMPLES / f"{name}.json").graph
        pos = layered_positions(graph, aspect=3.0)
        tops = [n for n, (_, y) in pos.items() if y == 0]  # one per band in these graphs
        assert len(tops) > 1, name
        # Inside a band every edge runs down; the only edges that climb are the ones
        # joining a band to the next: one per cut, so no skip or branch was torn.
        climbing = [e for e in graph.edges if pos[e.target][1] <= pos[e.source][1]]
        assert len(climbing) == len(tops) - 1, name
        assert all(pos[e.target][1] == 0 and pos[e.target][0] > pos[e.source][0]
                   for e in climbing), name
