"""Render the autograd DAG view for the course's LeNet to docs/images/autograd.png.

Runs offscreen (no display needed): opens LeNet in a Document, builds its DAG (MSELoss,
as the course does) in the panel's worker as the app does, selects conv2 as if clicked
on the canvas (its nodes light up), and grabs the panel. A second image shows the
gradient-norm colours with the step mode halfway through the backward pass.
Usage: .venv/bin/python scripts/screenshot_dag.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import netbuilder.core.shapes  # noqa: E402, F401 - torch loaded first, so checks run at once
from netbuilder.core.project import load_project  # noqa: E402
from netbuilder.gui.autograd.view import DagPanel  # noqa: E402
from netbuilder.gui.editor.document import Document  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "autograd.png"
    app = QApplication.instance() or QApplication(sys.argv)
    example = ROOT / "resources" / "examples" / "lenet.json"
    document = Document(load_project(example), example)
    panel = DagPanel(document)
    panel.resize(900, 1280)
    loop = QEventLoop()
    panel.dagReady.connect(lambda _dag: loop.quit())
    panel.buildFailed.connect(lambda _msg: loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    panel.set_loss("MSELoss")  # the course's criterion: MseLossBackward0 at the root
    panel.show()
    panel.refresh()
    loop.exec()
    if panel.dag is None:
        print("the DAG could not be built:", panel.status.text(), file=sys.stderr)
        return 1
    document.select(["conv2"])
    panel.view.fit()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = panel.grab().save(str(out))
    document.select([])
    panel.color_box.setCurrentIndex(1)  # colour by gradient norm
    for _ in range(12):
        panel.step_next()
    panel.view.fit()
    app.processEvents()
    steps = out.with_name(out.stem + "_steps" + out.suffix)
    ok = panel.grab().save(str(steps)) and ok
    panel.shutdown()
    print(f"wrote {out} and {steps}" if ok else f"could not write {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
