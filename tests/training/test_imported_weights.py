"""An imported model with its weights: change the head, train from the imported weights."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import torch

from netbuilder.core.project import load_project, save_project
from netbuilder.training.session import initial_model, make_job, project_weights, run_training
from netbuilder.training.settings import TrainingSettings
from tests.conftest import run_cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lenet_tutorial.py"


def test_fine_tune_from_imported_weights_with_a_new_head(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("lenet_tutorial_w", FIXTURE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(5)
    original = module.Net()
    torch.save(original.state_dict(), tmp_path / "trained.pt")
    out = tmp_path / "lenet.json"
    run = run_cli("import", f"{FIXTURE}:Net", "-o", str(out), "--input-shape", "1,32,32",
                  "--weights", str(tmp_path / "trained.pt"))
    assert run.returncode == 0, run.stdout + run.stderr
    project = load_project(out)
    # a new head: fc2 → 64 features, so fc2 and fc3 get fresh weights
    project.graph.set_param("fc2", "out_features", 64)
    project.graph.set_param("fc3", "in_features", 64)
    project.training = TrainingSettings(dataset="digits", epochs=1).to_dict()
    save_project(project, out)
    job = make_job(load_project(out))
    job = replace(job, initial_state=project_weights(project, tmp_path))
    model, note = initial_model(job)
    assert torch.equal(model.state_dict()["conv1.weight"], original.conv1.weight)
    assert torch.equal(model.state_dict()["fc1.bias"], original.fc1.bias)
    assert model.state_dict()["fc2.weight"].shape == (64, 120)
    assert "new: fc2, fc3" in note
    result = run_training(job)
    assert result.status == "finished", result.message
