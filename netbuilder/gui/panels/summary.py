"""The summary: a table like torchinfo's (node, type, output shape, parameters, FLOPs) and
the totals, kept current by every analysis. FLOPs per sample come from FlopCounterMode on
meta tensors (core/flops.py), remembered per layer and input shape like the shapes.
A model/view table, so a 300-node network refreshes by resetting the model rather than
rebuilding 1,200 widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netbuilder.gui.editor.document import Document
from netbuilder.gui.panels.labels import count_text, shape_text

if TYPE_CHECKING:
    from netbuilder.core.flops import Flops

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Node", "Type", "Output shape", "Params", "FLOPs")


class SummaryModel(QAbstractTableModel):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.rows: list[tuple[str, str, str, int, bool]] = []
        self.flops: Flops | None = None  # of the graph as last counted; None: not (yet)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        graph, analysis = self.document.graph, self.document.analysis
        rows = []
        if analysis is not None:
            order = [n for n in analysis.order if n in graph]
            placed = set(order)
            order += [n for n in graph.nodes if n not in placed]
            faulty_ids = {d.node_id for d in analysis.diagnostics}
            for nid in order:
                info = analysis.nodes.get(nid)
                faulty = nid in faulty_ids
                shape = shape_text(info.output_shape) if info and info.output_shape else "?"
                rows.append((nid, graph.node(nid).type, shape, info.params if info else 0,
                             faulty))
        else:
            rows = [(n.id, n.type, "…", 0, False) for n in graph]
        self.rows = rows
        self.endResetModel()

    def set_flops(self, flops: Flops | None) -> None:
        self.flops = flops
        if self.rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self.rows) - 1, 4))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 4:
                return count_text(self.flops.per_node.get(row[0], 0)) if self.flops else "–"
            return (row[0], row[1], row[2], count_text(row[3]))[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == 2:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.ForegroundRole and row[4]:
            return QColor("#D32F2F")
        if role == Qt.ItemDataRole.UserRole:
            return row[0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class SummaryPanel(QWidget):
    nodeActivated = Signal(str)  # noqa: N815

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = SummaryModel(document)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        self.table.clicked.connect(self._clicked)
        document.analyzed.connect(self.refresh)
        document.projectReplaced.connect(self.refresh)
        document.selectionChanged.connect(self._show_selection)
        self.refresh()
        for col, width in enumerate((130, 150, 150, 100, 110)):
            self.table.setColumnWidth(col, width)

    def refresh(self, *_args: object) -> None:
        self.model.refresh()
        self._count_flops()
        self._show_selection()
        self._show_totals()

    def _show_totals(self) -> None:
        analysis = self.document.analysis
        if analysis is None:
            self.totals.setText("Parameters are counted once PyTorch has loaded…")
            return
        total, trainable = analysis.total_params, analysis.trainable_params
        size_mb = total * 4 / 1024 ** 2  # float32 weights
        flops = self.model.flops
        counted = f" · FLOPs per sample {count_text(flops.total)}" if flops else ""
        self.totals.setText(f"<b>Total params: {count_text(total)}</b> · trainable "
                            f"{count_text(trainable)} · non-trainable "
                            f"{count_text(total - trainable)} · weights ≈ {size_mb:.2f} MB"
                            f"{counted}")

    def _count_flops(self) -> None:
        analysis, flops = self.document.analysis, None
        if analysis is not None and analysis.ok:  # a graph with problems has no module
            from netbuilder.core.flops import graph_flops

            try:
                flops = graph_flops(self.document.graph, analysis)
            except Exception:  # noqa: BLE001 - a count is extra: never let it break the panel
                flops = None
        self.model.set_flops(flops)

    def _show_selection(self, *_args: object) -> None:
        """Highlight the rows of the nodes selected on the canvas."""
        chosen = set(self.document.selection)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, values in enumerate(self.model.rows):
            if values[0] in chosen:
                selection.select(self.model.index(row, 0), flags)
        selection.blockSignals(False)
        self.table.viewport().update()

    def _clicked(self, index: QModelIndex) -> None:
        node_id = self.model.rows[index.row()][0]
        self.document.select([node_id])
        self.nodeActivated.emit(node_id)
