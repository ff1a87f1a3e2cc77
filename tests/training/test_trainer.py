"""The trainer on real data: it learns, it is deterministic, it stops and fails in words."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
import torch
from torch import nn

from netbuilder.core.export import export, load_weights
from netbuilder.core.shapes import analyze
from netbuilder.training.control import Control
from netbuilder.training.datasets import load_dataset
from netbuilder.training.fitting import fit, network_io
from netbuilder.training.session import TrainingJob, make_job, run_training
from netbuilder.training.settings import TrainingSettings
from netbuilder.training.trainer import Progress, Trainer
from tests.training.conftest import example, mlp


def job_for(project_name: str, **changes: object) -> TrainingJob:
    project = example(project_name)
    settings = TrainingSettings.from_dict(project.training).with_changes(**changes)
    return make_job(project, settings)


def weights(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def test_digits_example_reaches_90_percent_within_5_epochs() -> None:
    job = make_job(example("digits"))
    assert job.settings.epochs <= 5 and job.settings.seed == 0
    result = run_training(job)
    assert result.status == "finished", result.message
    assert max(e.val_accuracy for e in result.epochs) >= 0.90
    assert result.epochs[-1].val_accuracy >= 0.90
    assert result.confusion is not None and result.confusion.sum() == 359
    assert len(result.samples) == 24 and result.samples[0][0].shape == (8, 8, 1)


def test_course_lenet_trains_on_digits_resized_to_32x32() -> None:
    result = run_training(job_for("lenet", epochs=3))
    assert result.status == "finished", result.message
    losses = [e.train_loss for e in result.epochs]
    assert losses[-1] < losses[0]
    assert result.epochs[-1].val_accuracy > 0.3  # well above chance (0.1) after 3 epochs
    assert "resized 8×8 → 32×32" in result.description


def test_same_seed_same_run_other_seed_other_run() -> None:
    project = mlp([2], 16, 2, training={"dataset": "moons", "epochs": 2, "optimizer": "Adam",
                                        "batch_size": 32})
    runs = [run_training(make_job(project, TrainingSettings.from_dict(
        {**project.training, "seed": seed}))) for seed in (4, 4, 5)]
    assert list(runs[0].step_losses) == list(runs[1].step_losses)
    assert list(runs[0].step_losses) != list(runs[2].step_losses)


def test_nan_loss_stops_names_epoch_and_step_and_keeps_good_weights() -> None:
    job = job_for("digits", optimizer="SGD", lr=1e6, epochs=3)
    before = weights(job.compiled.build(seed=job.settings.seed))
    result = run_training(job)
    assert result.status == "failed" and result.error_kind == "diverged"
    assert "The loss became nan at epoch 1, step" in result.message
    assert "weights from before training were kept" in result.message
    after = weights(result.model)
    assert all(torch.equal(before[k], after[k]) for k in before)  # the last good ones
    assert all(torch.isfinite(v).all() for v in after.values())


def test_stop_ends_at_once_and_keeps_the_trained_weights() -> None:
    job = job_for("digits", epochs=1000)
    initial = weights(job.compiled.build(seed=0))
    control = Control()
    reports: list[Progress] = []

    def on_progress(p: Progress) -> None:
        reports.append(p)
        if p.step >= 10:
            control.stop()

    result = run_training(job, control=control, on_progress=on_progress, report_interval=0)
    assert result.status == "stopped" and "weights trained so far are kept" in result.message
    assert reports[-1].done and reports[-1].step < 20  # at most one batch after Stop
    trained = weights(result.model)
    assert any(not torch.equal(initial[k], trained[k]) for k in initial)


def test_progress_is_throttled_and_complete() -> None:
    reports: list[Progress] = []
    result = run_training(job_for("digits", epochs=3), on_progress=reports.append,
                          report_interval=3600)
    assert len(reports) == 1 and reports[0].done  # the interval allows only the last one
    assert [e.epoch for e in reports[0].epochs_done] == [1, 2, 3]
    assert reports[0].losses == list(result.step_losses) and reports[0].first_step == 1


@pytest.mark.parametrize(("optimizer", "scheduler"), [
    ("SGD", "StepLR"), ("Adam", "OneCycleLR"), ("AdamW", "CosineAnnealingLR"),
    ("RMSprop", "none"), ("Adagrad", "OneCycleLR"),
])
def test_every_optimizer_and_scheduler_trains(optimizer: str, scheduler: str) -> None:
    project = mlp([2], 16, 2)
    settings = TrainingSettings(dataset="xor", optimizer=optimizer, scheduler=scheduler, lr=0.01,
                                momentum=0.9 if optimizer == "SGD" else 0.0, epochs=3,
                                step_size=1, gamma=0.5, batch_size=50)
    result = run_training(make_job(project, settings))
    assert result.status == "finished", result.message
    lrs = [e.lr for e in result.epochs]
    if scheduler == "StepLR":
        assert lrs == pytest.approx([0.01, 0.005, 0.0025])
    if scheduler == "CosineAnnealingLR":
        assert lrs[0] == 0.01 and lrs[-1] < lrs[0]


@pytest.mark.parametrize(("loss", "out", "last", "dataset"), [
    ("BCEWithLogitsLoss", 1, None, "moons"),
    ("NLLLoss", 2, "LogSoftmax", "moons"),
    ("MSELoss", 2, None, "moons"),
    ("L1Loss", 1, None, "regression"),
    ("SmoothL1Loss", 1, None, "regression"),
])
def test_every_loss_trains(loss: str, out: int, last: str | None, dataset: str) -> None:
    shape = [1] if dataset == "regression" else [2]
    settings = TrainingSettings(dataset=dataset, loss=loss, optimizer="Adam", epochs=4,
                                batch_size=32)
    result = run_training(make_job(mlp(shape, 16, out, last), settings))
    assert result.status == "finished", result.message
    assert result.epochs[-1].train_loss < result.epochs[0].train_loss
    if dataset == "moons":
        assert result.epochs[-1].val_accuracy > 0.75


def test_exported_code_with_exported_weights_predicts_the_same(tmp_path: Path) -> None:
    job = job_for("digits", epochs=1)
    result = run_training(job)
    code, pt = tmp_path / "digits_cnn.py", tmp_path / "digits_cnn.pt"
    export(job.compiled, code, pt, result.model)
    spec = importlib.util.spec_from_file_location("digits_cnn", code)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exported = getattr(module, job.compiled.cls.__name__)()
    exported.load_state_dict(torch.load(pt, weights_only=True))
    exported.eval()
    net = network_io(example("digits").graph, job.compiled.analysis)
    data = fit(load_dataset(job.settings, net.input_shape), net, job.settings)
    x = data.val.x
    with torch.no_grad():
        ours, theirs = result.model(x), exported(x)
    assert torch.equal(ours.argmax(1), theirs.argmax(1))
    torch.testing.assert_close(ours, theirs)
    again = job.compiled.build()
    load_weights(again, pt)  # core's loader takes the same file


def test_checkpoint_file_is_written(tmp_path: Path) -> None:
    path = tmp_path / "ckpt.pt"
    result = run_training(job_for("digits", epochs=1), checkpoint_path=path)
    state = torch.load(path, weights_only=True)
    assert set(state) == set(result.model.state_dict())


class _OutOfMemory(nn.Module):
    """A model whose forward fails as a GPU does when the batch does not fit."""

    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(2, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")


def test_out_of_memory_suggests_a_smaller_batch() -> None:
    project = mlp([2], 4, 2)
    settings = TrainingSettings(dataset="moons", batch_size=256)
    net = network_io(project.graph, analyze(project.graph))
    data = fit(load_dataset(settings, net.input_shape), net, settings)
    result = Trainer(_OutOfMemory(), data, settings).run()
    assert result.status == "failed" and result.error_kind == "memory"
    assert "ran out of memory at epoch 1, step 0 with batch size 256" in result.message
    assert "smaller batch size (e.g. 128)" in result.message


def test_a_network_without_weights_says_so() -> None:
    from netbuilder.core.graph import Edge, Graph, Node
    from netbuilder.core.project import Project

    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [2]}))
    g.add_node(Node("act", "Tanh", {}))
    g.add_node(Node("output", "Output", {}))
    g.add_edge(Edge("input", "act"))
    g.add_edge(Edge("act", "output"))
    result = run_training(make_job(Project("NoWeights", g), TrainingSettings(dataset="moons")))
    assert result.status == "failed" and "no weights to train" in result.message


def test_failures_before_training_come_back_as_results(tmp_path: Path) -> None:
    missing = run_training(job_for("lenet", dataset="mnist", data_path=str(tmp_path),
                                   download=False))
    assert missing.status == "failed" and missing.error_kind == "dataset"
    mismatch = run_training(job_for("lenet", dataset="moons"))
    assert mismatch.error_kind == "mismatch" and "set the Input shape to [2]" in mismatch.message
    assert math.isfinite(mismatch.samples_per_second)
