"""Running a lesson: the student's code, the checks, and moving on only when one passes.

`Workspace` is everything a check may look at: the namespace the student's code ran in
(real tensors), the project's graph and its shape analysis, the canvas selection, the
last training run's history, and the answers chosen. The GUI fills it from the real
Document and Training panel; tests fill it the same way. `LessonRun` holds which step
is current and refuses to advance past a step whose check fails.
"""

from __future__ import annotations

import contextlib
import io
import math
import traceback
from dataclasses import dataclass, field
from typing import Any

from netbuilder.core.i18n import _t
from netbuilder.lessons.model import Lesson, Step


@dataclass
class TrainingRecord:
    """What a finished (or stopped) training run left: one value per epoch."""

    train_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return len(self.train_loss)


@dataclass
class Workspace:
    namespace: dict[str, Any] = field(default_factory=dict)
    output: str = ""
    error: str = ""
    code: str = ""  # the code last run
    graph: Any = None  # core.graph.Graph
    analysis: Any = None  # core.shapes.Analysis
    selection: list[str] = field(default_factory=list)
    training: TrainingRecord | None = None
    answers: dict[str, int] = field(default_factory=dict)

    def run(self, code: str) -> bool:
        """Run the student's code in the lesson's namespace; keep its printout or error."""
        if not self.namespace:
            self.namespace.update(_fresh_namespace())
        self.code = code
        out = io.StringIO()
        self.error = ""
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(code, "<lesson>", "exec"), self.namespace)  # noqa: S102
        except Exception as exc:  # noqa: BLE001 - the student's mistake, shown to them
            frames = [f for f in traceback.extract_tb(exc.__traceback__)
                      if f.filename == "<lesson>"]
            line = _t(" (line {n})", n=frames[-1].lineno) if frames else ""
            self.error = f"{type(exc).__name__}: {exc}{line}"
        self.output = out.getvalue()
        return not self.error


def _fresh_namespace() -> dict[str, Any]:
    import torch
    import torch.nn.functional as F  # noqa: N812 - as the course writes it
    from torch import nn

    return {"torch": torch, "nn": nn, "F": F, "__name__": "lesson"}


@dataclass
class CheckResult:
    ok: bool
    message: str


def resolve(namespace: dict[str, Any], name: str) -> Any:
    """`x.grad` or `grads` in the namespace, attribute by attribute (no eval)."""
    head, *rest = name.split(".")
    if head not in namespace:
        raise KeyError(_t("there is no {name} yet — run the code first", name=head))
    value = namespace[head]
    for attr in rest:
        value = getattr(value, attr, None)
        if value is None:
            raise KeyError(_t("{name} is None — has backward() run?", name=name))
    return value


def _close(a: Any, b: Any, tol: float) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_close(x, y, tol) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=tol, abs_tol=tol)
    return bool(a == b)


def _plain(value: Any) -> Any:
    """Tensors as lists of numbers, so a check compares what the student would print."""
    tolist = getattr(value, "tolist", None)
    return tolist() if callable(tolist) else value


def check_step(step: Step, ws: Workspace) -> CheckResult:
    return _check(step.check, step, ws)


def _check(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    kind = spec["kind"]
    try:
        return _CHECKS[kind](spec, step, ws)
    except KeyError as exc:
        return CheckResult(False, str(exc.args[0]) if exc.args else str(exc))


def _run(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    if ws.error:
        return CheckResult(False, _t("the code stopped with an error: {error}", error=ws.error))
    for name in spec.get("names", []):
        resolve(ws.namespace, name)
    return CheckResult(True, _t("the code ran"))


def _tensor(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    ran = _run(spec, step, ws)
    if not ran.ok:
        return ran
    name = spec["name"]
    value = resolve(ws.namespace, name)
    shape = list(getattr(value, "shape", []))
    if "shape" in spec and shape != list(spec["shape"]):
        return CheckResult(False, _t("{name} has shape {got}, not {want}", name=name,
                                     got=_dims(shape), want=_dims(spec["shape"])))
    tol = float(spec.get("tolerance", 1e-4))
    if "all_equal" in spec:
        flat = value.detach().flatten().tolist() if hasattr(value, "detach") else [value]
        if not flat or not all(_close(v, spec["all_equal"], tol) for v in flat):
            return CheckResult(False, _t("{name} is {got}: every element should be {want}",
                                         name=name, got=_plain(value),
                                         want=spec["all_equal"]))
    if "equals" in spec and not _close(_plain(value), spec["equals"], tol):
        return CheckResult(False, _t("{name} is {got}, not {want}", name=name,
                                     got=_plain(value), want=spec["equals"]))
    return CheckResult(True, _t("{name} is right", name=name))


def _dims(shape: list[int]) -> str:
    return "×".join(map(str, shape)) or _t("a single number")


def _value(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    return _tensor(spec, step, ws)


def _code_contains(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    text = spec["text"]
    if text not in ws.code:
        return CheckResult(False, _t("your code does not use {text} yet", text=text))
    return CheckResult(True, _t("your code uses {text}", text=text))


def _graph(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    graph = ws.graph
    if graph is None:
        return CheckResult(False, _t("open a network first"))
    counts: dict[str, int] = {}
    for node in graph:
        counts[node.type] = counts.get(node.type, 0) + 1
    for type_name, least in spec.get("types", {}).items():
        if counts.get(type_name, 0) < least:
            return CheckResult(False, _t("the network needs at least {n} {type} layer(s); it "
                                         "has {have}", n=least, type=type_name,
                                         have=counts.get(type_name, 0)))
    for key, want in spec.get("params", {}).items():
        node_id, param = key.split(".", 1)
        if node_id not in graph:
            return CheckResult(False, _t("there is no node {node}", node=node_id))
        got = graph.node(node_id).params.get(param)
        if got != want:
            return CheckResult(False, _t("{node}.{param} is {got}; it should be {want}",
                                         node=node_id, param=param, got=got, want=want))
    if spec.get("valid"):
        if ws.analysis is None:
            return CheckResult(False, _t("the shapes are not checked yet"))
        if ws.analysis.diagnostics:
            return CheckResult(False, _t("the network still has a problem: {message}",
                                         message=ws.analysis.diagnostics[0].message))
    return CheckResult(True, _t("the network is right"))


def _selection(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    want = spec["node"]
    if ws.selection != [want]:
        return CheckResult(False, _t("select {node} on the canvas (and nothing else)",
                                     node=want))
    return CheckResult(True, _t("{node} is selected", node=want))


def _training(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    run = ws.training
    least = int(spec.get("min_epochs", 1))
    if run is None or run.epochs < least:
        return CheckResult(False, _t("train for at least {n} epochs (done: {done})", n=least,
                                     done=run.epochs if run else 0))
    if spec.get("loss_decreased") and not run.train_loss[-1] < run.train_loss[0]:
        return CheckResult(False, _t("the loss did not go down ({first:.3f} → {last:.3f}): "
                                     "try a larger learning rate or more epochs",
                                     first=run.train_loss[0], last=run.train_loss[-1]))
    return CheckResult(True, _t("trained {n} epochs: loss {first:.3f} → {last:.3f}",
                                n=run.epochs, first=run.train_loss[0],
                                last=run.train_loss[-1]))


def _choice(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    chosen = ws.answers.get(step.id)
    if chosen is None:
        return CheckResult(False, _t("choose an answer"))
    if chosen != int(spec["answer"]):
        return CheckResult(False, _t("not this one — think again"))
    return CheckResult(True, _t("right"))


def _all(spec: dict[str, Any], step: Step, ws: Workspace) -> CheckResult:
    result = CheckResult(True, "")
    for part in spec.get("checks", []):
        result = _check(part, step, ws)
        if not result.ok:
            return result
    return result


_CHECKS = {"run": _run, "tensor": _tensor, "value": _value, "code_contains": _code_contains,
           "graph": _graph, "selection": _selection, "training": _training,
           "choice": _choice, "all": _all}


class LessonRun:
    """One pass through a lesson: the current step, and which steps have passed."""

    def __init__(self, lesson: Lesson, workspace: Workspace | None = None) -> None:
        self.lesson = lesson
        self.workspace = workspace or Workspace()
        self.index = 0
        self.passed: set[str] = set()

    @property
    def step(self) -> Step:
        return self.lesson.steps[self.index]

    @property
    def finished(self) -> bool:
        return len(self.passed) == len(self.lesson.steps)

    def check(self) -> CheckResult:
        result = check_step(self.step, self.workspace)
        if result.ok:
            self.passed.add(self.step.id)
        else:
            self.passed.discard(self.step.id)
        return result

    def can_advance(self) -> bool:
        return self.step.id in self.passed and self.index + 1 < len(self.lesson.steps)

    def advance(self) -> bool:
        """To the next step, only if this one's check passed."""
        if not self.can_advance():
            return False
        self.index += 1
        return True

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True
