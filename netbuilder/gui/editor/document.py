"""The open project as the GUI sees it: model, undo stack, checks, selection.

Every change goes user action → `Document.push(edit)` → QUndoStack → core edit → core
event → views (docs/architecture.md, "An edit"). Views listen to `graphEvent` and `analyzed`;
nothing else writes to the graph. torch loads in a background thread so the window
shows at once; shape checking starts when it is there.
"""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from netbuilder.core import events as ev
from netbuilder.core.edits import Edit
from netbuilder.core.graph import Graph, GraphError
from netbuilder.core.project import Project
from netbuilder.gui.i18n import fill
from netbuilder.gui.torch_loader import preload_torch, torch_imported

if TYPE_CHECKING:
    from netbuilder.core.shapes import Analysis


class EditCommand(QUndoCommand):
    """A core edit on the undo stack. Pushed already applied (so a refused edit never
    reaches the stack), so the first redo() that QUndoStack.push makes is skipped."""

    def __init__(self, graph: Graph, edit: Edit) -> None:
        super().__init__(edit.text)
        self.graph, self.edit, self._applied = graph, edit, True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.edit.apply(self.graph)

    def undo(self) -> None:
        self.edit.revert(self.graph)


class TrainingCommand(QUndoCommand):
    """Changing the training settings (a plain dict saved in the project)."""

    def __init__(self, doc: Document, new: dict[str, Any] | None, text: str) -> None:
        super().__init__(text)
        self.doc, self.new = doc, copy.deepcopy(new)
        self.old = copy.deepcopy(doc.project.training)

    def redo(self) -> None:
        self.doc._set_training(self.new)

    def undo(self) -> None:
        self.doc._set_training(self.old)


class Document(QObject):
    graphEvent = Signal(object)  # each core event, after the change
    analyzed = Signal(object)  # Analysis after every re-check
    changed = Signal()  # anything in the project changed (graph or settings)
    trainingChanged = Signal()  # the training settings changed
    projectReplaced = Signal()  # new or opened project: everything may differ
    selectionChanged = Signal(list)  # node ids selected on the canvas (or elsewhere)
    lockedChanged = Signal(bool)  # training runs: graph edits are refused meanwhile
    message = Signal(str)  # a short word for the status bar (refused edits, ...)
    torchReady = Signal()
    _torch_loaded = Signal()

    def __init__(self, project: Project | None = None, path: str | Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project or Project()
        self.path: Path | None = Path(path) if path else None
        # Weights an import brought (File ▸ Import PyTorch Model…): training starts from
        # them and Export writes them, until another project replaces this one.
        self.initial_state: dict[str, Any] | None = None
        self.undo_stack = QUndoStack(self)
        self.analysis: Analysis | None = None
        self.selection: list[str] = []
        self.locked_reason = ""
        self._stale = True
        self.project.graph.subscribe(self._on_event)
        self.undo_stack.indexChanged.connect(self._after_command)
        self._torch_loaded.connect(self._on_torch_loaded)
        self.torch_ready = torch_imported()
        if self.torch_ready:
            self.recheck()
        else:
            threading.Thread(target=self._load_torch, name="torch-wait", daemon=True).start()

    # ---- model access ----------------------------------------------------------------
    @property
    def graph(self) -> Graph:
        return self.project.graph

    @property
    def locked(self) -> bool:
        return bool(self.locked_reason)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ---- changing ----------------------------------------------------------------------
    def push(self, edit: Edit) -> bool:
        """Apply an edit through the undo stack; False (and a message) if refused."""
        if self.locked:
            self.message.emit(fill(self.tr("%1 — edits are paused until it ends"),
                                   self.locked_reason))
            return False
        try:
            edit.apply(self.graph)
        except GraphError as exc:
            self.message.emit(str(exc))
            return False
        self.undo_stack.push(EditCommand(self.graph, edit))
        return True

    def set_training(self, settings: dict[str, Any] | None, text: str = "") -> None:
        if settings != self.project.training:
            self.undo_stack.push(TrainingCommand(self, settings,
                                                 text or self.tr("Training settings")))

    def _set_training(self, settings: dict[str, Any] | None) -> None:
        self.project.training = copy.deepcopy(settings)
        self.trainingChanged.emit()
        self.changed.emit()

    def replace_project(self, project: Project, path: str | Path | None) -> None:
        """Show another project (New, Open): a fresh undo history, a clean state."""
        self.project.graph.unsubscribe(self._on_event)
        self.project = project
        self.path = Path(path) if path else None
        self.initial_state = None
        project.graph.subscribe(self._on_event)
        self.undo_stack.clear()
        self.selection = []
        self._stale = True
        self.projectReplaced.emit()
        self.recheck()
        self.changed.emit()

    def select(self, node_ids: list[str]) -> None:
        if node_ids != self.selection:
            self.selection = list(node_ids)
            self.selectionChanged.emit(self.selection)

    def set_locked(self, reason: str) -> None:
        """Refuse graph edits while `reason` holds (e.g. 'Training is running'); '' ends it."""
        was = self.locked
        self.locked_reason = reason
        if was != self.locked:
            self.lockedChanged.emit(self.locked)

    # ---- checking ----------------------------------------------------------------------
    def recheck(self) -> Analysis | None:
        if not self.torch_ready:
            return None
        from netbuilder.core.shapes import analyze

        self.analysis = analyze(self.graph)
        self._stale = False
        self.analyzed.emit(self.analysis)
        return self.analysis

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.STRUCTURAL):
            self._stale = True
        self.graphEvent.emit(event)

    def _after_command(self, _index: int) -> None:
        if self._stale:
            self.recheck()
        self.changed.emit()

    def _load_torch(self) -> None:
        preload_torch().join()
        self._torch_loaded.emit()

    def _on_torch_loaded(self) -> None:
        self.torch_ready = True
        self.recheck()
        self.torchReady.emit()
