"""No two netbuilder modules import each other, directly or round a longer loop.

Every import that runs counts, at module level or inside a function (a lazy import is
still a dependency, only a later one). Imports under `if TYPE_CHECKING:` do not: they
never run, and they let a panel name the window type it is given. The layers themselves
are held by the import-linter contracts in pyproject.toml (`lint-imports`).
"""

from __future__ import annotations

import grimp
import networkx as nx


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("netbuilder", exclude_type_checking_imports=True,
                              cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    cycles = sorted(sorted(c) for c in nx.strongly_connected_components(imports) if len(c) > 1)
    assert cycles == []
