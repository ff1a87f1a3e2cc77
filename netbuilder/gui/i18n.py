"""The GUI's language: the system locale unless View ▸ Language chose one.

The GUI's own texts go through Qt's tools: `self.tr(...)` in widgets and
`QCoreApplication.translate(context, ...)` elsewhere, collected by `pyside6-lupdate` into
resources/translations/netbuilder_<lang>.ts, which translators edit (Qt Linguist or any
text editor). The compiled .qm files are never committed: `make` builds them with
`pyside6-lrelease` (the Makefile's install step), and if one is missing or older than its
.ts the app compiles it on first use, next to the .ts when that folder is writable, else
in the user's cache folder. The core's messages use the catalogues of
netbuilder/core/i18n.py, switched here to the same language. docs/i18n.md has the steps.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QStandardPaths,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from netbuilder.core import i18n
from netbuilder.gui.style.resources import resources_dir

SETTING = "ui/language"  # "system", or a code of i18n.LANGUAGES
PREFIX = "netbuilder_"

_installed: list[QTranslator] = []


def chosen_language(settings: QSettings | None = None) -> str:
    """The language the GUI uses now: the saved choice, else the environment's."""
    choice = str((settings or QSettings()).value(SETTING, "system") or "system")
    if choice in i18n.LANGUAGES:
        return choice
    return i18n.system_language()


def ts_file(lang: str) -> Path | None:
    root = resources_dir()
    path = root / "translations" / f"{PREFIX}{lang}.ts" if root else None
    return path if path and path.is_file() else None


def _lrelease() -> str | None:
    here = Path(sys.executable).parent / "pyside6-lrelease"
    if here.is_file():
        return str(here)
    return shutil.which("pyside6-lrelease")


def compiled(lang: str) -> Path | None:
    """The .qm of `lang`, compiled from its .ts now if it is missing or out of date."""
    ts = ts_file(lang)
    if ts is None:
        return None
    cache = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation) or Path.home() / ".cache")
    for folder in (ts.parent, cache / "translations"):
        qm = folder / f"{PREFIX}{lang}.qm"
        if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    tool = _lrelease()
    if tool is None:
        return None
    for folder in (ts.parent, cache / "translations"):
        qm = folder / f"{PREFIX}{lang}.qm"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            run = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)],
                                 capture_output=True, check=False, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if run.returncode == 0 and qm.is_file():
            return qm
    return None


def install(lang: str) -> bool:
    """Translate the GUI (ours and Qt's standard dialogs) and the core's messages into
    `lang` from now on; English removes the translators. True if ours loaded."""
    app = QCoreApplication.instance()
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(lang if lang != i18n.ENGLISH else "en_US"))
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == i18n.ENGLISH:
        return False
    ours = QTranslator(app)
    qm = compiled(lang)
    loaded = qm is not None and ours.load(str(qm))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded


def choose(lang: str | None) -> None:
    """Remember View ▸ Language's choice (None: follow the system) for the next start."""
    QSettings().setValue(SETTING, lang or "system")


def add_language_menu(window: QMainWindow, view_menu: QMenu) -> dict[str, QAction]:
    """View ▸ Language: follow the system, or one of the languages. A choice is saved and
    applies from the next start (every window text is built once, when it opens)."""
    menu = view_menu.addMenu(QCoreApplication.translate("Language", "&Language"))
    group = QActionGroup(window)
    saved = str(QSettings().value(SETTING, "system") or "system")
    actions: dict[str, QAction] = {}
    entries = [("system", QCoreApplication.translate("Language", "Follow the &System")),
               *i18n.LANGUAGES.items()]
    for code, label in entries:
        action = QAction(label, window)
        action.setCheckable(True)
        action.setChecked(code == saved)
        action.triggered.connect(lambda _=False, c=code: _chosen(window, c))
        group.addAction(action)
        menu.addAction(action)
        actions[code] = action
    return actions


def _chosen(window: QMainWindow, code: str) -> None:
    choose(None if code == "system" else code)
    lang = i18n.system_language() if code == "system" else code
    # Said in the language chosen, so someone who cannot read the current one sees it.
    text = {"zh_CN": "界面语言已更改，重新启动 NetBuilder 后生效。"}.get(
        lang, "The language changes when NetBuilder starts again.")  # i18n: said in the new one
    window.statusBar().showMessage(text, 10000)
    box = QMessageBox(QMessageBox.Icon.Information, "NetBuilder", text,
                      QMessageBox.StandardButton.Ok, window)
    box.open()  # window-modal, not blocking: the caller (or a test) goes on


def fill(text: str, *values: object) -> str:
    """A translated text with its %1, %2, … filled in (what QString.arg does in C++), so
    a translation can put the values where its grammar wants them."""
    for i in range(len(values), 0, -1):  # %10 before %1
        text = text.replace(f"%{i}", str(values[i - 1]))
    return text
