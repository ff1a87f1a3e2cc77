"""Batches for the trainer: tensors held in memory for small sets, a DataLoader otherwise.

`TensorSplit.batches` does exactly what a hand-written loop over preloaded tensors does (a
random permutation per epoch, one index per batch), so the trainer's hot loop costs no
more than the course's own loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch

Batch = tuple[torch.Tensor, torch.Tensor]
EvalBatch = tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]


def num_batches(n: int, batch_size: int) -> int:
    """Batches per epoch; a last batch of one sample is left out (BatchNorm refuses it)."""
    full, rest = divmod(n, batch_size)
    return full + (1 if rest > 1 or (rest == 1 and full == 0) else 0)


def scale_uint8(x: torch.Tensor) -> torch.Tensor:
    """uint8 pixels 0..255 as floats in [-1, 1] (the course's Normalize(0.5, 0.5))."""
    return x.float().mul_(2.0 / 255.0).sub_(1.0)


class TensorSplit:
    """Samples, the targets the loss wants, and (for classification) the class labels."""

    def __init__(self, x: torch.Tensor, targets: torch.Tensor, labels: torch.Tensor | None = None,
                 prepare: Callable[[torch.Tensor], torch.Tensor] | None = None) -> None:
        self.x, self.targets, self.labels, self.prepare = x, targets, labels, prepare

    def __len__(self) -> int:
        return len(self.x)

    def to(self, device: torch.device) -> TensorSplit:
        labels = None if self.labels is None else self.labels.to(device)
        return TensorSplit(self.x.to(device), self.targets.to(device), labels, self.prepare)

    def num_batches(self, batch_size: int) -> int:
        return num_batches(len(self.x), batch_size)

    def batches(self, batch_size: int, generator: torch.Generator) -> Iterator[Batch]:
        """Shuffled batches, as many as num_batches."""
        x, t, prepare = self.x, self.targets, self.prepare
        perm = torch.randperm(len(x), generator=generator)
        if x.device.type != "cpu":
            perm = perm.to(x.device, non_blocking=True)
        for i in range(self.num_batches(batch_size)):
            idx = perm[i * batch_size:(i + 1) * batch_size]
            xb = x[idx]
            yield (xb if prepare is None else prepare(xb)), t[idx]

    def eval_batches(self, batch_size: int) -> Iterator[EvalBatch]:
        for i in range(0, len(self.x), batch_size):
            xb = self.x[i:i + batch_size]
            labels = None if self.labels is None else self.labels[i:i + batch_size]
            yield (xb if self.prepare is None else self.prepare(xb)), \
                self.targets[i:i + batch_size], labels

    def samples(self, n: int) -> torch.Tensor:
        """The first n samples as the network sees them (for the validation grid)."""
        xb = self.x[:n]
        return (xb if self.prepare is None else self.prepare(xb)).detach().cpu()


class LoaderSplit:
    """A torch Dataset of (sample, class label) read batch by batch through a DataLoader.

    Workers default to none: forking worker processes from a GUI process that runs threads
    is unsafe on some platforms; the CLI may ask for more."""

    def __init__(self, dataset: Any, target_fn: Callable[[torch.Tensor], torch.Tensor],
                 prepare: Callable[[torch.Tensor], torch.Tensor] | None = None,
                 device: torch.device | None = None, workers: int = 0) -> None:
        self.dataset, self.target_fn, self.prepare = dataset, target_fn, prepare
        self.device, self.workers = device, workers
        self.labels: torch.Tensor | None = None  # not held: read while evaluating

    def __len__(self) -> int:
        return len(self.dataset)

    def to(self, device: torch.device) -> LoaderSplit:
        return LoaderSplit(self.dataset, self.target_fn, self.prepare, device, self.workers)

    def num_batches(self, batch_size: int) -> int:
        return num_batches(len(self.dataset), batch_size)

    def _loader(self, batch_size: int, generator: torch.Generator | None) -> Any:
        from torch.utils.data import DataLoader

        pin = self.device is not None and self.device.type == "cuda"
        return DataLoader(self.dataset, batch_size=batch_size, shuffle=generator is not None,
                          generator=generator, num_workers=self.workers, pin_memory=pin,
                          persistent_workers=False, drop_last=len(self.dataset) % batch_size == 1)

    def batches(self, batch_size: int, generator: torch.Generator) -> Iterator[Batch]:
        prepare = self.prepare
        for xb, yb in self._loader(batch_size, generator):
            xb, yb = xb.to(self.device, non_blocking=True), yb.to(self.device, non_blocking=True)
            yield (xb if prepare is None else prepare(xb)), self.target_fn(yb)

    def eval_batches(self, batch_size: int) -> Iterator[EvalBatch]:
        for xb, yb in self._loader(batch_size, None):
            xb, yb = xb.to(self.device), yb.to(self.device)
            yield (xb if self.prepare is None else self.prepare(xb)), self.target_fn(yb), yb

    def samples(self, n: int) -> torch.Tensor:
        xb = torch.stack([self.dataset[i][0] for i in range(min(n, len(self.dataset)))])
        return xb if self.prepare is None else self.prepare(xb)


Split = TensorSplit | LoaderSplit


@dataclass
class Prepared:
    """A dataset fitted to one network and loss: what the trainer runs on."""

    title: str
    task: str  # "classification" or "regression"
    classes: list[str]
    train: Split
    val: Split | None
    decode: str | None  # outputs → classes: "argmax", "logit" (>0), "half" (>0.5); None
    image_shape: tuple[int, ...] | None  # C×H×W of a sample when the data are images
    description: str = ""
    warnings: list[str] = field(default_factory=list)

    def to(self, device: torch.device) -> Prepared:
        val = None if self.val is None else self.val.to(device)
        return Prepared(self.title, self.task, self.classes, self.train.to(device), val,
                        self.decode, self.image_shape, self.description, self.warnings)


def decode_predictions(out: torch.Tensor, decode: str) -> torch.Tensor:
    """Class predictions from a batch of network outputs."""
    if decode == "argmax":
        return out.argmax(1)
    threshold = 0.0 if decode == "logit" else 0.5
    return (out.reshape(len(out), -1)[:, 0] > threshold).long()
