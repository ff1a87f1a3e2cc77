"""The standalone training script from `netbuilder export --train-script`, run for real:
with python on one CPU process and with torchrun on two (DistributedDataParallel, gloo)."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from netbuilder.cli import main
from tests.conftest import EXAMPLES
from tests.training.test_export_formats import import_file

STDLIB = set(sys.stdlib_module_names)
ALLOWED = {"torch", "torchvision", "sklearn", "numpy", "digits_cnn"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The digits CNN's code and training script, in a folder of their own."""
    folder = tmp_path_factory.mktemp("export")
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["export", str(EXAMPLES / "digits.json"), "--code",
                     str(folder / "digits_cnn.py"), "--train-script", str(folder / "train.py")])
    assert code == 0
    return folder


def run_script(folder: Path, *args: str, processes: int = 1) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # no NetBuilder needed
    env["OMP_NUM_THREADS"] = "1"
    if processes == 1:
        command = [sys.executable, "train.py", *args]
    else:
        command = [sys.executable, "-m", "torch.distributed.run", "--standalone",
                   "--nproc_per_node", str(processes), "train.py", *args]
    run = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env,
                         timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def final_weights(folder: Path, out: str) -> dict[str, torch.Tensor]:
    weights: dict[str, torch.Tensor] = torch.load(folder / out / "model.pt", weights_only=True)
    return weights


def test_the_script_imports_only_torch_and_the_dataset_library(exported: Path) -> None:
    tree = ast.parse((exported / "train.py").read_text())
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    assert roots - STDLIB <= ALLOWED
    assert "digits_cnn" in roots and "netbuilder" not in roots


@pytest.mark.torchrun
def test_torchrun_two_processes_trains_the_digits_cnn(exported: Path) -> None:
    """Two epochs, the second after a --resume (the checkpoint is read by rank 0 alone)."""
    first = run_script(exported, "--epochs", "1", "--out", "ddp", processes=2)
    assert "on 2 processes (cpu)" in first.stdout
    run = run_script(exported, "--epochs", "2", "--out", "ddp", "--resume", processes=2)
    assert "after epoch 1" in run.stdout and "epoch 2/2" in run.stdout
    out = exported / "ddp"
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["world_size"] == 2 and [e["epoch"] for e in metrics["epochs"]] == [1, 2]
    assert metrics["epochs"][-1]["val_accuracy"] >= 0.90
    events = list((out / "tensorboard").glob("events.out.tfevents.*"))
    assert len(events) == 2 and all(e.stat().st_size > 0 for e in events)  # one per run
    model = import_file(exported / "digits_cnn.py", "ddp_digits_cnn").DigitsCNN()
    model.load_state_dict(final_weights(exported, "ddp"), strict=True)
    checkpoint = torch.load(out / "checkpoint.pt", weights_only=True)
    assert checkpoint["epoch"] == 2 and {"model", "optimizer", "scheduler"} <= set(checkpoint)


@pytest.mark.torchrun
def test_ddp_with_batch_b_equals_one_process_with_batch_2b(exported: Path) -> None:
    """Plain SGD, one epoch, the same seed and so the same sample order."""
    sgd = ("--optimizer", "SGD", "--lr", "0.05", "--epochs", "1")
    run_script(exported, *sgd, "--batch-size", "16", "--out", "two", processes=2)
    run_script(exported, *sgd, "--batch-size", "32", "--out", "one")
    two, one = final_weights(exported, "two"), final_weights(exported, "one")
    start = import_file(exported / "digits_cnn.py", "start_digits_cnn")
    torch.manual_seed(0)
    initial = start.DigitsCNN().state_dict()
    assert one.keys() == two.keys()
    for name in one:
        assert not torch.allclose(one[name], initial[name])  # it did train
        torch.testing.assert_close(two[name], one[name], rtol=1e-4, atol=1e-5)


def test_resume_continues_from_the_checkpoint(exported: Path) -> None:
    """A run stopped after epoch 1 and resumed to 2 ends where a straight 2-epoch run does."""
    run_script(exported, "--epochs", "2", "--out", "straight")
    run_script(exported, "--epochs", "1", "--out", "resumed")
    resumed = run_script(exported, "--epochs", "2", "--out", "resumed", "--resume")
    assert "resuming from" in resumed.stdout and "after epoch 1" in resumed.stdout
    assert "epoch 1/2" not in resumed.stdout and "epoch 2/2" in resumed.stdout
    metrics = json.loads((exported / "resumed" / "metrics.json").read_text())
    assert [e["epoch"] for e in metrics["epochs"]] == [1, 2]
    straight, again = final_weights(exported, "straight"), final_weights(exported, "resumed")
    for name in straight:
        torch.testing.assert_close(again[name], straight[name], rtol=1e-5, atol=1e-6)


def test_a_project_name_with_quotes_cannot_end_the_scripts_docstring(tmp_path: Path) -> None:
    """A shared project file whose name holds `\"\"\"` and code: the script still parses,
    and the name's code is nowhere outside the docstring."""
    project = json.loads((EXAMPLES / "digits.json").read_text(encoding="utf-8"))
    project["name"] = 'x"""; __import__("os").system("echo INJECTED"); """\\'
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["export", str(path), "--code", str(tmp_path / "evil_net.py"),
                     "--train-script", str(tmp_path / "train.py")])
    assert code == 0
    tree = ast.parse((tmp_path / "train.py").read_bytes())
    docstring = ast.get_docstring(tree) or ""
    assert "INJECTED" in docstring  # the name is shown, as words
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "system"]
    assert calls == []
