"""The Training panel: settings, Start / Pause / Resume / Stop, progress, plots, results.

Training runs in a background thread (worker), so the window stays responsive;
while it runs the document refuses graph edits with a notice, and the settings form is
read-only. When a run ends — finished, stopped or failed — the weights trained so far are
kept in `model` (and announced by `modelTrained`), ready to save as a state_dict next to
the exported code. Nothing here imports torch until Start is pressed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netbuilder.core.i18n import _t
from netbuilder.gui.editor.document import Document
from netbuilder.gui.i18n import fill
from netbuilder.gui.training.form import TrainingForm
from netbuilder.gui.training.plots import TrainingPlots
from netbuilder.gui.training.results import ResultsView
from netbuilder.gui.training.worker import TrainingRunner

if TYPE_CHECKING:
    from netbuilder.training.session import TrainingJob

LOCK_REASON = QT_TRANSLATE_NOOP("TrainingPanel", "Training is running")
BAR_EVERY_S = 0.4  # the progress bar's text changes at most this often
ERROR_STYLE, NOTE_STYLE = "color: #c0392b;", "color: #b9770e;"


class TrainingPanel(QWidget):
    modelTrained = Signal(object)  # the nn.Module with the weights of the run that ended
    runningChanged = Signal(bool)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model: Any = None  # the trained nn.Module (after a run)
        self.result: Any = None  # the last trainer.TrainResult
        self.trained_job: TrainingJob | None = None
        self._job: TrainingJob | None = None
        self._trained_revision = -1
        self._bar_shown = 0.0
        self._sample: tuple[Any, str] = (None, "")
        self.runner = TrainingRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.status.connect(self._on_status)
        self.runner.finished.connect(self._on_finished)
        self.form = TrainingForm(document)
        self.plots = TrainingPlots()
        self.results = ResultsView()
        self._build()
        document.projectReplaced.connect(self._on_project_replaced)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._update_buttons()

    def _build(self) -> None:
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train the network with these settings"))
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setToolTip(self.tr("Go on from the last checkpoint in the run folder "
                                        "(TensorBoard + checkpoints must be on)"))
        self.continue_button.clicked.connect(lambda: self.start(resume=True))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current batch; the weights are kept"))
        self.save_button = QPushButton(self.tr("Save weights…"))
        self.save_button.setToolTip(self.tr("Save the trained weights as a state_dict (.pt)"))
        self.export_button = QPushButton(self.tr("Export code…"))
        self.export_button.setToolTip(self.tr("Save the network as PyTorch code (.py)"))
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(lambda: self.save_weights())
        self.export_button.clicked.connect(lambda: self.export_code())
        # Start, Pause and Stop keep their place while a run starts, pauses and ends: one
        # row at the top, not in a scroll area, each as wide as its longest text.
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setFormat(self.tr("Ready"))
        buttons = QHBoxLayout()
        for b, texts in ((self.start_button, [self.tr("Start")]),
                         (self.continue_button, [self.tr("Continue")]),
                         (self.pause_button, [self.tr("Pause"), self.tr("Resume")]),
                         (self.stop_button, [self.tr("Stop")])):
            metrics = b.fontMetrics()
            b.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in texts) + 32)
            buttons.addWidget(b)
        buttons.addWidget(self.progress_bar, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.export_button)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plots, self.tr("Plots"))
        self.tabs.addTab(self.results, self.tr("Results"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)

    # ---- running -------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self.runner.running

    def start(self, resume: bool = False) -> bool:
        """Check, compile and start training in the background; False (and why) if not.
        With TensorBoard + checkpoints on, the run writes into the run folder, and
        `resume` goes on from its last checkpoint."""
        if self.runner.running:
            return False
        if not self.document.torch_ready:
            self._say(self.tr("PyTorch is still loading — press Start again in a moment."),
                      ERROR_STYLE)
            return False
        problems = self.form.problems()
        if problems:
            self._say(fill(self.tr("Fix the training settings first: %1"), "; ".join(problems)),
                      ERROR_STYLE)
            return False
        from netbuilder.core.codegen import CompileError
        from netbuilder.training.session import make_job

        settings = self.form.settings()
        if resume and not settings.tensorboard:
            self._say(
                self.tr("Turn on TensorBoard + checkpoints to continue from a checkpoint."),
                ERROR_STYLE,
            )
            return False
        try:
            job = make_job(self.document.project, settings)
        except CompileError as exc:
            lines = [d.message for d in exc.diagnostics]
            more = fill(self.tr(" (and %1 more)"), len(lines) - 3) if len(lines) > 3 else ""
            self._say(
                fill(self.tr("The network has problems, so it cannot train yet: %1"),
                     "; ".join(lines[:3]) + more),
                ERROR_STYLE,
            )
            return False
        except ValueError as exc:
            self._say(str(exc), ERROR_STYLE)
            return False
        from dataclasses import replace

        from netbuilder.training.session import project_weights

        start = self.document.initial_state or project_weights(
            self.document.project, self.document.path.parent if self.document.path else None)
        job = replace(job, initial_state=start)
        if settings.tensorboard:

            from netbuilder.training.run_files import app_run_outputs

            job = replace(
                job,
                outputs=app_run_outputs(
                    settings.run_dir, self.document.path, self.document.project.name, resume
                ),
            )
        self._job = job
        self._trained_revision = self.document.graph.revision
        self.plots.clear()
        self.results.show_result(None)
        self.progress_bar.setRange(0, 0)  # busy until the first report
        self.progress_bar.setFormat(self.tr("Starting…"))
        self._say(self.tr("Starting…"))
        self.document.set_locked(self.tr(LOCK_REASON))
        self.form.set_running(True)
        self.runner.start(job)
        self._update_buttons()
        self.runningChanged.emit(True)
        return True

    def toggle_pause(self) -> None:
        if not self.runner.running:
            return
        if self.runner.paused:
            self.runner.resume()
            self._say(self.tr("Resumed."))
        else:
            self.runner.pause()
            self._say(self.tr("Paused — press Resume to go on, or Stop."))
        self._update_buttons()

    def pause(self) -> None:
        if self.runner.running and not self.runner.paused:
            self.toggle_pause()

    def resume(self) -> None:
        if self.runner.running and self.runner.paused:
            self.toggle_pause()

    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self._say(self.tr("Stopping after this batch…"))

    def shutdown(self) -> None:
        """Stop training and join its thread (the window is closing)."""
        if self.runner.running:
            self.runner.shutdown()

    def _on_progress(self, p: Any) -> None:
        self.plots.add_progress(p)
        now = time.monotonic()
        if now - self._bar_shown < BAR_EVERY_S and not p.done:
            return  # a repaint of the bar costs the training thread time too
        self._bar_shown = now
        if self.progress_bar.maximum() != p.total_steps:
            self.progress_bar.setRange(0, max(p.total_steps, 1))
        self.progress_bar.setValue(p.step)
        left = f" · {_duration(p.remaining)} left" if p.remaining is not None else ""
        self.progress_bar.setFormat(
            fill(self.tr("Epoch %1/%2 · step %3/%4 · %5 samples/s%6"), p.epoch, p.epochs,
                 p.batch, p.batches, f"{p.samples_per_second:,.0f}", left)
        )

    def _on_status(self, text: str) -> None:
        # The training's notes (training/session.py) start so, in the core's language.
        note = _t("Note: {warning}", warning="")
        self._say(text, NOTE_STYLE if text.startswith(note) else "")

    def _on_finished(self, result: Any) -> None:
        self.document.set_locked("")
        self.form.set_running(False)
        self.result = result
        if result is not None:
            if result.model is not None:
                self.model, self.trained_job = result.model, self._job
                self._sample = (result.batch, result.batch_source)
            failed = result.status == "failed"
            outputs = self._job.outputs if self._job is not None else None
            where = (
                " " + fill(self.tr("TensorBoard events in %1; checkpoints in %2."),
                           outputs.tensorboard_dir, outputs.checkpoint_dir)
                if outputs is not None and not failed
                else ""
            )
            self._say(result.message + where, ERROR_STYLE if failed else "")
            self.document.message.emit(result.message)
            if self.progress_bar.maximum() == 0:
                self.progress_bar.setRange(0, 1)
            if result.status == "finished":
                self.progress_bar.setValue(self.progress_bar.maximum())
            self.progress_bar.setFormat(
                {"finished": self.tr("Done"), "stopped": self.tr("Stopped")}.get(
                    result.status, self.tr("Failed"))
            )
            self.results.show_result(result)
            if result.confusion is not None and result.status == "finished":
                self.tabs.setCurrentWidget(self.results)
        self._update_buttons()
        self.runningChanged.emit(False)
        if result is not None and result.model is not None:
            self.modelTrained.emit(result.model)

    def _on_project_replaced(self) -> None:
        self.shutdown()
        self.model = self.result = self.trained_job = None
        self._sample = (None, "")
        self.plots.clear()
        self.results.show_result(None)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Ready"))
        self._say("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.runner.running
        self.start_button.setEnabled(not running)
        self.continue_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if self.runner.paused else self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.save_button.setEnabled(not running and self.model is not None)
        self.export_button.setEnabled(not running)

    def _say(self, text: str, style: str = "") -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(style)

    # ---- saving ----------------------------------------------------------------------------
    def save_weights(self, path: str | Path | None = None) -> bool:
        if self.model is None:
            self._say(
                self.tr("Train the network first: there are no trained weights yet."), ERROR_STYLE
            )
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the weights"),
                f"{self.document.project.class_name}.pt",
                self.tr("PyTorch state_dict (*.pt *.pth)"),
            )
            if not path:
                return False
        from netbuilder.core.export import save_weights

        try:
            save_weights(self.model, path)
        except OSError as exc:
            self._say(fill(self.tr("Cannot save the weights: %1"), exc), ERROR_STYLE)
            return False
        self._say(
            fill(self.tr("Saved the weights to %1. Load them with %2."), path,
                 f"model.load_state_dict(torch.load({Path(path).name!r}, "  # i18n: code
                 "weights_only=True))")
        )
        return True

    def export_code(self, path: str | Path | None = None) -> bool:
        """Write the code the weights were trained with (or, before any run, the graph's)."""
        project = self.document.project
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export the network as code"),
                f"{project.class_name.lower()}.py",
                self.tr("Python (*.py)"),
            )
            if not path:
                return False
        from netbuilder.core.codegen import CompileError
        from netbuilder.core.compiler import compile_graph
        from netbuilder.core.export import export
        from netbuilder.training.preprocess import project_transform

        same_graph = (
            self.trained_job is not None and self._trained_revision == self.document.graph.revision
        )
        try:
            compiled = (
                self.trained_job.compiled
                if same_graph and self.trained_job
                else compile_graph(project.graph, project.class_name, project.name)
            )
            export(compiled, path, transform=project_transform(project))
        except CompileError as exc:
            self._say(fill(self.tr("The network has problems: %1"), exc.diagnostics[0].message),
                      ERROR_STYLE)
            return False
        except (OSError, ValueError) as exc:
            self._say(fill(self.tr("Cannot export the code: %1"), exc), ERROR_STYLE)
            return False
        note = (
            self.tr(" (the graph changed since training: the saved weights fit the old one)")
            if self.model is not None and not same_graph
            else ""
        )
        self._say(fill(self.tr("Exported the code to %1%2."), path, note))
        return True

    def sample_batch(self) -> tuple[Any, str]:
        """(x, target) of a few samples of the last run's data as the network saw them,
        and what they are in words; (None, "") before any run."""
        return self._sample

    def model_for_current_graph(self) -> Any:
        """The trained model if the graph has not changed since it trained, else None:
        what Export may write as weights beside code generated from the graph now."""
        if self.trained_job is not None and self._trained_revision == self.document.graph.revision:
            return self.model
        return None

    # ---- closing the window stops training ------------------------------------------------
    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Hidden with its window (closed) — not merely a dock tab put behind another: look
        once the close has settled (the window may still refuse to close)."""
        super().hideEvent(event)
        if self.runner.running:
            QTimer.singleShot(0, self._after_hide)

    def _after_hide(self) -> None:
        if not self.window().isVisible():
            self.shutdown()


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
