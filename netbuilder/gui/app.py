"""Start the editor: `netbuilder [FILE]` (see cli.py) or `netbuilder-gui`.

The window is shown before torch has loaded (the Document imports it in a thread), so
nothing here, nor in the modules it imports, imports torch or the modules that do
(core.shapes, core.compiler, core.codegen, core.export).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

APP_NAME = "NetBuilder"
DESKTOP_ID = "netbuilder"  # matches packaging/netbuilder.desktop, for the window icon


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, set up once: names for QSettings, high-DPI, icon, palette."""
    # Qt is imported here, not at the top, so `main` can start torch's import first.
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "netbuilder", *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(DESKTOP_ID)
    from netbuilder.gui.style import theme
    from netbuilder.gui.style.icons import app_icon

    app.setWindowIcon(app_icon())
    theme.apply_palette(app, theme.resolve_dark(str(QSettings().value("ui/theme", "system"))))
    from netbuilder.gui import i18n

    i18n.install(i18n.chosen_language())  # before any window text is made
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = [a for a in args if not a.startswith("-")]
    from netbuilder.gui.torch_loader import preload_torch

    preload_torch()  # torch loads while Qt loads and builds the window
    app = make_app([a for a in args if a.startswith("-")])
    from netbuilder.gui.editor.recovery import Recovery
    from netbuilder.gui.main_window import MainWindow

    window = MainWindow()
    recovery = Recovery(window)  # autosaves unsaved work; removes it on a clean exit
    if files:
        window.files.open_path(files[0])  # before show: the window opens on the file
    window.show()
    recovery.offer_or_reopen(opened_a_file=bool(files))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
