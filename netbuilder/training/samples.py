"""A few samples of a project's dataset, as the network sees them: what the autograd view
runs its forward pass on, so that the loss it shows is the loss on real data.

After a run the trainer keeps them (`TrainResult.batch`); before any run they are read
here, for the built-in datasets only — they are at hand offline and load in a moment,
whereas MNIST or a folder of images may need a download or a long read.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import torch

from netbuilder.core.i18n import _t
from netbuilder.training.settings import SettingsError, TrainingSettings

if TYPE_CHECKING:
    from netbuilder.core.graph import Graph
    from netbuilder.training.data import Prepared

SAMPLES = 8
Batch = tuple[torch.Tensor, torch.Tensor]
_cache: dict[str, tuple[Batch, str]] = {}  # the last few, by settings and network ends


def first_samples(data: Prepared, settings: TrainingSettings,
                  n: int = SAMPLES) -> tuple[Batch, str] | None:
    """The first n validation samples (training ones if there is no validation split)
    and what they are in words: "8 validation samples of Digits"."""
    validation = data.val is not None and len(data.val) > 0
    split = data.val if data.val is not None and validation else data.train
    if len(split) == 0:
        return None
    xb, tb, _ = next(iter(split.eval_batches(n)))
    info = settings.info  # "Digits", "MNIST"; a file's or folder's own name
    # The title without what follows in brackets: "Digits (scikit-learn, 8×8)", "手写数字（…）"
    name = re.split(r" \(|（", _t(info.title))[0] if info.source in ("builtin", "torchvision") \
        else data.title
    words = _t("{n} validation samples of {data}", n=len(xb), data=name) if validation else \
        _t("{n} training samples of {data}", n=len(xb), data=name)
    return (xb.detach().cpu(), tb.detach().cpu()), words


def project_samples(graph: Graph, training: dict[str, Any] | None) -> tuple[Batch, str] | None:
    """Samples of the project's built-in dataset fitted to this graph; None when the
    settings, the graph or the data do not allow it (the caller falls back to random)."""
    from netbuilder.core.shapes import analyze
    from netbuilder.training.datasets import DataMismatch, DatasetError, load_dataset
    from netbuilder.training.fitting import fit, network_io

    try:
        settings = TrainingSettings.from_dict(training)
    except SettingsError:
        return None
    if settings.info.source != "builtin":
        return None
    analysis = analyze(graph)
    if not analysis.ok:
        return None
    net = network_io(graph, analysis)
    key = json.dumps([training, net.input_shape, net.output_shape], sort_keys=True, default=str)
    if key not in _cache:
        try:
            data = fit(load_dataset(settings, net.input_shape), net, settings)
        except (DatasetError, DataMismatch):
            return None
        found = first_samples(data, settings)
        if found is None:
            return None
        if len(_cache) >= 4:
            _cache.pop(next(iter(_cache)))
        _cache[key] = found
    return _cache[key]
