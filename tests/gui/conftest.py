"""Shared fixtures for the GUI tests: offscreen Qt, isolated settings, a main window on a
copy of an example, and helpers that send real mouse events to the canvas."""

from __future__ import annotations

import os

# Offscreen, on a 1920×1080 virtual screen (Qt's default offscreen screen is 800×800, too
# small for a window the tests size at 1400×900: the window keeps itself on its screen).
os.environ["QT_QPA_PLATFORM"] = (
    "offscreen:configfile=" + os.path.join(os.path.dirname(__file__), "screens", "1920x1080.json")
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen"
    else os.environ["QT_QPA_PLATFORM"])

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from netbuilder.gui.main_window import MainWindow
    from netbuilder.gui.scene.canvas_view import CanvasView

NO_KEYS = Qt.KeyboardModifier.NoModifier
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
SCREENS = Path(__file__).resolve().parent / "screens"  # offscreen screens of a given size


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Recent files, theme and window layout go to a temporary folder, not ~/.config."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("NetBuilderTests")
    QCoreApplication.setApplicationName("NetBuilderTests")


@pytest.fixture(autouse=True)
def _fresh_settings(_isolated_settings: None) -> None:
    QSettings().clear()


@pytest.fixture(scope="session")
def torch_loaded() -> None:
    """Load torch once, so each Document checks shapes at once (no waiting per test)."""
    import netbuilder.core.shapes  # noqa: F401


def example_copy(tmp_path: Path, name: str = "lenet") -> Path:
    target = tmp_path / f"{name}.json"
    shutil.copyfile(EXAMPLES / f"{name}.json", target)
    return target


@pytest.fixture
def lenet_file(tmp_path: Path) -> Path:
    return example_copy(tmp_path, "lenet")


def open_window(path: Path | None) -> MainWindow:
    """A shown main window, on `path` if given. Close it with close_clean()."""
    from netbuilder.gui.main_window import MainWindow

    window = MainWindow()
    if path is not None:
        assert window.files.open_path(path)
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QCoreApplication.processEvents()
    return window


def close_clean(window: MainWindow) -> None:
    """Close without the unsaved-changes question (a modal box would hang the run)."""
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()


MakeWindow = Callable[[Path | None], "MainWindow"]


@pytest.fixture
def make_window(qtbot: QtBot, torch_loaded: None) -> Iterator[MakeWindow]:
    made: list[MainWindow] = []

    def make(path: Path | None = None) -> MainWindow:
        made.append(open_window(path))
        return made[-1]

    yield make
    for window in made:
        close_clean(window)


@pytest.fixture
def window(make_window: MakeWindow, lenet_file: Path) -> MainWindow:
    """The editor on a copy of LeNet."""
    return make_window(lenet_file)


# ---- real mouse events on the canvas ---------------------------------------------------------
def view_point(view: CanvasView, scene_pos: QPointF) -> QPoint:
    return view.mapFromScene(scene_pos)


def press(view: CanvasView, scene_pos: QPointF, modifiers: Qt.KeyboardModifier = NO_KEYS) -> None:
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, modifiers,
                     view_point(view, scene_pos))


def move(view: CanvasView, scene_pos: QPointF) -> None:
    QTest.mouseMove(view.viewport(), view_point(view, scene_pos))


def release(view: CanvasView, scene_pos: QPointF, modifiers: Qt.KeyboardModifier = NO_KEYS) -> None:
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, modifiers,
                       view_point(view, scene_pos))


def drag(view: CanvasView, start: QPointF, end: QPointF, steps: int = 6,
         modifiers: Qt.KeyboardModifier = NO_KEYS) -> None:
    """Press at start, move in steps, release at end: what a hand does."""
    press(view, start, modifiers)
    for i in range(1, steps + 1):
        t = i / steps
        move(view, QPointF(start.x() + (end.x() - start.x()) * t,
                           start.y() + (end.y() - start.y()) * t))
    release(view, end, modifiers)


def click(view: CanvasView, scene_pos: QPointF, modifiers: Qt.KeyboardModifier = NO_KEYS) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers,
                     view_point(view, scene_pos))
