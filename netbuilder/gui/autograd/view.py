"""The autograd DAG panel: the graph PyTorch records for the network on the canvas.

`DagPanel(document, parent)` is a dock's widget. It builds the DAG in a worker thread
(one job at a time, gui/background.py) from a snapshot of the graph, so the window never
blocks, and refreshes by itself when the network is valid again after an edit (while it
is visible). Nodes are coloured by the layer that produced them, or by gradient norm;
selecting layers on the canvas highlights their nodes and selecting nodes selects their
layers on the canvas (both through `Document.selection`). A step mode walks the backward
pass in the engine's order. torch is imported only inside the worker: the window shows first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.autograd.graph import AutogradDag, default_loss
from netbuilder.core.losses import LOSSES
from netbuilder.gui.autograd.export import render_png, render_svg
from netbuilder.gui.autograd.items import DagGraphicsView, DagScene, GradLegend
from netbuilder.gui.autograd.worker import BuildJob, BuildSignals
from netbuilder.gui.background import LatestJob
from netbuilder.gui.i18n import fill
from netbuilder.gui.style import theme

if TYPE_CHECKING:
    from netbuilder.autograd.layout import DagLayout
    from netbuilder.core.shapes import Analysis
    from netbuilder.gui.editor.document import Document

COLOR_MODES = (QT_TRANSLATE_NOOP("DagPanel", "Colour: layer"),
               QT_TRANSLATE_NOOP("DagPanel", "Colour: gradient norm"))


class DagPanel(QWidget):
    """Shows, explores and exports the autograd DAG of the document's network."""

    dagReady = Signal(object)  # AutogradDag, after each build is drawn
    buildFailed = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DagPanel")
        self.setWindowTitle(self.tr("Autograd DAG"))
        self.document = document
        self.dag: AutogradDag | None = None
        self.dag_layout: DagLayout | None = None
        self._model: Any = None
        self._batch: Any = None
        self._batch_source = ""
        self._read_source = ""  # the samples the last build read itself, in words
        self._jobs: LatestJob[BuildJob] = LatestJob(self)
        self._built_for: tuple[int, int] | None = None
        self._fit_next = True
        self._orientation_chosen = False
        self._syncing = False
        self._step = -1
        self._matches: list[int] = []
        self._match = -1
        self._signals = BuildSignals(self)
        self._signals.finished.connect(self._on_built)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self._refresh_if_stale)
        self._build_ui()
        self._follow_theme()
        document.analyzed.connect(self._on_analyzed)
        document.selectionChanged.connect(self._on_canvas_selection)
        document.projectReplaced.connect(self._on_project_replaced)
        document.trainingChanged.connect(self._on_training_changed)
        self._on_training_changed()
        if document.analysis is not None:
            self._on_analyzed(document.analysis)

    # ---- widgets -------------------------------------------------------------------------
    def _build_ui(self) -> None:
        def button(text: str, tip: str, slot: Any) -> QPushButton:
            b = QPushButton(text, self)
            b.setToolTip(tip)
            b.clicked.connect(lambda _checked=False: slot())
            return b

        self.refresh_button = button(
            self.tr("Refresh"),
            self.tr("Run one forward + loss + backward and show the graph autograd recorded"),
            self.refresh,
        )
        self.loss_box = QComboBox(self)
        self.loss_box.addItems(list(LOSSES))
        self.loss_box.setToolTip(self.tr("The loss at the root of the graph"))
        self.loss_box.currentTextChanged.connect(lambda _t: self._refresh_if_shown())
        self.color_box = QComboBox(self)
        self.color_box.addItems([self.tr(mode) for mode in COLOR_MODES])
        self.color_box.setToolTip(
            self.tr(
                "Colour nodes by the layer that made them, or by the "
                "norm of the gradient flowing through them"
            )
        )
        self.color_box.currentIndexChanged.connect(self._on_color_mode)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search: name, layer or parameter (Enter: next)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self.next_match)
        self.scene = DagScene(self)
        self.scene.selectionChanged.connect(self._on_scene_selection)
        self.view = DagGraphicsView(self.scene, self)
        self.legend = GradLegend(self)
        self.legend.hide()
        self.status = QLabel(self.tr("The autograd graph appears when the network is valid."), self)
        self.status.setWordWrap(True)
        self.step_label = QLabel("", self)
        self.step_label.setWordWrap(True)
        self.step_label.hide()
        self.prev_button = button(
            self.tr("◀ Previous"), self.tr("Step back in the backward pass"), self.step_previous
        )
        self.next_button = button(
            self.tr("Next ▶"),
            self.tr(
                "Step mode: run the backward pass one node at "
                "a time, in the order the engine runs it"
            ),
            self.step_next,
        )
        self.reset_button = button(
            self.tr("Reset"), self.tr("Leave the step mode"), self.step_reset
        )
        # Search and step controls share the first row when the panel is wide (a bottom
        # dock) and get a row of their own when it is narrow (a side dock).
        self._middle = QHBoxLayout()
        self._row2 = QHBoxLayout()
        self._movable = [self.search, self.prev_button, self.next_button, self.reset_button]
        self._wide: bool | None = None
        row1 = QHBoxLayout()
        for w in (self.refresh_button, self.loss_box, self.color_box):
            row1.addWidget(w)
        row1.addLayout(self._middle, 1)
        row1.addWidget(
            button(
                "−", self.tr("Zoom out (or turn the mouse wheel)"), lambda: self.view.zoom(1 / 1.25)
            )
        )
        row1.addWidget(
            button(self.tr("Fit"), self.tr("Show the whole graph"), lambda: self.view.fit())
        )
        row1.addWidget(button("+", self.tr("Zoom in"), lambda: self.view.zoom(1.25)))
        self.rotate_button = button(
            "⇄",
            self.tr(
                "Lay the graph out left to right (pressed) or top "
                "to bottom; by default whichever suits the panel's "
                "shape"
            ),
            self._on_rotate,
        )
        self.rotate_button.setCheckable(True)
        row1.addWidget(self.rotate_button)
        for kind, what in (("png", self.tr("a PNG image")), ("svg", self.tr("an SVG drawing"))):
            row1.addWidget(
                button(
                    f"{kind.upper()}…",
                    fill(self.tr("Export the graph as %1"), what),
                    lambda k=kind: self._ask_export(k),
                )
            )
        for row in (row1, self._middle, self._row2):
            row.setSpacing(4)
        self._arrange(wide=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(row1)
        layout.addLayout(self._row2)
        layout.addWidget(self.step_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)

    def _arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        source, target = (self._row2, self._middle) if wide else (self._middle, self._row2)
        for w in self._movable:
            source.removeWidget(w)
            target.addWidget(w, 1 if w is self.search else 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._follow_theme()

    def _follow_theme(self) -> None:
        """The window's dark or light palette, and its text size (Present mode)."""
        if self.scene.dark != theme.is_dark(self.palette()):
            self.scene.set_dark(theme.is_dark(self.palette()))
        self.view.set_text_scale(theme.text_scale())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().width() >= 1100)
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(560, 720)

    # ---- building ------------------------------------------------------------------------
    def loss_name(self) -> str:
        return self.loss_box.currentText()

    def set_loss(self, name: str) -> None:
        if name in LOSSES:
            self.loss_box.setCurrentText(name)

    def set_model(self, model: Any, batch: Any = None, source: str = "") -> None:
        """Show the graph with this trained model's weights (None: fresh weights) and,
        if given, a sample batch (x, target) of the training data (else random data),
        which `source` names ("8 validation samples of MNIST").

        The weights are copied in the worker into a fresh instance of the generated
        class: the model itself is never run or changed here. A model that no longer
        fits the graph (edited since) falls back to fresh weights, with a note."""
        self._model, self._batch = model, batch
        self._batch_source = (source or self.tr("a batch of the training data")) \
            if batch is not None else ""
        self.refresh()

    def refresh(self) -> None:
        """Build the DAG now, in the background (after the running build, if any)."""
        if self._jobs.closing:
            return
        self._debounce.stop()

        def job(generation: int) -> BuildJob:  # called when it starts, not while one runs
            graph = self.document.graph
            self._built_for = (id(graph), graph.revision)
            self.status.setText(self.tr("Building the autograd graph…"))
            return BuildJob(generation, graph.copy(), self.loss_name(), self._model,
                            self._batch, self._signals,
                            dict(self.document.project.training or {}) or None)

        self._jobs.start(job)

    def data_used(self) -> str:
        """What the forward pass ran on, in words."""
        return (
            self._batch_source
            or self._read_source
            or self.tr("a random batch (choose a built-in dataset, or train, to see real data)")
        )

    def is_building(self) -> bool:
        return self._jobs.busy

    def shutdown(self) -> None:
        """Wait for a running build to end (the window calls this when it closes)."""
        self._debounce.stop()
        self._jobs.shutdown()

    def _on_built(self, generation: int, result: object, error: str) -> None:
        job = self._jobs.job
        self._read_source = job.source if job is not None else ""
        if not self._jobs.finished(generation, self.refresh):
            return
        if result is None:
            self._built_for = None
            self.status.setText(error)
            self.buildFailed.emit(error)
            return
        assert isinstance(result, tuple)
        dag, dag_layout, seconds = result
        self._show(dag, dag_layout)
        note = f" — {dag.note}" if dag.note else ""
        trained = self._model is not None and not dag.fresh_weights
        weights = self.tr("trained weights") if trained else self.tr("fresh weights")
        self.status.setText(
            fill(self.tr("%1 · %2 · on %3 · built in %4 s%5"), dag.summary(), weights,
                 self.data_used(), f"{seconds:.2f}", note)
        )
        self.dagReady.emit(dag)

    def _show(self, dag: AutogradDag, dag_layout: DagLayout) -> None:
        self.dag, self.dag_layout = dag, dag_layout
        if not self._orientation_chosen:  # a wide, low dock reads best left to right
            port = self.view.viewport().size() if self.view.isVisible() else self.size()
            self.rotate_button.setChecked(port.width() > 1.6 * port.height())
        self.view.forget_fit()
        self._syncing = True
        try:
            self.scene.show_dag(
                dag, dag_layout, self.color_box.currentIndex() == 1, self.rotate_button.isChecked()
            )
        finally:
            self._syncing = False
        self.legend.set_span(dag.grad_range())
        self._step = -1
        self._update_step()
        self._on_search(self.search.text())
        self._select_layers(self.document.selection, scroll=False)
        if self._fit_next:
            self._fit_next = False
            # 0.75: the node names (9.5 pt) stay about 9 px on the screen at 100% text
            self.view.fit(min_scale=0.75, focus=self.scene.nodes[dag.root.id])

    def _on_rotate(self) -> None:
        self._orientation_chosen = True
        if self.dag is not None and self.dag_layout is not None:
            self._fit_next = True
            self._show(self.dag, self.dag_layout)

    def _refresh_if_stale(self) -> None:
        analysis = self.document.analysis
        graph = self.document.graph
        if analysis is not None and analysis.ok and self._built_for != (id(graph), graph.revision):
            self.refresh()

    def _refresh_if_shown(self) -> None:
        if self.dag is not None or self.isVisible():
            self.refresh()

    def _on_analyzed(self, analysis: Analysis) -> None:
        if analysis.ok:
            if self.isVisible() and not self._jobs.closing:
                self._debounce.start()
        elif self.dag is not None:
            self.status.setText(
                self.tr(
                    "The network has problems now; this is the graph of the last valid network."
                )
            )

    def _on_project_replaced(self) -> None:
        self._model = self._batch = None  # they belong to the project they came from
        self._batch_source = ""
        self._read_source = ""  # the samples the last build read itself, in words
        self._fit_next = True
        self._on_training_changed()

    def _on_training_changed(self) -> None:
        """Follow the loss chosen for training (a change shows at the next build)."""
        self.loss_box.blockSignals(True)
        self.loss_box.setCurrentText(default_loss(self.document.project.training))
        self.loss_box.blockSignals(False)
        if self.dag is not None and self.dag.loss_name != self.loss_name():
            self._built_for = None  # the graph shown was built for another loss
            if self.isVisible():
                self._debounce.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._jobs.closing:
            self._debounce.start()

    # ---- colour, search, selection -------------------------------------------------------
    def _on_color_mode(self, index: int) -> None:
        self.scene.color_by(index == 1)
        self.legend.setVisible(index == 1)

    def _on_search(self, text: str) -> None:
        needle = text.strip().lower()
        self._matches = self.dag.search(needle) if self.dag is not None else []
        self._match = -1
        self.scene.set_found(set(self._matches))
        if needle:
            self.status.setText(
                fill(self.tr("%1 nodes match “%2”"), len(self._matches), text.strip())
                + (self.tr(" — Enter goes to the next") if self._matches else "")
            )
        if self._matches:
            self.next_match()

    def next_match(self) -> None:
        if not self._matches:
            return
        self._match = (self._match + 1) % len(self._matches)
        self.view.centerOn(self.scene.nodes[self._matches[self._match]])

    def _on_canvas_selection(self, node_ids: list[str]) -> None:
        if not self._syncing:
            self._select_layers(node_ids, scroll=True)

    def _select_layers(self, layers: list[str], scroll: bool) -> None:
        """Select every node that these layers produced (without echoing to the canvas)."""
        self._syncing = True
        try:
            area = self.scene.select_layers(set(layers))
        finally:
            self._syncing = False
        if scroll and area is not None:
            self.view.ensureVisible(area, 40, 40)

    def _on_scene_selection(self) -> None:
        if self._syncing:
            return
        layers = self.scene.selected_layers()
        self._select_layers(layers, scroll=False)  # the whole layer lights up
        self._syncing = True
        try:
            self.document.select([n for n in layers if n in self.document.graph.nodes])
        finally:
            self._syncing = False

    # ---- step mode -------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self._step

    def step_next(self) -> None:
        if self.dag and self.dag.order:
            self._step = min(self._step + 1, len(self.dag.order) - 1)
            self._update_step()

    def step_previous(self) -> None:
        if self.dag and self.dag.order and self._step > 0:
            self._step -= 1
            self._update_step()

    def step_reset(self) -> None:
        self._step = -1
        self._update_step()

    def _update_step(self) -> None:
        self.scene.set_step(self._step)
        self.prev_button.setEnabled(self._step > 0)
        self.reset_button.setEnabled(self._step >= 0)
        if self.dag is None or self._step < 0:
            self.step_label.hide()
            return
        self.step_label.setText(self.dag.describe_step(self._step))
        self.step_label.show()
        self.view.centerOn(self.scene.nodes[self.dag.order[self._step]])

    # ---- export --------------------------------------------------------------------------
    def export_png(self, path: str | Path) -> bool:
        """Write the whole graph as a PNG image; True if written."""
        return bool(self.scene.nodes) and render_png(self.scene, path)

    def export_svg(self, path: str | Path) -> bool:
        """Write the whole graph as an SVG drawing; True if written."""
        if not self.scene.nodes:
            return False
        return render_svg(
            self.scene,
            path,
            fill(self.tr("Autograd DAG — %1"), self.document.project.name),
            self.dag.summary() if self.dag else "",
        )

    def _ask_export(self, kind: str) -> None:
        if self.dag is None:
            self.status.setText(self.tr("Nothing to export yet: build the graph first (Refresh)."))
            return
        name = f"{self.document.project.class_name.lower()}_autograd.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the autograd graph"), name, f"{kind.upper()} (*.{kind})"
        )
        if path:
            ok = (self.export_png if kind == "png" else self.export_svg)(path)
            said = self.tr("Exported %1") if ok else self.tr("Could not write %1")
            self.status.setText(fill(said, path))
