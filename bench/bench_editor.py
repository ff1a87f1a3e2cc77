"""Editor speed on a 300-node project: open + fit to view, and one edit re-checked and
repainted.

open: the project file is read, the canvas built (300 nodes, ~360 edges), every shape
checked, the view fitted and painted once (first: the first open in the process, after
PyTorch's one-time meta-kernel set-up, which the app runs in its torch-loading thread
and which is timed on its own line; cold: the shape checker's caches emptied first;
warm: opened again). edit: the middle Conv2d's padding set
to a value never seen, through the undo stack as the inspector does it, so every later
layer meets a new shape; then the whole graph is re-checked, the changed items updated
and the canvas repainted synchronously — at fit-to-view (all 300 nodes painted) and at
100% zoom. Baseline in the same run: hand-written PyTorch, the same layers built and run
once on meta tensors, the least a PyTorch-exact shape pass can cost. Offscreen Qt
(software raster), milliseconds, medians of repeats.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.graphs import skip_graph  # noqa: E402
from bench.timing import meta_baseline_ms, timed  # noqa: E402
from netbuilder.core.edits import SetParam  # noqa: E402
from netbuilder.core.graph import Graph  # noqa: E402
from netbuilder.core.layout import layered_positions  # noqa: E402
from netbuilder.core.project import Project, save_project  # noqa: E402
from netbuilder.core.shapes import _meta_module, _run_meta, analyze  # noqa: E402


def project_file(folder: Path, n_nodes: int = 300) -> tuple[Path, Graph]:
    graph = skip_graph(n_nodes)
    for node_id, pos in layered_positions(graph).items():
        graph.move(node_id, pos)
    path = folder / "bench300.json"
    save_project(Project("Bench 300", graph), path)
    return path, graph


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nb-bench-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    from netbuilder.gui.app import make_app
    from netbuilder.gui.main_window import MainWindow

    app = make_app([])
    path, graph = project_file(folder)
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    view, doc = window.canvas_view, window.document

    def open_and_fit() -> None:
        window.files.open_path(path)
        view.fit_to_view()
        view.viewport().repaint()

    def cold_open() -> None:
        _run_meta.cache_clear()
        _meta_module.cache_clear()
        open_and_fit()

    from netbuilder.gui.editor.document import _warm_up

    warm_up = timed(_warm_up, 1)  # the app does this in its torch-loading thread
    first = timed(cold_open, 1)
    cold = timed(cold_open, 5)
    open_and_fit()
    warm = timed(open_and_fit, 7)
    nodes, edges = len(doc.graph.nodes), len(doc.graph.edges)
    convs = [n.id for n in doc.graph if n.type == "Conv2d"]
    middle = convs[len(convs) // 2]
    padding = [1]

    def edit() -> None:
        padding[0] += 1
        doc.push(SetParam(middle, "padding", padding[0]))
        view.viewport().repaint()

    def check_only() -> None:
        padding[0] += 1
        SetParam(middle, "padding", padding[0]).apply(graph)
        analyze(graph)

    view.fit_to_view()
    edit()
    edit_fit = timed(edit, 15)
    view.reset_zoom()
    view.centre_on_node(middle)
    edit()
    edit_100 = timed(edit, 15)
    check_only()
    check = timed(check_only, 15)
    base = meta_baseline_ms(graph)
    med = statistics.median
    print(f"project: {nodes} nodes, {edges} edges (residual blocks); offscreen Qt "
          f"{QApplication.platformName()}")
    print(f"{'measure':<48}{'median ms':>10}{'max ms':>9}{'÷ baseline':>12}")
    rows = [("PyTorch meta set-up (app: loading thread)", warm_up),
            ("open + fit to view, first in the process", first),
            ("open + fit to view, cold caches", cold),
            ("open + fit to view, warm", warm),
            ("edit → re-check → repaint, fit to view", edit_fit),
            ("edit → re-check → repaint, 100% zoom", edit_100),
            ("  of which the core re-check alone", check)]
    for name, times in rows:
        ratio = "" if times is warm_up else f"{med(times) / base:.1f}"
        print(f"{name:<48}{med(times):>10.1f}{max(times):>9.1f}{ratio:>12}")
    print(f"{'baseline: hand-written meta-tensor pass':<48}{base:>10.1f}")
    doc.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
