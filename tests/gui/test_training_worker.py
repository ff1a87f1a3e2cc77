"""The background worker: progress arrives (throttled), Pause holds, Stop ends at once."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import torch

from netbuilder.gui.training.worker import REPORT_INTERVAL, TrainingRunner
from tests.training.conftest import one_torch_thread  # noqa: F401 - autouse fixture
from tests.training.test_trainer import job_for, weights

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_progress_arrives_and_stop_keeps_the_weights(qtbot: QtBot, torch_loaded: None) -> None:
    runner = TrainingRunner()
    job = job_for("digits", epochs=1000)
    initial = weights(job.compiled.build(seed=0))
    with qtbot.waitSignal(runner.progress, timeout=90_000) as first:
        runner.start(job)
    report = first.args[0]
    assert report.step >= 1 and report.total_steps == 45 * 1000 and report.epochs == 1000
    with qtbot.waitSignal(runner.finished, timeout=20_000) as done:  # Stop: within one batch
        runner.stop()
    result = done.args[0]
    assert result.status == "stopped" and not runner.running
    trained = weights(result.model)
    assert any(not torch.equal(initial[k], trained[k]) for k in initial)


def test_progress_is_throttled(qtbot: QtBot, torch_loaded: None) -> None:
    runner = TrainingRunner()
    reports = []
    runner.progress.connect(reports.append)
    start = time.perf_counter()
    with qtbot.waitSignal(runner.finished, timeout=60_000):
        runner.start(job_for("digits", epochs=6, batch_size=8))
    seconds = time.perf_counter() - start
    assert 1 <= len(reports) <= seconds / REPORT_INTERVAL + 2  # a few dozen a second at most
    steps = sum(len(r.losses) for r in reports)
    assert steps == reports[-1].step == 6 * 180 and reports[-1].done


def test_pause_holds_and_resume_goes_on(qtbot: QtBot, torch_loaded: None) -> None:
    runner = TrainingRunner()
    with qtbot.waitSignal(runner.progress, timeout=30_000):
        runner.start(job_for("digits", epochs=1000))
    runner.pause()
    qtbot.wait(500)  # the pause takes hold after the current batch
    while_paused = []
    runner.progress.connect(while_paused.append)
    qtbot.wait(500)
    assert while_paused == [] and runner.paused
    with qtbot.waitSignal(runner.progress, timeout=30_000):
        runner.resume()
    with qtbot.waitSignal(runner.finished, timeout=5_000) as done:
        runner.stop()
    assert done.args[0].status == "stopped"


def test_shutdown_joins_the_thread(qtbot: QtBot, torch_loaded: None) -> None:
    runner = TrainingRunner()
    with qtbot.waitSignal(runner.progress, timeout=30_000):
        runner.start(job_for("digits", epochs=1000))
    result = runner.shutdown()
    assert result is not None and result.status == "stopped" and not runner.running

