"""File ▸ Export: the formats `netbuilder export` writes, chosen with checkboxes.

The code file names them all: `net.py` → `net.pt` (state_dict), `net.onnx`, `net.pt2`
(torch.export program) and `train_net.py` (the standalone training script, which imports
the class from `net.py`). Every file comes from the same class and the same weights.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# name -> (label, what the file is); the code itself is always written
FORMATS: dict[str, tuple[str, str]] = {
    "weights": ("Weights (.pt)", "the state_dict: model.load_state_dict(torch.load(...))"),
    "onnx": ("ONNX (.onnx)", "for onnxruntime and other ONNX tools, any batch size"),
    "program": ("torch.export program (.pt2)", "torch.export.load(...).module(), any batch size"),
    "train_script": ("Training script (train_….py)",
                     "trains the class with these settings: python or torchrun (DDP)"),
}
DEFAULT_FORMATS = frozenset({"weights"})


def format_paths(code: Path, formats: frozenset[str] | set[str]) -> dict[str, Path]:
    """Each chosen format's file, named after the code file."""
    named = {"code": code, "weights": code.with_suffix(".pt"),
             "onnx": code.with_suffix(".onnx"), "program": code.with_suffix(".pt2"),
             "train_script": code.with_name(f"train_{code.stem}.py")}
    return {k: p for k, p in named.items() if k == "code" or k in formats}


class ExportDialog(QDialog):
    def __init__(self, code_path: Path, weights_note: str, parent: QWidget | None = None,
                 formats: frozenset[str] = DEFAULT_FORMATS) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.path_edit = QLineEdit(str(code_path))
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip("Choose where the code goes; the other files go beside it")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("PyTorch code (.py)", row)
        self.boxes: dict[str, QCheckBox] = {}
        for name, (label, about) in FORMATS.items():
            box = QCheckBox(label)
            box.setToolTip(about)
            box.setChecked(name in formats)
            box.toggled.connect(self._update)
            self.boxes[name] = box
            form.addRow(box)
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.files.setStyleSheet("color: palette(placeholder-text);")
        note = QLabel(weights_note)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.files)
        layout.addWidget(buttons)
        self.path_edit.textChanged.connect(self._update)
        self._update()

    def code_path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix else path.with_suffix(".py")

    def formats(self) -> frozenset[str]:
        return frozenset(name for name, box in self.boxes.items() if box.isChecked())

    def _update(self, *_args: object) -> None:
        paths = format_paths(self.code_path(), self.formats())
        self.files.setText("Writes " + ", ".join(p.name for p in paths.values()))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export PyTorch code", str(self.code_path()),
                                              "Python source (*.py)")
        if path:
            self.path_edit.setText(path)
