"""Nothing lost on a crash: unsaved work autosaved to a recovery file, offered back.

While the project has unsaved changes, it is written (atomically) to a recovery file of
this process — never over the person's own file — at most AUTOSAVE_MS after an edit.
Saving, New, Open and a clean exit remove it. At launch, a recovery file whose process is
no longer running is what a crash (or `kill -9`) left: the window offers to restore it.
With nothing to recover and no file named on the command line, the last project reopens.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from netbuilder.core.project import (
    ProjectError,
    from_dict,
    process_alive,
    to_dict,
    write_atomic,
)
from netbuilder.gui.i18n import fill

if TYPE_CHECKING:
    from netbuilder.gui.main_window import MainWindow

AUTOSAVE_MS = 3000  # the issue allows 30 s; 3 s loses less and costs a few ms per write
MARK = "netbuilder-recovery"


def recovery_dir() -> Path:
    """Beside the app's settings (so a test's isolated settings isolate this too)."""
    return Path(QSettings().fileName()).resolve().parent / "recovery"


def orphans() -> list[Path]:
    """Recovery files left by processes that are gone, newest first."""
    found = []
    for path in recovery_dir().glob("autosave-*.json"):
        try:
            pid = int(path.stem.removeprefix("autosave-"))
        except ValueError:
            continue
        if not process_alive(pid):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


class Recovery(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.path = recovery_dir() / f"autosave-{os.getpid()}.json"
        self.offer: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        self.document.changed.connect(self._changed)
        self.document.undo_stack.cleanChanged.connect(self._clean_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.discard)

    # ---- writing -----------------------------------------------------------------------
    def _changed(self) -> None:
        # Not restarted by later edits: the file is never more than AUTOSAVE_MS behind.
        if self.document.modified and not self.timer.isActive():
            self.timer.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.timer.stop()
            self.discard()

    def autosave(self) -> None:
        if not self.document.modified:
            self.discard()
            return
        path = self.document.path
        data = {"format": MARK, "path": str(path) if path else None, "time": time.time(),
                "project": to_dict(self.document.project)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            self.window.show_message(fill(self.tr("Could not autosave for recovery: %1"),
                                          exc.strerror or exc))

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    # ---- at launch ---------------------------------------------------------------------
    def offer_or_reopen(self, opened_a_file: bool) -> None:
        """Offer what a crash left; else, if no file was named, reopen the last project."""
        for path in orphans():
            info = _read(path)
            if info is None:
                path.unlink(missing_ok=True)
                continue
            self._offer(path, info)
            return
        if not opened_a_file:
            recent = self.window.files.recent_files()
            if recent and recent[0].is_file():
                self.window.files.open_path(recent[0])

    def _offer(self, path: Path, info: dict[str, Any]) -> None:
        name = Path(info["path"]).name if info.get("path") else \
            fill(self.tr("%1 (never saved)"), info["project"].get("name") or self.tr("Untitled"))
        # ISO date and time: readable in every language without a locale's month names
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.get("time", 0)))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Recover unsaved work"),
                          fill(self.tr("NetBuilder closed without saving %1. Its changes were "
                                       "autosaved at %2. Restore them?"), name, when),
                          QMessageBox.StandardButton.NoButton, self.window)
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.finished.connect(lambda _r: self._answered(box.clickedButton() is restore, path,
                                                       info))
        box.open()
        self.offer = box

    def _answered(self, restore: bool, path: Path, info: dict[str, Any]) -> None:
        if restore:
            project = from_dict(info["project"])
            self.document.replace_project(project, info.get("path"))
            self.document.undo_stack.resetClean()  # unsaved until the person saves
            self.document.changed.emit()
            self.window.after_open()
            self.window.update_title()
            self.window.show_message(self.tr("Restored the autosaved changes — save to keep them"))
        path.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, Any] | None:
    """A recovery file's contents, or None if it is damaged (it is then dropped)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(info, dict) or info.get("format") != MARK:
            return None
        from_dict(info["project"])
    except (OSError, ValueError, KeyError, ProjectError, RecursionError):
        return None
    return info
