"""conv1's "why this shape" in the inspector and in its tooltip on the canvas."""

from __future__ import annotations

from netbuilder.gui.main_window import MainWindow
from tests.gui.helpers import set_param

H_OUT = "H_out = ⌊(32 + 2·0 − 1·(5 − 1) − 1) / 1⌋ + 1 = 28"
COUNT = "C_out·(C_in·k·k + 1) = 6·(1·5·5 + 1) = 156"


def test_conv1_explains_its_shape_and_count_in_inspector_and_tooltip(window: MainWindow
                                                                     ) -> None:
    window.document.select(["conv1"])
    why = window.inspector.why.text().splitlines()
    assert H_OUT in why and COUNT in why
    tooltip = window.scene.nodes["conv1"].toolTip()
    assert H_OUT in tooltip and COUNT in tooltip
    # the numbers follow an edit: 8 output channels
    set_param(window, "conv1", "out_channels", "8")
    assert "C_out·(C_in·k·k + 1) = 8·(1·5·5 + 1) = 208" in window.inspector.why.text()
    assert "= 8·(1·5·5 + 1) = 208" in window.scene.nodes["conv1"].toolTip()
