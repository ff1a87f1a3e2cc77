"""The editor window: three views in the middle — the Network (the canvas, with the
palette, inspector, problems, summary and history docked around it), Training and
Autograd, which take the whole window while they are shown.

The window wires views to the Document and lends them the status bar; it holds no
model state of its own (the Document does), so every panel can follow the same model.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QUndoView,
    QWidget,
)

from netbuilder.core.clipboard import paste_edit, selection_payload
from netbuilder.core.layers import registry
from netbuilder.core.project import Project
from netbuilder.gui.autograd.view import DagPanel
from netbuilder.gui.editor.actions import Actions
from netbuilder.gui.editor.clipboard import copy_to_clipboard, payload_from_clipboard
from netbuilder.gui.editor.document import Document
from netbuilder.gui.editor.file_ops import FileController, new_project
from netbuilder.gui.editor.import_dialog import Importer
from netbuilder.gui.featuremaps.panel import FeatureMapsPanel
from netbuilder.gui.i18n import add_language_menu, fill
from netbuilder.gui.lessons.panel import LessonsPanel
from netbuilder.gui.panels.inspector import InspectorPanel
from netbuilder.gui.panels.palette import PalettePanel
from netbuilder.gui.panels.problems import ProblemsPanel
from netbuilder.gui.panels.summary import SummaryPanel
from netbuilder.gui.scene.canvas_scene import CanvasScene
from netbuilder.gui.scene.canvas_view import CanvasView
from netbuilder.gui.style import theme
from netbuilder.gui.style.icons import app_icon, fit_icon
from netbuilder.gui.training.panel import TrainingPanel
from netbuilder.gui.window_geometry import FRAME_GUESS, clamp, first_geometry

Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    """The editor. `document` is the model every panel follows (a new one if not given);
    `scene` and `canvas_view` are the canvas, `act` holds the actions and `files` the
    file commands."""

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document or Document(new_project(), parent=self)
        self.settings = QSettings()
        self.last_message = ""
        self._paste_count = 0
        self._shown_once = False
        self._normal_scale = float(self.settings.value("ui/scale", 1.0) or 1.0)
        self.ui_scale = 1.0
        self.setWindowIcon(app_icon())
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self.scene = CanvasScene(self.document, self)
        self.canvas_view = CanvasView(self.scene, self)
        self.views = QTabWidget(self)
        self.views.setDocumentMode(True)
        self.views.addTab(self.canvas_view, self.tr("Network"))
        self.setCentralWidget(self.views)
        self._network_state: QByteArray | None = None  # the docks, while another view shows
        self._widths_stale = False
        self._build_panels()
        self.files = FileController(self)
        self.importer = Importer(self)
        self.install_extra_panels()
        self.act = Actions(self)
        view_menu = next(a.menu() for a in self.menuBar().actions()
                         if a.menu() and self.act.presentation in a.menu().actions())
        self.language_actions = add_language_menu(self, view_menu)
        self._build_status_bar()
        self._connect()
        self._size_to_screen()
        self._restore_layout()
        self.set_theme(str(self.settings.value("ui/theme", "system")), remember=False)
        self.update_title()

    # ---- building ------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        doc = self.document
        self.palette_panel = PalettePanel(registry(), self)
        self.palette_dock = self._dock(
            self.tr("Layers"), self.palette_panel, Area.LeftDockWidgetArea, "paletteDock"
        )
        self.inspector = InspectorPanel(doc, self)
        self.inspector_dock = self._dock(
            self.tr("Inspector"), self.inspector, Area.RightDockWidgetArea, "inspectorDock"
        )
        self.history = QUndoView(doc.undo_stack)
        self.history.setEmptyLabel(self.tr("<opened>"))
        self.history_dock = self._dock(
            self.tr("History"), self.history, Area.RightDockWidgetArea, "historyDock"
        )
        # Below the inspector, not tabbed with it: Qt 6.12 leaves a stray tab bar painted
        # when a window has a second group of tabbed docks (the bottom one).
        self.splitDockWidget(self.inspector_dock, self.history_dock, Qt.Orientation.Vertical)
        self.problems = ProblemsPanel(doc, self)
        self.problems_dock = self._dock(
            self.tr("Problems"), self.problems, Area.BottomDockWidgetArea, "problemsDock"
        )
        self.summary = SummaryPanel(doc, self)
        self.summary_dock = self._dock(
            self.tr("Summary"), self.summary, Area.BottomDockWidgetArea, "summaryDock"
        )

    def install_extra_panels(self) -> None:
        """The Training and Autograd panels as views beside the Network: a bottom dock
        left their plots and graph a strip a few lines high."""
        training = TrainingPanel(self.document, self)
        dag = DagPanel(self.document, self)
        self.feature_maps = FeatureMapsPanel(self.document, self)
        self.extra_panels: dict[str, QWidget] = {
            "Training": training,
            "Autograd": dag,
            "Feature maps": self.feature_maps,  # i18n: internal (a key; titles just below)
        }
        view_titles = {"Training": self.tr("Training"), "Autograd": self.tr("Autograd"),
                       "Feature maps": self.tr("Feature maps")}  # i18n: internal
        for title, panel in self.extra_panels.items():
            # A tab widget is as wide as its widest page: with large text these pages'
            # rows of buttons would make every view (the Network too) wider than a
            # laptop's screen. Not in a scroll area either: one scrolled Start, Pause
            # and Stop out of sight when the focus moved as a run began.
            panel.setMinimumSize(320, 240)
            self.views.addTab(panel, view_titles[title])
        self.views.setTabToolTip(
            1, self.tr("Train the network and watch it learn (the whole window)")
        )
        self.views.setTabToolTip(
            2, self.tr("The graph PyTorch records for one forward pass and loss")
        )
        self.views.currentChanged.connect(self._on_view_changed)
        # File ▸ Export writes the trained weights while they fit the graph, and the
        # autograd view redraws from them, on a batch of the training data, after each run.
        self.files.model_provider = training.model_for_current_graph
        training.modelTrained.connect(lambda model: dag.set_model(model, *training.sample_batch()))
        training.modelTrained.connect(self.feature_maps.set_model)
        self.tabifyDockWidget(self.problems_dock, self.summary_dock)
        self._install_lessons(training)
        self.problems_dock.raise_()

    def show_view(self, title: str) -> None:
        """Bring the Network, Training, Autograd or Feature maps view to the front (by its
        English name, whatever the language of its tab)."""
        keys = ["Network", *self.extra_panels]
        if title in keys:
            self.views.setCurrentIndex(keys.index(title))

    def step_view(self, step: int) -> None:
        """The next (1) or previous (-1) view, round the tabs."""
        self.views.setCurrentIndex((self.views.currentIndex() + step) % self.views.count())

    def _on_view_changed(self, index: int) -> None:
        """Training and Autograd take the whole window: the editing docks step aside
        while they show and come back with the Network."""
        if index == 0:
            if self._network_state is not None:
                # exactly as they were: visibility, sizes, tabs
                self.restoreState(self._network_state)
                self._network_state = None
            if self._widths_stale:
                QTimer.singleShot(0, self._side_dock_widths)
        elif self._network_state is None:
            self._network_state = self.saveState()
            for dock in self.docks():
                if dock is not self.lessons_dock:  # a lesson goes on in the other views
                    dock.hide()

    def _install_lessons(self, training: TrainingPanel) -> None:
        """The Lessons panel: a dock beside the inspector, hidden until View ▸ Panels ▸
        Lessons, that stays in sight over every view (a lesson sends the student to
        the Training view and back)."""
        self.lessons = LessonsPanel(self.document, self)
        self.lessons_dock = self._dock(
            self.tr("Lessons"), self.lessons, Area.RightDockWidgetArea, "lessonsDock"
        )
        self.splitDockWidget(self.inspector_dock, self.lessons_dock, Qt.Orientation.Horizontal)
        self.lessons_dock.hide()
        training.runner.finished.connect(self.lessons.set_training_result)
        self.lessons.project_opener = self._open_lesson_project

    def _open_lesson_project(self, project: Project) -> None:
        if self.files.confirm_discard():
            self.document.replace_project(project, None)
            self.after_open()

    def _initial_dock_sizes(self) -> None:
        """Room for the canvas: a narrow palette, an inspector, a low bottom strip (lower
        still on a laptop's short screen)."""
        small = self.width() < 1500
        self.resizeDocks(
            [self.palette_dock, self.inspector_dock],
            [190 if small else 210, 300 if small else 340],
            Qt.Orientation.Horizontal,
        )
        bottom = max(110, round(self.height() * (0.15 if self.height() < 900 else 0.18)))
        self.resizeDocks(
            [self.inspector_dock, self.history_dock, self.problems_dock],
            [max(300, self.height() - bottom - 250), 110, bottom],
            Qt.Orientation.Vertical,
        )

    def docks(self) -> list[QDockWidget]:
        return [
            self.palette_dock,
            self.inspector_dock,
            self.history_dock,
            self.problems_dock,
            self.summary_dock,
            self.lessons_dock,
        ]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.check_label = QLabel()
        self.zoom_label = QLabel()
        bar.addPermanentWidget(self.check_label)
        bar.addPermanentWidget(self.zoom_label)
        self._show_zoom(self.canvas_view.zoom)
        self._show_check_state()

    def _connect(self) -> None:
        doc = self.document
        doc.message.connect(self.show_message)
        self.scene.message.connect(self.show_message)
        self.scene.nodeDoubleClicked.connect(self.edit_node)
        doc.changed.connect(self.update_title)
        doc.projectReplaced.connect(self.update_title)
        doc.undo_stack.cleanChanged.connect(self.update_title)
        doc.analyzed.connect(self._show_check_state)
        doc.torchReady.connect(self._show_check_state)
        doc.lockedChanged.connect(self._on_locked)
        self.canvas_view.zoomChanged.connect(self._show_zoom)
        self.palette_panel.addRequested.connect(self.canvas_view.add_at_view_centre)
        self.problems.nodeActivated.connect(self.canvas_view.centre_on_node)
        self.problems.countChanged.connect(self._show_problem_count)
        self.summary.nodeActivated.connect(self.canvas_view.centre_on_node)

    # ---- titles and status -----------------------------------------------------------------
    def update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — NetBuilder")
        self.setWindowModified(self.document.modified)

    def show_message(self, text: str) -> None:
        self.last_message = text
        self.statusBar().showMessage(text, 12000)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _show_check_state(self, *_args: object) -> None:
        analysis = self.document.analysis
        if not self.document.torch_ready:
            text = self.tr("Loading PyTorch…")
        elif analysis is None:
            text = ""
        elif analysis.ok:
            text = self.tr("✓ valid network")
        else:
            n = len(analysis.diagnostics)
            text = (self.tr("⚠ 1 problem") if n == 1 else
                    self.tr("⚠ %1 problems").replace("%1", str(n)))
        self.check_label.setText(text)

    def _show_problem_count(self, count: int) -> None:
        self.problems_dock.setWindowTitle(self.tr("Problems (%1)").replace("%1", str(count))
                                          if count else self.tr("Problems"))

    def _on_locked(self, locked: bool) -> None:
        self.show_message(
            fill(self.tr("%1: the network cannot be edited until it ends"),
                 self.document.locked_reason)
            if locked
            else self.tr("The network can be edited again")
        )

    def group_selection(self) -> None:
        """Edit ▸ Group Selection…: the selected nodes become one named group (undoable)."""
        from PySide6.QtWidgets import QInputDialog


        ids = self.scene.selected_node_ids()
        if not ids:
            self.show_message(self.tr("Select the layers to group first"))
            return
        name, ok = QInputDialog.getText(self, self.tr("Group Selection"),
                                        self.tr("Group name (e.g. block1):"))
        if ok and name.strip():
            self.group_nodes(ids, name.strip())

    def group_nodes(self, ids: list[str], name: str) -> bool:
        from netbuilder.core.edits import SetGroup
        from netbuilder.core.names import class_name_from
        from netbuilder.core.scopes import group_problem

        problem = group_problem(self.document.graph, ids, name)
        if problem:
            self.show_message(fill(self.tr("Not grouped: %1"), problem))
            return False
        ok = self.document.push(SetGroup(ids, name, class_name_from(name.split(".")[-1])))
        if ok:
            self.show_message(fill(self.tr("Grouped %1 nodes as %2"), len(ids), name))
        return ok

    def collapse_selection_group(self) -> None:
        groups = {self.document.graph.nodes[n].group for n in self.scene.selected_node_ids()}
        groups.discard(None)
        if not groups:
            self.show_message(self.tr("The selection is not in a group"))
            return
        for path in groups:
            self.scene.collapse_group(str(path))

    def after_open(self) -> None:
        """A project was opened: show it (now if the window is up, else when it shows)."""
        self._paste_count = 0
        if self.isVisible():
            self.canvas_view.show_graph()
        else:
            self._shown_once = False

    def edit_node(self, node_id: str) -> None:
        """Double-click on a node: its inspector, with the keyboard in its first field."""
        self.document.select([node_id])
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.focus_first_field()

    # ---- clipboard -------------------------------------------------------------------------
    def copy(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not ids:
            return False
        copy_to_clipboard(selection_payload(self.document.graph, ids))
        self._paste_count = 0
        self.show_message(self.tr("Copied 1 layer") if len(ids) == 1 else
                          fill(self.tr("Copied %1 layers"), len(ids)))
        return True

    def cut(self) -> None:
        if self.copy():
            self.scene.delete_selection()

    def paste(self) -> None:
        payload = payload_from_clipboard()
        if payload is None:
            self.show_message(self.tr("The clipboard holds no NetBuilder layers"))
            return
        self._paste_count += 1
        self._paste(payload, self._paste_count)

    def duplicate(self) -> None:
        ids = self.scene.selected_node_ids()
        if ids:
            self._paste(selection_payload(self.document.graph, ids), 1)

    def _paste(self, payload: dict, times: int) -> None:
        made = paste_edit(self.document.graph, payload, shift=40.0 * times)
        if made is None:
            self.show_message(self.tr("Nothing on the clipboard can be pasted here"))
            return
        edit, ids = made
        if self.document.push(edit):
            self.document.select(ids)

    # ---- view ------------------------------------------------------------------------------
    def focus_palette_search(self) -> None:
        self.palette_dock.show()
        self.palette_dock.raise_()
        self.palette_panel.search.setFocus()
        self.palette_panel.search.selectAll()

    def toggle_grid(self) -> None:
        self.scene.show_grid = self.act.grid.isChecked()
        self.scene.update()

    def set_theme(self, mode: str, remember: bool = True) -> None:
        if mode not in ("system", "light", "dark"):
            mode = "system"
        dark = theme.resolve_dark(mode)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_palette(app, dark)
        colors = theme.canvas_colors(dark)
        self.scene.set_colors(colors)
        self.act.fit.setIcon(fit_icon(colors.text.name()))
        self.act.themes[mode].setChecked(True)
        if remember:
            self.settings.setValue("ui/theme", mode)

    def set_ui_scale(self, scale: float, remember: bool = True) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_ui_scale(app, scale)
        self.ui_scale = scale
        if remember:
            self._normal_scale = scale
            self.settings.setValue("ui/scale", scale)
        self.show_message(fill(self.tr("Text size %1%"), f"{scale * 100:.0f}"))

    def step_ui_scale(self, step: int) -> None:
        self.set_ui_scale(theme.next_scale(self.ui_scale, step))

    def toggle_presentation(self) -> None:
        """Classroom mode: large text everywhere and a closer canvas; again to leave."""
        on = self.act.presentation.isChecked()
        scale = max(theme.PRESENTATION_SCALE, self._normal_scale) if on else self._normal_scale
        self.set_ui_scale(scale, remember=False)
        self.canvas_view.zoom_by(1.4 if on else 1 / 1.4)
        self.feature_maps.set_zoom(2.0 if on else 1.0)
        # Once the new font has laid the widgets out: docks as wide as the text needs,
        # within the screen (larger text must not push the window off it).
        QTimer.singleShot(0, self._after_scale_change)

    def _after_scale_change(self) -> None:
        if self.views.currentIndex() == 0:
            self._side_dock_widths()
        else:
            self._widths_stale = True  # the docks are hidden: size them when they return
        self.clamp_to_screen()

    def _side_dock_widths(self) -> None:
        self._widths_stale = False
        scale, width = self.ui_scale, self.width()
        self.resizeDocks(
            [self.palette_dock, self.inspector_dock],
            [round(min(210 * scale, width * 0.2)), round(min(340 * scale, width * 0.3))],
            Qt.Orientation.Horizontal,
        )

    def toggle_full_screen(self) -> None:
        if self.act.full_screen.isChecked():
            self.showFullScreen()
        else:
            self.showNormal()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About NetBuilder"),
            self.tr(
                "<h3>NetBuilder</h3><p>Design, train and understand PyTorch networks "
                "visually. Every node is a real <code>torch.nn</code> layer; every "
                "shape comes from PyTorch itself.</p>"
            ),
        )

    def show_shortcuts(self) -> None:
        rows = "".join(f"<li>{text}</li>" for _, text in self.act.shortcut_rows())
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Keyboard shortcuts"),
            f"<ul>{rows}</ul>",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()

    # ---- window life -----------------------------------------------------------------------
    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    def _size_to_screen(self) -> None:
        """The first window fills a small screen and most of a large one."""
        self._first_size: QRect | None = first_geometry(self._available())
        self.setGeometry(self._first_size)

    def clamp_to_screen(self) -> None:
        """Keep the window (and, once shown, its real frame) inside the available
        geometry of the screen it is on: a layout saved on a larger monitor shrinks."""
        if self.isMaximized() or self.isFullScreen():
            return
        geometry = self.geometry()
        frame = self.frameGeometry()
        margins = QMargins(
            geometry.left() - frame.left(),
            geometry.top() - frame.top(),
            frame.right() - geometry.right(),
            frame.bottom() - geometry.bottom(),
        )
        if not self.isVisible() or margins.top() <= 0:
            margins = FRAME_GUESS
        elif self._first_size == geometry:  # still the first size, and the real frame
            geometry = first_geometry(self._available(), margins)  # is known: fill it
        fitted = clamp(geometry, self._available(), margins)
        if fitted != self.geometry():
            self.setGeometry(fitted)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self._first_size = None
            self.clamp_to_screen()
        self._layout_restored = isinstance(state, QByteArray) and self.restoreState(state)
        if abs(self._normal_scale - 1.0) > 1e-6:
            QTimer.singleShot(0, lambda: self.set_ui_scale(self._normal_scale, remember=False))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self.clamp_to_screen)  # with the real frame, now known
            if not self._layout_restored:
                self._layout_restored = True
                self._initial_dock_sizes()  # now that the window has its size
            QTimer.singleShot(0, self.canvas_view.show_graph)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.views.setCurrentIndex(0)  # the docks back, so the saved state has them
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.shutdown_panels()
        event.accept()

    def shutdown_panels(self) -> None:
        """Let panels with background work (training, autograd builds) finish it before
        the window goes: a thread still running while its panel is destroyed would crash."""
        for panel in self.extra_panels.values():
            shutdown = getattr(panel, "shutdown", None)
            if callable(shutdown):
                shutdown()
