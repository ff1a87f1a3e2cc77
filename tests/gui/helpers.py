"""Typing into the inspector's widgets as a person does (focus, select, type, Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit

from netbuilder.gui.main_window import MainWindow


def settle() -> None:
    """Let Qt show and lay out widgets it queued (new form rows, item widgets)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def type_into(widget: QAbstractSpinBox | QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def choose(combo: QComboBox, text: str) -> None:
    """Step through a combo box with the arrow keys until `text` is current."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        QTest.keyClick(combo, key)


def set_param(window: MainWindow, node_id: str, name: str, text: str) -> None:
    """Select the node, then type the value into its inspector field."""
    window.document.select([node_id])
    editor = window.inspector.editors[name]
    box = getattr(editor, "box", None) or getattr(editor, "line", None)
    assert box is not None, f"{name} has no single field"
    type_into(box, text)
