"""Lesson files: the five of resources/lessons load in both languages, and a malformed
file is refused with a message that names what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netbuilder.core import i18n
from netbuilder.lessons.engine import LessonRun, Workspace
from netbuilder.lessons.model import (
    LessonError,
    lesson_files,
    load_lesson,
    load_lessons,
    parse_lesson,
    pick,
)

LESSONS = Path(__file__).resolve().parents[2] / "resources" / "lessons"


def test_the_five_lessons_load_with_chinese_and_english_texts() -> None:
    lessons, errors = load_lessons(lesson_files(LESSONS))
    assert errors == []
    assert [lesson.id for lesson in lessons] == ["tensors", "autograd", "lenet", "train",
                                                "zero-grad"]
    for lesson in lessons:
        assert set(lesson.title) == {"en", "zh_CN"}
        for step in lesson.steps:
            assert set(step.text) == {"en", "zh_CN"}, (lesson.id, step.id)
            assert all(set(c) == {"en", "zh_CN"} for c in step.choices)
    assert pick(lessons[1].title, "zh_CN") == "2. 自动求导：PyTorch 如何求梯度"
    assert pick(lessons[1].title, "fr") == "2. Autograd: how PyTorch finds gradients"


def _minimal(**step: object) -> dict:
    return {"format": "netbuilder-lesson", "id": "t", "title": "T",
            "steps": [{"id": "s", "text": "do it", "check": {"kind": "run"}, **step}]}


@pytest.mark.parametrize(("data", "words"), [
    ({"format": "other"}, "not a lesson"),
    ({**_minimal(), "steps": []}, "at least one step"),
    (_minimal(check={"kind": "guess"}), "check needs a kind"),
    (_minimal(text={"zh_CN": "只有中文"}), "English text"),
    (_minimal(check={"kind": "choice", "answer": 3}, choices=["a", "b"]), "index of one"),
])
def test_malformed_lessons_say_what_is_wrong(data: dict, words: str) -> None:
    with pytest.raises(LessonError, match=words):
        parse_lesson(data, "mine.json")


def test_messages_follow_the_language(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "other"}))
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(LessonError, match="不是课程文件"):
            load_lesson(path)
    finally:
        i18n.set_language(None)


def test_next_only_after_a_passing_check() -> None:
    lesson = parse_lesson({"format": "netbuilder-lesson", "id": "t", "title": "T", "steps": [
        {"id": "a", "text": "x", "check": {"kind": "tensor", "name": "x.grad",
                                           "all_equal": 4.5}},
        {"id": "b", "text": "y", "check": {"kind": "run"}}]})
    run = LessonRun(lesson, Workspace())
    assert not run.check().ok and not run.advance()
    run.workspace.run("x = torch.ones(2, 2, requires_grad=True)")
    result = run.check()
    assert not result.ok and "backward" in result.message
    run.workspace.run("out = ((x + 2) * (x + 2) * 3).mean()\nout.backward()")
    assert run.check().ok and run.advance() and run.step.id == "b"
