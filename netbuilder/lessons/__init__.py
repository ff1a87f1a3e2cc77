"""Guided lessons: data files (resources/lessons/*.json, docs/lessons.md) and the Qt-free
engine that runs them, checking each step against the real project, tensors and
training results before the student moves on. The Lessons panel (netbuilder/gui/lessons)
shows them."""
