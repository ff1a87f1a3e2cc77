"""Colours and sizes: a light and a dark palette, category colours, classroom scaling.

All colours live here so the canvas, the palette and the panels agree, and so a dark
palette is one switch. The UI scale multiplies the application font (every widget that
does not set its own font follows), which is what makes the window readable on a
classroom projector; the canvas has its own zoom.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# One colour per registry category (netbuilder.core.registry.CATEGORIES).
CATEGORY_COLORS: dict[str, str] = {
    "input/output": "#546E7A",
    "convolution": "#1E88E5",
    "pooling": "#00897B",
    "linear": "#8E24AA",
    "activation": "#EF6C00",
    "normalization": "#43A047",
    "regularization": "#D81B60",
    "merge": "#6D4C41",
    "reshape": "#5C6BC0",
    "padding": "#7CB342",
    "recurrent": "#C62828",
    "attention": "#F9A825",
    "embedding": "#00ACC1",
    "distance": "#8D6E63",
    "tensor": "#3949AB",
    "group": "#37474F",  # a collapsed group's block (not a palette category)
}
FALLBACK_COLOR = "#78909C"

UI_SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)
PRESENTATION_SCALE = 1.5


def category_color(category: str) -> QColor:
    return QColor(CATEGORY_COLORS.get(category, FALLBACK_COLOR))


@dataclass(frozen=True)
class CanvasColors:
    """What the canvas paints with; the model holds no colours."""

    dark: bool
    background: QColor
    grid_minor: QColor
    grid_major: QColor
    node_body: QColor
    node_border: QColor
    text: QColor
    muted: QColor
    shape_text: QColor
    edge: QColor
    label_bg: QColor
    error: QColor
    error_body: QColor
    selection: QColor
    port: QColor
    port_ok: QColor


LIGHT = CanvasColors(
    dark=False,
    background=QColor("#F7F8FA"),
    grid_minor=QColor("#E9ECF0"),
    grid_major=QColor("#D9DEE5"),
    node_body=QColor("#FFFFFF"),
    node_border=QColor("#B0BAC5"),
    text=QColor("#1D2329"),
    muted=QColor("#5A6570"),
    shape_text=QColor("#0B5394"),
    edge=QColor("#7A8794"),
    label_bg=QColor(247, 248, 250, 230),
    error=QColor("#D32F2F"),
    error_body=QColor("#FFEBEE"),
    selection=QColor("#FFB300"),
    port=QColor("#90A4AE"),
    port_ok=QColor("#2E7D32"),
)

DARK = CanvasColors(
    dark=True,
    background=QColor("#1E2226"),
    grid_minor=QColor("#262B30"),
    grid_major=QColor("#30363C"),
    node_body=QColor("#2B3137"),
    node_border=QColor("#4A545E"),
    text=QColor("#E8ECEF"),
    muted=QColor("#A7B1BA"),
    shape_text=QColor("#8CC8FF"),
    edge=QColor("#8A97A4"),
    label_bg=QColor(30, 34, 38, 230),
    error=QColor("#FF6B6B"),
    error_body=QColor("#4A2628"),
    selection=QColor("#FFC94D"),
    port=QColor("#78909C"),
    port_ok=QColor("#66BB6A"),
)


def canvas_colors(dark: bool) -> CanvasColors:
    return DARK if dark else LIGHT


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve_dark(mode: str) -> bool:
    """mode is 'light', 'dark' or 'system'."""
    return system_prefers_dark() if mode == "system" else mode == "dark"


def _palette(dark: bool) -> QPalette:
    if not dark:
        pal = QPalette(QColor("#F2F3F5"))
        pal.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
        pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#F4F6F8"))
        pal.setColor(QPalette.ColorRole.Highlight, QColor("#1E88E5"))
        pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
        pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#FFFFF0"))
        pal.setColor(QPalette.ColorRole.ToolTipText, QColor("#1D2329"))
        return pal
    window, base, text = QColor("#2A2E33"), QColor("#202428"), QColor("#E8ECEF")
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, window), (roles.WindowText, text), (roles.Base, base),
        (roles.AlternateBase, QColor("#272B30")), (roles.ToolTipBase, QColor("#33383E")),
        (roles.ToolTipText, text), (roles.Text, text), (roles.Button, QColor("#343A40")),
        (roles.ButtonText, text), (roles.BrightText, QColor("#FF6B6B")),
        (roles.Highlight, QColor("#3D8BD9")), (roles.HighlightedText, QColor("#FFFFFF")),
        (roles.Link, QColor("#8CC8FF")), (roles.PlaceholderText, QColor("#A3ADB7")),
        (roles.Mid, QColor("#3A4047")), (roles.Dark, QColor("#181B1E")),
        (roles.Light, QColor("#454C54")), (roles.Shadow, QColor("#101214")),
    ):
        pal.setColor(role, color)
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.ButtonText, roles.WindowText):
        pal.setColor(disabled, role, QColor("#6B747D"))
    return pal


def apply_palette(app: QApplication, dark: bool) -> None:
    """Fusion looks the same everywhere and honours a full palette, light or dark."""
    app.setStyle("Fusion")
    app.setPalette(_palette(dark))


_base_point_size: float | None = None


def apply_ui_scale(app: QApplication, scale: float) -> None:
    """Scale the application font; widgets without their own font follow it."""
    global _base_point_size
    font = app.font()
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    scaled = QFont(font)
    scaled.setPointSizeF(round(_base_point_size * scale, 1))
    app.setFont(scaled)


def text_scale() -> float:
    """The UI scale in force: the application font over the size it started with."""
    app = QApplication.instance()
    if _base_point_size is None or not isinstance(app, QApplication):
        return 1.0
    return app.font().pointSizeF() / _base_point_size


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def next_scale(current: float, step: int) -> float:
    """The next UI scale up (step=1) or down (step=-1) from the list of sensible ones."""
    if step > 0:
        return next((s for s in UI_SCALES if s > current + 1e-6), UI_SCALES[-1])
    return next((s for s in reversed(UI_SCALES) if s < current - 1e-6), UI_SCALES[0])
