"""Results a person reads after training: accuracy, the confusion matrix, sample images.

Plain numpy in, plain numpy out, so the GUI can draw them and tests can check them
without torch in the picture.
"""

from __future__ import annotations

import numpy as np

from netbuilder.core.i18n import _t


def confusion_matrix(predicted: np.ndarray, true: np.ndarray, num_classes: int) -> np.ndarray:
    """counts[t, p]: how many samples of true class t were predicted as class p."""
    predicted = np.asarray(predicted, dtype=np.int64).ravel()
    true = np.asarray(true, dtype=np.int64).ravel()
    if predicted.shape != true.shape:
        raise ValueError(f"{len(predicted)} predictions for {len(true)} labels")  # i18n: internal
    flat = true * num_classes + predicted
    return np.bincount(flat, minlength=num_classes * num_classes).reshape(num_classes,
                                                                          num_classes)


def accuracy(confusion: np.ndarray) -> float:
    total = confusion.sum()
    return float(np.trace(confusion) / total) if total else 0.0


def per_class_accuracy(confusion: np.ndarray) -> np.ndarray:
    """Recall per true class (nan for a class with no samples)."""
    rows = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.diag(confusion) / rows


def most_confused(confusion: np.ndarray, classes: list[str], n: int = 3) -> list[str]:
    """The most frequent mistakes, in words: '5 taken for 3 (4×)'."""
    off = confusion.copy()
    np.fill_diagonal(off, 0)
    order = np.argsort(off, axis=None)[::-1][:n]
    out = []
    for flat in order:
        t, p = divmod(int(flat), confusion.shape[1])
        if off[t, p]:
            out.append(_t("{true} taken for {predicted} ({n}×)", true=classes[t],
                          predicted=classes[p], n=off[t, p]))
    return out


def to_images(samples: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Network inputs scaled to [-1, 1] as displayable uint8 images N×H×W×C."""
    if len(shape) == 1:  # a flattened image: guess a square
        side = int(round(np.sqrt(shape[0])))
        shape = (1, side, side) if side * side == shape[0] else (1, 1, shape[0])
    elif len(shape) == 2:
        shape = (1, *shape)
    x = np.asarray(samples, dtype=np.float32).reshape(len(samples), *shape)
    x = np.clip((x + 1.0) * 127.5, 0, 255).round().astype(np.uint8)
    return np.ascontiguousarray(x.transpose(0, 2, 3, 1))


def ema(values: np.ndarray, alpha: float = 0.05, start: float | None = None) -> np.ndarray:
    """Exponential moving average (the smoothed loss curve), continuing from `start`."""
    out = np.empty(len(values), dtype=np.float64)
    acc = start
    for i, v in enumerate(values):
        acc = v if acc is None or not np.isfinite(acc) else acc + alpha * (v - acc)
        out[i] = acc
    return out
