"""The window shows before torch has loaded, and GUI modules never import it themselves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.gui.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]

# torch's import is held at a gate until the window is up: if anything on the GUI thread
# imported torch, the script would hang there and the test would time out. The gate sits
# in the loader's exec_module, which runs without Python's global import lock, so other
# imports on either thread go on as usual.
GATED = r"""
import importlib.abc, importlib.machinery, sys, threading, time
gate = threading.Event()

class GatedLoader(importlib.abc.Loader):
    def __init__(self, real):
        self.real = real
    def create_module(self, spec):
        return self.real.create_module(spec)
    def exec_module(self, module):
        gate.wait(120)
        self.real.exec_module(module)

class Gate(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "torch":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        spec.loader = GatedLoader(spec.loader)
        return spec

sys.meta_path.insert(0, Gate())
from netbuilder.gui.app import make_app
app = make_app([])
from netbuilder.gui.main_window import MainWindow
window = MainWindow()
window.files.open_path(sys.argv[1])
window.show()
app.processEvents()
print("visible", window.isVisible(), "torch_ready", window.document.torch_ready,
      "status", window.check_label.text(), "shape", window.scene.nodes["conv1"]._texts["shape"])
gate.set()
deadline = time.monotonic() + 120
while not window.document.torch_ready and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
app.processEvents()
print("ready", window.document.torch_ready, "status", window.check_label.text(),
      "shape", window.scene.nodes["conv1"]._texts["shape"])
window.document.undo_stack.setClean()
"""


def _run(code: str, *args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=240, cwd=ROOT, env=env)


def test_window_appears_before_torch_and_checks_when_it_arrives(tmp_path: Path) -> None:
    result = _run(GATED, str(EXAMPLES / "lenet.json"), tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[-2:]
    assert first == "visible True torch_ready False status Loading PyTorch… shape …"
    assert second == "ready True status ✓ valid network shape N×6×28×28"


def test_gui_modules_do_not_import_torch(tmp_path: Path) -> None:
    code = ("import sys\n"
            "import netbuilder.gui.app, netbuilder.gui.main_window\n"
            "bad = [m for m in ('torch', 'netbuilder.core.shapes', 'netbuilder.core.compiler',"
            " 'netbuilder.core.codegen', 'netbuilder.core.export') if m in sys.modules]\n"
            "print(bad)\n")
    result = _run(code, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
