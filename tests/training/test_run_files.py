"""The app's own training on disk: TensorBoard events, last and best checkpoints, resume,
and early stopping — through `netbuilder train` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from netbuilder.cli import main
from tests.training.conftest import EXAMPLES

DIGITS = str(EXAMPLES / "digits.json")


def scalars(folder: Path) -> dict[str, list[tuple[int, float]]]:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(str(folder))
    acc.Reload()
    return {tag: [(e.step, e.value) for e in acc.Scalars(tag)] for tag in acc.Tags()["scalars"]}


def test_train_tensorboard_writes_event_files(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    board = tmp_path / "runs" / "digits"
    (tmp_path / "runs").mkdir()
    assert main(["train", DIGITS, "--epochs", "2", "--tensorboard", str(board)]) == 0
    capsys.readouterr()
    assert list(board.glob("events.out.tfevents.*"))
    logged = scalars(board)
    accuracy = logged["epoch/val_accuracy"]
    assert len(accuracy) == 2 and 0.5 < accuracy[-1][1] <= 1.0
    steps = logged["loss/step"]
    assert [s for s, _ in steps] == list(range(1, len(steps) + 1))
    assert accuracy[-1][0] == len(steps)  # the epoch's numbers at the step it ended on


def test_checkpoints_and_resume_end_where_a_straight_run_ends(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    straight, resumed = tmp_path / "straight.pt", tmp_path / "resumed.pt"
    ckpt = tmp_path / "ckpt"
    assert main(["train", DIGITS, "--epochs", "2", "--weights-out", str(straight)]) == 0
    assert main(["train", DIGITS, "--epochs", "1", "--checkpoint-dir", str(ckpt)]) == 0
    assert (ckpt / "last.pt").exists() and (ckpt / "best.pt").exists()
    first = torch.load(ckpt / "last.pt", weights_only=True)
    assert first["epoch"] == 1 and {"optimizer", "generator"} <= set(first)
    capsys.readouterr()
    assert main(["train", DIGITS, "--epochs", "2", "--checkpoint-dir", str(ckpt), "--resume",
                 "--weights-out", str(resumed), "--tensorboard", str(tmp_path / "tb")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("epoch 2/2")  # epoch 1 was not trained again
    a, b = torch.load(straight, weights_only=True), torch.load(resumed, weights_only=True)
    for name in a:
        torch.testing.assert_close(b[name], a[name], rtol=1e-5, atol=1e-6)
    last = torch.load(ckpt / "last.pt", weights_only=True)
    assert last["epoch"] == 2 and [m["epoch"] for m in last["metrics"]] == [1, 2]
    best = torch.load(ckpt / "best.pt", weights_only=True)
    assert best["epoch"] == last["best_epoch"]


def test_resume_needs_a_checkpoint_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", DIGITS, "--resume"]) == 2
    assert "--checkpoint-dir" in capsys.readouterr().err


def test_early_stopping_after_patience_epochs(capsys: pytest.CaptureFixture[str]) -> None:
    """A learning rate too small to change a float32 weight: the loss never improves."""
    code = main(["train", DIGITS, "--epochs", "10", "--patience", "2", "--optimizer", "SGD",
                 "--lr", "1e-12"])
    out = capsys.readouterr()
    assert code == 0
    assert len(out.out.strip().splitlines()) == 3  # epoch 1 sets the best; 2 and 3 do not beat it
    assert "Stopped early after epoch 3" in out.err and "best" in out.err
