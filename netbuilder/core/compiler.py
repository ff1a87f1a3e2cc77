"""Turn generated source into a live nn.Module class: the one path from graph to module.

The source is compiled under a named linecache key, as torch.fx does, so a traceback
from inside forward() shows the generated line rather than '<string>'.
"""

from __future__ import annotations

import hashlib
import linecache
from dataclasses import dataclass

import torch
from torch import nn

from netbuilder.core.codegen import generate_source
from netbuilder.core.graph import Graph
from netbuilder.core.shapes import Analysis, analyze


@dataclass(frozen=True)
class Compiled:
    cls: type[nn.Module]
    source: str
    filename: str
    analysis: Analysis

    def build(self, seed: int | None = None) -> nn.Module:
        """A fresh instance; with a seed, the same initial weights every time."""
        if seed is None:
            return self.cls()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            return self.cls()

    def copy_of(self, model: nn.Module) -> nn.Module | None:
        """A new instance holding a CPU copy of `model`'s weights, or None when they do not
        fit this class (the graph changed since it was trained). A view runs the copy, so
        the trained model can be exported or saved meanwhile, and it is never hooked or
        switched between train and eval behind the owner's back."""
        state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}
        with torch.device("meta"):  # no random init: the weights come from `model`
            net = self.cls()
        net = net.to_empty(device="cpu")
        try:
            net.load_state_dict(state, strict=True)
        except RuntimeError:
            return None
        return net


def compile_source(source: str, class_name: str) -> tuple[type[nn.Module], str]:
    digest = hashlib.sha1(source.encode()).hexdigest()[:12]
    filename = f"<netbuilder:{class_name}:{digest}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, object] = {"__name__": f"netbuilder_generated_{digest}"}
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own generated code
    cls = namespace[class_name]
    assert isinstance(cls, type) and issubclass(cls, nn.Module)
    return cls, filename


def compile_graph(graph: Graph, class_name: str = "Net", title: str = "",
                  analysis: Analysis | None = None) -> Compiled:
    """Check, generate and compile; raises CompileError listing problems if invalid."""
    analysis = analysis or analyze(graph)
    source = generate_source(graph, class_name, title, analysis)
    cls, filename = compile_source(source, class_name)
    return Compiled(cls, source, filename, analysis)
