"""A lesson as data: its steps, their texts in each language and their checks.

The file format (docs/lessons.md) is JSON; `load_lesson` reads and validates one file
and names the first fault, so a teacher writing a lesson learns what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netbuilder.core.i18n import ENGLISH, _t, language
from netbuilder.core.text import json_error

FORMAT = "netbuilder-lesson"
CHECK_KINDS = ("run", "tensor", "value", "code_contains", "graph", "selection", "training",
               "choice", "all")


class LessonError(ValueError):
    """A lesson file that cannot be used; the message says where and why."""


Text = dict[str, str]  # language code -> text; "en" is required


def pick(text: Text | None, lang: str | None = None) -> str:
    """The text in `lang` (the current language by default), English if it has none."""
    if not text:
        return ""
    lang = lang or language()
    return text.get(lang) or text.get(ENGLISH, "")


@dataclass
class Step:
    id: str
    text: Text
    check: dict[str, Any]
    # what the code box starts with, and what "Show me" puts there (and the tests run),
    # by language: a comment in the starter code reads in the student's language
    code_text: Text = field(default_factory=dict)
    solution_text: Text = field(default_factory=dict)
    hint: Text = field(default_factory=dict)
    choices: list[Text] = field(default_factory=list)
    show_dag: str = ""  # a tensor's name: draw its autograd graph after a run
    project: str = ""  # an example project the step opens (resources/examples/NAME.json)
    project_params: dict[str, Any] = field(default_factory=dict)  # "node.param": value

    @property
    def code(self) -> str:
        return pick(self.code_text)

    @property
    def solution(self) -> str:
        return pick(self.solution_text)

    @property
    def has_code(self) -> bool:
        return bool(self.code or self.solution)


@dataclass
class Lesson:
    id: str
    title: Text
    summary: Text
    steps: list[Step]
    path: Path | None = None


def _text(value: Any, where: str) -> Text:
    if isinstance(value, str):
        return {ENGLISH: value}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise LessonError(_t("{where}: expected a text or an object of texts by language",
                             where=where))
    if ENGLISH not in value:
        raise LessonError(_t("{where}: the English text (\"en\") is missing", where=where))
    return dict(value)


def _check(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or value.get("kind") not in CHECK_KINDS:
        raise LessonError(_t("{where}: check needs a kind, one of {kinds}", where=where,
                             kinds=", ".join(CHECK_KINDS)))
    if value["kind"] == "all":
        for i, part in enumerate(value.get("checks", [])):
            _check(part, f"{where}.checks[{i}]")
    return value


def _code(value: Any, where: str) -> Text:
    """Code as a string, a list of lines, or either of them by language."""
    if isinstance(value, dict):
        if ENGLISH not in value:
            raise LessonError(_t("{where}: the English text (\"en\") is missing", where=where))
        return {lang: _lines(v) for lang, v in value.items()}
    return {ENGLISH: _lines(value)} if value else {}


def _lines(value: Any) -> str:
    return "\n".join(map(str, value)) if isinstance(value, list) else str(value or "")


def parse_lesson(data: Any, source: str = "lesson") -> Lesson:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LessonError(_t("{source}: not a lesson (\"format\" must be \"{format}\")",
                             source=source, format=FORMAT))
    steps = []
    for i, raw in enumerate(data.get("steps") or []):
        where = f"{source}: steps[{i}]"
        if not isinstance(raw, dict) or not raw.get("id"):
            raise LessonError(_t("{where}: a step needs an id", where=where))
        check = _check(raw.get("check"), where)
        choices = [_text(c, f"{where}.choices") for c in raw.get("choices", [])]
        if check["kind"] == "choice" and not 0 <= int(check.get("answer", -1)) < len(choices):
            raise LessonError(_t("{where}: the answer must be the index of one of the "
                                 "choices", where=where))
        steps.append(Step(
            id=str(raw["id"]), text=_text(raw.get("text"), where), check=check,
            code_text=_code(raw.get("code"), f"{where}.code"),
            solution_text=_code(raw.get("solution"), f"{where}.solution"),
            hint=_text(raw["hint"], where) if "hint" in raw else {}, choices=choices,
            show_dag=str(raw.get("show_dag", "")), project=str(raw.get("project", "")),
            project_params=dict(raw.get("project_params", {}))))
    if not steps:
        raise LessonError(_t("{source}: a lesson needs at least one step", source=source))
    ids = [s.id for s in steps]
    if len(set(ids)) != len(ids):
        raise LessonError(_t("{source}: two steps have the same id", source=source))
    return Lesson(str(data.get("id") or source), _text(data.get("title"), f"{source}: title"),
                  _text(data.get("summary", ""), f"{source}: summary")
                  if data.get("summary") else {}, steps)


def load_lesson(path: str | Path) -> Lesson:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:  # a teacher's typo: say where, in their language
        raise LessonError(_t("{file}: not valid JSON at line {line}, column {column}: "
                             "{error}{end}", file=path.name, line=exc.lineno,
                             column=exc.colno, error=json_error(exc.msg), end="")) from None
    except (OSError, ValueError) as exc:
        raise LessonError(_t("{file}: cannot read it: {reason}", file=path.name,
                             reason=exc)) from None
    lesson = parse_lesson(data, path.name)
    lesson.path = path
    return lesson


def lesson_files(folder: str | Path) -> list[Path]:
    """The lesson files of `folder`, in file-name order (01-…, 02-…)."""
    return sorted(Path(folder).glob("*.json"))


def load_lessons(paths: Iterable[Path]) -> tuple[list[Lesson], list[str]]:
    """The lessons of these files, in order, and the first fault of each file that does not
    load: one broken file hides no other lesson."""
    lessons, errors = [], []
    for path in paths:
        try:
            lessons.append(load_lesson(path))
        except LessonError as exc:
            errors.append(str(exc))
    return lessons, errors
