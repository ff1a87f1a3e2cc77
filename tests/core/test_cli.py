"""The CLI contract: output and exit codes that other tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

from netbuilder.core.project import load_project, save_project
from tests.conftest import run_cli


def test_validate_valid(examples_dir: Path) -> None:
    run = run_cli("validate", str(examples_dir / "lenet.json"))
    assert run.returncode == 0
    assert "conv1    Conv2d             6×28×28" in run.stdout
    assert "LeNet: valid" in run.stdout


def test_validate_invalid_lists_problems_by_node(examples_dir: Path, tmp_path: Path) -> None:
    project = load_project(examples_dir / "lenet_3x3.json")
    project.graph.set_param("fc1", "in_features", 400)
    project.graph.set_param("conv2", "in_channels", 3)
    save_project(project, tmp_path / "bad.json")
    run = run_cli("validate", str(tmp_path / "bad.json"))
    assert run.returncode == 1
    lines = run.stdout.strip().splitlines()
    assert lines == ["conv2 (Conv2d) expects 3 input channels but receives 6 (from pool1) — "
                     "set in_channels to 6"]
    project.graph.set_param("conv2", "in_channels", 6)
    save_project(project, tmp_path / "bad.json")
    run = run_cli("validate", str(tmp_path / "bad.json"))
    assert run.stdout.startswith("fc1 (Linear) expects 400 input features but receives 576")


def test_validate_bad_files_exit_2(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"format": "netbuilder-project", "ver')
    for path in (tmp_path / "missing.json", tmp_path / "broken.json", tmp_path):
        run = run_cli("validate", str(path))
        assert run.returncode == 2
        assert run.stderr.startswith("netbuilder: ") and "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1


def test_summary_json(examples_dir: Path) -> None:
    run = run_cli("summary", str(examples_dir / "lenet.json"), "--json")
    assert run.returncode == 0
    data = json.loads(run.stdout)
    assert data["total_params"] == data["trainable_params"] == 61_706
    first = data["nodes"][1]
    assert first == {"id": "conv1", "type": "Conv2d", "output_shape": [6, 28, 28],
                     "params": 156, "flops": 2 * 6 * 28 * 28 * 25}
    assert data["total_flops"] == sum(n["flops"] for n in data["nodes"])


def test_summary_table(examples_dir: Path) -> None:
    run = run_cli("summary", str(examples_dir / "two_layer_net.json"))
    assert run.returncode == 0 and "Total params: 101,110" in run.stdout


def test_export_code_and_weights(examples_dir: Path, tmp_path: Path) -> None:
    run = run_cli("export", str(examples_dir / "lenet.json"), "--code", str(tmp_path / "m.py"),
                  "--weights", str(tmp_path / "m.pt"), "--class-name", "MyLeNet")
    assert run.returncode == 0, run.stderr
    assert "class MyLeNet(nn.Module):" in (tmp_path / "m.py").read_text()
    assert (tmp_path / "m.pt").stat().st_size > 200_000
    bad = run_cli("export", str(examples_dir / "lenet.json"), "--code", str(tmp_path / "x.py"),
                  "--class-name", "not valid")
    assert bad.returncode == 2 and "--class-name" in bad.stderr


def test_unknown_option_exits_2(examples_dir: Path) -> None:
    assert run_cli("summary", str(examples_dir / "lenet.json"), "--frobnicate").returncode == 2


def test_export_with_junk_weights_exits_2(examples_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "junk.pt").write_bytes(b"not a torch file")
    run = run_cli("export", str(examples_dir / "lenet.json"), "--code", str(tmp_path / "m.py"),
                  "--load-weights", str(tmp_path / "junk.pt"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "junk.pt: not a state_dict that can be loaded safely" in run.stderr
