"""The Lessons panel, driven through its real widgets: every step of every lesson fails
its check before the student has done it and passes after; Next unlocks only then."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from netbuilder.gui.lessons.panel import LessonsPanel
from netbuilder.gui.main_window import MainWindow
from netbuilder.lessons.model import Step
from tests.gui.conftest import click
from tests.training.conftest import one_torch_thread  # noqa: F401 - autouse fixture

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

LESSONS = ["tensors", "autograd", "lenet", "train", "zero-grad"]


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The editor on LeNet with View ▸ Panels ▸ Lessons shown."""
    window.lessons_dock.show()
    return window


def press(qtbot: QtBot, button) -> None:  # noqa: ANN001 - a QPushButton
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def checked(qtbot: QtBot, panel: LessonsPanel) -> bool:
    press(qtbot, panel.check_button)
    return panel.run is not None and panel.run.step.id in panel.run.passed


def do(qtbot: QtBot, window: MainWindow, panel: LessonsPanel, step: Step) -> None:
    """What a student does for the step, with the widgets a student uses."""
    kinds = {step.check["kind"], *(c["kind"] for c in step.check.get("checks", []))}
    if step.has_code:
        if step.solution:
            press(qtbot, panel.solution_button)
        press(qtbot, panel.run_button)
    if step.project:
        # The earlier lesson's edits are not worth keeping: saved as "clean", the window
        # opens the example without asking (its question is a modal box).
        window.document.undo_stack.setClean()
        press(qtbot, panel.project_button)
    if "selection" in kinds:
        item = window.scene.nodes[step.check["node"]]
        window.canvas_view.centerOn(item)
        click(window.canvas_view, item.sceneBoundingRect().center())
    if "graph" in kinds and step.check.get("valid") and not step.project:
        fix = next(b for b in window.inspector.fix_buttons if "576" in b.text())
        press(qtbot, fix)
    if "training" in kinds:
        training = window.extra_panels["Training"]
        window.show_view("Training")
        training.form.edit("epochs", step.check["min_epochs"])
        with qtbot.waitSignal(training.modelTrained, timeout=120_000):
            assert training.start()
        qtbot.waitUntil(lambda: not training.is_running, timeout=10_000)
        assert panel.isVisible()  # the lesson stays in sight over the Training view
        window.show_view("Network")
    if "choice" in kinds:
        wrong = (step.check["answer"] + 1) % len(step.choices)
        panel.choose(wrong)
        assert not checked(qtbot, panel), "a wrong answer passed"
        panel.choose(step.check["answer"])


def test_every_step_of_every_lesson_checks_what_was_done(qtbot: QtBot, window: MainWindow
                                                          ) -> None:
    panel = window.lessons
    assert [lesson.id for lesson in panel.lessons] == LESSONS
    seen = 0
    for index, lesson in enumerate(panel.lessons):
        panel.lesson_box.setCurrentIndex(index)
        assert panel.run is not None and panel.run.lesson is lesson
        for n, step in enumerate(lesson.steps):
            assert panel.run.index == n
            assert not checked(qtbot, panel), f"{lesson.id}/{step.id} passed before it was done"
            assert "✘" in panel.result.text()
            assert not panel.next_button.isEnabled()
            do(qtbot, window, panel, step)
            assert checked(qtbot, panel), f"{lesson.id}/{step.id}: {panel.result.text()}"
            assert "✔" in panel.result.text()
            seen += 1
            if n + 1 < len(lesson.steps):
                press(qtbot, panel.next_button)
    assert seen == sum(len(lesson.steps) for lesson in panel.lessons) >= 15


def test_autograd_lesson_draws_the_real_graph_with_x_grad_4_5(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    panel = window.lessons
    panel.lesson_box.setCurrentIndex(panel.lesson_index("autograd"))
    assert not panel.dag_scene.items()
    press(qtbot, panel.run_button)
    names = sorted(node.name for node in panel.dag.nodes)
    assert names == ["AccumulateGrad", "AddBackward0", "MeanBackward0", "MulBackward0",
                     "MulBackward0"]
    assert panel.dag.root.name == "MeanBackward0"
    leaf = next(node for node in panel.dag.nodes if node.kind == "leaf")
    assert leaf.param == "x" and leaf.grad_norm == pytest.approx(9.0)  # ‖[4.5]*4‖
    assert len(panel.dag_scene.nodes) == 5
    x = panel.run.workspace.namespace["x"]
    assert x.grad.tolist() == [[4.5, 4.5], [4.5, 4.5]]
    assert "4.5000" in panel.output.toPlainText()
    assert checked(qtbot, panel)


def test_a_wrong_tensor_shape_is_named_in_the_result(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.lessons
    panel.lesson_box.setCurrentIndex(0)
    panel.code.setPlainText("images = torch.randn(4, 28, 28)")
    press(qtbot, panel.run_button)
    assert not checked(qtbot, panel)
    assert "4×28×28" in panel.result.text() and "4×1×28×28" in panel.result.text()
    panel.code.setPlainText("images = torch.randn(4, 1, 28")
    press(qtbot, panel.run_button)
    assert "SyntaxError" in panel.output.toPlainText()
    assert not checked(qtbot, panel)


def test_present_mode_enlarges_the_lesson(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.lessons
    before = (panel.text.font().pointSizeF(), panel.code.font().pointSizeF())
    window.act.presentation.trigger()
    qtbot.waitUntil(lambda: panel.text.font().pointSizeF() > before[0] * 1.2, timeout=5000)
    assert panel.code.font().pointSizeF() > before[1] * 1.2
    assert panel.code.font().fixedPitch() or panel.code.font().families()
    window.act.presentation.trigger()
    qtbot.waitUntil(lambda: abs(panel.text.font().pointSizeF() - before[0]) < 0.01,
                    timeout=5000)


def test_a_teachers_own_lesson_file_opens_and_is_remembered(
        qtbot: QtBot, window: MainWindow, make_window, tmp_path) -> None:  # noqa: ANN001
    """A teacher writes a lesson beside a network of their own, opens it with Open…, and
    the class works through it; a broken file is named with its fault and loses nothing;
    the lesson is listed again at the next start."""
    import json
    import shutil

    from tests.gui.conftest import example_copy

    net = example_copy(tmp_path, "two_layer_net")
    shutil.move(net, tmp_path / "my_net.json")
    lesson = {
        "format": "netbuilder-lesson", "version": 1, "id": "mine",
        "title": {"en": "My lesson", "zh_CN": "我的课"},
        "steps": [
            {"id": "sum", "text": {"en": "Make `s` the sum of 1, 2 and 3."},
             "code": "s = ...", "solution": "s = torch.tensor([1., 2., 3.]).sum()",
             "check": {"kind": "tensor", "name": "s", "equals": 6.0}},
            {"id": "open", "text": "Open the network.", "project": "my_net.json",
             "check": {"kind": "graph", "params": {"linear1.in_features": 1000}}},
        ],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(lesson), encoding="utf-8")
    panel = window.lessons
    built_in = len(panel.lessons)

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "netbuilder-lesson", "steps": [{"text": "no id"}]}')
    assert not panel.open_lesson_file(broken)
    assert panel.file_problem.isVisible() and "broken.json" in panel.file_problem.text()
    assert len(panel.lessons) == built_in  # nothing lost, nothing added

    assert panel.open_lesson_file(path)
    assert not panel.file_problem.isVisible()
    assert panel.lesson_box.currentText() == "My lesson" and len(panel.lessons) == built_in + 1
    assert not checked(qtbot, panel)  # "s = ..." is not 6 yet
    press(qtbot, panel.solution_button)
    press(qtbot, panel.run_button)
    assert checked(qtbot, panel)
    press(qtbot, panel.next_button)
    assert not checked(qtbot, panel)  # LeNet is open, not the teacher's net
    window.document.undo_stack.setClean()
    press(qtbot, panel.project_button)  # the network beside the lesson file
    assert checked(qtbot, panel)

    # a built-in lesson opened through Open… is not listed twice next time
    built_in_file = panel.lessons[0].path
    assert built_in_file is not None and panel.open_lesson_file(built_in_file)
    assert len(panel.lessons) == built_in + 1

    again = make_window(None)
    titles = [again.lessons.lesson_box.itemText(i) for i in range(again.lessons.lesson_box.count())]
    assert titles[-1] == "My lesson" and len(titles) == built_in + 1


def test_starter_code_reads_in_the_students_language(window: MainWindow) -> None:
    from netbuilder.core.i18n import set_language

    panel = window.lessons
    set_language("zh_CN")
    try:
        panel.start_lesson(0)
        assert "# 把形状补全" in panel.code.toPlainText()
    finally:
        set_language(None)
    panel.start_lesson(1)
    panel.start_lesson(0)
    assert "# fill in the shape" in panel.code.toPlainText()


def test_a_lesson_file_with_a_json_typo_is_named_with_its_line_in_chinese(
        window: MainWindow, tmp_path, chinese) -> None:  # noqa: ANN001
    bad = tmp_path / "typo.json"
    bad.write_text('{"format": "netbuilder-lesson",\n "steps": [,]}', encoding="utf-8")
    assert not window.lessons.open_lesson_file(bad)
    text = window.lessons.file_problem.text()
    assert "typo.json" in text and "第 2 行" in text and "Expecting" not in text, text
