"""Render the editor with the LeNet example to docs/images/editor-1366x768.png.

Runs the real main window — offscreen on a virtual screen of --size by default, or in a
real X window when DISPLAY is set (then the screen is the display's) — and lets the
window size itself from the screen as it does for a user. It waits for the shape
check, selects conv2 so the inspector shows its form and shapes, shows the Summary
table, and grabs the window. With --view Training --train S it starts training and grabs
the window S seconds into the run. Settings go to a temporary folder, so your own theme
or text size does not change it.
Usage: .venv/bin/python scripts/screenshot_editor.py [OUT.png] [--dark] [--size 1366x768]
       [--example lenet] [--select conv2] [--tab Summary] [--view Network] [--train 0]
       [--import torchvision.models:resnet18 --input-shape 3,224,224]  (File > Import PyTorch
       Model..., shown with its groups collapsed: docs/images/imported_resnet18.png)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?",
                        default=str(ROOT / "docs" / "images" / "editor-1366x768.png"))
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--size", default="1366x768", help="the virtual screen (offscreen)")
    parser.add_argument("--example", default="lenet")
    parser.add_argument("--select", default="conv2")
    parser.add_argument("--tab", default="Summary", help="bottom panel to show")
    parser.add_argument("--view", default="Network", help="Network, Training or Autograd")
    parser.add_argument("--train", type=float, default=0.0,
                        help="start training and grab this many seconds into the run")
    parser.add_argument("--import", dest="spec", help="import this model instead")
    parser.add_argument("--input-shape", default="", help="for --import, e.g. 3,224,224")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    if not os.environ.get("DISPLAY"):
        screen = Path(tempfile.mkdtemp(prefix="nb-screen-")) / "screen.json"
        screen.write_text(json.dumps({"screens": [{
            "name": "shot", "x": 0, "y": 0, "width": width, "height": height,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="nb-shot-"))
    from netbuilder.gui.app import make_app
    from netbuilder.gui.main_window import MainWindow

    app = make_app([])
    window = MainWindow()
    window.set_theme("dark" if args.dark else "light")
    example = ROOT / "resources" / "examples" / f"{args.example}.json"
    if not args.spec and not window.files.open_path(example):
        print(f"cannot open {example}", file=sys.stderr)
        return 1
    window.show()
    deadline = time.monotonic() + 180
    while not window.document.torch_ready and time.monotonic() < deadline:
        settle(app, 0.1)
    if args.spec:
        window.importer.start(args.spec, args.input_shape)
        while window.importer.busy and time.monotonic() < deadline:
            settle(app, 0.1)
        if isinstance(window.importer.last_result, str):
            print(window.importer.last_result, file=sys.stderr)
            return 1
    for dock in window.docks():
        if dock.windowTitle().startswith(args.tab):
            dock.raise_()
    if args.select and args.select in window.document.graph:
        window.document.select([args.select])
    settle(app)
    window.canvas_view.show_graph()
    if args.spec:
        window.canvas_view.fit_to_view()  # the whole imported network, blocks collapsed
    settle(app)
    window.show_view(args.view)
    if args.train > 0:
        training = window.extra_panels["Training"]
        training.start()
        settle(app, args.train)
    settle(app)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    size = window.frameGeometry().size()
    print(f"wrote {out} (window {size.width()}×{size.height()} on a {width}×{height} screen, "
          f"{app.platformName()})")
    if args.train > 0:
        window.extra_panels["Training"].shutdown()
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
