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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from netbuilder.core.graph import Edge, Graph, Node
from netbuilder.core.names import class_name_from
from netbuilder.core.project import Project, ProjectError, load_project, save_project
from netbuilder.gui.editor.export_dialog import (
    ExportDialog,
    format_paths,
    last_folder,
    remember_folder,
    start_path,
)
from netbuilder.gui.i18n import fill
from netbuilder.training.settings import SettingsError, TrainingSettings

if TYPE_CHECKING:
    from netbuilder.gui.main_window import MainWindow

FILTER = QT_TRANSLATE_NOOP("FileController", "NetBuilder projects (*.json);;All files (*)")
MAX_RECENT = 8


def new_project() -> Project:
    """What New shows: an Input joined to the Output, so layers added after the Input go
    in between and the shapes reach the Output from the start (nothing red)."""
    graph = Graph()
    graph.add_node(Node("input", "Input", {"shape": [1, 28, 28]}, (0.0, 0.0)))
    graph.add_node(Node("output", "Output", {}, (0.0, 120.0)))
    graph.add_edge(Edge("input", "output"))
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
        self.export_dialog: ExportDialog | None = None

    # ---- asking ----------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True if the current project may be closed (saved, or the person said so)."""
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            fill(self.tr("Save the changes to %1 before closing it?"), self.display_name()),
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
        start = str(self.document.path.parent) if self.document.path else last_folder()
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open project"), start,
                                              self.tr(FILTER))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path, *, as_example: bool = False) -> bool:
        """Open a file; on a bad file show why and leave the current project as it is."""
        try:
            project = load_project(path)
        except ProjectError as exc:
            self.show_error(self.tr("Cannot open project"), str(exc))
            self.window.show_message(self.tr("Not opened: %1").replace("%1", str(exc)))
            return False
        self.document.replace_project(project, None if as_example else path)
        if not as_example:
            self.add_recent(Path(path))
        self.window.after_open()
        opened = self.tr("Opened example %1") if as_example else self.tr("Opened project %1")
        self.window.show_message(opened.replace("%1", Path(path).name))
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
            start_path(f"{self.document.project.class_name.lower()}.json")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save project as"), start,
                                              self.tr(FILTER))
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        try:
            save_project(self.document.project, path)
        except OSError as exc:
            self.show_error(self.tr("Cannot save project"), f"{path}: {exc.strerror or exc}")
            return False
        self.document.path = Path(path)
        self.document.undo_stack.setClean()
        self.add_recent(Path(path))
        self.window.update_title()
        self.window.show_message(fill(self.tr("Saved %1"), Path(path).name))
        return True

    # ---- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = QSettings().value("recentFiles", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add_recent(self, path: Path) -> None:
        remember_folder(path)  # the next Open or Save dialog starts there
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
    def export_class_name(self) -> str:
        """The class is named after the project (or its file, while it is 'Untitled')."""
        project = self.document.project
        if project.name == "Untitled" and self.document.path is not None:
            return class_name_from(self.document.path.stem)
        return project.class_name

    def export(self) -> None:
        """The Export dialog: the class name, the code file, and the formats of
        `netbuilder export` (weights, ONNX, a torch.export program, a training script),
        all from the same weights, the code with the training's `transform`."""
        if not self.document.torch_ready:
            self.window.show_message(
                self.tr("PyTorch is still loading; try Export again in a moment")
            )
            return
        if self.document.analysis is not None and not self.document.analysis.ok:
            self.show_error(
                self.tr("Cannot export yet"),
                self.tr("Fix these problems first:") + "\n\n"
                + "\n".join(d.message for d in self.document.analysis.diagnostics),
            )
            return
        class_name = self.export_class_name()
        stem = (
            self.document.path.with_suffix(".py")
            if self.document.path
            else Path(start_path(f"{class_name.lower()}.py"))
        )
        trained = self.model_provider() if self.model_provider else None
        note = (
            self.tr("Weights: the trained ones, from the last run.")
            if trained is not None
            else self.tr("Weights: a fresh initialisation (seed 0) — train first "
                           "to export trained ones.")
        )
        dialog = ExportDialog(class_name, stem, self._settings().info.title, note, self.window)
        dialog.accepted.connect(
            lambda: self.export_formats(dialog.path, dialog.formats(), class_name=dialog.class_name)
        )
        dialog.open()
        self.export_dialog = dialog

    def _settings(self) -> TrainingSettings:
        try:
            return TrainingSettings.from_dict(self.document.project.training)
        except SettingsError:
            return TrainingSettings()

    def transform_source(self) -> str:
        """The preprocessing the training used, as source for the exported file."""
        from netbuilder.training.preprocess import project_transform

        return project_transform(self.document.project)

    def export_to(
        self, code_path: Path, compiled: Any = None, class_name: str | None = None
    ) -> tuple[Path, Path]:
        """The code and its weights (what Export writes with its default choices)."""
        if not code_path.suffix:
            code_path = code_path.with_suffix(".py")
        paths = self.export_formats(code_path, frozenset({"weights"}), compiled, class_name)
        return paths.get("code", code_path), paths.get("weights", code_path.with_suffix(".pt"))

    def export_formats(
        self,
        code_path: Path,
        formats: frozenset[str],
        compiled: Any = None,
        class_name: str | None = None,
    ) -> dict[str, Path]:
        """Write the code and each chosen format; {} (and an error shown) if that fails."""
        from netbuilder.core.codegen import CompileError
        from netbuilder.core.compiler import compile_graph
        from netbuilder.training.exporters import ExportError, Request, export_all, script_settings
        from netbuilder.training.fitting import network_io

        project = self.document.project
        class_name = class_name or self.export_class_name()
        if not code_path.suffix:
            code_path = code_path.with_suffix(".py")
        paths = format_paths(code_path, formats)
        try:
            if compiled is None:
                compiled = compile_graph(
                    project.graph, class_name, project.name, self.document.analysis
                )
        except CompileError as exc:
            self.show_error(
                self.tr("Cannot export yet"),
                self.tr("Fix these problems first:") + "\n\n"
                + "\n".join(d.message for d in exc.diagnostics),
            )
            return {}
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
            settings = script_settings(project.training, net) if "train_script" in paths else None
            export_all(
                compiled,
                net,
                model,
                Request(
                    paths["code"],
                    paths.get("weights"),
                    paths.get("onnx"),
                    paths.get("program"),
                    paths.get("train_script"),
                ),
                settings,
                project.name,
                self.transform_source(),
            )
        except ExportError as exc:
            self.show_error(self.tr("Cannot export"), str(exc))
            return {}
        except (OSError, ValueError) as exc:
            self.show_error(
                self.tr("Cannot export"), f"{code_path}: {getattr(exc, 'strerror', '') or exc}"
            )
            return {}
        remember_folder(code_path)
        others = [p.name for k, p in paths.items() if k != "code"]
        self.window.show_message(
            fill(self.tr("Exported %1 (class %2, with its transform)"), code_path.name, class_name)
            + (fill(self.tr(" and %1"), ", ".join(others)) if others else "")
        )
        return paths
