"""PySide6 6.12.0 on Python 3.11 drops references it does not own: one to True on each
`Signal.emit()`, one to None on each C++ call of a Python `paint()` override. The count
reaches zero within seconds of training with live plots and the process aborts with
"Fatal Python error: bool_dealloc". pyproject.toml excludes that release; this test
fails on it (Python 3.12+ makes None/True immortal, so it cannot see the bug there).

Counts are checked after each batch, so a broken binding fails the assertion long before
a count could reach zero and abort the test process.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget
from pytestqt.qtbot import QtBot

BATCH = 500
BATCHES = 40  # 20,000 calls of each kind
SLACK = 50  # other code may legitimately let go of a few references meanwhile


class Emitter(QObject):
    happened = Signal(str)


class PaintedItem(QGraphicsItem):
    painted = 0

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(0, 0, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        PaintedItem.painted += 1  # returns None to C++: the call that lost references


def _counts() -> tuple[int, int]:
    return sys.getrefcount(True), sys.getrefcount(None)


def test_signals_keep_their_references_to_true(qtbot: QtBot) -> None:
    emitter = Emitter()
    seen: list[str] = []
    emitter.happened.connect(seen.append)
    true_before, _ = _counts()
    for _ in range(BATCHES):
        for _ in range(BATCH):
            emitter.happened.emit("x")
        assert sys.getrefcount(True) >= true_before - SLACK
    assert len(seen) == BATCH * BATCHES


def test_painting_keeps_its_references_to_none(qtbot: QtBot) -> None:
    scene = QGraphicsScene()
    for i in range(BATCH):
        item = PaintedItem()
        item.setPos(i % 25 * 5, i // 25 * 5)
        scene.addItem(item)
    image = QImage(128, 128, QImage.Format.Format_ARGB32)
    PaintedItem.painted = 0
    _, none_before = _counts()
    for _ in range(BATCHES):
        painter = QPainter(image)
        scene.render(painter)
        painter.end()
        assert sys.getrefcount(None) >= none_before - SLACK
    assert PaintedItem.painted == BATCH * BATCHES
