"""The GUI's training modules wait for Start to import torch, so the window shows before
torch has loaded. That the training package never imports Qt is
held by tests/core/test_no_qt.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI_MODULES = ["netbuilder.gui.training.panel", "netbuilder.gui.training.form",
               "netbuilder.gui.training.worker", "netbuilder.gui.training.results",
               "netbuilder.gui.training.plots", "netbuilder.training.settings",
               "netbuilder.training.control", "netbuilder.training.session",
               "netbuilder.cli.train"]


def test_training_panel_imports_without_torch() -> None:
    script = ("import importlib, json, os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
              f"for m in {GUI_MODULES!r}: importlib.import_module(m)\n"
              "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'torch')))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == []
