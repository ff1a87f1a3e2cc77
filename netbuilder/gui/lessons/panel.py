"""The Lessons panel: one lesson at a time, one step at a time, each step checked.

The lessons are the data files of resources/lessons (docs/lessons.md); the engine
(netbuilder/lessons/engine.py) runs the student's code and the checks. This panel shows a
step's text in the current language, a code box with Run and Show me, the answers of a
question, the autograd graph of a tensor (drawn by the Autograd panel's own scene), and
moves on with Next only when Check passed. The checks read the real Document (graph,
shapes, selection) and the last training run, filled in just before each check.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.gui.autograd.items import DagGraphicsView, DagScene
from netbuilder.gui.editor.document import Document
from netbuilder.gui.i18n import fill
from netbuilder.gui.style.resources import examples, resources_dir
from netbuilder.lessons.engine import CheckResult, LessonRun, TrainingRecord, Workspace
from netbuilder.lessons.model import (
    Lesson,
    LessonError,
    lesson_files,
    load_lesson,
    load_lessons,
    pick,
)

if TYPE_CHECKING:
    from netbuilder.core.project import Project

OK_STYLE = "color:#2E7D32; font-weight:bold"
# The lesson files a teacher opened from elsewhere, listed again at the next start.
OWN_LESSONS_KEY = "lessons/files"
FAIL_STYLE = "color:#D32F2F"


def lesson_text(text: str) -> str:
    """A step's text as rich text: `code` in a fixed font, blank lines as paragraphs."""
    parts = [html.escape(p) for p in text.split("\n\n")]
    parts = [re.sub(r"`([^`]+)`", r"<code>\1</code>", p) for p in parts]
    return "".join(f"<p>{p}</p>" for p in parts)


class LessonsPanel(QWidget):
    """Runs the lessons in resources/lessons on the given Document."""

    stepChanged = Signal(int)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.lessons: list[Lesson] = []
        self.errors: list[str] = []
        self.run: LessonRun | None = None
        self.training: TrainingRecord | None = None
        # How a step's example replaces the project; the window sets one that asks to
        # save unsaved changes first (FileController.confirm_discard).
        self.project_opener: Callable[[Project], None] = (
            lambda project: document.replace_project(project, None))
        self._build()
        self.reload()

    # ---- building ------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.lesson_box = QComboBox()
        self.lesson_box.setToolTip(self.tr("Choose a lesson"))
        self.lesson_box.currentIndexChanged.connect(self.start_lesson)
        self.progress = QLabel()
        top.addWidget(self.lesson_box, 1)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Open a lesson file of your own (docs/lessons.md "
                                            "says how to write one)"))
        self.open_button.clicked.connect(self.browse_lesson)
        top.addWidget(self.open_button)
        top.addWidget(self.progress)
        lay.addLayout(top)
        self.file_problem = QLabel()  # a lesson file that did not load, and why
        self.file_problem.setWordWrap(True)
        self.file_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.file_problem.setStyleSheet(FAIL_STYLE)
        self.file_problem.hide()
        lay.addWidget(self.file_problem)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setForegroundRole(self.summary.foregroundRole().PlaceholderText)
        lay.addWidget(self.summary)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.text)
        self.project_button = QPushButton(self.tr("Open the lesson's network"))
        self.project_button.clicked.connect(self.open_step_project)
        lay.addWidget(self.project_button)
        self.code = QPlainTextEdit()
        self.code.setTabChangesFocus(True)
        self.code.setMinimumHeight(120)
        lay.addWidget(self.code, 2)
        code_row = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run the code (Ctrl+Enter)"))
        self.run_button.setShortcut("Ctrl+Return")
        self.run_button.clicked.connect(self.run_code)
        self.solution_button = QPushButton(self.tr("Show me"))
        self.solution_button.setToolTip(self.tr("Put a working answer in the code box"))
        self.solution_button.clicked.connect(self.show_solution)
        code_row.addWidget(self.run_button)
        code_row.addWidget(self.solution_button)
        code_row.addStretch(1)
        lay.addLayout(code_row)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setMaximumHeight(110)
        lay.addWidget(self.output)
        self.choices = QWidget()
        self.choice_layout = QVBoxLayout(self.choices)
        self.choice_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.choice_group.idClicked.connect(self._on_choice)
        lay.addWidget(self.choices)
        self.dag_scene = DagScene(self)
        self.dag_view = DagGraphicsView(self.dag_scene, self)
        self.dag_view.setMinimumHeight(220)
        lay.addWidget(self.dag_view, 3)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        nav = QHBoxLayout()
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.clicked.connect(self.go_back)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Check this step: Next unlocks when it passes"))
        self.check_button.clicked.connect(self.check)
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.clicked.connect(self.go_next)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.check_button)
        nav.addWidget(self.next_button)
        lay.addLayout(nav)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        """The step's text a little larger than the panel's, the code in a fixed font of
        the panel's size: set from the panel's font, so Present mode (a larger application
        font) enlarges them too."""
        base = self.font()
        text = QFont(base)
        text.setPointSizeF(base.pointSizeF() * 1.15)
        self.text.setFont(text)
        mono = QFont(base)
        mono.setFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
        self.code.setFont(mono)
        self.output.setFont(mono)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_fonts()

    # ---- lessons -------------------------------------------------------------------------
    def reload(self) -> None:
        """The built-in lessons, then the teacher's own files; a file that does not load
        is named with its fault, and the others are still there."""
        root = resources_dir()
        folder = root / "lessons" if root else None
        paths = lesson_files(folder) if folder and folder.is_dir() else []
        own = [Path(p) for p in _own_lesson_files()]
        self.lessons, self.errors = load_lessons([*paths, *(p for p in own if p.is_file())])
        self._list_lessons()
        if self.lessons:
            self.start_lesson(0)
        else:
            self.text.setText(html.escape("; ".join(self.errors))
                              or self.tr("No lessons found."))
        self._show_errors()

    def _list_lessons(self) -> None:
        self.lesson_box.blockSignals(True)
        self.lesson_box.clear()
        for lesson in self.lessons:
            self.lesson_box.addItem(pick(lesson.title))
            if lesson.path is not None:
                self.lesson_box.setItemData(self.lesson_box.count() - 1, str(lesson.path),
                                            Qt.ItemDataRole.ToolTipRole)
        self.lesson_box.blockSignals(False)

    def _show_errors(self, extra: list[str] | None = None) -> None:
        """The lesson files that did not load at start, and the one just opened if it
        did not."""
        shown = [*self.errors, *(extra or [])]
        self.file_problem.setText("\n".join(shown))
        self.file_problem.setVisible(bool(shown))

    def browse_lesson(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a lesson"), "",
                                              self.tr("Lessons (*.json);;All files (*)"))
        if path:
            self.open_lesson_file(Path(path))

    def open_lesson_file(self, path: Path) -> bool:
        """Add a teacher's lesson file to the list (remembered for the next start) and
        begin it; a file that does not load says why and changes nothing."""
        path = path.resolve()
        try:
            lesson = load_lesson(path)
        except LessonError as exc:
            self._show_errors([str(exc)])
            return False
        known = next((i for i, old in enumerate(self.lessons)
                      if old.path is not None and old.path.resolve() == path), None)
        if known is None:
            self.lessons.append(lesson)
            known = len(self.lessons) - 1
        else:
            self.lessons[known] = lesson  # opened again after an edit: read afresh
        own = [p for p in _own_lesson_files() if Path(p) != path]
        root = resources_dir()
        built_in = root is not None and path.parent == (root / "lessons").resolve()
        QSettings().setValue(OWN_LESSONS_KEY, own if built_in else [*own, str(path)])
        self._list_lessons()
        self.lesson_box.blockSignals(True)
        self.lesson_box.setCurrentIndex(known)
        self.lesson_box.blockSignals(False)
        self.start_lesson(known)
        self._show_errors()
        return True

    def start_lesson(self, index: int) -> None:
        if not 0 <= index < len(self.lessons):
            return
        if self.lesson_box.currentIndex() != index:
            self.lesson_box.setCurrentIndex(index)  # comes back here through the signal
            return
        lesson = self.lessons[index]
        self.run = LessonRun(lesson, Workspace())
        self.summary.setText(pick(lesson.summary))
        self.show_step()

    def lesson_index(self, lesson_id: str) -> int:
        return next(i for i, lesson in enumerate(self.lessons) if lesson.id == lesson_id)

    # ---- one step ------------------------------------------------------------------------
    def show_step(self) -> None:
        run = self.run
        if run is None:
            return
        step = run.step
        total = len(run.lesson.steps)
        self.progress.setText(self.tr("Step %1 of %2").replace("%1", str(run.index + 1))
                              .replace("%2", str(total)))
        self.text.setText(lesson_text(pick(step.text)))
        self.project_button.setVisible(bool(step.project))
        for widget in (self.code, self.run_button, self.output):
            widget.setVisible(step.has_code)
        self.solution_button.setVisible(bool(step.solution))
        if step.has_code:
            self.code.setPlainText(step.code or step.solution)
            self.output.setPlainText("")
        self._show_choices(step.choices)
        self.dag_view.setVisible(bool(step.show_dag))
        self.dag_scene.clear()
        self.result.setText("")
        self.hint.setText("")
        self._update_buttons()
        self.stepChanged.emit(run.index)

    def _show_choices(self, choices: list[dict[str, str]]) -> None:
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            button.deleteLater()
        for i, text in enumerate(choices):
            button = QRadioButton(pick(text))
            self.choice_group.addButton(button, i)
            self.choice_layout.addWidget(button)
        self.choices.setVisible(bool(choices))

    def _on_choice(self, index: int) -> None:
        if self.run is not None:
            self.run.workspace.answers[self.run.step.id] = index

    def choose(self, index: int) -> None:
        """Pick answer `index` as a click on its button would."""
        self.choice_group.button(index).click()

    def _update_buttons(self) -> None:
        run = self.run
        self.back_button.setEnabled(run is not None and run.index > 0)
        self.next_button.setEnabled(run is not None and run.can_advance())
        self.check_button.setEnabled(run is not None)

    # ---- actions -------------------------------------------------------------------------
    def run_code(self) -> None:
        if self.run is None:
            return
        ws = self.run.workspace
        ok = ws.run(self.code.toPlainText())
        self.output.setPlainText(ws.output + (f"\n{ws.error}" if ws.error else ""))
        if ok and self.run.step.show_dag:
            self.draw_dag(self.run.step.show_dag)

    def draw_dag(self, name: str) -> bool:
        """Draw the autograd graph of the namespace's tensor `name` (after its backward)."""
        from netbuilder.autograd.layout import layered_layout
        from netbuilder.autograd.tensor_dag import tensor_dag

        assert self.run is not None
        namespace = self.run.workspace.namespace
        try:
            dag = tensor_dag(namespace[name], namespace, name)
        except (KeyError, ValueError) as exc:
            self.result.setText(html.escape(str(exc)))
            return False
        self.dag = dag
        self.dag_scene.show_dag(dag, layered_layout(dag), False, False)
        self.dag_view.fit(min_scale=0.45)
        return True

    def show_solution(self) -> None:
        if self.run is not None and self.run.step.solution:
            self.code.setPlainText(self.run.step.solution)

    def open_step_project(self) -> None:
        """Open the step's example project, with the step's parameter changes."""
        if self.run is None or not self.run.step.project:
            return
        from netbuilder.core.graph import GraphError
        from netbuilder.core.project import ProjectError, load_project

        step = self.run.step
        lesson_path = self.run.lesson.path
        if step.project.endswith(".json") and lesson_path is not None:
            path: Path | None = lesson_path.parent / step.project  # beside the lesson file
        else:
            path = next((p for p in examples() if p.stem == step.project), None)
        if path is None or not path.is_file():
            self.result.setText(self.tr("The example %1 is missing.").replace("%1", step.project))
            return
        try:
            project = load_project(path)
            for key, value in step.project_params.items():
                node_id, param = key.split(".", 1)  # "fc1.in_features"
                project.graph.node(node_id).params[param] = value
        except (ProjectError, GraphError, OSError, ValueError) as exc:
            self.result.setText(html.escape(fill(
                self.tr("This step's network does not open: %1"), exc)))
            return
        self.project_opener(project)

    def set_training_result(self, result: Any) -> None:
        """The history of a training run that ended (a trainer.TrainResult)."""
        if result is None or not getattr(result, "epochs", None):
            return
        self.training = TrainingRecord(
            [e.train_loss for e in result.epochs],
            [e.val_accuracy for e in result.epochs if e.val_accuracy is not None])

    def check(self) -> CheckResult | None:
        run = self.run
        if run is None:
            return None
        ws = run.workspace
        ws.graph = self.document.graph
        ws.analysis = self.document.analysis
        ws.selection = list(self.document.selection)
        ws.training = self.training
        result = run.check()
        mark = "✔ " if result.ok else "✘ "
        self.result.setText(f"<span style='{OK_STYLE if result.ok else FAIL_STYLE}'>"
                            f"{html.escape(mark + result.message)}</span>")
        if result.ok and run.index + 1 == len(run.lesson.steps):
            self.result.setText(self.result.text() + "<br>"
                                + html.escape(self.tr("Lesson complete!")))
        hint = pick(run.step.hint)
        self.hint.setText(html.escape(self.tr("Hint: %1").replace("%1", hint))
                          if hint and not result.ok else "")
        self._update_buttons()
        return result

    def go_next(self) -> None:
        if self.run is not None and self.run.advance():
            self.show_step()

    def go_back(self) -> None:
        if self.run is not None and self.run.back():
            self.show_step()


def _own_lesson_files() -> list[str]:
    value = QSettings().value(OWN_LESSONS_KEY, [])
    if isinstance(value, str):  # QSettings gives one remembered item back as a plain str
        value = [value]
    return [str(v) for v in value or []]
