"""Start the editor: `netbuilder [FILE]` (see cli.py) or `netbuilder-gui`.

The window is shown before torch has loaded (the Document imports it in a thread), so
nothing here, nor in the modules it imports, imports torch or the modules that do
(core.shapes, core.compiler, core.codegen, core.export).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

APP_NAME = "NetBuilder"
DESKTOP_ID = "netbuilder"  # matches packaging/netbuilder.desktop, for the window icon


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, set up once: names for QSettings, high-DPI, icon, palette."""
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
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    files = [a for a in args if not a.startswith("-")]
    app = make_app([a for a in args if a.startswith("-")])
    from netbuilder.gui.main_window import MainWindow

    window = MainWindow()
    if files:
        window.files.open_path(files[0])  # before show: the window opens on the file
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
