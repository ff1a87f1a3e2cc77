"""Palette search and tooltips, category colours, light/dark, presentation mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from netbuilder.core.category_names import category_title
from netbuilder.core.layers import registry
from netbuilder.gui.main_window import MainWindow
from netbuilder.gui.style.icons import app_icon, category_icon
from netbuilder.gui.style.theme import CATEGORY_COLORS

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_palette_lists_every_type_by_category_and_searches(window: MainWindow) -> None:
    palette = window.palette_panel
    assert set(palette.items) == set(registry().types())
    heads = [palette.tree.topLevelItem(i).text(0) for i in range(palette.tree.topLevelItemCount())]
    assert heads[:5] == ["Common", "Input/output", "Convolution", "Pooling", "Linear"]
    common = palette.tree.topLevelItem(0)
    assert [common.child(i).text(0) for i in range(4)] == ["Conv2d", "ReLU", "MaxPool2d",
                                                           "Flatten"]
    palette.search.setText("pool")
    visible = palette.visible_types()
    assert {"MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d"} <= set(visible)
    assert "Conv2d" not in visible and "ReLU" not in visible
    palette.search.setText("norm batch")
    assert palette.visible_types() == ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"]
    palette.search.clear()
    assert len(palette.visible_types()) == len(registry().types())


def test_palette_tooltip_has_explanation_and_formula(window: MainWindow) -> None:
    tip = window.palette_panel.items["Conv2d"].toolTip(0)
    spec = registry()["Conv2d"]
    assert "Slides out_channels learned filters" in tip
    assert "H_out = ⌊(H + 2·padding" in tip
    assert "kernel_size" in tip and "torch.nn.Conv2d" in tip
    assert category_title(spec.category) in tip  # "Convolution", 卷积 in Chinese


def test_category_colours_and_icons_differ() -> None:
    assert len(set(CATEGORY_COLORS.values())) == len(CATEGORY_COLORS)
    images = {category_icon(c).pixmap(16, 16).toImage().pixelColor(8, 3).name()
              for c in CATEGORY_COLORS}
    assert len(images) == len(CATEGORY_COLORS)
    assert not app_icon().isNull()


def test_dark_palette_reaches_widgets_and_canvas(window: MainWindow) -> None:
    window.act.themes["dark"].trigger()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.scene.colors.dark
    assert window.scene.nodes["conv1"].colors.dark
    window.act.themes["light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert not window.scene.colors.dark


def test_presentation_mode_enlarges_text_and_canvas_then_restores(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    size = app.font().pointSizeF()
    zoom = window.canvas_view.zoom
    window.act.presentation.trigger()
    assert app.font().pointSizeF() >= size * 1.45
    assert window.canvas_view.zoom > zoom * 1.3
    window.act.presentation.trigger()
    assert abs(app.font().pointSizeF() - size) < 0.11
    assert abs(window.canvas_view.zoom - zoom) < 1e-6
    window.act.text_bigger.trigger()
    assert app.font().pointSizeF() > size
    window.act.text_normal.trigger()
    assert abs(app.font().pointSizeF() - size) < 0.11


def test_window_icon_and_docks(window: MainWindow) -> None:
    assert not window.windowIcon().isNull()
    titles = [d.windowTitle() for d in window.docks()]
    assert titles[:5] == ["Layers", "Inspector", "History", "Problems", "Summary"]
    toggles = [a.text() for a in window.menuBar().actions()[2].menu().actions()]
    assert "&Panels" in toggles


def test_summary_table_and_totals(window: MainWindow) -> None:
    rows = window.summary.model.rows
    assert [r[0] for r in rows][:3] == ["input", "conv1", "relu1"]
    assert ("conv1", "Conv2d", "N×6×28×28", 156, False) in rows
    assert "Total params: 61,706" in window.summary.totals.text()



def test_summary_counts_flops_per_node(qtbot: QtBot, window: MainWindow) -> None:
    """LeNet's FLOPs per sample, as FlopCounterMode counts them, beside the parameters."""
    summary = window.summary
    qtbot.waitUntil(lambda: summary.model.flops is not None, timeout=10_000)  # once torch is in
    column = {summary.model.rows[r][0]: summary.model.index(r, 4).data()
              for r in range(summary.model.rowCount())}
    assert summary.model.headerData(4, Qt.Orientation.Horizontal) == "FLOPs"
    assert column["conv1"] == "235,200" and column["relu1"] == "0"  # 2·6·28·28·25
    assert "FLOPs per sample 833,040" in summary.totals.text()
