"""The main window's actions, menus and toolbar, with the standard shortcuts.

Kept apart from main_window.py so the window is about layout and the wiring of panels;
this file is the one place to read which key does what.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from netbuilder.gui.style import resources

translate = QCoreApplication.translate  # pyside6-lupdate reads translate("Context", "…")

if TYPE_CHECKING:
    from netbuilder.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


class Actions:
    """Every QAction of the window, as attributes (tests and menus use the same ones)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w, files, view, scene = window, window.files, window.canvas_view, window.scene
        icon = window.style().standardIcon
        sp = QStyle.StandardPixmap

        def act(text: str, slot: Callable[[], object], keys: object = None, tip: str = "",
                std_icon: QStyle.StandardPixmap | None = None) -> QAction:
            action = QAction(text, w)
            if keys is not None:
                seqs = keys if isinstance(keys, list) else [keys]
                action.setShortcuts([QKeySequence(k) for k in seqs])
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            if std_icon is not None:
                action.setIcon(icon(std_icon))
            action.triggered.connect(lambda _=False: slot())
            return action

        # files
        self.new = act(
            translate("Actions", "&New"),
            files.new,
            Key.New,
            translate("Actions", "Start a new network"),
            sp.SP_FileIcon,
        )
        self.open = act(
            translate("Actions", "&Open…"),
            files.open_dialog,
            Key.Open,
            translate("Actions", "Open a project file"),
            sp.SP_DialogOpenButton,
        )
        self.save = act(
            translate("Actions", "&Save"),
            files.save,
            Key.Save,
            translate("Actions", "Save the project"),
            sp.SP_DialogSaveButton,
        )
        self.save_as = act(
            translate("Actions", "Save &As…"),
            files.save_as,
            Key.SaveAs,
            translate("Actions", "Save under a new name"),
        )
        self.export = act(
            translate("Actions", "&Export PyTorch Code and Weights…"),
            files.export,
            "Ctrl+E",
            translate(
                "Actions", "Write the network as a .py file and its state_dict as a .pt file"
            ),
        )
        self.import_model = act(
            translate("Actions", "&Import PyTorch Model…"),
            w.importer.ask,
            "Ctrl+I",
            translate(
                "Actions",
                "Bring in a PyTorch model (torchvision.models:resnet18, "
                "model.py:Net) as a network to see, change and train",
            ),
        )
        self.quit = act(translate("Actions", "&Quit"), w.close, Key.Quit)
        # editing
        stack = w.document.undo_stack
        self.undo = stack.createUndoAction(w, translate("Actions", "&Undo"))
        self.undo.setShortcuts([QKeySequence(Key.Undo)])
        self.undo.setIcon(icon(sp.SP_ArrowBack))
        self.undo.setIconText(
            translate("Actions", "Undo")
        )  # the toolbar stays short; the menu and tooltip say what
        self.redo = stack.createRedoAction(w, translate("Actions", "&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo.setIcon(icon(sp.SP_ArrowForward))
        self.redo.setIconText(translate("Actions", "Redo"))
        self.cut = act(translate("Actions", "Cu&t"), w.cut, Key.Cut)
        self.copy = act(translate("Actions", "&Copy"), w.copy, Key.Copy)
        self.paste = act(translate("Actions", "&Paste"), w.paste, Key.Paste)
        self.duplicate = act(translate("Actions", "D&uplicate"), w.duplicate, "Ctrl+D")
        self.delete = act(
            translate("Actions", "&Delete"),
            scene.delete_selection,
            [Key.Delete, "Backspace"],
            translate("Actions", "Delete the selected layers and connections"),
        )
        self.select_all = act(translate("Actions", "Select &All"), scene.select_all, Key.SelectAll)
        self.group = act(
            translate("Actions", "&Group Selection…"),
            w.group_selection,
            "Ctrl+G",
            translate(
                "Actions", "Make the selected layers one named block (a submodule in the code)"
            ),
        )
        self.collapse_groups = act(
            translate("Actions", "&Collapse Groups"),
            scene.collapse_all,
            "Ctrl+Shift+G",
            translate("Actions", "Show each group as one block"),
        )
        self.expand_groups = act(
            translate("Actions", "&Expand Groups"),
            scene.expand_all,
            "Ctrl+Alt+G",
            translate("Actions", "Show every layer of every group"),
        )
        self.collapse_group = act(
            translate("Actions", "Collapse Its &Group"), w.collapse_selection_group
        )
        self.tidy = act(
            translate("Actions", "&Tidy Layout"),
            view.tidy_layout,
            "Ctrl+L",
            translate(
                "Actions",
                "Arrange the layers in the order data flows, in columns that fill the window",
            ),
        )
        self.find_layer = act(
            translate("Actions", "&Find Layer…"),
            w.focus_palette_search,
            Key.Find,
            translate("Actions", "Search the palette"),
        )
        # canvas-only keys: a text field keeps Delete, Ctrl+C... for itself
        for a in (self.cut, self.copy, self.paste, self.duplicate, self.delete, self.select_all):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(a)
        # view: the four whole-window views, by number as their tabs are ordered
        self.go_views = [
            act(text, lambda t=title: w.show_view(t), f"Alt+{i}")
            for i, (title, text) in enumerate((
                ("Network", translate("Actions", "&Network")),
                ("Training", translate("Actions", "&Training")),
                ("Autograd", translate("Actions", "&Autograd")),
                ("Feature maps", translate("Actions", "Feature &Maps")),  # i18n: internal
            ), start=1)
        ]
        self.next_view = act(translate("Actions", "Next View"), lambda: w.step_view(1),
                             "Ctrl+PgDown")
        self.previous_view = act(translate("Actions", "Previous View"),
                                 lambda: w.step_view(-1), "Ctrl+PgUp")
        self.fit = act(
            translate("Actions", "&Fit to Window"),
            view.fit_to_view,
            ["Ctrl+0", "Home"],
            translate("Actions", "Show the whole network"),
            sp.SP_TitleBarMaxButton,
        )
        self.zoom_in = act(translate("Actions", "Zoom &In"), lambda: view.zoom_by(1.25), Key.ZoomIn)
        self.zoom_out = act(
            translate("Actions", "Zoom &Out"), lambda: view.zoom_by(0.8), Key.ZoomOut
        )
        self.actual_size = act(translate("Actions", "&Actual Size"), view.reset_zoom, "Ctrl+1")
        self.grid = act(translate("Actions", "Show &Grid"), w.toggle_grid, "Ctrl+'")
        self.grid.setCheckable(True)
        self.grid.setChecked(scene.show_grid)
        self.text_bigger = act(
            translate("Actions", "&Larger Text"), lambda: w.step_ui_scale(1), "Ctrl+Shift+="
        )
        self.text_smaller = act(
            translate("Actions", "&Smaller Text"), lambda: w.step_ui_scale(-1), "Ctrl+Shift+-"
        )
        self.text_normal = act(
            translate("Actions", "&Normal Text Size"), lambda: w.set_ui_scale(1.0)
        )
        self.presentation = act(
            translate("Actions", "&Presentation Mode"),
            w.toggle_presentation,
            "F5",
            translate("Actions", "Large text and a large canvas for a classroom projector"),
        )
        self.presentation.setCheckable(True)
        self.full_screen = act(
            translate("Actions", "F&ull Screen"), w.toggle_full_screen, Key.FullScreen
        )
        self.full_screen.setCheckable(True)
        self.theme_group = QActionGroup(w)
        self.themes: dict[str, QAction] = {}
        for mode, label in (
            ("system", translate("Actions", "&System")),
            ("light", translate("Actions", "&Light")),
            ("dark", translate("Actions", "&Dark")),
        ):
            a = act(label, lambda m=mode: w.set_theme(m))
            a.setCheckable(True)
            self.theme_group.addAction(a)
            self.themes[mode] = a
        self.about = act(translate("Actions", "&About NetBuilder"), w.show_about)
        self.shortcuts = act(
            translate("Actions", "&Keyboard Shortcuts"), w.show_shortcuts, Key.HelpContents
        )
        self._menus(window)
        self._toolbar(window)
        view.node_menu_actions = [
            self.cut,
            self.copy,
            self.duplicate,
            None,
            self.group,
            self.collapse_group,
            None,
            self.delete,
        ]
        view.canvas_menu_actions = [self.paste, self.select_all, None, self.tidy, self.fit]

    def _menus(self, w: MainWindow) -> None:
        bar = w.menuBar()
        m = bar.addMenu(translate("Actions", "&File"))
        m.addActions([self.new, self.open])
        self.recent_menu = m.addMenu(translate("Actions", "Open &Recent"))
        self.examples_menu = m.addMenu(translate("Actions", "E&xamples"))
        for path in resources.examples():
            self.examples_menu.addAction(
                _example_title(path), lambda p=path: w.files.open_example(p)
            )
        self.examples_menu.setEnabled(bool(self.examples_menu.actions()))
        m.addAction(self.import_model)
        m.addSeparator()
        m.addActions([self.save, self.save_as])
        m.addSeparator()
        m.addAction(self.export)
        m.addSeparator()
        m.addAction(self.quit)
        self.fill_recent()
        w.files.recentChanged.connect(self.fill_recent)
        m = bar.addMenu(translate("Actions", "&Edit"))
        m.addActions([self.undo, self.redo])
        m.addSeparator()
        m.addActions([self.cut, self.copy, self.paste, self.duplicate, self.delete])
        m.addSeparator()
        m.addActions([self.select_all, self.find_layer, self.tidy, self.group])
        m = bar.addMenu(translate("Actions", "&View"))
        go = m.addMenu(translate("Actions", "Go To &View"))
        go.addActions([*self.go_views, self.next_view, self.previous_view])
        m.addActions([self.fit, self.zoom_in, self.zoom_out, self.actual_size, self.grid])
        m.addSeparator()
        m.addActions([self.collapse_groups, self.expand_groups, self.collapse_group])
        m.addSeparator()
        m.addActions(
            [
                self.text_bigger,
                self.text_smaller,
                self.text_normal,
                self.presentation,
                self.full_screen,
            ]
        )
        theme = m.addMenu(translate("Actions", "&Theme"))
        theme.addActions(list(self.themes.values()))
        m.addSeparator()
        panels = m.addMenu(translate("Actions", "&Panels"))
        for dock in w.docks():
            panels.addAction(dock.toggleViewAction())
        m = bar.addMenu(translate("Actions", "&Help"))
        m.addActions([self.shortcuts, self.about])

    def _toolbar(self, w: MainWindow) -> None:
        bar = QToolBar(translate("Actions", "Main toolbar"), w)
        bar.setObjectName("mainToolbar")
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.new, self.open, self.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.fit, self.tidy])
        bar.addSeparator()
        bar.addAction(self.export)
        bar.addAction(self.presentation)
        self.export.setIconText(translate("Actions", "Export"))
        self.presentation.setIconText(translate("Actions", "Present"))
        self.tidy.setIconText(translate("Actions", "Tidy"))
        self.fit.setIconText(translate("Actions", "Fit"))
        w.addToolBar(bar)
        self.toolbar = bar

    def fill_recent(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        files = self.window.files
        for path in files.recent_files():
            menu.addAction(str(path), lambda p=path: files.open_recent(p))
        if menu.actions():
            menu.addSeparator()
            menu.addAction(translate("Actions", "Clear Recent Files"), files.clear_recent)
        menu.setEnabled(bool(menu.actions()))

    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows = []
        named = [(name, a) for name, value in vars(self).items()
                 for a in (value if isinstance(value, list) else [value])]
        for name, action in named:
            if isinstance(action, QAction) and action.shortcuts():
                text = action.text().replace("&", "").removesuffix("…")
                keys = ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                )
                rows.append((name, f"{text}: {keys}"))
        rows.append(("pan", translate("Actions", "Pan: middle mouse button, or Space + drag")))
        rows.append(("zoom", translate("Actions", "Zoom around the cursor: mouse wheel")))
        rows.append(("connect", translate(
            "Actions", "Connect: drag from a layer's bottom port to another's top port")))
        return rows


def _example_title(path: Path) -> str:
    """The project's own name ("LeNet"), else the file's: lenet_3x3.json -> 'Lenet 3x3'."""
    try:
        name = json.loads(path.read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        name = None
    fallback = path.stem.replace("_", " ").capitalize()
    return f"{name}  ({path.name})" if isinstance(name, str) and name else fallback
