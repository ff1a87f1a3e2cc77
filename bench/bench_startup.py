"""Start-up: how long after launch the shapes are there, against importing torch alone.

Three fresh processes, interleaved and repeated (the machine is shared, so medians):

- baseline: `python -c "import torch"`, the least any PyTorch-exact shape check can cost;
- validate: `netbuilder validate resources/examples/lenet.json`, start to exit;
- canvas: the editor opened on the same file (offscreen Qt), from launch until conv1's
  shape is painted on the canvas (the window shows first; torch loads in a thread).

Printed in seconds, with each as a ratio of the baseline (issue 11 aims at ≤ 1.3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LENET = ROOT / "resources" / "examples" / "lenet.json"
REPEATS = 5

# The real entry point (`netbuilder FILE` runs gui.app.main); a timer on the app polls
# until conv1 shows a shape, stamps the time and quits.
CANVAS = r"""
import sys, time
import netbuilder.gui.app as gui_app

make_app = gui_app.make_app

def poll():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    for w in QApplication.topLevelWidgets():
        node = getattr(getattr(w, "scene", None), "nodes", {}).get("conv1")
        if node is not None and node._texts["shape"] not in ("", "…"):
            w.repaint()
            print(time.time(), node._texts["shape"], flush=True)
            QApplication.instance().quit()
            return
    QTimer.singleShot(5, poll)

def make_and_poll(argv):
    from PySide6.QtCore import QTimer

    app = make_app(argv)
    QTimer.singleShot(0, poll)
    return app

gui_app.make_app = make_and_poll
gui_app.main([sys.argv[1]])
"""


def _seconds(args: list[str], env: dict[str, str], stamped: bool = False) -> float:
    """Wall seconds from launch to exit, or to the time the child printed (stamped)."""
    start = time.time()
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True,
                         timeout=300).stdout
    return float(out.split()[0]) - start if stamped else time.time() - start


def main() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    # The editor reads its settings: a throw-away folder keeps the user's out of it.
    env["XDG_CONFIG_HOME"] = str(ROOT / "build" / "bench-config")
    runs: dict[str, list[float]] = {"import torch": [], "validate": [], "canvas": []}
    py = sys.executable
    for _ in range(REPEATS):
        runs["import torch"].append(_seconds([py, "-c", "import torch"], env))
        runs["validate"].append(_seconds([py, "-m", "netbuilder", "validate", str(LENET)], env))
        runs["canvas"].append(_seconds([py, "-c", CANVAS, str(LENET)], env, stamped=True))
    base = statistics.median(runs["import torch"])
    print(f"{'from launch to':<44}{'s (median of ' + str(REPEATS) + ')':>18}{'/ import torch':>16}")
    labels = {"import torch": "torch imported (python -c 'import torch')",
              "validate": "`netbuilder validate lenet.json` done",
              "canvas": "LeNet's shapes on the editor's canvas"}
    for key, label in labels.items():
        med = statistics.median(runs[key])
        print(f"{label:<44}{med:>18.2f}{med / base:>16.2f}")


if __name__ == "__main__":
    main()
