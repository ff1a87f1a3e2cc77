"""Export the drawn autograd DAG: PNG through QImage, SVG through QSvgGenerator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene


def _export_rect(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)


def render_png(scene: QGraphicsScene, path: str | Path) -> bool:
    """The whole scene as a PNG on white (2× for small graphs, at most 8000 px)."""
    rect = _export_rect(scene)
    scale = max(0.25, min(2.0, 8000 / max(rect.width(), rect.height(), 1.0)))
    image = QImage(int(rect.width() * scale), int(rect.height() * scale),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image.save(str(path), "PNG")


def render_svg(scene: QGraphicsScene, path: str | Path, title: str, description: str
               ) -> bool:
    """The whole scene as an SVG drawing (QSvgGenerator)."""
    from PySide6.QtSvg import QSvgGenerator

    rect = _export_rect(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    return Path(path).is_file() and Path(path).stat().st_size > 0
