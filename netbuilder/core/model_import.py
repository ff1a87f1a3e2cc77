"""From a model spec to a checked project: `torchvision.models:resnet18` or `net.py:Net`.

The spec names a callable (a class or a factory) that is called with no arguments. The
imported graph is checked before anything is written: the shape check must pass, the
generated code must build, and its state_dict must have the original's keys and shapes,
so an import either gives a network that loads the original's weights or fails whole.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from netbuilder.core.compiler import compile_graph
from netbuilder.core.export import weights_problem
from netbuilder.core.fx_import import import_module
from netbuilder.core.fx_ops import ImportFailure
from netbuilder.core.i18n import _t
from netbuilder.core.layout import layered_positions
from netbuilder.core.project import Project
from netbuilder.core.shapes import analyze

__all__ = ["ImportFailure", "ImportResult", "SpecError", "import_model", "load_spec"]


class SpecError(ValueError):
    """A spec that does not name a callable giving an nn.Module."""


@dataclass
class ImportResult:
    project: Project
    model: nn.Module  # the original, as the spec made it
    state: dict[str, torch.Tensor] | None = None  # weights to store beside the project
    notes: list[str] = field(default_factory=list)


def load_spec(spec: str) -> nn.Module:
    """Call what `spec` names ('pkg.module:callable' or 'path/file.py:Name') with no
    arguments; it must return an nn.Module."""
    where, sep, name = spec.rpartition(":")
    if not sep or not where or not name:
        raise SpecError(_t("{spec}: write package.module:callable or path/to/file.py:Name",
                           spec=repr(spec)))
    if where.endswith(".py") or os.sep in where or "/" in where:
        path = Path(where)
        if not path.is_file():
            raise SpecError(_t("{file}: no such file", file=where))
        module_name = f"netbuilder_import_{abs(hash(path.resolve()))}"
        loader = importlib.util.spec_from_file_location(module_name, path)
        if loader is None or loader.loader is None:
            raise SpecError(_t("{file}: cannot be loaded as Python", file=where))
        module = importlib.util.module_from_spec(loader)
        sys.modules[module_name] = module
        try:
            loader.loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001 - the user's file: say what it raised
            raise SpecError(_t("{file} raised {error}: {message}", file=where,
                               error=type(exc).__name__, message=exc)) from None
    else:
        try:
            module = importlib.import_module(where)
        except ImportError as exc:
            raise SpecError(_t("cannot import {module}: {error}", module=where,
                               error=exc)) from None
    target: Any = module
    for part in name.split("."):
        if not hasattr(target, part):
            raise SpecError(_t("{module} has no {name}", module=where, name=name))
        target = getattr(target, part)
    if not callable(target):
        raise SpecError(_t("{spec} is not callable", spec=spec))
    try:
        model = target()
    except Exception as exc:  # noqa: BLE001 - the user's code
        raise SpecError(_t("{spec}() raised {error}: {message}", spec=spec,
                           error=type(exc).__name__, message=exc)) from None
    if not isinstance(model, nn.Module):
        raise SpecError(_t("{spec}() gave a {type}, not an nn.Module", spec=spec,
                           type=type(model).__name__))
    return model


def parse_shape(text: str) -> list[int]:
    """'3,224,224' (or 3x224x224) as [3, 224, 224]; ValueError says how to write it."""
    parts = [p for p in text.replace("x", ",").replace("×", ",").split(",") if p.strip()]
    if not parts or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise ValueError(_t("input shape {text}: write positive whole numbers, e.g. 3,224,224",
                            text=repr(text)))
    return [int(p) for p in parts]


def guess_input_shape(model: nn.Module) -> list[int] | None:
    """One sample's shape from the first layer, when the user gives none."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            return [m.in_channels, 224, 224]
        if isinstance(m, nn.Conv1d):
            return [m.in_channels, 128]
        if isinstance(m, nn.Linear):
            return [m.in_features]
    return None


def import_model(model: nn.Module, input_shape: list[int], name: str,
                 weights: dict[str, torch.Tensor] | None = None) -> ImportResult:
    """The checked project for `model` on samples of input_shape; ImportFailure if not."""
    graph = import_module(model, tuple(input_shape))
    analysis = analyze(graph)
    if not analysis.ok:
        raise ImportFailure(_t("the imported network does not check: {problem}",
                               problem=analysis.diagnostics[0].message))
    compiled = compile_graph(graph, "Imported", name, analysis)
    with torch.device("meta"):
        rebuilt = compiled.cls()
    ours = {k: tuple(v.shape) for k, v in rebuilt.state_dict().items()}
    theirs = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    if ours != theirs:
        missing = sorted(set(theirs) - set(ours))[:3]
        extra = sorted(set(ours) - set(theirs))[:3]
        raise ImportFailure(_t("the rebuilt network's weights differ from the original's "
                               "(missing {missing}, unexpected {extra})", missing=missing,
                               extra=extra))
    for nid, pos in layered_positions(graph).items():
        graph.move(nid, pos)
    state = None
    if weights is not None:
        problems = weights_problem(theirs, weights)
        if problems:
            raise ImportFailure(_t("the weights do not fit the model: {problem}",
                                   problem=problems))
        state = {k: v.detach().cpu() for k, v in weights.items()}
    return ImportResult(Project(name, graph), model, state)


def read_weights(path: str | os.PathLike[str]) -> dict[str, torch.Tensor]:
    """A state_dict file, read without running any code in it."""
    state = torch.load(Path(path), map_location="cpu", weights_only=True)
    if isinstance(state, nn.Module):  # pragma: no cover - weights_only refuses modules
        state = state.state_dict()
    return dict(state)
