"""Fitting a dataset to a network: sample shape vs. the Input, classes vs. the Output.

Images are resized to the Input's height × width (so the course's 1×32×32 LeNet trains on
the 8×8 digits and on MNIST) and flattened for an Input of one dimension; targets become
what the loss wants. Anything else that does not fit is a DataMismatch whose message
says what to change, before any training starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from netbuilder.core.i18n import N_, _t
from netbuilder.core.losses import CLASSIFICATION_LOSSES, REGRESSION_LOSSES
from netbuilder.core.structural import nodes_with_role, role
from netbuilder.training.data import LoaderSplit, Prepared, TensorSplit, scale_uint8
from netbuilder.training.datasets import PRELOAD_BYTES, DataMismatch, RawData
from netbuilder.training.settings import TrainingSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from netbuilder.core.graph import Graph
    from netbuilder.core.shapes import Analysis

CHUNK = 4096


@dataclass(frozen=True)
class NetworkIO:
    """What a dataset must match: the Input's and the Output's shape per sample."""

    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    last_layer: tuple[str, str] | None = None  # (id, type) of the layer feeding the Output

    def fix_outputs(self, k: int) -> str:
        if self.last_layer and self.last_layer[1] == "Linear":
            return _t("set {node}.out_features to {k}", node=self.last_layer[0], k=k)
        return _t("end the network with a Linear layer with out_features={k}", k=k)


def network_io(graph: Graph, analysis: Analysis) -> NetworkIO:
    """The Input and Output shapes of a checked graph (analysis without problems)."""
    inp = nodes_with_role(graph, "input")[0]
    out = nodes_with_role(graph, "output")[0]
    shape = analysis.nodes[out.id].output_shape
    assert shape is not None, "network_io needs a graph without problems"  # i18n: internal
    edges = graph.in_edges(out.id)
    last = graph.nodes[edges[0].source] if edges else None
    layer = (last.id, last.type) if last is not None and role(last.type) != "input" else None
    return NetworkIO(tuple(inp.params["shape"]), tuple(shape[1:]), layer)


def fit(raw: RawData, net: NetworkIO, settings: TrainingSettings) -> Prepared:
    """The dataset as batches this network and loss can train on, or DataMismatch."""
    loss = settings.loss
    if raw.task == "regression" and loss in CLASSIFICATION_LOSSES:
        raise DataMismatch(_t("{loss} needs class labels, but {data} gives numbers to predict"
                              " — choose {some} or {last}", loss=loss, data=_t(raw.title),
                              some=", ".join(REGRESSION_LOSSES[:-1]),
                              last=REGRESSION_LOSSES[-1]))
    warnings = _warnings(net, loss)
    if raw.dataset is not None:  # read at the Input's size already
        target_fn, decode = _targets(raw, net, loss)
        return _fit_loader(raw, net, settings, target_fn, decode, warnings)
    assert raw.x is not None and raw.y is not None
    notes: list[str] = []
    x, prepare, image_shape = (_fit_images(raw.x, raw.title, net.input_shape, settings.resize,
                                           notes) if raw.image else
                               (_fit_vectors(raw.x, raw.title, net.input_shape), None, None))
    target_fn, decode = _targets(raw, net, loss)  # after the Input: the first thing to fix
    labels = raw.y if raw.task == "classification" else None
    if raw.test is not None:
        tx, tprepare, _ = _fit_images(raw.test[0], raw.title, net.input_shape, settings.resize,
                                      [])
        train = TensorSplit(x, target_fn(raw.y), labels, prepare)
        val: TensorSplit | None = TensorSplit(tx, target_fn(raw.test[1]),
                                              raw.test[1] if labels is not None else None, tprepare)
        notes.append(_t("validation on its own test set"))
    else:
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(settings.seed))
        n_val = round(len(x) * settings.val_split) if settings.val_split > 0 else 0
        if settings.val_split > 0:
            n_val = min(max(n_val, 1), len(x) - 2)
        tr, va = order[n_val:], order[:n_val]
        train = TensorSplit(x[tr], target_fn(raw.y[tr]), None if labels is None else labels[tr],
                            prepare)
        val = TensorSplit(x[va], target_fn(raw.y[va]), None if labels is None else labels[va],
                          prepare) if n_val else None
    text = _t("{data}: {train:,} training and {val:,} validation samples", data=_t(raw.title),
              train=len(train), val=len(val) if val else 0) + "".join(f", {n}" for n in notes)
    return Prepared(raw.title, raw.task, raw.classes, train, val, decode, image_shape, text,
                    warnings)


def _fit_loader(raw: RawData, net: NetworkIO, settings: TrainingSettings,
                target_fn: Callable[[torch.Tensor], torch.Tensor], decode: str | None,
                warnings: list[str]) -> Prepared:
    from torch.utils.data import random_split

    ds = raw.dataset
    n = len(ds)  # type: ignore[arg-type]
    n_val = min(max(round(n * settings.val_split), 1), n - 2) if settings.val_split > 0 else 0
    gen = torch.Generator().manual_seed(settings.seed)
    tr, va = random_split(ds, [n - n_val, n_val], generator=gen)  # type: ignore[arg-type]

    def prepare(xb: torch.Tensor) -> torch.Tensor:
        return xb.mul(2.0).sub_(1.0)

    val = LoaderSplit(va, target_fn, prepare) if n_val else None
    text = _t("{data}: {train:,} training and {val:,} validation images, read from disk",
              data=_t(raw.title), train=n - n_val, val=n_val)
    return Prepared(raw.title, raw.task, raw.classes, LoaderSplit(tr, target_fn, prepare), val,
                    decode, net.input_shape, text, warnings)


def _fit_vectors(x: torch.Tensor, title: str, shape: tuple[int, ...]) -> torch.Tensor:
    if shape != tuple(x.shape[1:]):
        dims = list(x.shape[1:])
        template = N_("{data} gives {n} number per sample, but the Input takes {shape} — set "
                      "the Input shape to {dims}") if dims[0] == 1 else \
            N_("{data} gives {n} numbers per sample, but the Input takes {shape} — set the "
               "Input shape to {dims}")
        raise DataMismatch(_t(template, data=_t(title), n=dims[0], shape=list(shape),
                              dims=dims))
    return x


def _fit_images(x: torch.Tensor, title: str, shape: tuple[int, ...], resize: bool,
                notes: list[str]) -> tuple[torch.Tensor, Any, tuple[int, int, int]]:
    n, c0, h0, w0 = x.shape
    c, h, w = c0, h0, w0
    if len(shape) == 3:
        c, h, w = shape
    elif len(shape) == 2:
        c, (h, w) = 1, shape
    elif len(shape) == 1 and shape[0] != c0 * h0 * w0:  # flat: no resizing (to what?)
        raise DataMismatch(_t("{data} gives {c}×{h}×{w} images = {n} numbers per sample, but "
                              "the Input takes {shape} — set the Input shape to [{c}, {h}, {w}]"
                              " (or [{n}])", data=_t(title), c=c0, h=h0, w=w0,
                              n=c0 * h0 * w0, shape=list(shape)))
    elif len(shape) != 1:
        raise DataMismatch(_t("{data} gives images ({c}×{h}×{w}), but the Input takes {shape}"
                              " — set the Input shape to [{c}, {h}, {w}]", data=_t(title),
                              c=c0, h=h0, w=w0, shape=list(shape)))
    if c != c0:
        template = N_("{data} images have {c0} channel but the Input takes {c} — set the "
                      "Input shape to [{c0}, {h}, {w}]") if c0 == 1 else \
            N_("{data} images have {c0} channels but the Input takes {c} — set the Input "
               "shape to [{c0}, {h}, {w}]")
        raise DataMismatch(_t(template, data=_t(title), c0=c0, c=c, h=h, w=w)
                           + (_t(" or pick a colour set") if c == 3 else ""))
    if (h, w) != (h0, w0):
        if not resize:
            raise DataMismatch(_t("{data} images are {h0}×{w0} but the Input takes {h}×{w} — "
                                  "turn on resizing, or set the Input shape to [{c}, {h0}, {w0}]",
                                  data=_t(title), h0=h0, w0=w0, h=h, w=w, c=c0))
        x = resize_images(x, h, w)
        notes.append(_t("resized {h0}×{w0} → {h}×{w}", h0=h0, w0=w0, h=h, w=w))
    x = x.reshape(n, *shape)
    if x.dtype == torch.uint8:
        if x.numel() * 4 > PRELOAD_BYTES:  # keep bytes; scale each batch as it is used
            return x, scale_uint8, (c, h, w)
        return _chunked(x, scale_uint8), None, (c, h, w)
    return x * 2.0 - 1.0, None, (c, h, w)  # floats in [0, 1] → [-1, 1], as uint8 sets


def resize_images(x: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """N×C×H×W images at h×w (bilinear; antialiased when shrinking), same dtype."""
    import torch.nn.functional as F

    shrink = h < x.shape[2] or w < x.shape[3]

    def one(chunk: torch.Tensor) -> torch.Tensor:
        r = F.interpolate(chunk.float(), size=(h, w), mode="bilinear", align_corners=False,
                          antialias=shrink)
        return r.round_().clamp_(0, 255).to(torch.uint8) if x.dtype == torch.uint8 else r

    return _chunked(x, one)


def _chunked(x: torch.Tensor, fn: Callable[[torch.Tensor], torch.Tensor]) -> torch.Tensor:
    return torch.cat([fn(x[i:i + CHUNK]) for i in range(0, len(x), CHUNK)])


def _targets(raw: RawData, net: NetworkIO, loss: str
             ) -> tuple[Callable[[torch.Tensor], torch.Tensor], str | None]:
    out = net.output_shape
    if raw.task == "regression":
        assert raw.y is not None
        k = raw.y.shape[1]
        if out != (k,):
            template = N_("the Output gives {dims} per sample but {data} has {k} number to "
                          "predict — {fix}") if k == 1 else \
                N_("the Output gives {dims} per sample but {data} has {k} numbers to predict"
                   " — {fix}")
            raise DataMismatch(_t(template, dims=_dims(out), data=_t(raw.title), k=k,
                                  fix=net.fix_outputs(k)))
        return _same, None
    k = len(raw.classes)
    if len(out) != 1:
        raise DataMismatch(_t("the Output gives {dims} per sample, but {loss} on {data} needs "
                              "{k} numbers (one score per class) — add a Flatten and a Linear "
                              "layer with out_features={k} before the Output", dims=_dims(out),
                              loss=loss, data=_t(raw.title), k=k))
    o = out[0]
    if o == k:
        return (_same, "argmax") if loss in ("CrossEntropyLoss", "NLLLoss") else \
            (_one_hot(k), "argmax")
    if o == 1 and k == 2 and loss not in ("CrossEntropyLoss", "NLLLoss"):
        return _column, "logit" if loss == "BCEWithLogitsLoss" else "half"
    two = _t(" (or 1 with BCEWithLogitsLoss)") if k == 2 else ""
    template = N_("the Output gives {o} value per sample but {data} has {k} classes, so it "
                  "needs {k}{two} — {fix}") if o == 1 else \
        N_("the Output gives {o} values per sample but {data} has {k} classes, so it needs "
           "{k}{two} — {fix}")
    raise DataMismatch(_t(template, o=o, data=_t(raw.title), k=k, two=two,
                          fix=net.fix_outputs(k)))


def _same(y: torch.Tensor) -> torch.Tensor:
    return y


def _column(y: torch.Tensor) -> torch.Tensor:
    return y.float().unsqueeze(1)


def _one_hot(k: int) -> Callable[[torch.Tensor], torch.Tensor]:
    def one_hot(y: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.one_hot(y, k).float()

    return one_hot


def _dims(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) + (" value" if shape == (1,) else
                                        " values" if len(shape) == 1 else "")


def _warnings(net: NetworkIO, loss: str) -> list[str]:
    last = net.last_layer[1] if net.last_layer else ""
    if loss == "NLLLoss" and last != "LogSoftmax":
        return [_t("NLLLoss expects log-probabilities: end the network with LogSoftmax(dim=1),"
                   " or use CrossEntropyLoss")]
    if loss == "CrossEntropyLoss" and last in ("Softmax", "LogSoftmax"):
        return [_t("CrossEntropyLoss applies log-softmax itself, so the final {last} slows "
                   "learning — remove it (or use NLLLoss after LogSoftmax)", last=last)]
    if loss == "BCEWithLogitsLoss" and last == "Sigmoid":
        return [_t("BCEWithLogitsLoss applies the sigmoid itself — remove the final Sigmoid")]
    return []
