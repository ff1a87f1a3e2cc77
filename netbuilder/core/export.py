"""Export: the generated code as a .py file and the weights as a state_dict file.

Both load back in a plain Python with only torch installed:
    model = LeNet(); model.load_state_dict(torch.load("lenet.pt", weights_only=True))
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import torch
from torch import nn

from netbuilder.core.compiler import Compiled
from netbuilder.core.i18n import _t
from netbuilder.core.project import write_atomic


def export(compiled: Compiled, code_path: str | os.PathLike[str],
           weights_path: str | os.PathLike[str] | None = None,
           model: nn.Module | None = None, transform: str = "") -> None:
    """Write the source the model was built from and, if asked, the model's weights.

    `transform` (source of the preprocessing the training used, from
    training/preprocess.py) goes after the class, before the `__main__` block."""
    write_atomic(code_path, with_transform(compiled.source, transform).encode("utf-8"))
    if weights_path is not None:
        save_weights(model if model is not None else compiled.build(seed=0), weights_path)


def with_transform(source: str, transform: str) -> str:
    if not transform:
        return source
    main = source.find('\nif __name__ == "__main__":')  # i18n: code
    block = transform.strip("\n") + "\n\n"
    if main < 0:
        return source.rstrip("\n") + "\n\n\n" + block
    return source[:main + 1] + block + "\n" + source[main + 1:]


def save_weights(model: nn.Module, path: str | os.PathLike[str]) -> None:
    write_atomic(path, weights_bytes(model))


def weights_bytes(model: nn.Module) -> bytes:
    """The model's state_dict as torch.save writes it, every tensor on the CPU."""
    buffer = io.BytesIO()
    torch.save({k: v.detach().cpu() for k, v in model.state_dict().items()}, buffer)
    return buffer.getvalue()


def weights_problem(expected: dict[str, tuple[int, ...]], state: dict[str, Any]) -> str:
    """Why `state` cannot be loaded into a model whose state_dict has the shapes
    `expected`, in words (PyTorch's own "Error(s) in loading state_dict" is English and
    many lines long), or "" when it fits."""
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor)
                                              for v in state.values()):
        return _t("the file is not a state_dict (a mapping of names to tensors)")
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        return _t("missing keys {missing}, unexpected keys {unexpected}", missing=missing[:3],
                  unexpected=unexpected[:3])
    for key, shape in expected.items():
        if tuple(state[key].shape) != shape:
            return _t("{key} has shape {shape}, the model wants {wanted}", key=key,
                      shape=tuple(state[key].shape), wanted=shape)
    return ""


def load_weights(model: nn.Module, path: str | os.PathLike[str]) -> None:
    """Load a state_dict saved by NetBuilder or by hand (never unpickles arbitrary objects)."""
    try:
        state = torch.load(Path(path), map_location="cpu", weights_only=True)
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - unpickling refusals come in many types
        # torch's own message advises weights_only=False, which is how code runs on load.
        raise ValueError(_t("{file}: not a state_dict that can be loaded safely (torch.save "
                            "of model.state_dict()); the file is damaged or holds other "
                            "objects", file=path)) from None
    if not isinstance(state, dict):
        raise ValueError(_t("{file}: not a state_dict (found {found})", file=path,
                            found=type(state).__name__))
    problem = weights_problem({k: tuple(v.shape) for k, v in model.state_dict().items()}, state)
    if problem:
        raise ValueError(_t("{file}: the weights do not fit this network: {problem}",
                            file=path, problem=problem))
    model.load_state_dict(state, strict=True)
