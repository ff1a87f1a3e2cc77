"""File ▸ Import PyTorch Model…: the same choices as `netbuilder import`, run in the
background so the window stays responsive while the model is traced and checked.

The result opens as a new, unsaved project with its groups collapsed; a failure is shown
as the one line the command line prints (what cannot be represented, and where).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from netbuilder.gui.i18n import fill

if TYPE_CHECKING:
    from netbuilder.gui.main_window import MainWindow


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import PyTorch Model"))
        form = QFormLayout(self)
        self.spec = QLineEdit()
        self.spec.setPlaceholderText(
            self.tr("torchvision.models:resnet18  or  path/to/model.py:Net")
        )
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_code)
        row = QHBoxLayout()
        row.addWidget(self.spec, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Model (called with no arguments):"), row)
        self.shape = QLineEdit()
        self.shape.setPlaceholderText(self.tr("e.g. 3,224,224 (empty: from the first layer)"))
        form.addRow(self.tr("Input shape, one sample:"), self.shape)
        self.weights = QLineEdit()
        self.weights.setPlaceholderText(self.tr("optional state_dict (.pt)"))
        pick = QPushButton(self.tr("Browse…"))
        pick.clicked.connect(self._browse_weights)
        row = QHBoxLayout()
        row.addWidget(self.weights, 1)
        row.addWidget(pick)
        form.addRow(self.tr("Weights:"), row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse_code(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Python file with the model"), "", self.tr("Python (*.py)")
        )
        if path:
            self.spec.setText(f"{path}:Net")
            self.spec.setFocus()

    def _browse_weights(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("state_dict"), "", self.tr("PyTorch state_dict (*.pt *.pth)")
        )
        if path:
            self.weights.setText(path)

    def choices(self) -> tuple[str, str, str]:
        return self.spec.text().strip(), self.shape.text().strip(), self.weights.text().strip()


def run_import(spec: str, shape_text: str, weights: str) -> Any:
    """The ImportResult, or the error text to show (never raises)."""
    from netbuilder.core.model_import import (
        ImportFailure,
        SpecError,
        guess_input_shape,
        import_model,
        load_spec,
        parse_shape,
        read_weights,
    )

    try:
        model = load_spec(spec)
        shape = parse_shape(shape_text) if shape_text else guess_input_shape(model)
        if shape is None:
            return QCoreApplication.translate(
                "ImportDialog", "Cannot tell the input shape from the model: give one, e.g. "
                "3,224,224")
        state = read_weights(weights) if weights else None
        return import_model(model, shape, spec.rpartition(":")[2], state)
    except (SpecError, ImportFailure, ValueError) as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - the user's code or file: say what it raised
        return f"{type(exc).__name__}: {exc}"


class Importer(QObject):
    """Runs one import at a time on a worker thread; `finished` comes back on the GUI
    thread with an ImportResult or an error text."""

    finished = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.busy = False
        self.finished.connect(self._done)
        self.last_result: Any = None

    def ask(self) -> None:
        dialog = ImportDialog(self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and all(dialog.choices()[:1]):
            self.start(*dialog.choices())

    def start(self, spec: str, shape: str = "", weights: str = "") -> None:
        if self.busy:
            self.window.show_message(self.tr("An import is already running"))
            return
        if not self.window.files.confirm_discard():
            return
        self.busy = True
        self.window.show_message(fill(self.tr("Importing %1…"), spec))
        threading.Thread(
            target=lambda: self.finished.emit(run_import(spec, shape, weights)),
            name="model-import",
            daemon=True,
        ).start()

    def _done(self, result: Any) -> None:
        self.busy = False
        self.last_result = result
        if isinstance(result, str):
            self.window.files.show_error(self.tr("Cannot import the model"), result)
            self.window.show_message(fill(self.tr("Not imported: %1"), result))
            return
        self.window.document.replace_project(result.project, None)
        self.window.document.initial_state = result.state
        self.window.scene.collapse_all()
        self.window.after_open()
        graph = result.project.graph
        self.window.show_message(
            fill(self.tr("Imported %1: %2 nodes in %3 groups (collapsed; double-click a block "
                         "to expand it)"), result.project.name, len(graph.nodes),
                 len(graph.group_classes))
        )
