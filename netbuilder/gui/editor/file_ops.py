"""New, Open, Save, Save As, recent files, examples and Export, for the main window.

A bad file never half-opens: the core loads it completely or raises ProjectError, whose
message (file, place, problem) is shown as it is, and the open project stays untouched.
Saving is atomic (core.project.write_atomic) and marks the undo stack clean, which is
what the title's unsaved mark follows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from netbuilder.core.graph import Graph, Node
from netbuilder.core.project import Project, ProjectError, load_project, save_project

if TYPE_CHECKING:
    from netbuilder.gui.main_window import MainWindow

FILTER = "NetBuilder projects (*.json);;All files (*)"
MAX_RECENT = 8


def new_project() -> Project:
    """What New shows: an Input and an Output, ready for layers in between."""
    graph = Graph()
    graph.add_node(Node("input", "Input", {"shape": [1, 28, 28]}, (0.0, 0.0)))
    graph.add_node(Node("output", "Output", {}, (0.0, 360.0)))
    return Project("Untitled", graph)


class FileController(QObject):
    recentChanged = Signal()  # noqa: N815

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.last_error: QMessageBox | None = None
        # Set by a panel that has trained a model, so Export writes its weights.
        self.model_provider: Callable[[], Any] | None = None

    # ---- asking ----------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True if the current project may be closed (saved, or the person said so)."""
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            f"Save the changes to {self.display_name()} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def show_error(self, title: str, text: str) -> None:
        """A window-modal message that does not block the caller (nor a test)."""
        box = QMessageBox(QMessageBox.Icon.Critical, title, text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.last_error = box

    def display_name(self) -> str:
        path = self.document.path
        return path.name if path else f"{self.document.project.name} (unsaved)"

    # ---- new / open ------------------------------------------------------------------------
    def new(self) -> None:
        if self.confirm_discard():
            self.document.replace_project(new_project(), None)
            self.window.after_open()

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        start = str(self.document.path.parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", start, FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path, *, as_example: bool = False) -> bool:
        """Open a file; on a bad file show why and leave the current project as it is."""
        try:
            project = load_project(path)
        except ProjectError as exc:
            self.show_error("Cannot open project", str(exc))
            self.window.show_message(f"Not opened: {exc}")
            return False
        self.document.replace_project(project, None if as_example else path)
        if not as_example:
            self.add_recent(Path(path))
        self.window.after_open()
        word = "example" if as_example else "project"
        self.window.show_message(f"Opened {word} {Path(path).name}")
        return True

    def open_example(self, path: Path) -> None:
        """Examples open as new, unsaved projects, so Save never overwrites the originals."""
        if self.confirm_discard():
            self.open_path(path, as_example=True)

    # ---- save ------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path) if self.document.path else \
            f"{self.document.project.class_name.lower()}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save project as", start, FILTER)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        try:
            save_project(self.document.project, path)
        except OSError as exc:
            self.show_error("Cannot save project", f"{path}: {exc.strerror or exc}")
            return False
        self.document.path = Path(path)
        self.document.undo_stack.setClean()
        self.add_recent(Path(path))
        self.window.update_title()
        self.window.show_message(f"Saved {Path(path).name}")
        return True

    # ---- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = QSettings().value("recentFiles", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        text = str(path.resolve())
        items = [str(p) for p in self.recent_files() if str(p) != text]
        QSettings().setValue("recentFiles", [text, *items][:MAX_RECENT])
        self.recentChanged.emit()

    def clear_recent(self) -> None:
        QSettings().setValue("recentFiles", [])
        self.recentChanged.emit()

    def open_recent(self, path: Path) -> None:
        if self.confirm_discard():
            self.open_path(path)

    # ---- export ------------------------------------------------------------------------------
    def export(self) -> None:
        """The Export dialog: code, weights, ONNX, a torch.export program and a training
        script, as `netbuilder export` writes them, all from the same weights."""
        if not self.document.torch_ready:
            self.window.show_message("PyTorch is still loading; try Export again in a moment")
            return
        from netbuilder.core.codegen import CompileError
        from netbuilder.core.compiler import compile_graph
        from netbuilder.gui.editor.export_dialog import ExportDialog

        project = self.document.project
        try:
            compiled = compile_graph(project.graph, project.class_name, project.name,
                                     self.document.analysis)
        except CompileError as exc:
            self.show_error("Cannot export yet", "Fix these problems first:\n\n" + "\n".join(
                d.message for d in exc.diagnostics))
            return
        stem = self.document.path.with_suffix(".py") if self.document.path else \
            Path(f"{project.class_name.lower()}.py")
        trained = self.model_provider() if self.model_provider else None
        note = "Weights: the trained ones, from the last run." if trained is not None else \
            "Weights: a fresh initialisation (seed 0) — train first to export trained ones."
        dialog = ExportDialog(stem, note, self.window)
        if dialog.exec():
            self.export_formats(dialog.code_path(), dialog.formats(), compiled)

    def export_to(self, code_path: Path, compiled: Any = None) -> tuple[Path, Path]:
        """The code and its weights (what Export writes with its default choices)."""
        paths = self.export_formats(code_path, frozenset({"weights"}), compiled)
        return paths.get("code", code_path), paths.get("weights", code_path.with_suffix(".pt"))

    def export_formats(self, code_path: Path, formats: frozenset[str],
                       compiled: Any = None) -> dict[str, Path]:
        """Write the code and each chosen format; {} (and an error shown) if that fails."""
        from netbuilder.core.compiler import compile_graph
        from netbuilder.gui.editor.export_dialog import format_paths
        from netbuilder.training.exporters import ExportError, Request, export_all, script_settings
        from netbuilder.training.fitting import network_io

        project = self.document.project
        if compiled is None:
            compiled = compile_graph(project.graph, project.class_name, project.name)
        if not code_path.suffix:
            code_path = code_path.with_suffix(".py")
        paths = format_paths(code_path, formats)
        model = self.model_provider() if self.model_provider else None
        if model is None and self.document.initial_state is not None:
            # The imported weights, for every layer that still fits them (a replaced
            # head keeps its fresh weights).
            model = compiled.build(seed=0)
            own = model.state_dict()
            fits = {k: v for k, v in self.document.initial_state.items()
                    if k in own and own[k].shape == v.shape}
            model.load_state_dict(fits, strict=False)
        model = model if model is not None else compiled.build(seed=0)
        net = network_io(project.graph, compiled.analysis)
        try:
            settings = script_settings(project.training, net) if "train_script" in paths \
                else None
            export_all(compiled, net, model, Request(
                paths["code"], paths.get("weights"), paths.get("onnx"), paths.get("program"),
                paths.get("train_script")), settings, project.name)
        except ExportError as exc:
            self.show_error("Cannot export", str(exc))
            return {}
        except (OSError, ValueError) as exc:
            self.show_error("Cannot export", f"{code_path}: {getattr(exc, 'strerror', '') or exc}")
            return {}
        others = [p.name for k, p in paths.items() if k != "code"]
        self.window.show_message(f"Exported {code_path.name} (class {project.class_name})" +
                                 (f" and {', '.join(others)}" if others else ""))
        return paths
