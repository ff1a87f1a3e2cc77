"""File ▸ Export: the class name (after the project, editable) and where to write.

The dialog says what the file will hold: the class, the `transform` with the
preprocessing the training used (training/preprocess.py), and the weights beside it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from netbuilder.core.names import class_name_problem

FOLDER_KEY = "files/lastFolder"


def last_folder() -> str:
    """The folder of the last file opened, saved or exported ('' before any)."""
    value = QSettings().value(FOLDER_KEY, "")
    return value if isinstance(value, str) and Path(value).is_dir() else ""


def remember_folder(path: str | Path) -> None:
    QSettings().setValue(FOLDER_KEY, str(Path(path).resolve().parent))


def start_path(name: str) -> str:
    """Where a save dialog opens: `name` in the last folder used."""
    folder = last_folder()
    return str(Path(folder) / name) if folder else name


class ExportDialog(QDialog):
    def __init__(self, class_name: str, path: Path, dataset: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PyTorch code and weights")
        self.class_edit = QLineEdit(class_name)
        self.class_edit.setToolTip("The name of the nn.Module class in the exported file")
        self.path_edit = QLineEdit(str(path))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        note = QLabel(f"The file holds the class, and a documented <code>transform</code> "
                      f"with the preprocessing the training used ({dataset}); the weights "
                      "go beside it as a .pt state_dict.")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Class name", self.class_edit)
        form.addRow("Code file", row)
        form.addRow(note)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.class_edit.textChanged.connect(self._check)
        self.path_edit.textChanged.connect(self._check)
        self._check()

    @property
    def class_name(self) -> str:
        return self.class_edit.text().strip()

    @property
    def path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix else path.with_suffix(".py")

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export PyTorch code and weights",
                                              self.path_edit.text(), "Python source (*.py)")
        if path:
            self.path_edit.setText(path)

    def _check(self) -> None:
        problem = class_name_problem(self.class_name) if self.class_name else \
            "give the class a name"
        if not problem and not self.path_edit.text().strip():
            problem = "choose where to write the code"
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
