"""The GUI's language follows LANG, and View ▸ Language overrides it: a real start-up of
the app (make_app, the window) in a child process with the locale set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication, QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from netbuilder.gui.app import make_app
app = make_app()
if len(sys.argv) > 2:
    QSettings().setValue("ui/language", sys.argv[2])
    from netbuilder.gui import i18n
    i18n.install(i18n.chosen_language())
from netbuilder.gui.main_window import MainWindow
w = MainWindow()
lessons = w.lessons
print(json.dumps({
    "menus": [a.text() for a in w.menuBar().actions()],
    "buttons": [lessons.run_button.text(), lessons.check_button.text(),
                lessons.next_button.text()],
    "docks": [d.windowTitle() for d in w.docks()],
    "language": [a.text() for a in w.language_actions.values()],
}, ensure_ascii=False))
w.document.undo_stack.setClean()
"""


def probe(tmp_path: Path, lang: str, choice: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    args = [sys.executable, "-c", PROBE, str(tmp_path)] + ([choice] if choice else [])
    run = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("lang", ["zh_CN.UTF-8"])
def test_a_chinese_locale_gives_a_chinese_window(tmp_path: Path, lang: str) -> None:
    seen = probe(tmp_path, lang)
    assert seen["buttons"] == ["运行", "检查", "下一步 ▶"]
    assert "跟随系统(&S)" in seen["language"]


def test_an_english_locale_gives_english(tmp_path: Path) -> None:
    seen = probe(tmp_path, "en_US.UTF-8")
    assert seen["buttons"] == ["Run", "Check", "Next ▶"]
    assert seen["menus"][:2] == ["&File", "&Edit"]


def test_view_language_overrides_the_locale(tmp_path: Path) -> None:
    assert probe(tmp_path, "en_US.UTF-8", "zh_CN")["buttons"][0] == "运行"
    assert probe(tmp_path, "zh_CN.UTF-8", "en")["buttons"][0] == "Run"


def test_the_language_menu_saves_the_choice(window) -> None:  # noqa: ANN001 - MainWindow
    from PySide6.QtCore import QSettings

    window.language_actions["zh_CN"].trigger()
    assert QSettings().value("ui/language") == "zh_CN"
    assert "重新启动" in window.statusBar().currentMessage()
    window.language_actions["system"].trigger()
    assert QSettings().value("ui/language") == "system"
