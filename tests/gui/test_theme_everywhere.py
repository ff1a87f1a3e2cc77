"""Every view follows the dark theme and Present mode's text size (issue 11, point 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from netbuilder.gui.window_geometry import first_geometry
from tests.gui.test_fits_the_screen import LAPTOP

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from netbuilder.gui.main_window import MainWindow

WAIT_MS = 60_000


def mean_lightness(image: QImage, opaque_only: bool = False) -> float:
    """The mean HSL lightness of a grid of pixels (0 black … 255 white)."""
    values = []
    for y in range(0, image.height(), max(1, image.height() // 40)):
        for x in range(0, image.width(), max(1, image.width() // 40)):
            color = image.pixelColor(x, y)
            if not opaque_only or color.alpha() > 200:
                values.append(color.lightness())
    return sum(values) / len(values)


def click_tab(window: MainWindow, index: int) -> None:
    tabs = window.views.tabBar()
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tabs.tabRect(index).center())
    assert window.views.currentIndex() == index


def show_dag(qtbot: QtBot, window: MainWindow):
    dag = window.extra_panels["Autograd"]
    with qtbot.waitSignal(dag.dagReady, timeout=WAIT_MS):
        click_tab(window, 2)
    qtbot.wait(50)
    return dag


def test_the_autograd_view_follows_the_dark_palette(qtbot: QtBot, window: MainWindow) -> None:
    window.act.themes["dark"].trigger()
    dag = show_dag(qtbot, window)
    dark = dag.view.viewport().grab().toImage()
    assert mean_lightness(dark) < 70
    assert dag.scene.backgroundBrush().color().lightness() < 50
    window.act.themes["light"].trigger()
    qtbot.wait(50)
    assert mean_lightness(dag.view.viewport().grab().toImage()) > 200


def test_the_fit_icon_shows_on_a_dark_toolbar(qtbot: QtBot, window: MainWindow) -> None:
    window.act.themes["dark"].trigger()
    qtbot.wait(20)
    toolbar = window.palette().window().color().lightness()
    ink = mean_lightness(window.act.fit.icon().pixmap(24).toImage(), opaque_only=True)
    assert toolbar < 70 and ink > 180
    window.act.themes["light"].trigger()
    ink = mean_lightness(window.act.fit.icon().pixmap(24).toImage(), opaque_only=True)
    assert ink < 80


def test_the_dataset_description_is_readable_in_dark(qtbot: QtBot, window: MainWindow) -> None:
    window.act.themes["dark"].trigger()
    qtbot.wait(20)
    about = window.extra_panels["Training"].form.dataset_about
    assert about.text() and about.styleSheet() == ""
    text = about.palette().color(about.foregroundRole()).lightness()
    background = about.palette().color(about.backgroundRole()).lightness()
    assert text - background > 90


def test_help_texts_show_no_html_entities(qtbot: QtBot, window: MainWindow) -> None:
    window.document.select(["input"])
    doc = window.inspector.doc
    assert doc.textFormat() == Qt.TextFormat.RichText
    shown = QTextDocument()
    shown.setHtml(doc.text())
    assert "sample's" in shown.toPlainText() and "&#" not in shown.toPlainText()


def _odd_fonts(window: MainWindow) -> list[str]:
    size = QApplication.font().pointSizeF()
    return [f"{type(w).__name__} {w.font().pointSizeF()}" for w in window.findChildren(QWidget)
            if w.isVisible() and abs(w.font().pointSizeF() - size) > 0.5]


def test_present_mode_enlarges_everything_then_leaves_nothing_large(
        qtbot: QtBot, window: MainWindow) -> None:
    window.setGeometry(first_geometry(LAPTOP))
    window.document.select(["conv2"])
    qtbot.wait(50)
    inspector = window.inspector
    assert inspector.widget().minimumSizeHint().width() <= inspector.viewport().width()
    dag = show_dag(qtbot, window)
    name_px = 9.5 * dag.view.logicalDpiY() / 72  # a node's name in the scene (9.5 pt)
    before = dag.view.transform().m11()
    assert name_px * before >= 9  # at Fit (it was about 7 px in a bottom dock)
    window.act.presentation.trigger()
    qtbot.wait(100)
    # The autograd labels grow with the text.
    assert dag.view.transform().m11() >= 1.4 * before
    assert name_px * dag.view.transform().m11() >= 13
    click_tab(window, 0)
    qtbot.wait(100)
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())
    assert inspector.widget().minimumSizeHint().width() <= inspector.viewport().width()
    assert inspector.viewport().mapTo(window, QPoint(inspector.viewport().width(), 0)).x() \
        <= window.width()
    window.act.presentation.trigger()
    qtbot.wait(100)
    assert _odd_fonts(window) == []
    assert window.palette_dock.width() >= 180 and window.inspector_dock.width() >= 280
    assert inspector.widget().minimumSizeHint().width() <= inspector.viewport().width()
