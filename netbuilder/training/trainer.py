"""The trainer: the course's loop (zero_grad, forward, loss, backward, step), Qt-free.

Per step it does what a hand-written loop does, plus three cheap things: keep the loss
tensor (read back in one batch at each report, never one `.item()` per step), look at a
plain flag for Stop/Pause, and read the clock to throttle reports. The weights are
checkpointed at each epoch end; a NaN or infinite loss puts the last checkpoint back.
With RunOutputs it also writes TensorBoard events and the last and best checkpoints
(run_files.py), resumes from the last one, and stops early after `patience` epochs
without a better validation loss.
"""

from __future__ import annotations

import math
import time
import traceback
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.core.i18n import _t
from netbuilder.training import metrics
from netbuilder.training.control import Control, Stopped
from netbuilder.training.data import Prepared, decode_predictions
from netbuilder.training.optim import TrainingError, make_loss, make_optimizer, make_scheduler
from netbuilder.training.run_files import ResumeError, RunFiles, RunOutputs, epoch_to_json
from netbuilder.training.samples import first_samples
from netbuilder.training.settings import TrainingSettings

GRID = 24  # validation samples shown with their predictions
CHECKPOINT_EVERY_S = 10.0  # to a file (the CLI's --weights-out); in memory every epoch


@dataclass
class EpochResult:
    epoch: int
    train_loss: float
    val_loss: float | None
    val_accuracy: float | None
    lr: float
    seconds: float  # training and validation, pauses left out
    samples_per_second: float = 0.0  # training only

    def to_json(self) -> dict[str, Any]:
        return {"epoch": self.epoch, "train_loss": _json_num(self.train_loss),
                "val_loss": _json_num(self.val_loss), "val_accuracy": self.val_accuracy,
                "lr": self.lr, "samples_per_second": round(self.samples_per_second, 1)}


@dataclass
class Progress:
    """A report, at most one per report interval: new step losses and finished epochs."""

    epoch: int
    epochs: int
    batch: int  # batches done in this epoch
    batches: int
    step: int  # batches done in all
    total_steps: int
    first_step: int  # the global step of losses[0] (steps count from 1)
    losses: list[float]
    lr: float
    samples_per_second: float
    elapsed: float
    remaining: float | None
    epochs_done: list[EpochResult] = field(default_factory=list)
    done: bool = False


LOSS_GROWTH = 100.0  # a final loss this many times the first one is worth a warning


@dataclass
class TrainResult:
    status: str  # "finished", "stopped" or "failed"
    message: str
    error_kind: str = ""  # network, settings, dataset, mismatch, diverged, memory, error
    epochs: list[EpochResult] = field(default_factory=list)
    samples_per_second: float = 0.0
    model: nn.Module | None = None
    device: str = ""
    classes: list[str] = field(default_factory=list)
    confusion: np.ndarray | None = None
    samples: list[tuple[np.ndarray, int, int]] = field(default_factory=list)  # image, pred, true
    step_losses: array[float] = field(default_factory=lambda: array("d"))
    description: str = ""
    # A few samples as the network saw them (x, target), and what they are in words: the
    # autograd view runs its forward pass on these rather than on random numbers.
    batch: tuple[torch.Tensor, torch.Tensor] | None = None
    batch_source: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def metrics_json(self) -> dict[str, Any]:
        return {"epochs": [e.to_json() for e in self.epochs],
                "samples_per_second": round(self.samples_per_second, 1),
                "status": self.status, "message": self.message, "device": self.device}


def _json_num(v: float | None) -> float | None | str:
    return v if v is None or math.isfinite(v) else str(v)


class Trainer:
    def __init__(self, model: nn.Module, data: Prepared, settings: TrainingSettings, *,
                 device: torch.device | None = None, control: Control | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 report_interval: float = 0.04, checkpoint_path: str | Path | None = None,
                 outputs: RunOutputs | None = None) -> None:
        self.model, self.settings = model, settings
        self.device = device or torch.device("cpu")
        self.data = data.to(self.device)
        self.control = control or Control()
        self.on_progress = on_progress
        self.report_interval = report_interval
        self.checkpoint_path = checkpoint_path
        self.checkpoint: dict[str, torch.Tensor] = {}
        self.checkpoint_epoch = 0
        self.epochs: list[EpochResult] = []
        self.step_losses: array[float] = array("d")
        self._unreported: list[float] = []
        self._unreported_epochs: list[EpochResult] = []
        self._val_pred: torch.Tensor | None = None
        self._val_true: torch.Tensor | None = None
        self._file_saved = 0.0
        self.files = RunFiles(outputs or RunOutputs())
        self.start_epoch = 1
        self.best_loss, self.best_epoch, self.stale = math.inf, 0, 0

    # ---- the run ---------------------------------------------------------------------
    def run(self) -> TrainResult:
        s, model = self.settings, self.model
        torch.manual_seed(s.seed)  # dropout and anything else drawing random numbers
        model.to(self.device).train()
        self.batches = self.data.train.num_batches(s.batch_size)
        self.total_steps = self.batches * s.epochs
        self.criterion = make_loss(s.loss)
        try:
            self.optimizer = make_optimizer(model, s)
            self.epoch_scheduler, self.step_scheduler = make_scheduler(self.optimizer, s,
                                                                       self.batches)
        except TrainingError as exc:
            return TrainResult("failed", str(exc), "settings", model=model,
                               device=str(self.device))
        self.generator = torch.Generator().manual_seed(s.seed)
        try:
            state = self.files.load_last()
            if state is not None:
                self._resume(state)
        except (ResumeError, RuntimeError, ValueError, KeyError, TypeError) as exc:
            return TrainResult("failed", _t("Cannot resume: {error}",
                                            error=str(exc).splitlines()[0]),
                               "settings", model=model, device=str(self.device))
        self._save_checkpoint(self.start_epoch - 1)
        self.step = self._steps_before = (self.start_epoch - 1) * self.batches
        self.samples = 0
        self.train_time = self.active_time = 0.0
        self.epoch = self.batch = 0
        self._epoch_start, self._paused, self._in_epoch = 0.0, 0.0, False
        self._pending: list[torch.Tensor] = []
        self._next_report = time.perf_counter() + self.report_interval
        try:
            self.files.open(self.step + 1 if self.start_epoch > 1 else None)
            status, message, kind = self._loop()
        except Stopped:
            status, message, kind = self._stopped()
        except torch.cuda.OutOfMemoryError:
            status, message, kind = "failed", self._out_of_memory(), "memory"
        except Exception as exc:  # noqa: BLE001 - told in words; the weights stay in the model
            if isinstance(exc, RuntimeError) and "out of memory" in str(exc):  # MPS, cuDNN
                status, message, kind = "failed", self._out_of_memory(), "memory"
            else:
                status, message, kind = "failed", _explain(exc, self.epoch, self.batch), "error"
        if status != "failed" or kind == "diverged":
            self._save_checkpoint(self.checkpoint_epoch, force_file=True)
        self.files.close()
        model.eval()  # handed back ready to predict
        self._report(done=True)
        return self._result(status, message, kind)

    def _loop(self) -> tuple[str, str, str]:
        s = self.settings
        if self.start_epoch > s.epochs:
            return "finished", _t("The checkpoint is at epoch {n} already: nothing to train "
                                  "(raise the epochs to go on)", n=self.start_epoch - 1), ""
        for epoch in range(self.start_epoch, s.epochs + 1):
            self.epoch, self.batch = epoch, 0
            start = self._epoch_start = time.perf_counter()
            self._in_epoch, samples_before = True, self.samples
            outcome = self._train_epoch()
            self._in_epoch = False
            seconds = time.perf_counter() - start - self._paused
            self.train_time += seconds
            if outcome is not None:
                return outcome
            val_loss, val_acc = self._validate()
            if self.control.stopped:
                return self._stopped()
            self.active_time += time.perf_counter() - start - self._paused
            result = EpochResult(epoch, self._epoch_loss, val_loss, val_acc,
                                 self.optimizer.param_groups[0]["lr"],
                                 time.perf_counter() - start - self._paused,
                                 (self.samples - samples_before) / max(seconds, 1e-9))
            self.epochs.append(result)
            self._unreported_epochs.append(result)
            self._save_checkpoint(epoch)
            if self.epoch_scheduler is not None:
                self.epoch_scheduler.step()
            self._epoch_files(result)
            if time.perf_counter() >= self._next_report:
                self._report()
            if s.patience and self.stale >= s.patience and epoch < s.epochs:
                return "finished", _t("Stopped early after epoch {epoch}: the validation loss "
                                      "has not improved for {n} epochs (best {best:.4g} at "
                                      "epoch {at})", epoch=epoch, n=s.patience,
                                      best=self.best_loss, at=self.best_epoch), ""
        last = self.epochs[-1]
        acc = _t(", validation accuracy {acc:.1%}", acc=last.val_accuracy) \
            if last.val_accuracy is not None else ""
        return "finished", _t("Finished {n} epochs: training loss {loss:.4g}{acc}{warning}",
                              n=s.epochs, loss=last.train_loss, acc=acc,
                              warning=self._growth_warning(last.train_loss)), ""

    def _growth_warning(self, final: float) -> str:
        """A warning when the loss ended far above where it began (lr=1e6 still 'finishes'
        with a loss of 1e20, and that must not read as success)."""
        first = self.step_losses[0] if self.step_losses else None
        if first is None or not final > max(abs(first), 1e-12) * LOSS_GROWTH:
            return ""
        lr = self.optimizer.param_groups[0]["lr"]
        return _t(". Warning: the loss grew from {first:.4g} to {final:.4g}: training went the "
                  "wrong way — the learning rate ({lr:g}) is probably too large; try one 10× "
                  "smaller", first=first, final=final, lr=lr)

    def _train_epoch(self) -> tuple[str, str, str] | None:
        """One pass over the training set; an outcome if training must end now."""
        model, optimizer, criterion = self.model, self.optimizer, self.criterion
        control, step_scheduler = self.control, self.step_scheduler
        clock = time.perf_counter
        pending = self._pending
        self._paused = 0.0
        self._epoch_sum, self._epoch_count = 0.0, 0
        batch_size = self.settings.batch_size
        for xb, yb in self.data.train.batches(batch_size, self.generator):
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
            if step_scheduler is not None:
                step_scheduler.step()
            pending.append(loss.detach())
            self.batch += 1
            if control.interrupt:
                self._paused += control.wait_while_paused()
                if control.stopped:
                    return self._flush() or self._stopped()
            if clock() >= self._next_report:
                bad = self._flush()
                if bad:
                    return bad
                self._report()
        return self._flush()

    def _flush(self) -> tuple[str, str, str] | None:
        """Read back the pending losses in one go; a divergence outcome if one is not finite."""
        pending = self._pending
        if not pending:
            return None
        values = torch.stack(pending).tolist()
        first_batch = self.batch - len(values) + 1
        pending.clear()
        total = math.fsum(values)
        if not math.isfinite(total):
            bad = next((i for i, v in enumerate(values) if not math.isfinite(v)), None)
            if bad is not None:
                return self._diverged(values, bad, first_batch)
        self.step_losses.extend(values)
        self._unreported.extend(values)
        self.files.log_steps(self.step + 1, values)
        self._epoch_sum += total
        self._epoch_count += len(values)
        self.step += len(values)
        bs = self.settings.batch_size
        used = min(len(self.data.train), self.batches * bs)  # a last batch of one is left out
        self.samples += min(self.batch * bs, used) - (first_batch - 1) * bs
        return None

    @property
    def _epoch_loss(self) -> float:
        return self._epoch_sum / max(self._epoch_count, 1)

    @torch.no_grad()
    def _validate(self) -> tuple[float | None, float | None]:
        val, decode = self.data.val, self.data.decode
        if val is None or len(val) == 0:
            return None, None
        model, criterion = self.model, self.criterion
        model.eval()
        total = torch.zeros((), device=self.device)
        preds, trues = [], []
        for xb, tb, labels in val.eval_batches(max(self.settings.batch_size, 256)):
            out = model(xb)
            total += criterion(out, tb).float() * len(xb)
            if decode is not None and labels is not None:
                preds.append(decode_predictions(out, decode))
                trues.append(labels)
            if self.control.stopped:
                break
        model.train()
        val_loss = total.item() / len(val)
        if not preds:
            return val_loss, None
        self._val_pred, self._val_true = torch.cat(preds).cpu(), torch.cat(trues).cpu()
        correct = (self._val_pred == self._val_true).sum().item()
        return val_loss, correct / len(self._val_true)

    # ---- outcomes --------------------------------------------------------------------
    def _diverged(self, values: list[float], bad: int, first_batch: int) -> tuple[str, str, str]:
        good = values[:bad]
        self.step_losses.extend(good)
        self._unreported.extend(good)
        self.step += len(good)
        batch = first_batch + bad
        what = "nan" if math.isnan(values[bad]) else _t("infinite")
        self.model.load_state_dict(self.checkpoint)
        kept = _t("the end of epoch {n}", n=self.checkpoint_epoch) if self.checkpoint_epoch \
            else _t("before training")
        lr = self.optimizer.param_groups[0]["lr"]
        return "failed", _t("The loss became {what} at epoch {epoch}, step {step} of {steps} "
                            "(learning rate {lr:g}). Training stopped and the weights from "
                            "{kept} were kept — try a smaller learning rate, or check the data "
                            "for invalid values.", what=what, epoch=self.epoch, step=batch,
                            steps=self.batches, lr=lr, kept=kept), "diverged"

    def _stopped(self) -> tuple[str, str, str]:
        where = _t("epoch {epoch}, step {step}", epoch=self.epoch, step=self.batch) \
            if self.epoch else _t("the start")
        return "stopped", _t("Stopped at {where}; the weights trained so far are kept.",
                             where=where), ""

    def _out_of_memory(self) -> str:
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        bs = self.settings.batch_size
        smaller = _t(" (e.g. {n})", n=max(bs // 2, 1)) if bs > 1 else ""
        return _t("The {device} ran out of memory at epoch {epoch}, step {step} with batch size "
                  "{bs} — try a smaller batch size{smaller}, a smaller network, or the CPU. The "
                  "weights trained so far are kept.", device=self.device.type.upper(),
                  epoch=self.epoch, step=self.batch, bs=bs, smaller=smaller)

    # ---- reporting and checkpoints -----------------------------------------------------
    def _report(self, done: bool = False) -> None:
        now = time.perf_counter()
        self._next_report = now + self.report_interval
        if self.on_progress is None:
            self._unreported.clear()
            self._unreported_epochs.clear()
            return
        current = now - self._epoch_start - self._paused if self._in_epoch else 0.0
        active, train = self.active_time + current, self.train_time + current
        steps = self.step - self._steps_before
        rate = steps / active if active > 0 and steps else 0.0
        remaining = (self.total_steps - self.step) / rate if rate and not done else None
        losses, epochs = self._unreported, self._unreported_epochs
        self._unreported, self._unreported_epochs = [], []
        self.on_progress(Progress(
            self.epoch, self.settings.epochs, self.batch, self.batches, self.step,
            self.total_steps, self.step - len(losses) + 1, losses,
            self.optimizer.param_groups[0]["lr"], self.samples / train if train > 0 else 0.0,
            active, remaining, epochs, done))

    @property
    def samples_per_second(self) -> float:
        return self.samples / self.train_time if self.train_time > 0 else 0.0

    def _save_checkpoint(self, epoch: int, force_file: bool = False) -> None:
        self.checkpoint = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        self.checkpoint_epoch = epoch
        now = time.monotonic()
        if self.checkpoint_path and (force_file or now - self._file_saved > CHECKPOINT_EVERY_S):
            from netbuilder.core.export import save_weights

            save_weights(self.model, self.checkpoint_path)
            self._file_saved = now

    def _epoch_files(self, result: EpochResult) -> None:
        """Best so far, TensorBoard's epoch scalars, and the last (and best) checkpoint."""
        metric = result.val_loss if result.val_loss is not None else result.train_loss
        improved = metric < self.best_loss
        if improved:
            self.best_loss, self.best_epoch, self.stale = metric, result.epoch, 0
        else:
            self.stale += 1
        self.files.log_epoch(result, self.step)
        if self.files.outputs.checkpoint_dir is not None:
            self.files.save(self._state(result.epoch), improved)

    def _state(self, epoch: int) -> dict[str, Any]:
        def sched(s: Any) -> Any:
            return None if s is None else s.state_dict()

        return {"model": self.checkpoint, "optimizer": self.optimizer.state_dict(),
                "epoch_scheduler": sched(self.epoch_scheduler),
                "step_scheduler": sched(self.step_scheduler),
                "generator": self.generator.get_state(), "rng": torch.get_rng_state(),
                "epoch": epoch, "metrics": [epoch_to_json(e) for e in self.epochs],
                "best_loss": self.best_loss, "best_epoch": self.best_epoch,
                "stale": self.stale, "settings": self.settings.to_dict()}

    def _resume(self, state: dict[str, Any]) -> None:
        self.model.load_state_dict(state["model"], strict=True)
        self.optimizer.load_state_dict(state["optimizer"])
        for name in ("epoch_scheduler", "step_scheduler"):
            scheduler = getattr(self, name)
            if scheduler is not None and state.get(name) is not None:
                scheduler.load_state_dict(state[name])
        self.generator.set_state(state["generator"])
        torch.set_rng_state(state["rng"])
        self.epochs = [EpochResult(**{k: e[k] for k in ("epoch", "train_loss", "val_loss",
                                                        "val_accuracy", "lr", "seconds",
                                                        "samples_per_second")})
                       for e in state.get("metrics", [])]
        self.start_epoch = int(state["epoch"]) + 1
        self.best_loss = float(state.get("best_loss", math.inf))
        self.best_epoch, self.stale = int(state.get("best_epoch", 0)), int(state.get("stale", 0))

    def _result(self, status: str, message: str, kind: str) -> TrainResult:
        data = self.data
        result = TrainResult(status, message, kind, list(self.epochs), self.samples_per_second,
                             self.model, str(self.device), data.classes,
                             step_losses=self.step_losses, description=data.description)
        if self._val_pred is not None and self._val_true is not None and data.classes:
            pred, true = self._val_pred.numpy(), self._val_true.numpy()
            result.confusion = metrics.confusion_matrix(pred, true, len(data.classes))
            if data.image_shape is not None and data.val is not None:
                images = metrics.to_images(data.val.samples(GRID).float().numpy(),
                                           data.image_shape)
                result.samples = [(images[i], int(pred[i]), int(true[i]))
                                  for i in range(min(len(images), len(pred)))]
        self._keep_batch(result)
        return result

    def _keep_batch(self, result: TrainResult) -> None:
        found = first_samples(self.data, self.settings)
        if found is not None:
            result.batch, result.batch_source = found


def _explain(exc: BaseException, epoch: int, batch: int) -> str:
    """A failure in words, with the generated line it came from when there is one."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith("<netbuilder:"):
            where = _t(" (generated code, line {n}: {code})", n=frame.lineno,
                       code=(frame.line or "").strip())
            break
    first = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)
    return _t("Training failed at epoch {epoch}, step {step}: {error}{where}. The weights "
              "trained so far are kept.", epoch=epoch, step=batch, error=first, where=where)
