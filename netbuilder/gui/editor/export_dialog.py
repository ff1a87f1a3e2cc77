"""File ▸ Export: the class name (after the project, editable), where the code goes, and
the formats `netbuilder export` writes, chosen with checkboxes.

The code file names the others: `net.py` → `net.pt` (state_dict), `net.onnx`, `net.pt2`
(torch.export program) and `train_net.py` (the standalone training script, which imports
the class from `net.py`). Every file comes from the same class and the same weights, and
the code holds a documented `transform` with the preprocessing the training used
(training/preprocess.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.core.names import class_name_problem
from netbuilder.gui.i18n import fill

FOLDER_KEY = "files/lastFolder"

# name -> (label, what the file is); the code itself is always written
# (marked for lupdate here, translated where the dialog shows them)
FORMATS: dict[str, tuple[str, str]] = {
    "weights": (QT_TRANSLATE_NOOP("ExportDialog", "Weights (.pt)"),
                QT_TRANSLATE_NOOP("ExportDialog",
                                  "the state_dict: model.load_state_dict(torch.load(...))")),
    "onnx": (QT_TRANSLATE_NOOP("ExportDialog", "ONNX (.onnx)"),
             QT_TRANSLATE_NOOP("ExportDialog",
                               "for onnxruntime and other ONNX tools, any batch size")),
    "program": (QT_TRANSLATE_NOOP("ExportDialog", "torch.export program (.pt2)"),
                QT_TRANSLATE_NOOP("ExportDialog",
                                  "torch.export.load(...).module(), any batch size")),
    "train_script": (QT_TRANSLATE_NOOP("ExportDialog", "Training script (train_….py)"),
                     QT_TRANSLATE_NOOP("ExportDialog", "trains the class with these settings: "
                                       "python or torchrun (DDP)")),
}
DEFAULT_FORMATS = frozenset({"weights"})


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


def format_paths(code: Path, formats: frozenset[str] | set[str]) -> dict[str, Path]:
    """Each chosen format's file, named after the code file."""
    named = {"code": code, "weights": code.with_suffix(".pt"),
             "onnx": code.with_suffix(".onnx"), "program": code.with_suffix(".pt2"),
             "train_script": code.with_name(f"train_{code.stem}.py")}
    return {k: p for k, p in named.items() if k == "code" or k in formats}


class ExportDialog(QDialog):
    def __init__(self, class_name: str, path: Path, dataset: str, weights_note: str,
                 parent: QWidget | None = None,
                 formats: frozenset[str] = DEFAULT_FORMATS) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PyTorch code and weights"))
        self.class_edit = QLineEdit(class_name)
        self.class_edit.setToolTip(self.tr("The name of the nn.Module class in the exported file"))
        self.path_edit = QLineEdit(str(path))
        browse = QPushButton(self.tr("Browse…"))
        browse.setToolTip(self.tr("Choose where the code goes; the other files go beside it"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Class name"), self.class_edit)
        form.addRow(self.tr("Code file (.py)"), row)
        self.boxes: dict[str, QCheckBox] = {}
        for name, (label, about) in FORMATS.items():
            box = QCheckBox(self.tr(label))
            box.setToolTip(self.tr(about))
            box.setChecked(name in formats)
            box.toggled.connect(self._check)
            self.boxes[name] = box
            form.addRow(box)
        note = QLabel(fill(self.tr("The code holds the class and a documented "
                                   "<code>transform</code> with the preprocessing the training "
                                   "used (%1). %2"), dataset, weights_note))
        note.setWordWrap(True)
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.files)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.class_edit.textChanged.connect(self._check)
        self.path_edit.textChanged.connect(self._check)
        self._check()

    @property
    def class_name(self) -> str:
        return self.class_edit.text().strip()

    @property
    def path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix or not path.name else path.with_suffix(".py")

    def formats(self) -> frozenset[str]:
        return frozenset(name for name, box in self.boxes.items() if box.isChecked())

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PyTorch code and weights"),
                                              self.path_edit.text(),
                                              self.tr("Python source (*.py)"))
        if path:
            self.path_edit.setText(path)

    def _check(self, *_args: object) -> None:
        problem = (
            class_name_problem(self.class_name) if self.class_name
            else self.tr("give the class a name")
        )
        if not problem and not self.path.name:
            problem = self.tr("choose where to write the code")
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        if self.path.name:
            paths = format_paths(self.path, self.formats())
            names = ", ".join(p.name for p in paths.values())
            self.files.setText(fill(self.tr("Writes %1"), names))
