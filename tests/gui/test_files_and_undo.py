"""Undo restores the saved file byte for byte; files open, save and fail cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from netbuilder.core.graph import Edge
from netbuilder.core.project import dumps
from netbuilder.gui.main_window import MainWindow
from netbuilder.gui.style.resources import examples
from tests.gui.conftest import EXAMPLES, MakeWindow, click, drag
from tests.gui.helpers import choose, set_param, settle, type_into
from tests.gui.test_canvas import centre, drop_layer, in_port, out_port

CTRL = Qt.KeyboardModifier.ControlModifier


def key(window: MainWindow, k: Qt.Key, mods: Qt.KeyboardModifier = CTRL) -> None:
    window.canvas_view.setFocus()
    QTest.keyClick(window.canvas_view, k, mods)


def twenty_edits(window: MainWindow) -> None:
    """Twenty edits of every kind, made through the widgets; each one undo step."""
    doc, view, scene = window.document, window.canvas_view, window.scene
    stack = doc.undo_stack
    steps: list[str] = []

    def done() -> None:
        assert stack.count() == len(steps) + 1, (steps, stack.undoText())
        steps.append(stack.undoText())

    # Empty canvas to the right of the whole network: drops there land on nothing.
    free = QPointF(scene.itemsBoundingRect().right() + 200, centre(window, "pool2").y())
    view.centerOn(free)
    drop_layer(window, "Conv2d", view.mapFromScene(free))
    done()  # 1 Add Conv2d conv3
    doc.select([])  # with conv3 still selected, the ReLU would connect after it
    view.centerOn(free + QPointF(0, 70))
    drop_layer(window, "ReLU", view.mapFromScene(free + QPointF(0, 140)))
    done()  # 2 Add ReLU relu5
    drag(view, out_port(window, "pool2"), in_port(window, "conv3"))
    done()  # 3 Connect
    drag(view, out_port(window, "conv3"), in_port(window, "relu5"))
    done()  # 4 Connect
    set_param(window, "conv3", "groups", "2")  # in_channels was filled in on connecting
    done()  # 5
    set_param(window, "conv3", "out_channels", "32")
    done()  # 6
    type_into(window.inspector.editors["kernel_size"].w, "5")
    done()  # 7 kernel_size [3, 5]
    type_into(window.inspector.editors["stride"].h, "2")
    done()  # 8 stride [2, 1]
    choose(window.inspector.editors["padding"].mode, "same")
    done()  # 9 padding "same", after stride in the dict
    view.centerOn(centre(window, "conv1"))
    drag(view, centre(window, "conv1"), centre(window, "conv1") + QPointF(-150, 20))
    done()  # 10 Move conv1
    window.document.select(["relu4"])
    type_into(window.inspector.id_edit, "act4")
    done()  # 11 Rename
    edge = scene.edges[Edge("conv3", "relu5")]
    point = edge._path.pointAtPercent(0.3)
    view.centerOn(point)
    click(view, point)
    key(window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    done()  # 12 Disconnect
    doc.select(["conv1", "relu1"])
    key(window, Qt.Key.Key_C)
    key(window, Qt.Key.Key_V)
    done()  # 13 Paste 2 nodes
    key(window, Qt.Key.Key_D)
    done()  # 14 Duplicate
    key(window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    done()  # 15 Delete the duplicates
    set_param(window, "conv2", "out_channels", "20")
    done()  # 16 an invalid edit
    settle()  # the Fix button is shown and laid out from the event loop
    QTest.mouseClick(window.problems.fix_buttons["fc1"], Qt.MouseButton.LeftButton)
    done()  # 17 Fix
    doc.select(["conv3"])
    settle()  # new form rows are shown and laid out from the event loop
    QTest.mouseClick(window.inspector.reset_buttons["padding"], Qt.MouseButton.LeftButton)
    done()  # 18 reset a parameter in the middle of the dict
    window.act.tidy.trigger()
    done()  # 19 Tidy layout
    palette = window.palette_panel
    palette.search.setText("drop")
    palette.search.setFocus()
    QTest.keyClick(palette.search, Qt.Key.Key_Return)
    done()  # 20 Add Dropout
    assert len(steps) == 20
    assert steps[0] == "Add Conv2d conv3" and steps[10] == "Rename relu4 → act4"


def test_twenty_mixed_edits_undo_to_the_saved_bytes_and_redo_to_the_edited(
        window: MainWindow, lenet_file: Path, tmp_path: Path) -> None:
    saved = lenet_file.read_bytes()
    twenty_edits(window)
    assert window.isWindowModified()
    edited_path = tmp_path / "edited.json"
    edited_path.write_text(dumps(window.document.project), encoding="utf-8")
    edited = edited_path.read_bytes()
    assert edited != saved
    for i in range(20):
        key(window, Qt.Key.Key_Z)
        assert window.document.undo_stack.index() == 19 - i
    assert not window.isWindowModified()
    assert window.act.undo.isEnabled() is False
    assert window.files.save()
    assert lenet_file.read_bytes() == saved
    redo_keys = [(Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)]
    for i in range(20):
        key(window, *redo_keys[i % 2])
        assert window.document.undo_stack.index() == i + 1
    assert dumps(window.document.project).encode("utf-8") == edited
    assert window.files.save_to(tmp_path / "redone.json")
    assert (tmp_path / "redone.json").read_bytes() == edited
    # the scene followed every step back and forth
    assert set(window.scene.nodes) == set(window.document.graph.nodes)
    assert set(window.scene.edges) == set(window.document.graph.edges)


def test_edit_menu_names_each_step(window: MainWindow) -> None:
    set_param(window, "fc1", "in_features", "576")
    assert window.act.undo.text().replace("&", "") == "Undo Set fc1.in_features = 576"
    window.act.undo.trigger()
    assert window.act.redo.text().replace("&", "") == "Redo Set fc1.in_features = 576"
    assert window.history.model().rowCount() == 2  # "<opened>" and the one step


@pytest.mark.parametrize("path", examples(), ids=lambda p: p.stem)
def test_open_then_save_is_byte_identical(make_window: MakeWindow, tmp_path: Path,
                                          path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    window = make_window(copy)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert window.last_message == f"Saved {path.name}"
    assert copy.read_bytes() == path.read_bytes()
    assert window.files.save_to(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("content, words", [
    (b'{"format": "netbuilder-project", "version": 1, "nodes": [', "not valid JSON"),
    (b'{"format": "something-else", "version": 1}', "not a NetBuilder project"),
    (b'{"format": "netbuilder-project", "version": 1, "nodes": [{"id": "a", "type": "Conv4d"}]}',
     "unknown layer type 'Conv4d'"),
    (b"\xff\xfe\x00", "not a text (UTF-8) file"),
])
def test_malformed_file_leaves_the_open_project_as_it_was(
        window: MainWindow, tmp_path: Path, content: bytes, words: str) -> None:
    doc = window.document
    set_param(window, "fc1", "out_features", "100")
    before = (doc.project, dumps(doc.project), doc.path, doc.undo_stack.count(),
              window.windowTitle(), window.isWindowModified(), list(doc.selection))
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert not window.files.open_path(bad)
    box = window.files.last_error
    assert box is not None and box.isVisible()
    assert str(bad) in box.text() and words in box.text()
    assert (doc.project, dumps(doc.project), doc.path, doc.undo_stack.count(),
            window.windowTitle(), window.isWindowModified(), list(doc.selection)) == before
    assert set(window.scene.nodes) == set(doc.graph.nodes)
    box.close()


def test_title_shows_file_name_and_unsaved_mark(window: MainWindow, lenet_file: Path) -> None:
    assert window.windowTitle() == "lenet.json[*] — NetBuilder"
    assert not window.isWindowModified()
    set_param(window, "fc1", "out_features", "100")
    assert window.isWindowModified()
    window.act.undo.trigger()
    assert not window.isWindowModified()


def test_new_recent_and_examples(window: MainWindow, lenet_file: Path) -> None:
    files = window.files
    assert files.recent_files()[0] == lenet_file.resolve()
    recent = [a.text() for a in window.act.recent_menu.actions()]
    assert str(lenet_file.resolve()) in recent
    titles = [a.text() for a in window.act.examples_menu.actions()]
    assert len(titles) == len(examples()) and any(t.startswith("LeNet") for t in titles)
    window.act.examples_menu.actions()[0].trigger()
    assert window.document.path is None
    assert window.windowTitle().endswith("(unsaved)[*] — NetBuilder")
    window.act.new.trigger()
    assert set(window.document.graph.nodes) == {"input", "output"}
    assert window.document.undo_stack.count() == 0


def test_closing_with_unsaved_changes_asks(window: MainWindow) -> None:
    set_param(window, "fc1", "out_features", "100")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    window.close()
    assert window.isVisible() and asked == ["Save the changes to lenet.json before closing it?"]
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    window.close()
    assert not window.isVisible() and len(asked) == 2


def test_export_writes_code_and_weights_that_load(window: MainWindow, tmp_path: Path) -> None:
    import torch

    code, weights = window.files.export_to(tmp_path / "lenet.py")
    source = code.read_text(encoding="utf-8")
    assert "class LeNet(nn.Module)" in source
    state = torch.load(weights, weights_only=True)
    assert state["conv1.weight"].shape == (6, 1, 5, 5)
    assert "Exported lenet.py" in window.last_message



def test_export_dialog_writes_every_chosen_format_from_the_same_weights(
        window: MainWindow, tmp_path: Path) -> None:
    """A person opens File ▸ Export, names the file, ticks ONNX, the torch.export program
    and the training script, and presses Export."""
    import numpy as np
    import torch

    from netbuilder.gui.editor.export_dialog import ExportDialog
    from tests.training.test_export_formats import import_file, run_onnx

    window.files.export()
    dialog = window.files.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    dialog.path_edit.setText(str(tmp_path / "lenet.py"))
    for name in ("onnx", "program", "train_script"):
        dialog.boxes[name].setChecked(True)
    assert dialog.files.text() == \
        "Writes lenet.py, lenet.pt, lenet.onnx, lenet.pt2, train_lenet.py"
    dialog.accept()
    for name in ("lenet.py", "lenet.pt", "lenet.onnx", "lenet.pt2", "train_lenet.py"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert "from lenet import LeNet" in (tmp_path / "train_lenet.py").read_text()
    model = import_file(tmp_path / "lenet.py", "gui_exported_lenet").LeNet().eval()
    model.load_state_dict(torch.load(tmp_path / "lenet.pt", weights_only=True), strict=True)
    x = torch.randn(3, 1, 32, 32)
    with torch.no_grad():
        expected = model(x)
    np.testing.assert_allclose(run_onnx(tmp_path / "lenet.onnx", x.numpy()), expected.numpy(),
                               rtol=1e-4, atol=1e-5)
    program = torch.export.load(tmp_path / "lenet.pt2").module()
    torch.testing.assert_close(program(x), expected)
    assert "lenet.onnx" in window.last_message


def test_examples_dir_is_the_repository_one() -> None:
    assert examples() and examples()[0].parent == EXAMPLES
