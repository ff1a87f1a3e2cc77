"""Nothing lost on a crash: a real app process is edited, killed with SIGKILL, and the
next launch offers the autosaved work back; a clean exit leaves no recovery file; the
last project reopens at launch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.gui.conftest import EXAMPLES, example_copy

ROOT = Path(__file__).resolve().parents[2]

# A timer can only be set once the QApplication exists: start `fn` from make_app.
AFTER_APP = r"""
def after_app(fn):
    make_app = gui_app.make_app

    def make(argv):
        app = make_app(argv)
        QTimer.singleShot(0, fn)
        return app

    gui_app.make_app = make
"""

# Launch as `netbuilder FILE` does (gui.app.main); once the shapes are there, change
# fc1 through the undo stack as the inspector does, then wait to be killed.
EDIT_AND_WAIT = r"""
import sys
import netbuilder.gui.app as gui_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from netbuilder.core.edits import SetParam

def edit():
    windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "document")]
    if not windows or not windows[0].document.torch_ready:
        QTimer.singleShot(50, edit)
        return
    doc = windows[0].document
    doc.push(SetParam("fc1", "out_features", 99))
    doc.push(SetParam("fc2", "in_features", 99))
    print("edited", doc.modified, flush=True)

after_app(edit)
gui_app.main(sys.argv[1:])
"""

# Launch with no file; answer the recovery offer with Restore, report what came back,
# save it, and quit cleanly (closing the window).
RESTORE_SAVE_QUIT = r"""
import sys
import netbuilder.gui.app as gui_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

def answer():
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "document")]
    if not boxes:
        QTimer.singleShot(50, answer)
        return
    box, window = boxes[0], windows[0]
    print("offer", box.text(), flush=True)
    restore = [b for b in box.buttons() if b.text() == "Restore"][0]
    restore.click()
    doc = window.document
    print("restored", doc.graph.nodes["fc1"].params["out_features"], doc.modified,
          doc.path.name if doc.path else None, flush=True)
    window.files.save()
    window.close()

after_app(answer)
sys.exit(gui_app.main([]))
"""

REPORT_AND_QUIT = r"""
import sys
import netbuilder.gui.app as gui_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

def report():
    windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "document")]
    if not windows or not windows[0].isVisible():
        QTimer.singleShot(50, report)
        return
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    doc = windows[0].document
    print("opened", doc.path.name if doc.path else None,
          doc.graph.nodes["fc1"].params["out_features"] if "fc1" in doc.graph.nodes else None,
          "offer" if boxes else "no offer", flush=True)
    windows[0].close()

after_app(report)
sys.exit(gui_app.main([]))
"""


def _with_hook(script: str) -> str:
    head, tail = script.split("\ndef ", 1)
    return head + AFTER_APP + "\ndef " + tail


def _env(tmp: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp / "config"),
                PYTHONPATH=str(ROOT))


def _recovery_files(tmp: Path) -> list[Path]:
    return sorted((tmp / "config").rglob("recovery/autosave-*.json"))


def test_killed_app_offers_its_work_back_and_a_clean_exit_leaves_nothing(
        tmp_path: Path) -> None:
    project = example_copy(tmp_path)
    before = project.read_bytes()
    app = subprocess.Popen([sys.executable, "-c", _with_hook(EDIT_AND_WAIT), str(project)],
                           cwd=ROOT, env=_env(tmp_path), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _recovery_files(tmp_path) and time.monotonic() < deadline:
            assert app.poll() is None, app.communicate()
            time.sleep(0.2)
        assert _recovery_files(tmp_path), "no recovery file within 120 s of launch"
    finally:
        app.send_signal(signal.SIGKILL)
        out, err = app.communicate(timeout=30)
    assert app.returncode == -signal.SIGKILL
    assert "edited True" in out, err
    assert project.read_bytes() == before  # the person's own file is never autosaved over

    second = subprocess.run([sys.executable, "-c", _with_hook(RESTORE_SAVE_QUIT)], cwd=ROOT,
                            env=_env(tmp_path), capture_output=True, text=True, timeout=240)
    assert second.returncode == 0, second.stderr
    offer, restored = second.stdout.splitlines()[-2:]
    assert offer.startswith("offer NetBuilder closed without saving lenet.json.")
    assert restored == "restored 99 True lenet.json"
    assert b'"out_features": 99' in project.read_bytes()  # saved by the person, not autosave
    assert _recovery_files(tmp_path) == []  # a clean exit removes it

    third = subprocess.run([sys.executable, "-c", _with_hook(REPORT_AND_QUIT)], cwd=ROOT,
                           env=_env(tmp_path), capture_output=True, text=True, timeout=240)
    assert third.returncode == 0, third.stderr
    assert third.stdout.splitlines()[-1] == "opened lenet.json 99 no offer"


def test_examples_folder_is_untouched() -> None:
    assert b'"out_features": 120' in (EXAMPLES / "lenet.json").read_bytes()
