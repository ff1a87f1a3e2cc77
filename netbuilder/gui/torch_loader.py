"""torch and the shape checker, imported in a background thread once per process.

Qt-free, so the app can start it before it imports Qt (gui/app.py `main`): the import
then runs while Qt loads and builds the window. The Document waits on the same thread.
"""

from __future__ import annotations

import sys
import threading

_loader: threading.Thread | None = None


def preload_torch() -> threading.Thread:
    """Start importing torch and the shape checker in a thread, once per process.

    The app calls this first thing at launch so the import runs while Qt builds the window
    (about half the time to the first shapes); a Document waits on the same thread."""
    global _loader
    if _loader is None:
        _loader = threading.Thread(target=_import_and_warm_up, name="torch-import", daemon=True)
        _loader.start()
    return _loader


def torch_imported() -> bool:
    """Whether the shape checker can run now (not while the loader is half-way through)."""
    if _loader is not None:
        return not _loader.is_alive()
    return "netbuilder.core.shapes" in sys.modules


def _import_and_warm_up() -> None:
    import netbuilder.core.shapes  # noqa: F401 - imports torch, off the GUI thread

    _warm_up()


def _warm_up() -> None:
    """Check a small network once, off the GUI thread: PyTorch's first calls of each
    kernel set things up, which would otherwise pause the window on the first check. Any
    failure here is harmless (the real check reports problems itself)."""
    from netbuilder.core.graph import Edge, Graph, Node
    from netbuilder.core.shapes import analyze

    graph = Graph()
    chain = [("input", "Input", {"shape": [1, 8, 8]}),
             ("conv", "Conv2d", {"in_channels": 1, "out_channels": 2, "kernel_size": 3}),
             ("norm", "BatchNorm2d", {"num_features": 2}), ("relu", "ReLU", {}),
             ("pool", "MaxPool2d", {"kernel_size": 2}), ("flat", "Flatten", {}),
             ("fc", "Linear", {"in_features": 18, "out_features": 2}), ("output", "Output", {})]
    try:
        for i, (node_id, type_name, params) in enumerate(chain):
            graph.add_node(Node(node_id, type_name, params))
            if i:
                graph.add_edge(Edge(chain[i - 1][0], node_id))
        analyze(graph)
    except Exception:  # noqa: BLE001 - warming up is best effort
        pass
