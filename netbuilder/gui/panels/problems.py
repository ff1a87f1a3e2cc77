"""The Problems panel: every message the shape checker has, each with its node.

Clicking a message selects its node and centres the canvas on it; a Fix button applies
the checker's suggested repair as an undoable SetParam, like any other edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.core.edits import SetParam
from netbuilder.gui.editor.document import Document
from netbuilder.gui.i18n import fill

if TYPE_CHECKING:
    from netbuilder.core.diagnostics import Diagnostic
    from netbuilder.core.shapes import Analysis

NODE_ROLE = Qt.ItemDataRole.UserRole


class ProblemsPanel(QWidget):
    nodeActivated = Signal(str)  # noqa: N815 - a problem was clicked: show its node
    countChanged = Signal(int)  # noqa: N815

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Problem"), self.tr("Fix")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.tree)
        self.fix_buttons: dict[str, QPushButton] = {}  # node id -> its Fix button
        self._shown: list[tuple[str | None, str]] | None = None
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        document.analyzed.connect(self.show_analysis)
        document.torchReady.connect(self._on_torch_ready)
        self.show_analysis(document.analysis)

    def _on_torch_ready(self) -> None:
        self.show_analysis(self.document.analysis)

    def show_analysis(self, analysis: Analysis | None) -> None:
        if analysis is None:
            self._shown = None
            self.tree.clear()
            self.status.setText(self.tr("Checking shapes as soon as PyTorch has loaded…")
                                if not self.document.torch_ready else "")
            return
        diags = analysis.diagnostics
        key = [(d.node_id, d.message) for d in diags]
        if key == self._shown:
            return
        self._shown = key
        self.tree.clear()
        self.fix_buttons.clear()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for d in diags:
            item = QTreeWidgetItem(self.tree, [d.message, ""])
            item.setIcon(0, icon)
            item.setToolTip(0, d.message)
            item.setData(0, NODE_ROLE, d.node_id)
            if d.fix is not None:
                self._add_fix(item, d)
        n = len(diags)
        if n == 0:
            self.status.setText(self.tr("✓ No problems: every shape fits."))
        else:
            self.status.setText(
                (self.tr("1 problem — click it to show its layer") if n == 1 else
                 self.tr("%1 problems — click one to show its layer").replace("%1", str(n)))
                + (self.tr("; Fix applies the suggested change") if self.fix_buttons else ""))
        self.countChanged.emit(n)

    def _add_fix(self, item: QTreeWidgetItem, d: Diagnostic) -> None:
        fix = d.fix
        assert fix is not None
        button = QPushButton(self.tr("Fix: %1").replace("%1", fix.text))
        button.setToolTip(fill(self.tr("Set %1 = %2 (undoable)"), f"{fix.node_id}.{fix.param}",
                               fix.value))
        button.clicked.connect(lambda _=False: self.document.push(
            SetParam(fix.node_id, fix.param, fix.value)))
        self.tree.setItemWidget(item, 1, button)
        self.fix_buttons.setdefault(fix.node_id, button)

    def row_for(self, node_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, NODE_ROLE) == node_id:
                return item
        return None

    def messages(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node_id = item.data(0, NODE_ROLE)
        if node_id and node_id in self.document.graph:
            self.document.select([node_id])
            self.nodeActivated.emit(node_id)
