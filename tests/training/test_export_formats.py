"""`netbuilder export` in every format, from the same weights: ONNX and the torch.export
program give the exported code's outputs, for a batch size other than the traced one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from netbuilder.cli import main
from netbuilder.core.project import load_project, save_project
from tests.conftest import EXAMPLES

BATCH = 5  # the export traces with 2 samples


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`netbuilder export ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(["export", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def import_file(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_onnx(path: Path, x: np.ndarray) -> np.ndarray:
    try:
        import onnxruntime as ort
    except ImportError:  # the reference evaluator that ships with onnx
        import onnx
        from onnx.reference import ReferenceEvaluator

        return ReferenceEvaluator(onnx.load(str(path))).run(None, {"input": x})[0]
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"input": x})[0]


@pytest.mark.parametrize(("example", "class_name"), [
    ("lenet", "LeNet"), ("residual_add", "ResidualBlock"), ("concat_branches", "ConcatBranches")])
def test_onnx_and_program_equal_the_exported_code(example: str, class_name: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    trained = tmp_path / "trained.pt"
    project = load_project(EXAMPLES / f"{example}.json")
    from netbuilder.core.compiler import compile_graph
    from netbuilder.core.export import save_weights

    # "Trained" weights that differ from any seeded init, so the files must carry them.
    model = compile_graph(project.graph, class_name).build(seed=123)
    save_weights(model, trained)
    out = {k: tmp_path / f"{example}.{k}" for k in ("py", "pt", "onnx", "pt2")}
    code, printed, err = export(capsys, str(EXAMPLES / f"{example}.json"), "--class-name",
                          class_name, "--code", str(out["py"]), "--weights", str(out["pt"]),
                          "--onnx", str(out["onnx"]), "--exported-program", str(out["pt2"]),
                          "--load-weights", str(trained))
    assert code == 0, err
    assert printed.startswith("wrote ") and printed.count("\n") == 1  # exporters kept quiet
    assert all(p.stat().st_size > 0 for p in out.values())

    code = import_file(out["py"], f"exported_{example}")
    reference = getattr(code, class_name)()
    reference.load_state_dict(torch.load(out["pt"], weights_only=True), strict=True)
    reference.eval()
    for name, tensor in model.state_dict().items():
        assert torch.equal(reference.state_dict()[name], tensor)
    shape = project.graph.nodes["input"].params["shape"]
    x = torch.randn(BATCH, *shape, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = reference(x)

    got = run_onnx(out["onnx"], x.numpy())
    assert got.shape == tuple(expected.shape)
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-4, atol=1e-5)

    program = torch.export.load(out["pt2"]).module()
    with torch.no_grad():
        torch.testing.assert_close(program(x), expected, rtol=1e-5, atol=1e-6)


def test_a_format_that_cannot_hold_the_network_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Flatten(start_dim=0) folds the batch into the features: no dynamic batch axis."""
    from netbuilder.core.graph import Edge, Graph, Node
    from netbuilder.core.project import Project

    g = Graph()
    g.add_node(Node("input", "Input", {"shape": [3]}))
    g.add_node(Node("flat", "Flatten", {"start_dim": 0}))
    g.add_node(Node("fc", "Linear", {"in_features": 6, "out_features": 2}))
    g.add_node(Node("output", "Output", {}))
    for a, b in (("input", "flat"), ("flat", "fc"), ("fc", "output")):
        g.add_edge(Edge(a, b))
    save_project(Project("Batch folded", g), tmp_path / "folded.json")
    for flag, what in (("--onnx", "ONNX"), ("--exported-program", "torch.export")):
        code, out, err = export(capsys, str(tmp_path / "folded.json"), "--code",
                                str(tmp_path / "m.py"), flag, str(tmp_path / "out.bin"))
        assert code == 1, err
        lines = out.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{what} cannot hold this network: ")
        assert not (tmp_path / "out.bin").exists() and not (tmp_path / "m.py").exists()


def test_export_options_that_cannot_work_exit_2(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    lenet = str(EXAMPLES / "lenet.json")
    code, _, err = export(capsys, lenet)
    assert code == 2 and "nothing to export" in err
    code, _, err = export(capsys, lenet, "--train-script", str(tmp_path / "train.py"))
    assert code == 2 and "--code" in err
    assert not (tmp_path / "train.py").exists()
