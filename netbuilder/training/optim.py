"""The settings' names made real: device, loss, optimizer and learning-rate scheduler."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from netbuilder.core.i18n import _t
from netbuilder.training.settings import TrainingSettings


class TrainingError(ValueError):
    """Settings that PyTorch cannot honour here (no GPU, nothing to train, ...)."""


def resolve_device(name: str) -> torch.device:
    """'auto' picks CUDA, then Apple's MPS, then the CPU; a GPU asked for must exist."""
    mps = getattr(torch.backends, "mps", None)
    has_mps = bool(mps and mps.is_available())
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps" if has_mps else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise TrainingError(_t("device cuda was chosen, but PyTorch sees no usable NVIDIA GPU "
                               "here (torch.cuda.is_available() is False) — choose auto or cpu"))
    if name == "mps" and not has_mps:
        raise TrainingError(_t("device mps was chosen, but there is no Apple GPU (MPS) here — "
                               "choose auto or cpu"))
    return torch.device(name)


def make_loss(name: str) -> nn.Module:
    loss: nn.Module = getattr(nn, name)()
    return loss


def make_optimizer(model: nn.Module, s: TrainingSettings) -> torch.optim.Optimizer:
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise TrainingError(_t("the network has no weights to train — add a layer such as "
                               "Linear or Conv2d"))
    opt = torch.optim
    if s.optimizer == "SGD":
        return opt.SGD(params, lr=s.lr, momentum=s.momentum, nesterov=s.nesterov,
                       weight_decay=s.weight_decay)
    if s.optimizer == "RMSprop":
        return opt.RMSprop(params, lr=s.lr, momentum=s.momentum, weight_decay=s.weight_decay)
    cls = {"Adam": opt.Adam, "AdamW": opt.AdamW, "Adagrad": opt.Adagrad}[s.optimizer]
    made: torch.optim.Optimizer = cls(params, lr=s.lr, weight_decay=s.weight_decay)
    return made


def make_scheduler(optimizer: torch.optim.Optimizer, s: TrainingSettings, steps_per_epoch: int
                   ) -> tuple[Any, Any]:
    """(stepped once per epoch, stepped once per batch); either may be None."""
    sched = torch.optim.lr_scheduler
    if s.scheduler == "StepLR":
        return sched.StepLR(optimizer, step_size=s.step_size, gamma=s.gamma), None
    if s.scheduler == "CosineAnnealingLR":
        return sched.CosineAnnealingLR(optimizer, T_max=s.epochs), None
    if s.scheduler == "OneCycleLR":
        cycles = s.optimizer in ("Adam", "AdamW") or (
            s.optimizer in ("SGD", "RMSprop") and s.momentum > 0)
        return None, sched.OneCycleLR(optimizer, max_lr=s.lr, cycle_momentum=cycles,
                                      total_steps=max(s.epochs * steps_per_epoch, 1))
    return None, None
