"""The palette: every layer type by category, searchable, dragged onto the canvas.

Built from the registry (the catalogue is data), so a new layer type appears here with
its category colour, its explanation and its formula without touching this file.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.core.category_names import category_title
from netbuilder.core.layer_text import layer_text
from netbuilder.core.registry import LayerSpec, Registry
from netbuilder.gui.editor.mime import LAYER_MIME
from netbuilder.gui.panels.labels import value_text
from netbuilder.gui.style.icons import category_icon

TYPE_ROLE = Qt.ItemDataRole.UserRole


# The layers of the course's networks (LeNet, the CIFAR-10 classifier) and of most first
# networks: the palette's first group.
COMMON = ("Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "BatchNorm2d", "Dropout",
          "Add", "Concat", "Softmax")


def layer_tooltip(spec: LayerSpec) -> str:
    """What a learner reads on hover: what the layer does, its formula, its parameters."""
    esc = html.escape
    category = esc(category_title(spec.category))
    parts = [f"<b>{esc(spec.type)}</b> <span style='color:gray'>· {category}</span>",
             f"<p>{esc(layer_text(spec.doc))}</p>"]
    if spec.formula:
        parts.append(f"<p><code>{esc(layer_text(spec.formula))}</code></p>")
    if spec.params:
        rows = []
        for p in spec.params:
            default = QCoreApplication.translate("Palette", "required") if p.required \
                else f"= {value_text(p.default)}"
            doc = f" — {esc(layer_text(p.doc))}" if p.doc else ""
            rows.append(f"<code>{esc(p.name)}</code> {esc(default)}{doc}")
        parts.append("<br>".join(rows))
    if not spec.structural:
        parts.append(f"<p style='color:gray'>torch.nn.{esc(spec.type)}</p>")
    return "<qt>" + "".join(parts) + "</qt>"


class LayerTree(QTreeWidget):
    """A tree whose layer rows drag out as LAYER_MIME (the canvas accepts that)."""

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [LAYER_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        types = [i.data(0, TYPE_ROLE) for i in items if i.data(0, TYPE_ROLE)]
        if types:
            mime.setData(LAYER_MIME, types[0].encode("utf-8"))
            mime.setText(types[0])
        return mime


class PalettePanel(QWidget):
    addRequested = Signal(str)  # noqa: N815 - a layer type, double-clicked or Enter pressed

    def __init__(self, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = reg
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search layers…"))
        self.search.setClearButtonEnabled(True)
        self.tree = LayerTree()
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIndentation(14)
        self.tree.setRootIsDecorated(True)
        self.tree.setAnimated(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self.items: dict[str, QTreeWidgetItem] = {}
        self._categories: list[QTreeWidgetItem] = []
        self._rows: list[tuple[str, QTreeWidgetItem]] = []
        self._fill()
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._add_first_match)
        # activated: a double-click, or Enter on the current row (never both at once)
        self.tree.itemActivated.connect(self._activated)

    def _fill(self) -> None:
        # The course's layers first, so building LeNet or a CIFAR net needs no scrolling
        # through 130 types; each one is also in its own category below.
        common = [t for t in COMMON if t in self.registry]
        groups = [("common", [self.registry[t] for t in common]),
                  *self.registry.by_category().items()]
        for category, specs in groups:
            head = QTreeWidgetItem(self.tree, [category_title(category)])
            head.setIcon(0, category_icon(category if category != "common" else "linear"))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self._categories.append(head)
            for spec in specs:
                item = QTreeWidgetItem(head, [spec.type])
                item.setIcon(0, category_icon(spec.category))
                item.setData(0, TYPE_ROLE, spec.type)
                item.setToolTip(0, layer_tooltip(spec))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                self.items.setdefault(spec.type, item)  # the Common row where there is one
                self._rows.append((spec.type, item))
            head.setExpanded(True)
        self._common = self._categories[0]

    def filter(self, text: str) -> None:
        """Show layers whose name, category or explanation contains every word typed."""
        words = text.lower().split()
        for head in self._categories:
            shown = 0
            for i in range(head.childCount()):
                item = head.child(i)
                spec = self.registry[item.data(0, TYPE_ROLE)]
                hay = (f"{spec.type} {spec.category} {spec.doc} {category_title(spec.category)} "
                       f"{layer_text(spec.doc)}").lower()
                match = all(w in hay for w in words)
                item.setHidden(not match)
                shown += match
            # While searching, each layer shows once, in its own category.
            head.setHidden(shown == 0 or (bool(words) and head is self._common))
            if words:
                head.setExpanded(True)

    def visible_types(self) -> list[str]:
        seen: dict[str, None] = {}
        for t, item in self._rows:
            if not item.isHidden() and not item.parent().isHidden():
                seen.setdefault(t)
        return list(seen)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        type_name = item.data(0, TYPE_ROLE)
        if type_name:
            self.addRequested.emit(type_name)

    def _add_first_match(self) -> None:
        visible = self.visible_types()
        name_match = [t for t in visible if self.search.text().strip().lower() in t.lower()]
        chosen = (name_match or visible)[:1]
        if chosen:
            self.addRequested.emit(chosen[0])
