"""What a training run leaves on disk: TensorBoard events, the last and the best checkpoint.

A checkpoint holds everything a resumed run needs to go on as if it had never stopped:
the weights, the optimizer's and the schedulers' states, the generator that shuffles the
batches, the epoch and the metrics so far. `last.pt` is written at each epoch end, and
`best.pt` when the epoch's validation loss (the training loss when there is no validation
set) is the lowest yet. Files are written atomically and load with weights_only=True.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from netbuilder.core.i18n import _t
from netbuilder.core.project import write_atomic

if TYPE_CHECKING:
    from netbuilder.training.trainer import EpochResult

LAST, BEST = "last.pt", "best.pt"


@dataclass(frozen=True)
class RunOutputs:
    """Where a run writes (None: not at all), and whether it resumes from `last.pt`."""

    tensorboard_dir: Path | None = None
    checkpoint_dir: Path | None = None
    resume: bool = False

    @property
    def last(self) -> Path | None:
        return None if self.checkpoint_dir is None else self.checkpoint_dir / LAST

    @property
    def best(self) -> Path | None:
        return None if self.checkpoint_dir is None else self.checkpoint_dir / BEST


def app_run_outputs(run_dir: str, project_file: Path | None, project_name: str,
                    resume: bool = False, stamp: str | None = None) -> RunOutputs:
    """Where a run started in the app writes: RUN_DIR/<project>/<date-time> for its
    TensorBoard events (one folder per run, so TensorBoard shows each run as its own
    curve) and RUN_DIR/<project>/checkpoints for last.pt and best.pt. A relative RUN_DIR
    is taken from the project file's folder (the working folder for an unsaved one)."""
    import re
    import time

    base = Path(run_dir or "runs").expanduser()
    if not base.is_absolute():
        base = (project_file.parent if project_file else Path.cwd()) / base
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", project_name).strip("-.") or "network"
    stamp = stamp or time.strftime("%Y%m%d-%H%M%S")
    return RunOutputs(base / slug / stamp, base / slug / "checkpoints", resume)


class ResumeError(ValueError):
    """A checkpoint that cannot be resumed from; the message says why."""


def epoch_to_json(e: EpochResult) -> dict[str, Any]:
    return {"epoch": e.epoch, "train_loss": e.train_loss, "val_loss": e.val_loss,
            "val_accuracy": e.val_accuracy, "lr": e.lr, "seconds": e.seconds,
            "samples_per_second": e.samples_per_second}


class RunFiles:
    def __init__(self, outputs: RunOutputs) -> None:
        self.outputs = outputs
        self.writer: Any = None

    def open(self, purge_step: int | None = None) -> None:
        """Start the TensorBoard writer; a resumed run drops events logged after its checkpoint."""
        folder = self.outputs.tensorboard_dir
        if folder is not None:
            from torch.utils.tensorboard import SummaryWriter

            folder.mkdir(parents=True, exist_ok=True)
            self.writer = SummaryWriter(str(folder), purge_step=purge_step)
        if self.outputs.checkpoint_dir is not None:
            self.outputs.checkpoint_dir.mkdir(parents=True, exist_ok=True)

    def log_steps(self, first_step: int, losses: list[float]) -> None:
        if self.writer is not None:
            for i, value in enumerate(losses):
                self.writer.add_scalar("loss/step", value, first_step + i)

    def log_epoch(self, e: EpochResult, step: int) -> None:
        """The epoch's numbers at the global step it ended on (one x-axis for all)."""
        if self.writer is None:
            return
        for key in ("train_loss", "val_loss", "val_accuracy", "lr"):
            value = getattr(e, key)
            if value is not None:
                self.writer.add_scalar(f"epoch/{key}", value, step)
        self.writer.flush()

    def save(self, state: dict[str, Any], best: bool) -> None:
        if self.outputs.checkpoint_dir is None:
            return
        buffer = io.BytesIO()
        torch.save(state, buffer)
        data = buffer.getvalue()
        assert self.outputs.last is not None and self.outputs.best is not None
        write_atomic(self.outputs.last, data)
        if best:
            write_atomic(self.outputs.best, data)

    def load_last(self) -> dict[str, Any] | None:
        """The last checkpoint to resume from, or None when there is none yet."""
        path = self.outputs.last
        if not self.outputs.resume or path is None or not path.exists():
            return None
        try:
            state = torch.load(path, map_location="cpu", weights_only=True)
        except Exception:  # noqa: BLE001 - unpickling refusals come in many types
            raise ResumeError(_t("{file}: not a NetBuilder checkpoint that can be loaded "
                                 "safely", file=path)) from None
        if not isinstance(state, dict) or "model" not in state or "epoch" not in state:
            raise ResumeError(_t("{file}: not a NetBuilder checkpoint (no model and epoch)",
                                 file=path))
        return state

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
