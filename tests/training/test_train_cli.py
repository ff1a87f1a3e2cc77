"""`netbuilder train`: one line per epoch, metrics JSON, weights, and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from netbuilder.cli import main
from netbuilder.core.project import save_project
from tests.training.conftest import EXAMPLES, example


def test_train_prints_epochs_and_writes_metrics_and_weights(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics, weights = tmp_path / "m.json", tmp_path / "w.pt"
    code = main(["train", str(EXAMPLES / "digits.json"), "--epochs", "2", "--lr", "0.005",
                 "--metrics-out", str(metrics), "--weights-out", str(weights)])
    out = capsys.readouterr()
    assert code == 0, out.err
    lines = out.out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("epoch 1/2  train_loss ")
    assert "val_accuracy" in lines[1] and "samples/s" in lines[1]
    data = json.loads(metrics.read_text())
    assert [e["epoch"] for e in data["epochs"]] == [1, 2]
    assert set(data["epochs"][0]) >= {"epoch", "train_loss", "val_loss", "val_accuracy"}
    assert data["samples_per_second"] > 0 and data["settings"]["lr"] == 0.005
    state = torch.load(weights, weights_only=True)
    assert "conv1.weight" in state


def test_invalid_network_exits_1_naming_the_layer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = example("lenet")
    project.graph.set_param("fc1", "in_features", 500)
    save_project(project, tmp_path / "bad.json")
    assert main(["train", str(tmp_path / "bad.json")]) == 1
    assert "fc1 (Linear) expects 500" in capsys.readouterr().out


def test_incompatible_dataset_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", str(EXAMPLES / "regression.json"), "--dataset", "digits"]) == 1
    assert "set the Input shape to [1, 8, 8]" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["--lr", "-1"],
    ["--epochs", "0"],
    ["--dataset", "mnist", "--no-download", "--data-path", "{tmp}"],
    ["--weights-out", "{tmp}/no/such/folder/w.pt"],
])
def test_bad_options_exit_2(args: list[str], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["train", str(EXAMPLES / "lenet.json"), *args]) == 2
    assert capsys.readouterr().err.strip()


def test_bad_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", str(tmp_path / "missing.json")]) == 2
    (tmp_path / "bad.json").write_text('{"format": "netbuilder-project", "version": 1, '
                                       '"nodes": [], "training": {"lr": "fast"}}')
    assert main(["train", str(tmp_path / "bad.json")]) == 2
    assert "lr must be a number" in capsys.readouterr().err


def test_unknown_choice_is_refused_by_the_parser() -> None:
    with pytest.raises(SystemExit) as info:
        main(["train", str(EXAMPLES / "lenet.json"), "--optimizer", "adamw"])
    assert info.value.code == 2


def test_diverging_run_exits_1_and_still_writes_metrics(tmp_path: Path) -> None:
    metrics = tmp_path / "m.json"
    code = main(["train", str(EXAMPLES / "digits.json"), "--lr", "1e6", "--optimizer", "SGD",
                 "--metrics-out", str(metrics)])
    assert code == 1
    data = json.loads(metrics.read_text())
    assert data["status"] == "failed" and "nan" in data["message"]
