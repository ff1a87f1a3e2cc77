"""What each convolution sees: activation maps and filters for one sample, and the
prediction with its class probabilities.

Forward hooks on the compiled model's convolution modules (their attribute is the node
id, as in the generated code) record each one's output for a single sample; the filters
are the modules' own weights. The sample is taken from the dataset of the training
settings, fitted to the network exactly as training fits it (training/fitting.py), so
a LeNet on the 8×8 digits sees them resized to its 32×32 Input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.core.graph import Graph
from netbuilder.core.i18n import _t
from netbuilder.core.shapes import analyze
from netbuilder.training.data import LoaderSplit, Prepared
from netbuilder.training.datasets import load_dataset
from netbuilder.training.fitting import fit, network_io
from netbuilder.training.settings import TrainingSettings


@dataclass
class ConvMaps:
    node_id: str
    type: str
    maps: np.ndarray  # C_out×H×W: the layer's output for the sample
    filters: np.ndarray | None  # C_out×C_in×k×k: its weights


@dataclass
class FeatureMaps:
    image: np.ndarray  # the sample as the network receives it, C×H×W
    label: int | None
    layers: list[ConvMaps] = field(default_factory=list)
    probabilities: np.ndarray | None = None  # one per class, summing to 1
    classes: list[str] = field(default_factory=list)

    @property
    def predicted(self) -> int | None:
        return None if self.probabilities is None else int(self.probabilities.argmax())


def conv_nodes(graph: Graph) -> list[str]:
    """The ids of the convolution layers, in the order data reaches them."""
    order = analyze(graph).order
    return [nid for nid in order if graph.registry[graph.nodes[nid].type].category
            == "convolution"]


@dataclass
class Sample:
    x: torch.Tensor  # 1×(Input shape)
    label: int | None
    classes: list[str]


def load_sample(graph: Graph, settings: TrainingSettings, index: int = 0) -> Sample:
    """Sample `index` of the validation split (the training split if there is none),
    fitted to the network's Input as training fits it."""
    analysis = analyze(graph)
    raw = load_dataset(settings, _input_shape(graph))
    prepared: Prepared = fit(raw, network_io(graph, analysis), settings)
    split = prepared.val or prepared.train
    index = index % len(split)
    if isinstance(split, LoaderSplit):
        x, label = split.dataset[index]
        x = x.unsqueeze(0)
    else:
        x = split.x[index:index + 1]
        label = None if split.labels is None else split.labels[index]
    if split.prepare is not None:
        x = split.prepare(x)
    return Sample(x.float(), None if label is None else int(label), prepared.classes)


def _input_shape(graph: Graph) -> tuple[int, ...]:
    from netbuilder.core.structural import nodes_with_role

    return tuple(nodes_with_role(graph, "input")[0].params["shape"])


def feature_maps(model: nn.Module, graph: Graph, sample: Sample) -> FeatureMaps:
    """Run `model` on the sample once and keep every convolution's maps and filters."""
    layers: list[ConvMaps] = []
    handles = []

    def keep(node_id: str, module: nn.Module) -> Any:
        def hook(_m: nn.Module, _args: Any, output: Any) -> None:
            weight = getattr(module, "weight", None)
            filters = weight.detach().cpu().numpy().copy() if weight is not None else None
            layers.append(ConvMaps(node_id, type(module).__name__,
                                   output.detach()[0].cpu().numpy().copy(), filters))
        return hook

    for node_id in conv_nodes(graph):
        module = getattr(model, node_id, None)
        if isinstance(module, nn.Module):
            handles.append(module.register_forward_hook(keep(node_id, module)))
    if not handles:
        raise ValueError(_t("the network has no convolution layer to show"))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            device = next((p.device for p in model.parameters()), torch.device("cpu"))
            output = model(sample.x.to(device))
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)
    probabilities = None
    if output.dim() == 2 and sample.classes and output.shape[1] == len(sample.classes):
        probabilities = torch.softmax(output[0].float(), 0).cpu().numpy()
    return FeatureMaps(sample.x[0].cpu().numpy(), sample.label, layers, probabilities,
                       list(sample.classes))
