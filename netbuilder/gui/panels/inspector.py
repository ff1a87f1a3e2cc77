"""The inspector: a form for the selected node, built from its ParamSpec schema.

Every change is an undoable edit (SetParam, Rename) pushed through the Document; the
form then follows the model's events like any other view, so undo updates it too. It
also shows what the shape checker found: input and output shapes, the parameter count,
and this node's problems with their one-click fixes.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.core import events as ev
from netbuilder.core.category_names import category_title
from netbuilder.core.edits import Rename, SetParam
from netbuilder.core.explain import explain
from netbuilder.core.layer_text import layer_text
from netbuilder.core.names import node_id_problem
from netbuilder.gui.editor.document import Document
from netbuilder.gui.i18n import fill
from netbuilder.gui.panels.labels import count_text, shape_text, value_text
from netbuilder.gui.panels.param_editors import ParamEditor, make_editor
from netbuilder.gui.style.theme import category_color


def _muted(text: str = "") -> QLabel:
    """Secondary text in the palette's muted colour (a role, not a style sheet, so it
    follows a switch between the light and dark palettes)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _warning(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#D32F2F"))
    label.setPalette(palette)
    return label


class InspectorPanel(QScrollArea):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_id: str | None = None
        self.editors: dict[str, ParamEditor] = {}
        self.reset_buttons: dict[str, QToolButton] = {}
        self.fix_buttons: list[QPushButton] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(8, 8, 8, 8)
        self.placeholder = _muted(self.tr("Select a layer on the canvas to see and edit it here."))
        outer.addWidget(self.placeholder)
        self.page = QWidget()
        outer.addWidget(self.page)
        outer.addStretch(1)
        lay = QVBoxLayout(self.page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.title)
        id_row = QHBoxLayout()
        id_row.addWidget(QLabel(self.tr("Name")))
        self.id_edit = QLineEdit()
        self.id_edit.setToolTip(self.tr("The node's id: the attribute name in the generated code "
                                "(self.conv1). Press Enter to rename."))
        id_row.addWidget(self.id_edit, 1)
        lay.addLayout(id_row)
        self.id_problem = _warning()
        self.id_problem.hide()
        lay.addWidget(self.id_problem)
        self.doc = _muted()
        # Always rich text: the escaped doc has entities (sample&#x27;s) even when it
        # has no tag, and a label guessing "plain" would show them as they are.
        self.doc.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.doc)
        self.params_box = QGroupBox(self.tr("Parameters"))
        self.form = QFormLayout(self.params_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow dock (a laptop, large text) puts a long row's label above its field
        # rather than cutting off the field's right end.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        lay.addWidget(self.params_box)
        shapes = QGroupBox(self.tr("Shapes"))
        shape_form = QFormLayout(shapes)
        self.in_shape, self.out_shape, self.count = QLabel(), QLabel(), QLabel()
        # family and weight only: the size still follows the UI scale
        mono = QFont()
        mono.setFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
        mono.setBold(True)
        for label in (self.in_shape, self.out_shape):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFont(mono)
            label.setWordWrap(True)
        shape_form.addRow(self.tr("Input"), self.in_shape)
        shape_form.addRow(self.tr("Output"), self.out_shape)
        shape_form.addRow(self.tr("Parameters"), self.count)
        # Why this shape and this count: the formulas with this node's numbers.
        self.why = _muted()
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        shape_form.addRow(self.why)
        lay.addWidget(shapes)
        self.problems_box = QGroupBox(self.tr("Problems"))
        self.problems = QVBoxLayout(self.problems_box)
        lay.addWidget(self.problems_box)
        self.id_edit.editingFinished.connect(self._rename)
        # bound methods, not lambdas: Qt drops them when this panel is destroyed
        document.selectionChanged.connect(self._on_selection)
        document.graphEvent.connect(self._on_event)
        document.analyzed.connect(self._on_analyzed)
        document.projectReplaced.connect(self.show_selection)
        document.lockedChanged.connect(self._on_locked)
        self.show_selection()

    # ---- which node ----------------------------------------------------------------------
    def show_selection(self) -> None:
        ids = [i for i in self.document.selection if i in self.document.graph]
        self.node_id = ids[0] if len(ids) == 1 else None
        self.page.setVisible(self.node_id is not None)
        self.placeholder.setVisible(self.node_id is None)
        if len(ids) > 1:
            self.placeholder.setText(fill(self.tr("%1 layers selected: %2"), len(ids),
                                          ", ".join(ids[:12]) + (" …" if len(ids) > 12 else "")))
        else:
            self.placeholder.setText(
                self.tr(
                    "Select a layer on the canvas to see and edit it here. "
                    "Drag layers from the palette; drag from a layer's "
                    "bottom port to another's top port to connect them."
                )
            )
        if self.node_id is not None:
            self._build_form()
            self._show_analysis()

    def _build_form(self) -> None:
        assert self.node_id is not None
        node = self.document.graph.node(self.node_id)
        spec = self.document.graph.registry[node.type]
        color = category_color(spec.category).name()
        self.title.setText(
            f"<span style='font-size:large; font-weight:bold; color:{color}'>"
            f"{html.escape(spec.type)}</span> <span style='color:gray'>"
            f"· {html.escape(category_title(spec.category))}</span>"
        )
        self.id_edit.setText(node.id)
        self.id_problem.hide()
        doc = html.escape(layer_text(spec.doc))
        if spec.formula:
            doc += f"<br><code>{html.escape(layer_text(spec.formula))}</code>"
        self.doc.setText(doc)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors.clear()
        self.reset_buttons.clear()
        for p in spec.params:
            editor = make_editor(p)
            editor.edited.connect(lambda value, name=p.name, ed=editor: self._edit(name, value, ed))
            reset = QToolButton()
            reset.setText("↺")
            reset.setAutoRaise(True)
            reset.setToolTip(
                fill(self.tr("back to the default (%1)"), value_text(p.default))
                if not p.required else ""
            )
            reset.clicked.connect(lambda _=False, name=p.name: self._reset(name))
            row = QWidget()
            row_lay = QHBoxLayout(row)
            row_lay.setContentsMargins(0, 0, 0, 0)
            row_lay.addWidget(editor, 1)
            row_lay.addWidget(reset)
            label = QLabel(p.name)
            tip = layer_text(p.doc) or p.name
            tip += self.tr(" (required)") if p.required else \
                fill(self.tr(" — default %1"), value_text(p.default))
            label.setToolTip(tip)
            editor.setToolTip(tip)
            self.form.addRow(label, row)
            self.editors[p.name] = editor
            self.reset_buttons[p.name] = reset
        self.params_box.setVisible(bool(spec.params))
        self._show_values()

    def _show_values(self) -> None:
        if self.node_id is None:
            return
        node = self.document.graph.node(self.node_id)
        spec = self.document.graph.registry[node.type]
        values = spec.resolved(node.params)
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
            p = spec.param(name)
            self.reset_buttons[name].setVisible(not p.required and name in node.params)

    def _show_analysis(self) -> None:
        if self.node_id is None:
            return
        analysis = self.document.analysis
        for button in self.fix_buttons:
            button.deleteLater()
        self.fix_buttons.clear()
        while self.problems.count():
            item = self.problems.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if analysis is None or self.node_id not in analysis.nodes:
            self.in_shape.setText("…" if not self.document.torch_ready else "?")
            self.out_shape.setText("…" if not self.document.torch_ready else "?")
            self.count.setText("")
            self.why.setText("")
            self.problems_box.hide()
            return
        info = analysis.nodes[self.node_id]
        self.in_shape.setText(", ".join(shape_text(s) for s in info.input_shapes) or "—")
        self.out_shape.setText(shape_text(info.output_shape) if info.output_shape else "?")
        extra = (
            "" if info.trainable == info.params else f" ({count_text(info.trainable)} trainable)"
        )
        self.count.setText(count_text(info.params) + extra)
        node = self.document.graph.node(self.node_id)
        self.why.setText(
            "\n".join(
                explain(
                    self.document.graph.registry[node.type],
                    node.params,
                    info.input_shapes,
                    info.output_shape,
                ).lines()
            )
        )
        diags = analysis.for_node(self.node_id)
        self.problems_box.setVisible(bool(diags))
        for d in diags:
            self.problems.addWidget(_warning(f"⚠ {d.message}"))
            if d.fix is not None:
                fix = d.fix
                button = QPushButton(fill(self.tr("Fix: %1"), fix.text))
                button.clicked.connect(
                    lambda _=False, f=fix: self.document.push(SetParam(f.node_id, f.param, f.value))
                )
                self.problems.addWidget(button)
                self.fix_buttons.append(button)

    def focus_first_field(self) -> None:
        """Keyboard focus on the first parameter (or the name): double-click a node, type."""
        first = next(iter(self.editors.values()), None)
        fields = (
            [w for w in first.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
            if first
            else []
        )
        widget = fields[0] if fields else self.id_edit
        widget.setFocus()
        if isinstance(widget, QAbstractSpinBox | QLineEdit):
            widget.selectAll()

    # ---- following the model -------------------------------------------------------------
    def _on_selection(self, _ids: list[str]) -> None:
        self.show_selection()

    def _on_analyzed(self, _analysis: object) -> None:
        self._show_analysis()

    def _on_locked(self, locked: bool) -> None:
        self.page.setEnabled(not locked)

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.ParamChanged) and event.node_id == self.node_id:
            self._show_values()
        elif isinstance(event, ev.NodeRenamed) and event.old_id == self.node_id:
            self.node_id = event.new_id
            self.id_edit.setText(event.new_id)
        elif isinstance(event, ev.NodeRemoved | ev.GraphReset) and (
            self.node_id is not None and self.node_id not in self.document.graph
        ):
            self.show_selection()

    # ---- edits ---------------------------------------------------------------------------
    def _edit(self, name: str, value: Any, editor: ParamEditor) -> None:
        if self.node_id is None or self.editors.get(name) is not editor:
            return  # a late signal from the form of a node no longer shown
        node = self.document.graph.node(self.node_id)
        if (
            name in node.params
            and node.params[name] == value
            and type(node.params[name]) is type(value)
        ):
            return
        if not self.document.push(SetParam(self.node_id, name, value)):
            self._show_values()  # refused: show the model's value again

    def _reset(self, name: str) -> None:
        if self.node_id is not None and name in self.document.graph.node(self.node_id).params:
            self.document.push(SetParam(self.node_id, name, reset=True))

    def _rename(self) -> None:
        if self.node_id is None:
            return
        new = self.id_edit.text().strip()
        if new == self.node_id:
            self.id_problem.hide()
            return
        problem = node_id_problem(new)
        if problem is None and new in self.document.graph:
            problem = fill(self.tr("there is already a node named %1"), repr(new))
        if problem is None and self.document.push(Rename(self.node_id, new)):
            self.id_problem.hide()
            return
        if problem:
            self.id_problem.setText(problem)
            self.id_problem.show()
            self.document.message.emit(fill(self.tr("Not renamed: %1"), problem))
