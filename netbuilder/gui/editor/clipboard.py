"""The system clipboard for copy and paste; what travels is netbuilder.core.clipboard's.

The clipboard gets plain text, not a QMimeData made in Python, which Qt would destroy
after the interpreter is gone (a crash at exit).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from netbuilder.core.clipboard import payload_from_text, payload_text


def copy_to_clipboard(payload: dict[str, Any]) -> None:
    QApplication.clipboard().setText(payload_text(payload))


def payload_from_clipboard() -> dict[str, Any] | None:
    """The copied layers, or None if the clipboard holds something else."""
    return payload_from_text(QApplication.clipboard().text())
