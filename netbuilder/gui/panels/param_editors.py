"""One editor widget per parameter kind, built from the registry's ParamSpec.

Each editor shows a stored value and emits `edited(value)` with the value to store, in
the stored (JSON) form the graph keeps: an int2 whose two fields agree is stored as one
int, the way tutorials write `kernel_size=5`. Editors never touch the graph; the
inspector turns `edited` into an undoable SetParam.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from netbuilder.core.registry import ParamSpec
from netbuilder.gui.i18n import fill

translate = QCoreApplication.translate  # pyside6-lupdate reads translate("Context", "…")

BIG = 1_000_000


class _Spin(QSpinBox):
    """A spin box that ignores the wheel unless focused (scrolling the form is safe)."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _FloatSpin(QDoubleSpinBox):
    """Shows 1e-05 and 0.5 as Python prints them, not as 0.0000100000."""

    def textFromValue(self, value: float) -> str:  # noqa: N802
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        from PySide6.QtGui import QValidator

        if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d*)?", text.strip()):
            return QValidator.State.Acceptable, text, pos
        if re.fullmatch(r"[-+]?\.?", text.strip()):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _int_spin(spec: ParamSpec) -> QSpinBox:
    box = _Spin()
    box.setRange(int(spec.minimum) if spec.minimum is not None else -BIG,
                 int(spec.maximum) if spec.maximum is not None else BIG)
    box.setKeyboardTracking(False)  # one edit when typing ends, not one per digit
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    box.setAccelerated(True)
    box.setMinimumWidth(56)  # not as wide as a million: the inspector stays narrow
    return box


class ParamEditor(QWidget):
    edited = Signal(object)

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError


class IntEditor(ParamEditor):
    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = _int_spin(spec)
        self.layout_.addWidget(self.box)
        self.box.valueChanged.connect(lambda v: self.edited.emit(int(v)))

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setValue(int(value) if isinstance(value, int) else 0)
        self.box.blockSignals(False)

    def value(self) -> Any:
        return int(self.box.value())


class FloatEditor(ParamEditor):
    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = _FloatSpin()
        self.box.setDecimals(10)
        self.box.setRange(spec.minimum if spec.minimum is not None else -1e9,
                          spec.maximum if spec.maximum is not None else 1e9)
        small = isinstance(spec.default, float) and 0 < spec.default < 0.01
        self.box.setSingleStep(spec.default if small else 0.05 if spec.maximum == 1 else 0.1)
        self.box.setKeyboardTracking(False)
        self.box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.box.setMinimumWidth(56)
        self.layout_.addWidget(self.box)
        self.box.valueChanged.connect(lambda v: self.edited.emit(float(v)))

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setValue(float(value) if isinstance(value, int | float) else 0.0)
        self.box.blockSignals(False)

    def value(self) -> Any:
        return float(self.box.value())


class BoolEditor(ParamEditor):
    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox()
        self.layout_.addWidget(self.box)
        self.box.toggled.connect(lambda v: self.edited.emit(bool(v)))

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)

    def value(self) -> Any:
        return self.box.isChecked()


class ChoiceEditor(ParamEditor):
    """Choices; an optional bool is a choice too: None, True or False."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QComboBox()
        self.values: list[Any] = list(spec.choices) if spec.kind == "choice" else \
            [None, True, False]
        for v in self.values:
            self.box.addItem(str(v))
        self.layout_.addWidget(self.box)
        self.box.activated.connect(lambda i: self.edited.emit(self.values[i]))

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        if value in self.values:
            self.box.setCurrentIndex(self.values.index(value))
        self.box.blockSignals(False)

    def value(self) -> Any:
        return self.values[self.box.currentIndex()]


class Int2Editor(ParamEditor):
    """An int or a (height, width) pair as two fields; 'same'/'valid' where allowed.

    A square is one number: while the width equals the height, it follows the height as
    it is typed (5 means 5×5); typing another width makes a rectangle."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.mode: QComboBox | None = None
        if spec.strings:
            self.mode = QComboBox()
            self.mode.addItems(["size", *spec.strings])
            self.mode.setMinimumWidth(64)
            self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.mode.setMinimumContentsLength(4)
            self.layout_.addWidget(self.mode)
            self.mode.activated.connect(self._changed)
        self.h, self.w = _int_spin(spec), _int_spin(spec)
        self.h.setToolTip(fill(translate("Int2Editor", "%1: height"), spec.name))
        self.w.setToolTip(fill(translate("Int2Editor", "%1: width"), spec.name))
        self.layout_.addWidget(self.h, 1)
        self.layout_.addWidget(QLabel("×"))
        self.layout_.addWidget(self.w, 1)
        self._square = self.h.value()  # the height the width was equal to, if it was
        self.h.valueChanged.connect(self._height_changed)
        self.w.valueChanged.connect(self._changed)

    def _height_changed(self, value: int) -> None:
        if self.w.value() == self._square:
            self.w.blockSignals(True)
            self.w.setValue(value)
            self.w.blockSignals(False)
        self._square = value
        self._changed()

    def _changed(self, *_args: object) -> None:
        self._sync_enabled()
        self.edited.emit(self.value())

    def _sync_enabled(self) -> None:
        numeric = self.mode is None or self.mode.currentIndex() == 0
        self.h.setEnabled(numeric)
        self.w.setEnabled(numeric)

    def set_value(self, value: Any) -> None:
        for box in (self.h, self.w, self.mode):
            if box is not None:
                box.blockSignals(True)
        if isinstance(value, str) and self.mode is not None:
            self.mode.setCurrentText(value)
        else:
            if self.mode is not None:
                self.mode.setCurrentIndex(0)
            pair = value if isinstance(value, list) else [value, value]
            self.h.setValue(int(pair[0]) if isinstance(pair[0], int) else 1)
            self.w.setValue(int(pair[1]) if isinstance(pair[1], int) else 1)
        self._square = self.h.value()
        for box in (self.h, self.w, self.mode):
            if box is not None:
                box.blockSignals(False)
        self._sync_enabled()

    def value(self) -> Any:
        if self.mode is not None and self.mode.currentIndex() > 0:
            return self.mode.currentText()
        h, w = int(self.h.value()), int(self.w.value())
        return h if h == w else [h, w]


class TextEditor(ParamEditor):
    """Free text, or (kind 'shape') dimensions typed as '1, 32, 32'."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        if spec.kind == "shape":
            self.line.setPlaceholderText("e.g. 1, 32, 32")
        self.layout_.addWidget(self.line)
        self.line.editingFinished.connect(self._finished)
        self._shown: Any = None

    def _finished(self) -> None:
        value = self.value()
        if value is None:
            self.line.setStyleSheet("border: 1px solid #D32F2F;")
            self.line.setToolTip(translate("TextEditor",
                                           "write 1 to 4 positive whole numbers, e.g. 1, 32, 32"))
            return
        self.line.setStyleSheet("")
        if value != self._shown:
            self.edited.emit(value)

    def set_value(self, value: Any) -> None:
        self._shown = value
        self.line.setStyleSheet("")
        if self.spec.kind in ("shape", "ints") and isinstance(value, list):
            self.line.setText(", ".join(str(v) for v in value))
        else:
            self.line.setText("" if value is None else str(value))

    def value(self) -> Any:
        text = self.line.text()
        if self.spec.kind == "ints":  # '3' or '3, 3, 3' or '0, 2, 3, 1'
            if text.strip() in self.spec.strings:
                return text.strip()
            nums = [p for p in re.split(r"[\s,×xX*()\[\]]+", text) if p]
            if not nums or not all(re.fullmatch(r"-?\d+", p) for p in nums):
                return None
            return int(nums[0]) if len(nums) == 1 else [int(p) for p in nums]
        if self.spec.kind != "shape":
            return text
        parts = [p for p in re.split(r"[\s,×xX*()\[\]]+", text) if p]
        if not 1 <= len(parts) <= 4 or not all(p.isdigit() and int(p) > 0 for p in parts):
            return None
        return [int(p) for p in parts]


class OptionalEditor(ParamEditor):
    """A value that may be None: a checkbox turns the inner editor on or off."""

    def __init__(self, spec: ParamSpec, inner: ParamEditor, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.inner = inner
        self.check = QCheckBox()
        self.check.setToolTip(
            fill(translate("OptionalEditor", "give %1 a value (unchecked: None)"), spec.name)
        )
        self.layout_.addWidget(self.check)
        self.layout_.addWidget(inner, 1)
        self.check.toggled.connect(self._toggled)
        inner.edited.connect(lambda v: self.edited.emit(v) if self.check.isChecked() else None)

    def _toggled(self, on: bool) -> None:
        self.inner.setEnabled(on)
        self.edited.emit(self.inner.value() if on else None)

    def set_value(self, value: Any) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(value is not None)
        self.check.blockSignals(False)
        self.inner.setEnabled(value is not None)
        if value is not None:
            self.inner.set_value(value)
        elif isinstance(self.inner, Int2Editor | IntEditor):
            self.inner.set_value(int(self.spec.minimum or 1))

    def value(self) -> Any:
        return self.inner.value() if self.check.isChecked() else None


_EDITORS: dict[str, type[ParamEditor]] = {
    "int": IntEditor,
    "float": FloatEditor,
    "bool": BoolEditor,
    "choice": ChoiceEditor,
    "int2": Int2Editor,
    "shape": TextEditor,
    "str": TextEditor,
    "ints": TextEditor,
}


def make_editor(spec: ParamSpec) -> ParamEditor:
    """The editor for one parameter, wrapped in an on/off switch where None is allowed."""
    if spec.kind == "bool" and spec.optional:
        return ChoiceEditor(spec)
    editor = _EDITORS[spec.kind](spec)
    if spec.optional or (spec.default is None and not spec.required):
        return OptionalEditor(spec, editor)
    return editor
