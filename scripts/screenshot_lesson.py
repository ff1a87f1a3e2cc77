"""Show the editor for the README's pictures of the Chinese UI and of a lesson.

Run it in a real X window (the README's pictures were taken on a virtual screen with
Xvfb) with the language of your choice, e.g.

    LANG=zh_CN.UTF-8 .venv/bin/python scripts/screenshot_lesson.py --select conv1
    LANG=zh_CN.UTF-8 .venv/bin/python scripts/screenshot_lesson.py --lesson autograd --run

It opens an example, selects a layer (the inspector shows why it has its shape), and
with --lesson opens the Lessons panel on that lesson, --run pressing Run so its
autograd graph is drawn. Settings go to a temporary folder. It stays open until closed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="lenet")
    parser.add_argument("--select", default="")
    parser.add_argument("--lesson", default="")
    parser.add_argument("--step", type=int, default=0)
    parser.add_argument("--run", action="store_true")
    args = parser.parse_args()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="netbuilder-shot-"))
    from netbuilder.gui.app import make_app
    from netbuilder.gui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.files.open_path(ROOT / "resources" / "examples" / f"{args.example}.json",
                           as_example=True)
    window.showMaximized()

    def arrange() -> None:
        if args.select:
            window.document.select([args.select])
            window.history_dock.hide()  # room for the inspector's "why this shape"
            QTimer.singleShot(1000, lambda: window.inspector.verticalScrollBar().setValue(
                window.inspector.verticalScrollBar().maximum()))
        if args.lesson:
            lessons = window.lessons
            window.inspector_dock.hide()
            window.history_dock.hide()
            window.lessons_dock.show()
            window.resizeDocks([window.lessons_dock], [560], Qt.Orientation.Horizontal)
            lessons.lesson_box.setCurrentIndex(lessons.lesson_index(args.lesson))
            for _ in range(args.step):
                lessons.run.index += 1
            lessons.show_step()
            if args.run:
                lessons.run_code()
                lessons.check()

    QTimer.singleShot(1500, arrange)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
