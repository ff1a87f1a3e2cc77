"""Icons drawn in code: one pictogram per layer category, and the app icon.

Drawing them (rather than shipping one bitmap per category) keeps them sharp at any
device pixel ratio and lets them take the category colours from theme.py.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from netbuilder.gui.style.resources import icon_path
from netbuilder.gui.style.theme import category_color

_SIZES = (16, 24, 32, 48)


def _glyph(painter: QPainter, category: str, s: float) -> None:
    """A white pictogram for `category` in a square of side s."""
    pen = QPen(QColor("white"), max(1.2, s / 12), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    m = s * 0.27
    inner = QRectF(m, m, s - 2 * m, s - 2 * m)
    if category == "convolution":  # a 3×3 grid: a filter
        for i in range(4):
            t = inner.left() + i * inner.width() / 3
            painter.drawLine(QPointF(t, inner.top()), QPointF(t, inner.bottom()))
            u = inner.top() + i * inner.height() / 3
            painter.drawLine(QPointF(inner.left(), u), QPointF(inner.right(), u))
    elif category == "pooling":  # a funnel: many to few
        path = QPainterPath(QPointF(inner.left(), inner.top()))
        path.lineTo(inner.right(), inner.top())
        path.lineTo(inner.center().x() + s * 0.06, inner.center().y() + s * 0.05)
        path.lineTo(inner.center().x() + s * 0.06, inner.bottom())
        path.lineTo(inner.center().x() - s * 0.06, inner.bottom())
        path.lineTo(inner.center().x() - s * 0.06, inner.center().y() + s * 0.05)
        path.closeSubpath()
        painter.drawPath(path)
    elif category == "linear":  # all-to-all wiring
        for a in (0.0, 0.5, 1.0):
            for b in (0.0, 1.0):
                painter.drawLine(QPointF(inner.left(), inner.top() + a * inner.height()),
                                 QPointF(inner.right(), inner.top() + b * inner.height()))
    elif category == "activation":  # a ReLU hinge
        painter.drawLine(QPointF(inner.left(), inner.bottom() - s * 0.1),
                         QPointF(inner.center().x(), inner.bottom() - s * 0.1))
        painter.drawLine(QPointF(inner.center().x(), inner.bottom() - s * 0.1),
                         QPointF(inner.right(), inner.top()))
    elif category == "normalization":  # a bell curve
        path = QPainterPath(QPointF(inner.left(), inner.bottom()))
        path.cubicTo(QPointF(inner.center().x() - s * 0.08, inner.bottom()),
                     QPointF(inner.center().x() - s * 0.12, inner.top()),
                     QPointF(inner.center().x(), inner.top()))
        path.cubicTo(QPointF(inner.center().x() + s * 0.12, inner.top()),
                     QPointF(inner.center().x() + s * 0.08, inner.bottom()),
                     QPointF(inner.right(), inner.bottom()))
        painter.drawPath(path)
    elif category == "regularization":  # dropped-out dots
        painter.setBrush(QColor("white"))
        r = s * 0.06
        for i, (x, y) in enumerate(((0, 0), (1, 0), (0.5, 0.5), (0, 1), (1, 1))):
            painter.setBrush(QColor("white") if i != 2 else Qt.BrushStyle.NoBrush)
            c = QPointF(inner.left() + x * inner.width(), inner.top() + y * inner.height())
            painter.drawEllipse(c, r * 1.4, r * 1.4)
    elif category == "merge":  # two lines joining
        painter.drawLine(QPointF(inner.left(), inner.top()), inner.center())
        painter.drawLine(QPointF(inner.right(), inner.top()), inner.center())
        painter.drawLine(inner.center(), QPointF(inner.center().x(), inner.bottom()))
    elif category == "reshape":  # a square flattened into a bar
        painter.drawRect(QRectF(inner.left(), inner.top(), inner.width() * 0.45,
                                inner.height() * 0.45))
        painter.drawRect(QRectF(inner.left(), inner.bottom() - inner.height() * 0.2,
                                inner.width(), inner.height() * 0.2))
    else:  # input/output: an arrow through a bar
        painter.drawLine(QPointF(inner.center().x(), inner.top()),
                         QPointF(inner.center().x(), inner.bottom()))
        painter.drawLine(QPointF(inner.center().x() - s * 0.14, inner.bottom() - s * 0.14),
                         QPointF(inner.center().x(), inner.bottom()))
        painter.drawLine(QPointF(inner.center().x() + s * 0.14, inner.bottom() - s * 0.14),
                         QPointF(inner.center().x(), inner.bottom()))


def _category_pixmap(category: str, size: int, ratio: float) -> QPixmap:
    pix = QPixmap(round(size * ratio), round(size * ratio))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(category_color(category)))
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), size * 0.22, size * 0.22)
    _glyph(painter, category, float(size))
    painter.end()
    return pix


@cache
def category_icon(category: str) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        for ratio in (1.0, 2.0):
            icon.addPixmap(_category_pixmap(category, size, ratio))
    return icon


@cache
def fit_icon(color: str) -> QIcon:
    """Fit to Window: four corners around a box, drawn in `color` (the palette's text
    colour, so it shows on a dark toolbar as on a light one)."""
    icon = QIcon()
    for size in _SIZES:
        for ratio in (1.0, 2.0):
            pixmap = QPixmap(round(size * ratio), round(size * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            s = float(size)
            pen = QPen(QColor(color), max(1.5, s / 12))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            a, b, c = s * 0.12, s * 0.88, s * 0.3
            for x, y, dx, dy in ((a, a, 1, 1), (b, a, -1, 1), (a, b, 1, -1), (b, b, -1, -1)):
                painter.drawLine(QPointF(x, y), QPointF(x + dx * c, y))
                painter.drawLine(QPointF(x, y), QPointF(x, y + dy * c))
            painter.setBrush(QColor(color))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(s * 0.34, s * 0.38, s * 0.32, s * 0.24), 1.5, 1.5)
            painter.end()
            icon.addPixmap(pixmap)
    return icon


@cache
def app_icon() -> QIcon:
    """The SVG from resources/icons; a drawn stand-in if the resources are not installed."""
    path = icon_path()
    if path is not None:
        icon = QIcon(str(path))
        if not icon.isNull():
            return icon
    return category_icon("convolution")
